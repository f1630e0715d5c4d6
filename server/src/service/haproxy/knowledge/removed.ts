/**
 * Keywords HAProxy no longer accepts, or accepts while discouraging them, with the version
 * that removed/deprecated them and what to write instead. Versions come from HAProxy's
 * alert texts and the commits that removed the keywords (see shared haproxy-facts.md §6);
 * the advice sentences are this project's own.
 *
 * Not listed: `mailers`. HAProxy 3.3 stopped sending e-mail alerts natively, but the section
 * and `email-alert …` keywords remain valid (the bundled Lua mailers script does the sending),
 * so flagging them would be a false error; the section summary explains the change.
 */
import type { RemovedEntry, SectionKind } from './types';

/** What a removed name was: a statement keyword (default), a whole section, an action, or a bind/server option. */
export type RemovedWhat = 'keyword' | 'section' | 'action' | 'bind-option' | 'server-option';

export interface RemovedRecord extends RemovedEntry {
  what?: RemovedWhat;
}

const PROXY: readonly SectionKind[] = ['defaults', 'frontend', 'listen', 'backend'];
const FE: readonly SectionKind[] = ['defaults', 'frontend', 'listen'];
const BE: readonly SectionKind[] = ['defaults', 'listen', 'backend'];
const GLOBAL: readonly SectionKind[] = ['global'];

function regexFamily(prefixes: string[], suffixes: string[], replacementOf: (s: string) => string, adviceOf: (name: string, repl: string) => string): RemovedRecord[] {
  const out: RemovedRecord[] = [];
  for (const p of prefixes) {
    for (const s of suffixes) {
      const name = `${p}${s}`;
      const replacement = replacementOf(name);
      out.push({ name, sections: p.startsWith('req') ? FE.concat(['backend']) : PROXY, removed: '2.1', replacement, advice: adviceOf(name, replacement) });
    }
  }
  return out;
}

const REQ_RSP_REPLACEMENT: Record<string, string> = {
  reqadd: 'http-request add-header', reqrep: 'http-request replace-header', reqirep: 'http-request replace-header',
  reqdel: 'http-request del-header', reqidel: 'http-request del-header', reqdeny: 'http-request deny',
  reqideny: 'http-request deny', reqpass: 'http-request allow', reqipass: 'http-request allow',
  reqallow: 'http-request allow', reqiallow: 'http-request allow', reqtarpit: 'http-request tarpit',
  reqitarpit: 'http-request tarpit', reqsetbe: 'use_backend', reqisetbe: 'use_backend',
  rspadd: 'http-response add-header', rsprep: 'http-response replace-header', rspirep: 'http-response replace-header',
  rspdel: 'http-response del-header', rspidel: 'http-response del-header', rspdeny: 'http-response deny',
  rspideny: 'http-response deny',
};

const REGEX_RULES = regexFamily(
  ['req', 'reqi', 'rsp', 'rspi'],
  ['add', 'rep', 'del', 'deny', 'pass', 'allow', 'tarpit', 'setbe'],
  (name) => REQ_RSP_REPLACEMENT[name] ?? '',
  (name, repl) => `The regex-based \`${name}\` rule was dropped in 2.1 together with the old header-rewriting engine; express it as \`${repl}\` with an ACL condition instead.`,
).filter((e) => e.replacement !== '');

export const REMOVED_KEYWORDS: readonly RemovedRecord[] = [
  { name: 'appsession', sections: BE, removed: '1.6', replacement: 'cookie', advice: 'Session persistence on an application cookie is done with `cookie <name> prefix` (or `insert`) or with a stick table keyed on the cookie (`stick on req.cook(<name>)`).' },
  ...REGEX_RULES,
  { name: 'cliexp', sections: FE, removed: '2.1', replacement: 'http-request replace-header', advice: 'Client-side regex rewriting no longer exists; rewrite headers with `http-request replace-header` or `http-request set-header`.' },
  { name: 'srvexp', sections: BE, removed: '2.1', replacement: 'http-response replace-header', advice: 'Server-side regex rewriting no longer exists; rewrite response headers with `http-response replace-header`.' },
  { name: 'block', sections: PROXY, removed: '2.1', replacement: 'http-request deny', advice: 'Write `http-request deny if <condition>` instead of `block if <condition>`; it behaves the same and supports more options.' },
  { name: 'redispatch', sections: BE, removed: '2.1', replacement: 'option redispatch', advice: 'The stand-alone directive became an option: write `option redispatch`.' },
  { name: 'redisp', sections: BE, removed: '2.1', replacement: 'option redispatch', advice: 'The abbreviated directive is gone: write `option redispatch`.' },
  { name: 'clitimeout', sections: FE, removed: '2.1', replacement: 'timeout client', advice: 'Use `timeout client <time>`; the old form took milliseconds without a unit, the new one accepts units such as `30s`.' },
  { name: 'srvtimeout', sections: BE, removed: '2.1', replacement: 'timeout server', advice: 'Use `timeout server <time>`; add a unit (e.g. `30s`) since bare numbers mean milliseconds.' },
  { name: 'contimeout', sections: BE, removed: '2.1', replacement: 'timeout connect', advice: 'Use `timeout connect <time>`; add a unit (e.g. `5s`) since bare numbers mean milliseconds.' },
  { name: 'option forceclose', sections: PROXY, removed: '2.0', replacement: 'option httpclose', advice: 'Usually just delete it: HAProxy 2.x manages connections itself. If you really need to close after each response, use `option httpclose`.' },
  { name: 'option http-tunnel', sections: PROXY, removed: '2.1', replacement: 'option http-server-close', advice: 'Tunnel mode no longer exists since HTTP is always parsed; remove it, or pick `option http-server-close`/`option httpclose` if you need a close behaviour.' },
  { name: 'monitor-net', sections: FE, removed: '2.3', replacement: 'http-request return status 200 if { src <network> }', advice: 'Answer monitoring probes with `http-request return status 200 if { src <network> }` (or use `monitor-uri`).' },
  { name: 'mode health', sections: PROXY, removed: '2.3', replacement: 'http-request return status 200', advice: 'Health-only proxies are gone; a frontend with `monitor-uri` or `http-request return status 200` serves the same purpose.' },
  { name: 'nbproc', sections: GLOBAL, removed: '2.5', replacement: 'nbthread', advice: 'Multi-process mode was removed; HAProxy uses threads automatically, and `nbthread` sets their number if needed.' },
  { name: 'grace', sections: PROXY, removed: '2.5', advice: 'The per-proxy grace period is gone; remove it (the global `grace` serves a similar purpose on soft stop in recent versions).' },
  { name: 'option http_proxy', sections: PROXY, removed: '2.5', replacement: 'http-request set-dst', advice: 'The built-in forward-proxy mode stopped working long ago; resolve destinations explicitly, e.g. with `http-request do-resolve` and `http-request set-dst`.' },
  { name: 'bind-process', sections: ['global', ...PROXY], removed: '2.7', advice: 'Processes no longer exist (only threads); remove the line, or bind listeners to threads with the bind option `thread`.' },
  { name: 'stats bind-process', sections: GLOBAL, removed: '2.7', advice: 'Multi-process mode is gone, so the stats socket no longer needs pinning; remove the line.' },
  { name: 'process', what: 'bind-option', sections: ['frontend', 'listen'], deprecated: '2.6', removed: '2.7', replacement: 'thread', advice: 'Use the `thread` bind option to restrict a listener to some threads; processes no longer exist.' },
  { name: 'tune.chksize', sections: GLOBAL, deprecated: '2.4', removed: '2.6', advice: 'This setting has had no effect since 2.4; remove it.' },
  { name: 'tune.ssl.capture-cipherlist-size', sections: GLOBAL, deprecated: '2.6', replacement: 'tune.ssl.capture-buffer-size', advice: 'Rename it to `tune.ssl.capture-buffer-size`, which sizes the buffer for all captured ClientHello data.' },
  { name: 'option accept-invalid-http-request', sections: FE, deprecated: '3.2', replacement: 'option accept-unsafe-violations-in-http-request', advice: 'Use `option accept-unsafe-violations-in-http-request`, which names the risk explicitly; better still, fix the clients.' },
  { name: 'option accept-invalid-http-response', sections: BE, deprecated: '3.2', replacement: 'option accept-unsafe-violations-in-http-response', advice: 'Use `option accept-unsafe-violations-in-http-response`, which names the risk explicitly; better still, fix the servers.' },
  { name: 'set-mark', what: 'action', sections: PROXY, deprecated: '3.0', replacement: 'set-fc-mark', advice: 'The action was renamed: use `set-fc-mark`, which sets the mark on the client-facing connection.' },
  { name: 'set-tos', what: 'action', sections: PROXY, deprecated: '3.0', replacement: 'set-fc-tos', advice: 'The action was renamed: use `set-fc-tos`, which sets the TOS/DSCP field on the client-facing connection.' },
  { name: 'tune.quic.frontend.conn-tx-buffers.limit', sections: GLOBAL, deprecated: '3.2', removed: '3.3', replacement: 'tune.quic.frontend.default-max-window-size', advice: 'Since 3.2 this limit has no effect (HAProxy warns); the per-connection window size bounds transmit buffers now, so set `tune.quic.frontend.default-max-window-size` if needed and drop this line.' },
  { name: 'program', what: 'section', sections: [], deprecated: '3.1', removed: '3.3', advice: 'Run companion programs from systemd (or another supervisor) instead of a `program` section.' },
  { name: 'dispatch', sections: ['listen', 'backend'], deprecated: '3.3', removed: '3.5', replacement: 'server', advice: 'Declare the destination as a regular `server` line instead; it gets health checks and statistics too.' },
  { name: 'transparent', sections: ['listen', 'backend'], deprecated: '3.3', removed: '3.5', replacement: 'server <name> 0.0.0.0:0', advice: 'Use a server with address `0.0.0.0:0` (optionally with `http-request set-dst`) to forward to the original destination.' },
  { name: 'option transparent', sections: ['listen', 'backend'], deprecated: '3.3', removed: '3.5', replacement: 'server <name> 0.0.0.0:0', advice: 'Use a server with address `0.0.0.0:0` to connect to the original destination address.' },
  { name: 'master-worker', sections: GLOBAL, deprecated: '3.4', removed: '3.5', replacement: '-W', advice: 'Start HAProxy with `-W` (or `-Ws` under systemd) instead of setting master-worker mode in the configuration.' },
];

/** Version strings ("2.1", "3.4") compared numerically. */
export function compareVersions(a: string, b: string): number {
  // Remembered: the diagnostics compare the same few version strings for many words of many
  // lines, and each comparison split both strings into fresh arrays.
  let byB = compared.get(a);
  if (byB === undefined) {
    if (compared.size >= 256) compared.clear();
    compared.set(a, (byB = new Map()));
  }
  let d = byB.get(b);
  if (d === undefined) {
    if (byB.size >= 256) byB.clear();
    d = compareParts(a, b);
    byB.set(b, d);
  }
  return d;
}

const compared = new Map<string, Map<string, number>>();

function compareParts(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** How a removed/deprecated record applies to a target version. */
export function removalStatusIn(entry: RemovedEntry, version: string): 'removed' | 'deprecated' | undefined {
  if (entry.removed && compareVersions(version, entry.removed) >= 0) return 'removed';
  if (entry.deprecated && compareVersions(version, entry.deprecated) >= 0) return 'deprecated';
  return undefined;
}
