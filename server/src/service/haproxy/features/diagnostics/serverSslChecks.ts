/**
 * `server … ssl` that HAProxy must verify without a CA file. HAProxy verifies a TLS server's
 * certificate by default (`ssl-server-verify required`), and when it prepares such a server
 * without `ca-file` it refuses the configuration (ssl_sock.c, ssl_sock_prepare_srv_ssl_ctx, the
 * same test from 2.6 to 3.4; haproxy -c 2.6.12: "verify is enabled by default but no CA file
 * specified. … please set an explicit 'verify none' statement on the 'server' line, or use
 * 'ssl-server-verify none' in the global section") — the usual slip when a Plone backend is
 * reached over https. Exactness over reach: only a `server` line that enables `ssl` itself is
 * judged, and nothing is reported when the line names `verify` or `ca-file`, when any
 * `default-server` line of the file does (it may pass them on), when `global` sets
 * `ssl-server-verify`, or in a disabled proxy (whose servers HAProxy does not prepare).
 */
import { walkOptions } from '../../knowledge/optionWalk';
import type { Section, Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

/** What lineArgChecks.ts collects in its pass: the candidates, and whether anything may set verify or a CA. */
export interface ServerSslState {
  candidates: { st: Statement; section: Section }[];
  settled: boolean;
}

const SETTLES = /verify|ca-file/;

/** A `server` line of a backend or listen that mentions ssl. */
export function collectServerSsl(state: ServerSslState, st: Statement, section: Section): void {
  if (!state.settled && !SETTLES.test(st.text)) state.candidates.push({ st, section });
}

/** A `default-server` line or a global `ssl-server-verify` line. */
export function settleServerSsl(state: ServerSslState, st: Statement): void {
  if (st.keyword === 'ssl-server-verify' || SETTLES.test(st.text)) {
    state.settled = true;
    state.candidates.length = 0;
  }
}

export function reportServerSsl(cc: CheckContext, state: ServerSslState): void {
  if (state.settled) return;
  const disabled = new Map<Section, boolean>();
  for (const { st, section } of state.candidates) {
    const n = st.tokenCount;
    if (n < 4) continue;
    let deferred = false;
    for (let i = 3; i < n && !deferred; i++) deferred = cc.deferredAt(st, i);
    if (deferred) continue;
    const options = walkOptions(st.words, 3, (name) => cc.kb.serverOption(name)?.argCount);
    let ssl: number | undefined;
    for (const o of options) {
      if (o.name === 'ssl') ssl = o.index;
      else if (o.name === 'no-ssl') ssl = undefined;
      else if (o.name === 'disabled') ssl = undefined;
    }
    if (ssl === undefined || options.some((o) => o.name === 'disabled')) continue;
    let off = disabled.get(section);
    if (off === undefined) disabled.set(section, (off = section.body.some((x) => x.keyword === 'disabled')));
    if (off) continue;
    cc.reportAt('missingArgument', st, ssl, {
      name: 'server … ssl',
      expected: "'ca-file <file>' to verify the server's certificate (HAProxy verifies it by default), or 'verify none' when the network is trusted",
    });
  }
}
