/**
 * Pure value parsers mirroring what HAProxy 2.6 accepts (measured with `haproxy -c`):
 * times (`parse_time_err`: digits + optional unit, no decimals, ≤ 2^31-1 ms), sizes, ports and
 * listener/server addresses (`str2sa_range`). Each returns undefined when valid, or a reason.
 */

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };
const MAX_TIMER_MS = 2147483647;

/** A HAProxy time value; `defaultUnit` is ms unless the keyword says otherwise. */
export function checkTime(value: string, defaultUnitMs = 1): string | undefined {
  // Nearly every time is a few digits and a unit: read it by char codes (no regex, no match
  // array); anything else takes the regular expression below, which words the reasons.
  const len = value.length;
  let i = 0;
  let num = 0;
  for (; i < len && i < 10; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    num = num * 10 + (c - 48);
  }
  if (i > 0 && i < 10) {
    const rest = len - i;
    const u0 = rest > 0 ? value.charCodeAt(i) : 0;
    const u1 = rest > 1 ? value.charCodeAt(i + 1) : 0;
    const factor = rest === 0 ? defaultUnitMs
      : rest === 1 ? (u0 === 115 /* s */ ? 1000 : u0 === 109 /* m */ ? 60000 : u0 === 104 /* h */ ? 3600000 : u0 === 100 /* d */ ? 86400000 : -1)
        : rest === 2 && u1 === 115 /* s */ ? (u0 === 109 /* ms */ ? 1 : u0 === 117 /* us */ ? 0.001 : -1) : -1;
    if (factor >= 0) return num * factor > MAX_TIMER_MS ? 'too large (the maximum is about 24.8 days)' : undefined;
  }
  const m = /^(\d+)([a-z]*)$/i.exec(value);
  if (!m) return /^\d+\.\d/.test(value) ? 'decimals are not allowed' : 'not a number with a time unit';
  // Units are case-sensitive in HAProxy (`5S` is refused).
  const unit = m[2];
  const factor = unit === '' ? defaultUnitMs : TIME_UNITS[unit];
  if (factor === undefined) return `unknown unit '${m[2]}'`;
  if (Number(m[1]) * factor > MAX_TIMER_MS) return 'too large (the maximum is about 24.8 days)';
  return undefined;
}

/**
 * A time HAProxy accepts with only a warning: a valid unit followed by more text (`5sec`,
 * `10m30s`): parse_time_err warns "unexpected character … after the timer value" and uses the
 * leading part. Returns the severity and explanation to report instead of an error.
 */
export function timeLeniency(value: string): { sev: 'warning'; extra: string } | undefined {
  const m = /^(\d+(?:us|ms|[smhd]))(.+)$/.exec(value);
  if (!m) return undefined;
  return { sev: 'warning', extra: ` HAProxy only reads '${m[1]}' and warns about the rest ('${m[2]}').` };
}

/** A size such as 16k, 1m, 100 (k/m/g, case-insensitive). */
export function checkSize(value: string): string | undefined {
  return /^\d+[kmg]?$/i.test(value) ? undefined : 'not a size';
}

export function isInteger(value: string): boolean {
  const c = value.charCodeAt(0);
  return isDigits(c === 43 || c === 45 /* + - */ ? value.slice(1) : value);
}

/** `/^\d+$/` without a regex (these run for most values of most lines). */
export function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** "80", "80-90" (ranges only where allowed); returns a reason or undefined. */
export function checkPortSpec(spec: string, allowRange: boolean, allowZero: boolean): string | undefined {
  if (spec === '') return 'the port is missing';
  const parts = spec.split('-');
  if (parts.length > 2) return 'not a port or port range';
  if (parts.length === 2 && !allowRange) return 'a port range is not allowed here';
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return `'${p}' is not a number`;
    const n = Number(p);
    if (n > 65535 || (n === 0 && !allowZero)) return `${p} is out of range`;
  }
  if (parts.length === 2 && Number(parts[0]) > Number(parts[1])) return 'the range is reversed';
  return undefined;
}

// str2sa_range's families at each release tag; newer ones apply from the version that added them.
const STREAM_PREFIXES = new Set(['ip', 'ipv4', 'ipv6', 'tcp', 'tcp4', 'tcp6', 'mptcp', 'mptcp4', 'mptcp6', 'unix', 'abns', 'abnsz', 'fd', 'sockpair', 'uxst', 'rhttp']);
/** First HAProxy version accepting a family or socket-type prefix (src/tools.c at each tag). */
const PREFIX_SINCE: Readonly<Record<string, string>> = {
  'quic+': '2.8', rhttp: '2.9', abnsz: '3.1', mptcp: '3.1', mptcp4: '3.1', mptcp6: '3.1',
};

function tooNew(prefix: string, version: string | undefined): boolean {
  const since = PREFIX_SINCE[prefix];
  return !!since && !!version && Number(version) < Number(since);
}
const DGRAM_PREFIXES = new Set(['udp', 'udp4', 'udp6', 'uxdg', 'quic4', 'quic6']);

export interface AddressProblem {
  /** Which part is wrong: the port (→ invalid-port) or the rest (→ invalid-address). */
  kind: 'port' | 'address';
  /** HAProxy may accept it (only a warning). */
  warning?: true;
  reason: string;
}

export interface AddressRules {
  /** Listener (bind): port mandatory, ranges allowed, 0 refused. Server: port optional, +/- offsets allowed. */
  role: 'bind' | 'server' | 'peer';
  /** Target version (`2.6` …): families added later are refused for older targets. */
  version?: string;
}

/**
 * One address as `str2sa_range` reads it: `[prefix@]host[:port]`, `/path`, `[v6]:port`,
 * bare IPv6 where the port follows the last colon. Host names are accepted (resolved at start).
 */
export const OUT_OF_RANGE_QUAD = 'a dotted IPv4 address has parts from 0 to 255, and no resolver turns this into an address';

/**
 * `300.1.1.1`: four decimal parts, one above 255. Neither an IPv4 address nor a name DNS
 * resolves, so HAProxy refuses it (2.6.12: "invalid address", "could not resolve address").
 * Leading zeros (octal for inet_aton) and shorter forms (`127.1`) are left alone.
 */
export function isOutOfRangeQuad(host: string): boolean {
  return isOutOfRangeQuadIn(host, 0, host.length);
}

/** `isOutOfRangeQuad(text.slice(from, to))` without the slice (every server line's address is read). */
export function isOutOfRangeQuadIn(text: string, from: number, to: number): boolean {
  // Four parts of 1 to 3 digits, read by char codes (this runs for every address).
  let parts = 0;
  let digits = 0;
  let value = 0;
  let leadingZero = false;
  let above = false;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
      if (digits === 1 && c === 48) leadingZero = true;
      value = value * 10 + (c - 48);
      continue;
    }
    if (c !== 46 /* . */ || digits === 0 || ++parts > 4) return false;
    // `0` alone is fine, `010` is octal for inet_aton: such forms are left alone.
    if (leadingZero && digits > 1) return false;
    if (value > 255) above = true;
    digits = 0;
    value = 0;
    leadingZero = false;
  }
  return parts === 4 && above;
}

/**
 * Whether `raw` is a plain `host:port` (or `host`, `:port`) that `checkAddress` accepts, decided
 * by char codes: most addresses are, and they then cost no regex, split or slice. False means
 * "not decided here" (the full reading below gives the answer and its reason).
 */
function plainAddressOk(raw: string, role: AddressRules['role']): boolean {
  return plainAddressOkIn(raw, 0, raw.length, role);
}

/** `plainAddressOk(text.slice(from, to), role)` without the slice (a plain line's address read in place). */
export function plainAddressOkIn(text: string, from: number, to: number, role: AddressRules['role']): boolean {
  let colon = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */) colon = i;
    else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95)) return false;
  }
  // Only one colon (IPv6 and anything else go the long way).
  if (colon >= 0 && text.indexOf(':', from) !== colon) return false;
  if (role !== 'server' && isOutOfRangeQuadIn(text, from, colon < 0 ? to : colon)) return false;
  if (colon < 0) return role === 'server';
  const digits = to - colon - 1;
  if (digits === 0) return role === 'server';
  if (digits > 5) return false;
  let port = 0;
  for (let i = colon + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    port = port * 10 + (c - 48);
  }
  return port <= 65535 && (port > 0 || role !== 'bind');
}

export function checkAddress(raw: string, rules: AddressRules): AddressProblem | undefined {
  if (plainAddressOk(raw, rules.role)) return undefined;
  // `stream+`, `dgram+`, `quic+` force the socket type before the family: `quic+127.0.0.1:443`.
  const socketType = /^(stream|dgram|quic)\+/i.exec(raw);
  if (socketType && tooNew(`${socketType[1].toLowerCase()}+`, rules.version)) {
    return { kind: 'address', reason: `'${socketType[0]}' needs HAProxy ${PREFIX_SINCE[`${socketType[1].toLowerCase()}+`]} or later` };
  }
  let addr = socketType ? raw.slice(socketType[0].length) : raw;
  const at = addr.indexOf('@');
  let prefix = '';
  if (at >= 0 && !addr.startsWith('/')) {
    prefix = addr.slice(0, at).toLowerCase();
    addr = addr.slice(at + 1);
    if (prefix !== '' && !STREAM_PREFIXES.has(prefix) && !DGRAM_PREFIXES.has(prefix) && !/^[a-z0-9]+\+[a-z0-9@]+$/.test(prefix)) {
      return { kind: 'address', reason: `'${prefix}@' is not a known address family (ipv4@, ipv6@, unix@, abns@, fd@, sockpair@ …)` };
    }
    if (tooNew(prefix, rules.version)) return { kind: 'address', reason: `'${prefix}@' needs HAProxy ${PREFIX_SINCE[prefix]} or later` };
    // `rhttp@<backend>/<server>` on bind lines, bare `rhttp@` on servers (reverse HTTP).
    if (prefix === 'rhttp') return undefined;
    if (prefix === 'unix' || prefix === 'abns' || prefix === 'abnsz' || prefix === 'uxst' || prefix === 'uxdg') return addr === '' ? { kind: 'address', reason: 'the socket path is missing' } : undefined;
    if (prefix === 'fd' || prefix === 'sockpair') return /^\d+$/.test(addr) ? undefined : { kind: 'address', reason: 'a file descriptor number is expected after the prefix' };
  }
  if (addr.startsWith('/')) return undefined;
  let host: string;
  let port: string | undefined;
  if (addr.startsWith('[')) {
    const close = addr.indexOf(']');
    if (close < 0) return { kind: 'address', reason: "the '[' of the IPv6 address is not closed" };
    host = addr.slice(1, close);
    const after = addr.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return { kind: 'address', reason: "only ':port' may follow ']'" };
    port = after === '' ? undefined : after.slice(1);
  } else {
    const colon = addr.lastIndexOf(':');
    if (colon < 0) {
      host = addr;
      port = undefined;
    } else {
      host = addr.slice(0, colon);
      port = addr.slice(colon + 1);
    }
  }
  if (host !== '' && host !== '*' && !/^[A-Za-z0-9_.:-]+$/.test(host)) {
    return { kind: 'address', reason: `'${host}' is not an IP address or host name` };
  }
  // Servers are judged with their `init-addr`/`resolvers` context (serverAddressChecks.ts).
  if (rules.role !== 'server' && isOutOfRangeQuad(host)) return { kind: 'address', reason: OUT_OF_RANGE_QUAD };
  if (rules.role === 'bind') {
    if (port === undefined) return { kind: 'port', reason: 'a listening address needs a port, e.g. :80 or 127.0.0.1:8080' };
    if (/^[+-]/.test(port)) return { kind: 'port', reason: 'port offsets are not allowed on bind lines' };
    const r = checkPortSpec(port, true, false);
    return r ? { kind: 'port', reason: r } : undefined;
  }
  // A peer without port: refused for the local peer ("missing port specification"), accepted
  // for a remote one (haproxy -c 2.6.12); which one is local (host name) is unknown here.
  if (port === undefined || port === '') return rules.role === 'peer' && port === undefined ? { kind: 'port', reason: 'a port is required for the local peer, and a remote peer without one cannot be reached', warning: true } : undefined;
  const p = /^[+-]/.test(port) ? port.slice(1) : port;
  const r = checkPortSpec(p, false, true);
  return r ? { kind: 'port', reason: r } : undefined;
}
