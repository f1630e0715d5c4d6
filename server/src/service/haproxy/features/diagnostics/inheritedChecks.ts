/**
 * Health checks across lines: what each server inherits from `default-server`, and what the
 * server it tracks runs. haproxy -c 2.6.12 refuses
 * - `check` inherited from `default-server` on a server that tracks another (`default-server
 *   check`, then `server s2 … track s1`), like a `check` on the line itself ("unable to enable
 *   checks and tracking at the same time!"). The line-local case is a statement check
 *   (paramChecks.ts) and is not repeated here;
 * - tracking a server that has neither checks nor an agent and tracks nothing itself ("unable to
 *   use be/s1 for tracking as it does not have any check nor agent enabled").
 * A proxy starts from the `defaults` it uses (the last one above it, or the one named by `from`;
 * a `defaults` without `from` starts afresh, as HAProxy resets every setting there), then its
 * own `default-server` lines apply to the servers below them.
 */
import { checkWithTrack, walkOptions, type WalkedOption } from '../../knowledge/optionWalk';
import type { Statement } from '../../parser/model';
import { DefaultsChain } from './defaultsChain';
import type { CheckContext } from './reporter';

/** What a server (or the next server, for `default-server`) runs. */
interface Probes { check: boolean; agent: boolean }

function after(p: Probes, options: readonly WalkedOption[]): Probes {
  let { check, agent } = p;
  for (const o of options) {
    if (o.name === 'check') check = true;
    else if (o.name === 'no-check') check = false;
    else if (o.name === 'agent-check') agent = true;
    else if (o.name === 'no-agent-check') agent = false;
  }
  return { check, agent };
}

interface Tracker { st: Statement; proxy: string; valueIndex: number }
/** A server line and what it inherits; its own options are read only if another server tracks it. */
interface Server { st: Statement; inherited: Probes }

const NONE: Probes = { check: false, agent: false };

type Proxies = Map<string, Map<string, Server | undefined> | undefined>;

export function checkInheritedCheckWithTrack(cc: CheckContext): void {
  // First the tracking lines (few: a line must mention `track`); the servers by proxy and name
  // only when some line tracks another server (why: a Map per backend and a name per server
  // line were most of this family's allocation on a config without any tracking).
  const trackers: Tracker[] = [];
  walkProxies(cc, trackers, undefined);
  if (trackers.length === 0) return;
  /** proxy name → server name → its line; undefined when a name is defined twice. */
  const proxies: Proxies = new Map();
  walkProxies(cc, undefined, proxies);
  for (const t of trackers) {
    const value = t.st.valueAt(t.valueIndex)!;
    const slash = value.indexOf('/');
    const proxy = slash < 0 ? t.proxy : value.slice(0, slash);
    const server = slash < 0 ? value : value.slice(slash + 1);
    // Unknown or ambiguous targets are left to the reference checks.
    const target = proxies.get(proxy)?.get(server);
    if (!target) continue;
    const own = walk(cc, target.st, 3);
    const runs = after(target.inherited, own);
    if (runs.check || runs.agent || own.some((o) => o.name === 'track')) continue;
    cc.reportAt('trackWithoutCheck', t.st, t.valueIndex, { target: `${proxy}/${server}` });
  }
}

function walk(cc: CheckContext, st: Statement, first: number): WalkedOption[] {
  return walkOptions(cc.words(st), first, (n) => cc.kb.serverOption(n)?.argCount);
}

/**
 * One walk over the proxies with what each server inherits: with `trackers`, collects the
 * tracking lines and reports an inherited `check` on them; with `proxies`, files every server.
 */
function walkProxies(cc: CheckContext, trackers: Tracker[] | undefined, proxies: Proxies | undefined): void {
  const chain = new DefaultsChain(NONE);
  const sections = cc.doc.sections;
  for (let s = 0; s < sections.length; s++) {
    const section = sections[s];
    const kind = section.kind;
    if (kind !== 'defaults' && kind !== 'backend' && kind !== 'listen') continue;
    let inherited = chain.start(section);
    const proxyName = kind === 'defaults' ? undefined : section.name?.value;
    let servers: Map<string, Server | undefined> | undefined;
    if (proxies && proxyName !== undefined) {
      servers = proxies.has(proxyName) ? undefined : new Map();
      proxies.set(proxyName, servers);
    }
    const body = section.body;
    for (let k = 0; k < body.length; k++) {
      const st = body[k];
      const kw = st.keyword;
      if (kw === 'default-server') inherited = after(inherited, walk(cc, st, 1));
      else if (kind !== 'defaults' && kw === 'server' && st.tokenCount > 1) {
        if (servers) {
          const name = st.valueAt(1)!;
          servers.set(name, servers.has(name) ? undefined : { st, inherited });
        }
        // Only a line that mentions `track` has its words built here (most server lines do not).
        if (!trackers || !st.text.includes('track')) continue;
        const own = walk(cc, st, 3);
        const track = own.find((o) => o.name === 'track');
        if (track === undefined) continue;
        if (proxyName !== undefined && track.index + 1 < st.tokenCount && !cc.deferredAt(st, track.index + 1)) {
          trackers.push({ st, proxy: proxyName, valueIndex: track.index + 1 });
        }
        // A `check` on the line itself is the statement check's finding, not repeated here.
        if (after(inherited, own).check && checkWithTrack(own) === undefined) cc.reportAt('checkWithTrack', st, track.index, { name: st.valueAt(1)! });
      }
    }
    chain.end(section, inherited);
  }
}
