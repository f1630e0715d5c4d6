/**
 * Variable names in `set-var(…)`, `set-var-fmt(…)` and `unset-var(…)` actions (every rule set,
 * `http-check` and `tcp-check` included) and in the global `set-var` / `set-var-fmt`. HAProxy
 * checks each name while parsing (vars.c, the same test from 2.6 to 3.4) and haproxy -c 2.6.12
 * refuses the line when
 * - the name does not start with its scope, `proc.`, `sess.`, `txn.`, `req.`, `res.` or
 *   `check.` followed by at least one character (case-sensitive): "invalid variable name 'host'.
 *   A variable name must be start by its scope" — `set-var(host)` is the usual slip;
 * - a character after the scope is not a letter, digit, `_` or `.`: "invalid syntax at char
 *   '-host)'" (`txn.my-host`).
 * From 3.1 on, `psess.`, `ptxn.`, `preq.` and `pres.` (the parent stream's variables) are scopes too.
 * Variables read in sample expressions (`var(…)`) are not checked here. A word with an
 * environment variable or buildout substitution is left alone.
 */
import { compareVersions } from '../../knowledge/removed';
import type { Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

/** Rule keywords and the index of their action word. */
export const ACTION_AT: ReadonlyMap<string, number> = new Map([
  ['http-request', 1], ['http-response', 1], ['http-after-response', 1], ['http-check', 1], ['tcp-check', 1],
  ['tcp-request', 2], ['tcp-response', 2],
]);
const SCOPES = ['proc.', 'sess.', 'txn.', 'req.', 'res.', 'check.'];
const PARENT_SCOPES = ['psess.', 'ptxn.', 'preq.', 'pres.'];
const ACTION = /^(?:set-var|set-var-fmt|unset-var)\(/;

/** The scopes a version takes. */
export function variableScopes(cc: CheckContext): readonly string[] {
  return compareVersions(cc.version, '3.1') >= 0 ? [...SCOPES, ...PARENT_SCOPES] : SCOPES;
}

/** A global `set-var`/`set-var-fmt` line. */
export function checkGlobalSetVar(cc: CheckContext, st: Statement, scopes: readonly string[]): void {
  if (st.tokenCount > 1 && !cc.deferredAt(st, 1)) checkName(cc, st, 1, 0, st.valueAt(1)!, scopes);
}

/** A rule line (`kw` one of ACTION_AT's keys) that may set a variable. */
export function checkVariableAction(cc: CheckContext, st: Statement, kw: string, scopes: readonly string[]): void {
  const at = ACTION_AT.get(kw);
  // The text test first: most rule lines set no variable, and nothing is built for them.
  if (at === undefined || !st.text.includes('-var') || at >= st.tokenCount || cc.deferredAt(st, at)) return;
  const word = st.valueAt(at)!;
  const m = ACTION.exec(word);
  if (!m) return;
  const close = word.indexOf(')', m[0].length);
  if (close < 0) return; // an unclosed argument list is another error
  const comma = word.indexOf(',', m[0].length);
  const end = comma >= 0 && comma < close ? comma : close;
  checkName(cc, st, at, m[0].length, word.slice(m[0].length, end), scopes);
}

/** Reports the name (at `offset` in word `i`) when HAProxy refuses it. */
function checkName(cc: CheckContext, st: Statement, i: number, offset: number, name: string, scopes: readonly string[]): void {
  const scope = scopes.find((s) => name.length > s.length && name.startsWith(s));
  let reason: string;
  let suggestions: string[] | undefined;
  if (scope === undefined) {
    if (/^[A-Za-z0-9_.]+$/.test(name) && !name.endsWith('.')) {
      const lower = name.toLowerCase();
      const fixed = scopes.find((s) => lower.startsWith(s) && name.length > s.length);
      const parent = PARENT_SCOPES.find((s) => name.startsWith(s));
      if (!parent) suggestions = [fixed ? fixed + name.slice(fixed.length) : `txn.${name}`];
    }
    const example = suggestions?.[0] ?? 'txn.name';
    const parent = PARENT_SCOPES.some((s) => name.startsWith(s)) && !scopes.includes(PARENT_SCOPES[0]) ? " (the parent stream's scopes 'psess.', 'ptxn.' … need HAProxy 3.1 or later)" : '';
    reason = `it must start with its scope, ${scopes.map((s) => `'${s}'`).join(', ')}${parent} (e.g. '${example}'; 'txn.' lasts for one request and its response).`;
  } else {
    const bad = /[^A-Za-z0-9_.]/.exec(name.slice(scope.length));
    if (!bad) return;
    reason = `'${bad[0]}' is not allowed in a variable name (letters, digits, '_' and '.' only; e.g. '${scope}${name.slice(scope.length).replace(/[^A-Za-z0-9_.]/g, '_')}').`;
    suggestions = [`${scope}${name.slice(scope.length).replace(/[^A-Za-z0-9_.]/g, '_')}`];
  }
  // Columns of the name itself when the word is written as its value, else the whole word.
  const plainWord = st.plain;
  const start = plainWord ? st.tokenStart(i) + offset : st.tokenStart(i);
  const end = plainWord ? start + name.length : st.tokenEnd(i);
  cc.report('invalidVariableName', st.line, start, end, { name, reason }, suggestions && plainWord ? { suggestions } : undefined);
}
