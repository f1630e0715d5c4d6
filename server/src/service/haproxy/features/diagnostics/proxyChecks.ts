/**
 * The "missing timeouts" check, following HAProxy 2.6's rule (cfgparse.c,
 * check_config_validity): in tcp or http mode, a proxy with frontend capability needs
 * `timeout client`; one with backend capability *and servers* needs `timeout connect` and
 * `timeout server` (in tcp mode `timeout tunnel` can stand in for `timeout server`).
 * Values are inherited from the defaults section the proxy uses: the last `defaults` above
 * it, or the one named by `from` (a `defaults` inherits only through `from`). A zero timeout
 * counts as missing.
 */
import type { Section } from '../../parser/model';
import { lowerCase } from '../../parser/statement';
import { DefaultsChain } from './defaultsChain';
import type { CheckContext } from './reporter';

/**
 * The four timeouts the rule reads, as bits (why: a Map per proxy was ≈ 0.3 MB of every new
 * 20k-line validation, and no other timeout name matters here).
 */
const T_CLIENT = 1;
const T_CONNECT = 2;
const T_SERVER = 4;
const T_TUNNEL = 8;
function timeoutBit(name: string): number {
  switch (name) {
    case 'client': return T_CLIENT;
    case 'connect': return T_CONNECT;
    case 'server': return T_SERVER;
    case 'tunnel': return T_TUNNEL;
    default: return 0;
  }
}

interface ProxySettings {
  mode?: string;
  /** Timeouts the section (or what it inherits) sets, zero or not; the last line of each name wins. */
  timeoutsSet: number;
  /** Of those, the ones set to a non-zero value (or to a value only known later). */
  timeoutsOn: number;
  /** Line of the last `timeout` statement (where new ones are inserted). */
  lastTimeoutLine?: number;
  /** The section has a `server` or `server-template` line. */
  hasServers?: boolean;
}

/**
 * A section's own settings depend on nothing but the section, and the parser reuses the
 * Section objects of unchanged sections, so they are read once per Section (not mutated after).
 */
const ownSettings = new WeakMap<Section, ProxySettings>();

function readSettings(section: Section): ProxySettings {
  let out = ownSettings.get(section);
  if (out) return out;
  // Every field set from the start: one object shape for all sections.
  out = { mode: undefined, timeoutsSet: 0, timeoutsOn: 0, lastTimeoutLine: undefined, hasServers: false };
  const body = section.body;
  for (let k = 0; k < body.length; k++) {
    const st = body[k];
    // The keyword first: only `mode` and `timeout` lines build their words.
    const w0 = st.keyword;
    if (w0 === 'server' || w0 === 'server-template') out.hasServers = true;
    if (w0 !== 'mode' && w0 !== 'timeout') continue;
    // One or two words read (`words[1]`, `values[2]`), no arrays of the line's words.
    if (st.tokenCount < 2) continue;
    const w1 = lowerCase(st.valueAt(1)!);
    if (w0 === 'mode') out.mode = w1;
    else {
      // A value we cannot read (buildout/env) is assumed to be set; only a literal 0 unsets.
      const bit = timeoutBit(w1);
      if (bit !== 0) {
        out.timeoutsSet |= bit;
        if (/^0+(ms|s|m|h|d|us)?$/i.test(st.valueAt(2) ?? '')) out.timeoutsOn &= ~bit;
        else out.timeoutsOn |= bit;
      }
      out.lastTimeoutLine = st.line;
    }
  }
  ownSettings.set(section, out);
  return out;
}

function merge(own: ProxySettings, inherited?: ProxySettings): ProxySettings {
  if (!inherited) return own;
  // The section's own value of a timeout wins over the inherited one.
  const timeoutsSet = own.timeoutsSet | inherited.timeoutsSet;
  const timeoutsOn = own.timeoutsOn | (inherited.timeoutsOn & ~own.timeoutsSet);
  return { mode: own.mode ?? inherited.mode, timeoutsSet, timeoutsOn, lastTimeoutLine: own.lastTimeoutLine };
}

export function checkTimeouts(cc: CheckContext): void {
  const chain = new DefaultsChain<ProxySettings | undefined>(undefined);
  for (const section of cc.doc.sections) {
    if (section.kind === 'defaults') {
      // Without `from`, a defaults section starts afresh: HAProxy resets every setting there
      // (2.6.12 warns about missing timeouts after a second `defaults` that sets none).
      chain.end(section, merge(readSettings(section), chain.start(section)));
      continue;
    }
    if (section.kind !== 'frontend' && section.kind !== 'backend' && section.kind !== 'listen') continue;
    const defaults = chain.start(section);
    const own = readSettings(section);
    const mode = own.mode ?? defaults?.mode ?? 'tcp';
    if (mode !== 'tcp' && mode !== 'http') continue;
    const fe = section.kind !== 'backend';
    const be = section.kind !== 'frontend';
    const hasServers = own.hasServers === true;
    // Own value first, else the inherited one (as a merge would give, without building it).
    const on = own.timeoutsOn | (defaults ? defaults.timeoutsOn & ~own.timeoutsSet : 0);
    const needed = (fe ? T_CLIENT : 0) | (be && hasServers ? T_CONNECT | (mode === 'http' || (on & T_TUNNEL) === 0 ? T_SERVER : 0) : 0);
    if ((needed & ~on) === 0) continue;
    const missing: string[] = [];
    if ((needed & ~on & T_CLIENT) !== 0) missing.push('client');
    if ((needed & ~on & T_CONNECT) !== 0) missing.push('connect');
    if ((needed & ~on & T_SERVER) !== 0) missing.push('server');
    const name = section.name ?? section.header.tokens[0];
    const list = missing.map((m) => `'timeout ${m}'`).join(', ').replace(/, ([^,]*)$/, ' and $1');
    const indent = indentOf(section);
    cc.report('missingTimeout', section.header.line, name.start, name.end, { kind: section.kind, mode, missing: list }, {
      timeouts: missing,
      insertAfterLine: own.lastTimeoutLine ?? section.header.line,
      indent,
    });
  }
}

/** The defaults section a `defaults`/proxy header names with `from` (undefined: none). */
function indentOf(section: Section): string {
  const first = section.body.find((st) => st.tokens.length > 0);
  return first ? ' '.repeat(first.indent) : '    ';
}
