/**
 * The words of a redirect rule: `redirect …` in a proxy and the `redirect` action of
 * `http-request` / `http-response`. HAProxy reads them in a loop (http_rules.c,
 * http_parse_redirect_rule, the same from 2.6 to 3.4) and haproxy -c 2.6.12 refuses the line when
 * - a word is none of the known ones: "expects 'code', 'prefix', 'location', … (was 'x')";
 * - `location`, `prefix`, `scheme`, `set-cookie`, `clear-cookie` or `code` is last: "missing
 *   argument for 'location'";
 * - `code` is not 301, 302, 303, 307 or 308 (read like C's atol): "unsupported HTTP code '305'";
 * - no `location`, `prefix` or `scheme` is given: "redirection type expected";
 * - an `http-response redirect` is not of type `location`: "response only supports redirect
 *   type 'location'".
 * `keep-query` and `set-cookie-fmt` exist from 3.1 on. The words stop at `if`/`unless`. A line
 * with an environment variable or buildout substitution is left alone, and a bare `redirect`
 * with one word or a bare `http-request redirect` (before its condition, if any) is the generic
 * missing-argument check's.
 */
import { compareVersions } from '../../knowledge/removed';
import type { Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

const TYPES = new Set(['location', 'prefix', 'scheme']);
const WITH_VALUE = new Set(['location', 'prefix', 'scheme', 'set-cookie', 'clear-cookie', 'code']);
const FLAGS = new Set(['drop-query', 'append-slash', 'ignore-empty']);
const CODES = new Set([301, 302, 303, 307, 308]);
const HINT = " It takes 'location', 'prefix' or 'scheme' with a value, 'code', 'set-cookie', 'clear-cookie', 'drop-query', 'append-slash', 'ignore-empty'";

/** Whether `keep-query` and `set-cookie-fmt` exist (3.1 and later). */
export function redirectNewWords(cc: CheckContext): boolean {
  return compareVersions(cc.version, '3.1') >= 0;
}

/** A `redirect`, `http-request …` or `http-response …` line of a proxy or defaults section (lineArgChecks.ts calls it). */
export function checkRedirectLine(cc: CheckContext, st: Statement, kw: string, newer: boolean): void {
  if (kw === 'redirect') {
    if (st.tokenCount >= 3) checkRedirect(cc, st, 1, false, newer);
  } else if (st.tokenCount >= 3 && st.text.includes('redirect') && st.valueAt(1) === 'redirect') {
    checkRedirect(cc, st, 2, kw === 'http-response', newer);
  }
}

/** C's atol on a word: the leading (signed) digits, 0 without any. */
function atol(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function checkRedirect(cc: CheckContext, st: Statement, first: number, response: boolean, newer: boolean): void {
  const n = st.tokenCount;
  for (let i = first; i < n; i++) if (cc.deferredAt(st, i)) return;
  // Nothing before the condition: the generic missing-argument check reports the bare action.
  const head = st.valueAt(first);
  if (head === 'if' || head === 'unless') return;
  const name = first === 1 ? 'redirect' : `${st.valueAt(0)} redirect`;
  let type = '';
  let typeAt = -1;
  for (let i = first; i < n; i++) {
    const w = st.valueAt(i)!;
    if (w === 'if' || w === 'unless') break;
    if (WITH_VALUE.has(w) || (newer && w === 'set-cookie-fmt')) {
      if (i + 1 >= n) {
        cc.reportAt('missingOptionValue', st, i, { name: w });
        return;
      }
      if (w === 'code' && !CODES.has(atol(st.valueAt(i + 1)!))) {
        cc.reportAt('unknownEnumValue', st, i + 1, { value: st.valueAt(i + 1), name: `${name} … code`, hint: ' A redirect uses 301, 302, 303, 307 or 308.' });
        return;
      }
      if (TYPES.has(w)) {
        type = w;
        typeAt = i;
      }
      i++;
    } else if (!FLAGS.has(w) && !(newer && w === 'keep-query')) {
      const since = !newer && (w === 'keep-query' || w === 'set-cookie-fmt') ? ` '${w}' needs HAProxy 3.1 or later.` : '';
      cc.reportAt('unknownEnumValue', st, i, { value: w, name, hint: `${since}${HINT}${newer ? ", 'keep-query', 'set-cookie-fmt'" : ''}.` });
      return;
    }
  }
  if (type === '') {
    cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(first - 1), { name, expected: "a redirection type: 'location <url>', 'prefix <url>' or 'scheme <scheme>'" });
  } else if (response && type !== 'location') {
    cc.reportAt('unknownEnumValue', st, typeAt, { value: type, name, hint: " A response can only be redirected with 'location <url>'." });
  }
}
