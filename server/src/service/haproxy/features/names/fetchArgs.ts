import type { Statement } from '../../parser/model';
import { subSym, textOffset, type Where } from './make';
import type { NameSymbol } from './types';

/** Names given as arguments to sample fetches (backend, server and userlist names). */

const BACKEND_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(nbsrv|be_conn|be_conn_free|be_sess_rate|queue|avg_queue|connslots)\(([^),]*)\)/g;
const SERVER_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(srv_is_up|srv_conn|srv_conn_free|srv_sess_rate|srv_queue|srv_iweight|srv_uweight|srv_weight)\(([^),]*)\)/g;
const USERLIST_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(http_auth|http_auth_group|http_auth_pass)\(([^),]*)[),]/g;

/** Names given as arguments to sample fetches: `nbsrv(be)`, `srv_is_up(be/s1)`, `http_auth(users)`. */
export function collectFetchArgRefs(at: Where, st: Statement, out: NameSymbol[]): void {
  for (const tok of st.tokens) {
    if (!tok.value.includes('(')) continue;
    const off = textOffset(tok);
    if (off === undefined) continue;
    const v = tok.value;
    for (const [re, kind] of [[BACKEND_ARG_FETCHES, 'backend'], [SERVER_ARG_FETCHES, 'server'], [USERLIST_ARG_FETCHES, 'userlist']] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(v); m; m = re.exec(v)) {
        const arg = m[2];
        if (!arg || arg.includes('%') || arg.includes('$')) continue;
        const argStart = m.index + m[0].indexOf('(') + 1;
        if (kind === 'server') {
          const slash = arg.indexOf('/');
          if (slash > 0) out.push(subSym('backend', arg.slice(0, slash), tok, off + argStart, at, m[1], 'reference'));
          const s = subSym('server', arg.slice(slash + 1), tok, off + argStart + slash + 1, at, m[1], 'reference');
          if (slash > 0) s.proxy = arg.slice(0, slash);
          if (s.name) out.push(s);
        } else {
          out.push(subSym(kind, arg, tok, off + argStart, at, m[1], 'reference'));
        }
      }
    }
  }
}
