/**
 * `server … agent-check` without a port for the agent. HAProxy refuses a server that runs an
 * agent check with no agent port (server.c, the same test from 2.6 to 3.4; haproxy -c 2.6.12:
 * "server s1 does not have agent port. Agent check has been disabled." — fatal despite the
 * wording). The port comes from `agent-port`, from `port` (the health-check port), or from a
 * `default-server` line. Exactness over reach: only a `server` line that enables `agent-check`
 * itself is judged, and nothing is reported when the line names `agent-port` or `port`, or when
 * any `default-server` line of the file mentions a port option.
 */
import { walkOptions } from '../../knowledge/optionWalk';
import type { Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

export interface AgentPortState {
  candidates: Statement[];
  settled: boolean;
}

/** A `server` line of a backend or listen that mentions agent-check. */
export function collectAgentCheck(state: AgentPortState, st: Statement): void {
  if (!state.settled && !/(^|\s)(agent-)?port\s/.test(st.text)) state.candidates.push(st);
}

/** A `default-server` line: one that mentions a port may pass it on. */
export function settleAgentPort(state: AgentPortState, st: Statement): void {
  if (st.text.includes('port')) {
    state.settled = true;
    state.candidates.length = 0;
  }
}

export function reportAgentPort(cc: CheckContext, state: AgentPortState): void {
  if (state.settled) return;
  for (const st of state.candidates) {
    const n = st.tokenCount;
    let deferred = false;
    for (let i = 3; i < n && !deferred; i++) deferred = cc.deferredAt(st, i);
    if (deferred || n < 4) continue;
    const options = walkOptions(st.words, 3, (name) => cc.kb.serverOption(name)?.argCount);
    if (options.some((o) => o.name === 'port' || o.name === 'agent-port')) continue;
    let agent: number | undefined;
    for (const o of options) {
      if (o.name === 'agent-check') agent = o.index;
      else if (o.name === 'no-agent-check') agent = undefined;
    }
    if (agent === undefined) continue;
    cc.reportAt('missingArgument', st, agent, { name: 'server … agent-check', expected: "the agent's port: 'agent-port <port>' (or 'port <port>', which the agent check then uses too)" });
  }
}
