import type { Statement, Token } from '../../parser/model';
import { subSym, textOffset, type SymbolSink, type Where } from './make';

/** Names given as arguments to sample fetches (backend, server, userlist and stick-table names). */

const BACKEND_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(nbsrv|be_conn|be_conn_free|be_sess_rate|queue|avg_queue|connslots)\(([^),]*)\)/g;
const SERVER_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(srv_is_up|srv_conn|srv_conn_free|srv_sess_rate|srv_queue|srv_iweight|srv_uweight|srv_weight)\(([^),]*)\)/g;
const USERLIST_ARG_FETCHES = /(?:^|[^A-Za-z0-9_.])(http_auth|http_auth_group|http_auth_pass)\(([^),]*)[),]/g;
/**
 * The stick-table families (§7.3.3 fetches, §7.3.1 converters): `sc_*(<ctr>[,<table>])`,
 * `sc0_*([<table>])`, `src_*([<table>])`, `table_avl/cnt([<table>])`, converters
 * `table_*(<table>)` and `in_table(<table>)`. Indexed GPT/GPC forms take an `<idx>` first.
 */
// Only where a sample can start (a token, `%[`, after a `,` converter separator), so a regex
// pattern such as `path_reg ^/table_view(x)` is not read as a table reference.
const TABLE_ARG_SAMPLES = /(?:^|[[,{])((?:sc[0-9]?|src|table)_[a-z0-9_]+|in_table)\(([^()]*)\)/g;
/** A sample whose arguments include a stick-table name (see TABLE_ARG_SAMPLES). */
export const TABLE_SAMPLE_NAME = /^(?:(?:sc[0-9]?|src|table)_[a-z0-9_]+|in_table)$/;

/** How many arguments come before the optional/mandatory table argument of a stick-table sample. */
export function argsBeforeTable(name: string): number {
  // `sc_get_gpt(<idx>,<ctr>[,<table>])`, `table_gpc_rate(<idx>,<table>)`; not `sc_get_gpc0(<ctr>…)`.
  const indexed = /(?:^|_)gp[ct](?:_rate)?$/.test(name) ? 1 : 0;
  return (name.startsWith('sc_') ? 1 : 0) + indexed;
}

/** Names given as arguments to sample fetches: `nbsrv(be)`, `srv_is_up(be/s1)`, `http_auth(users)`, `sc_http_req_rate(0,be)`. */
export function collectFetchArgRefs(at: Where, st: Statement, out: SymbolSink): void {
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
    if (!/(?:sc[0-9]?|src|table)_|in_table/.test(v)) continue;
    TABLE_ARG_SAMPLES.lastIndex = 0;
    for (let m = TABLE_ARG_SAMPLES.exec(v); m; m = TABLE_ARG_SAMPLES.exec(v)) {
      const args = m[2].split(',');
      const idx = argsBeforeTable(m[1]);
      // Let the next search start inside this match's arguments (`%[src,table_x(t),table_y(u)]`).
      TABLE_ARG_SAMPLES.lastIndex = m.index + m[0].length - 1;
      if (args.length <= idx) continue;
      let argStart = m.index + m[0].indexOf('(') + 1;
      for (let i = 0; i < idx; i++) argStart += args[i].length + 1;
      splitTableName(at, tok, off + argStart, args[idx], m[1], out);
    }
  }
}

/**
 * A stick-table name written in `tok` at column offset `offset`: `be` → a table reference that
 * resolves to the proxy `be`; `peers1/t1` → the peers section `peers1` and its table `t1`.
 */
export function splitTableName(at: Where, tok: Token, offset: number, value: string, via: string, out: SymbolSink): void {
  if (value === '' || value.includes('%') || value.includes('$') || /\s/.test(value)) return;
  const slash = value.indexOf('/');
  if (slash < 0) {
    out.push(subSym('table', value, tok, offset, at, via, 'reference'));
    return;
  }
  const peers = value.slice(0, slash);
  const table = value.slice(slash + 1);
  if (peers) out.push(subSym('peers', peers, tok, offset, at, via, 'reference'));
  if (table) {
    const s = subSym('table', table, tok, offset + slash + 1, at, via, 'reference');
    if (peers) s.proxy = peers;
    out.push(s);
  }
}
