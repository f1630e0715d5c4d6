import type { Section, Statement } from '../../parser/model';
import type { SectionNames } from './collect';
import { Sym, type SymbolSink } from './make';
import { PREDEFINED_ACL_NAMES } from './types';

/**
 * The name collector's reads of a plain statement (no quote, escape or `$`: the parser's
 * `plain` flag) done on its text and word columns, without the `values`/`words` arrays. Why:
 * nearly every rule line with a condition comes here (three to five per frontend), and building
 * its words (an array and a string per word, lower-cased copies for `X-Forwarded-Proto` …) was
 * the largest allocation of the name index. Each function gives exactly what the word-based
 * code in collect.ts gives for the same line.
 */

/** Index of the first word after the keyword that is `if` or `unless` in any case, or -1. */
export function plainConditionIndex(st: Statement): number {
  const text = st.text;
  const n = st.tokenCount;
  for (let i = 1; i < n; i++) {
    const s = st.tokenStart(i);
    const len = st.tokenEnd(i) - s;
    // Only ASCII letters lower-case to these letters (`İ` becomes two characters).
    if (len === 2 && lowerAscii(text, s) === 0x69 && lowerAscii(text, s + 1) === 0x66) return i;
    if (len === 6 && isUnless(text, s)) return i;
  }
  return -1;
}

/** Whether a word after the keyword contains `(` (words are separated by blanks only; a trailing comment is no word). */
export function plainHasParen(st: Statement): boolean {
  const n = st.tokenCount;
  if (n < 2) return false;
  const p = st.text.indexOf('(', st.tokenEnd(0));
  return p >= 0 && p < st.tokenEnd(n - 1);
}

/** collectConditionRefs of collect.ts for a plain statement: ACL names from `from` on. */
export function collectPlainConditionRefs(section: Section, st: Statement, from: number, acls: SectionNames | undefined, out: SymbolSink): void {
  const text = st.text;
  const n = st.tokenCount;
  let depth = 0;
  for (let i = from; i < n; i++) {
    let s = st.tokenStart(i);
    const e = st.tokenEnd(i);
    const c0 = text.charCodeAt(s);
    const len = e - s;
    if (len === 1 && c0 === 0x7b /* { */) { depth++; continue; }
    if (len === 2 && c0 === 0x21 /* ! */ && text.charCodeAt(s + 1) === 0x7b) { depth++; continue; }
    if (len === 1 && c0 === 0x7d /* } */) { if (depth > 0) depth--; continue; }
    if (depth > 0) continue;
    if (len === 1 && c0 === 0x21) continue;
    if (len === 2 && ((c0 === 0x7c && text.charCodeAt(s + 1) === 0x7c) || (c0 === 0x6f && text.charCodeAt(s + 1) === 0x72))) continue; // `||`, `or`
    while (s < e && text.charCodeAt(s) === 0x21) s++;
    if (s === e) continue;
    const v = text.slice(s, e);
    if (v.includes('%[') || (PREDEFINED_ACL_NAMES.has(v) && !acls?.hasAcl(v))) continue;
    out.push(new Sym('acl', v, 'reference', section, 'condition', st.line, s, e));
  }
}

function lowerAscii(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

function isUnless(text: string, s: number): boolean {
  return lowerAscii(text, s) === 0x75 && lowerAscii(text, s + 1) === 0x6e && lowerAscii(text, s + 2) === 0x6c
    && lowerAscii(text, s + 3) === 0x65 && lowerAscii(text, s + 4) === 0x73 && lowerAscii(text, s + 5) === 0x73;
}
