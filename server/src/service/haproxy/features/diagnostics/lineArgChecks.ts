/**
 * One pass over the document for the line checks of logLineChecks.ts, filterArgChecks.ts,
 * redirectChecks.ts, variableNameChecks.ts, bindSslChecks.ts, serverSslChecks.ts,
 * agentPortChecks.ts and enumArgChecks.ts: each statement is dispatched on its keyword
 * alone (a cheap field), so the lines none of them reads cost one switch, and a 20,000-line
 * config is walked once instead of eight times. What each check reports, and why, is in its module.
 */
import { collectAgentCheck, reportAgentPort, settleAgentPort, type AgentPortState } from './agentPortChecks';
import { checkBindSsl } from './bindSslChecks';
import { checkEnumKeyword, checkServerEnums } from './enumArgChecks';
import { checkFilterLine } from './filterArgChecks';
import { checkLog, LOG_SECTIONS, logProfiles } from './logLineChecks';
import { checkRedirectLine, redirectNewWords } from './redirectChecks';
import type { CheckContext } from './reporter';
import { collectServerSsl, reportServerSsl, settleServerSsl, type ServerSslState } from './serverSslChecks';
import { checkGlobalSetVar, checkVariableAction, variableScopes } from './variableNameChecks';

const PROXIES = new Set(['frontend', 'backend', 'listen']);

export function checkLineArguments(cc: CheckContext): void {
  const profiles = logProfiles(cc);
  const newer = redirectNewWords(cc);
  const scopes = variableScopes(cc);
  const serverSsl: ServerSslState = { candidates: [], settled: false };
  const agentPort: AgentPortState = { candidates: [], settled: false };
  for (let si = 0, sections = cc.doc.sections; si < sections.length; si++) {
    const section = sections[si];
    const kind = section.kind;
    const inGlobal = kind === 'global';
    const proxy = PROXIES.has(kind);
    const rules = proxy || kind === 'defaults';
    const logs = LOG_SECTIONS.has(kind);
    if (!rules && !logs) continue;
    const servers = kind === 'backend' || kind === 'listen';
    for (let bi = 0, body = section.body; bi < body.length; bi++) {
      const st = body[bi];
      const kw = st.keyword;
      switch (kw) {
        case 'log':
          if (logs) checkLog(cc, st, inGlobal, profiles);
          break;
        case 'bind':
          if ((kind === 'frontend' || kind === 'listen') && st.text.includes('ssl')) checkBindSsl(cc, st, section);
          break;
        case 'server':
          if (servers) {
            if (st.text.includes('ssl')) collectServerSsl(serverSsl, st, section);
            if (st.text.includes('agent-check')) collectAgentCheck(agentPort, st);
            checkServerEnums(cc, st, 3);
          }
          break;
        case 'default-server':
          if (rules && kind !== 'frontend') checkServerEnums(cc, st, 1);
          settleServerSsl(serverSsl, st);
          settleAgentPort(agentPort, st);
          break;
        case 'ssl-server-verify':
          settleServerSsl(serverSsl, st);
          break;
        case 'http-reuse':
        case 'hash-type':
          if (rules && kind !== 'frontend') checkEnumKeyword(cc, st, kw);
          break;
        case 'compression':
          if (rules) checkEnumKeyword(cc, st, kw);
          break;
        case 'option':
          if (rules && /httplog|forwardfor|originalto/.test(st.text)) checkEnumKeyword(cc, st, kw);
          break;
        case 'filter':
          if (proxy) checkFilterLine(cc, st);
          break;
        case 'redirect':
          if (rules) checkRedirectLine(cc, st, kw, newer);
          break;
        case 'http-request':
        case 'http-response':
        case 'http-after-response':
        case 'http-check':
        case 'tcp-check':
        case 'tcp-request':
        case 'tcp-response': {
          // Text tests first: nearly all rule lines neither redirect nor set a variable.
          if (!rules) break;
          const text = st.text;
          if ((kw === 'http-request' || kw === 'http-response') && text.includes('redirect')) checkRedirectLine(cc, st, kw, newer);
          if (text.includes('-var')) checkVariableAction(cc, st, kw, scopes);
          break;
        }
        case 'set-var':
        case 'set-var-fmt':
          if (inGlobal) checkGlobalSetVar(cc, st, scopes);
          break;
      }
    }
  }
  reportServerSsl(cc, serverSsl);
  reportAgentPort(cc, agentPort);
}
