/**
 * Capitalised keywords. HAProxy compares keywords case-sensitively: haproxy -c 2.6.12 refuses
 * `MODE http` ("unknown keyword 'MODE'") and `option HTTPCHK` ("unknown option 'HTTPCHK'"),
 * while the rest of our checks read keywords in lower case. Only the raw text of the first words
 * is looked at unless one of them has a capital letter, so no Token objects are built for the
 * (nearly all) lower-case lines.
 */
import type { Statement } from '../../parser/model';
import type { CheckContext } from './reporter';
import { keywordFamilies } from './keywordChecks';
import { kindOf } from './reporter';

const CAPITAL = /[A-Z]/;

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isCapital = (c: number): boolean => c >= 65 && c <= 90;

/**
 * Whether a capital letter sits in the words that can form the keyword: the first word, the
 * second after a family head (`option X`) or `no`/`default`, the third after `no option`.
 * A character scan without allocation: this runs on every line of the document.
 */
function capitalInKeyword(st: Statement, families: ReadonlyMap<string, unknown>): boolean {
  const t = st.text;
  let i = 0;
  while (i < t.length && isBlank(t.charCodeAt(i))) i++;
  const s1 = i;
  let cap = false;
  let ascii = true;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isBlank(c)) break;
    if (isCapital(c)) cap = true;
    else if (c > 127) ascii = false;
  }
  if (cap) return t.charCodeAt(s1) !== 35 /* # */ && t.charCodeAt(s1) !== 46 /* . */;
  // Without capitals, an ASCII first word that is the statement's first token is its (interned)
  // keyword: no slice for each line with a capital further on (`X-Forwarded-Proto`, `GET` …).
  const first = ascii && st.plain && st.tokenCount > 0 && st.tokenStart(0) === s1 && st.tokenEnd(0) === i ? st.keyword : t.slice(s1, i);
  const negated = first === 'no' || first === 'default';
  if (!negated && !families.has(first)) return false;
  for (let word = 2; word <= (negated ? 3 : 2); word++) {
    while (i < t.length && isBlank(t.charCodeAt(i))) i++;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (isBlank(c)) break;
      if (isCapital(c)) return true;
    }
  }
  return false;
}

/**
 * `CAPITAL.test(text.slice(from).split(/\s/, 1)[0])` without the slice and the array: an A-Z
 * in the run of characters from `from` up to the first white space (as `\s` defines it).
 */
function capitalInFirstRun(text: string, from: number): boolean {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) return true;
    if (c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITE.test(text[k]))) return false;
  }
  return false;
}
const WHITE = /\s/;

export function checkKeywordCase(cc: CheckContext): void {
  const families = keywordFamilies(cc.kb);
  const sections = cc.doc.sections;
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si];
    const kind = kindOf(section);
    // `Backend be`: HAProxy does not open a section ("unknown keyword 'Backend' in 'defaults' section").
    if (capitalInFirstRun(section.header.text, section.header.indent)) {
      const tok = section.header.tokens[0];
      if (tok && !tok.quoted) {
        cc.reportToken('unknownKeyword', section.header, tok, { name: tok.value, section: 'configuration', hint: ` HAProxy section names are case-sensitive: write '${tok.value.toLowerCase()}'.` }, { suggestions: [tok.value.toLowerCase()] });
      }
    }
    const body = section.body;
    for (let b = 0; b < body.length; b++) {
      const st = body[b];
      // A report needs a capital letter in a keyword token: none in a line whose words are all
      // lower-case ASCII (nearly every line), so its text is not even scanned.
      if (st.asciiLower || !capitalInKeyword(st, families)) continue;
      const toks = st.tokens;
      if (toks.length === 0 || cc.isDeferred(toks[0])) continue;
      const match = cc.kb.matchKeyword(kind, toks.map((t) => t.value.toLowerCase()));
      if (!match) continue;
      for (let i = 0; i < match.wordCount; i++) {
        const tok = toks[i];
        const word = tok.value.replace(/\(.*$/s, '');
        if (!CAPITAL.test(word) || tok.quoted) continue;
        const lower = word.toLowerCase();
        cc.reportToken('unknownKeyword', st, tok, { name: word, section: section.kind, hint: ` HAProxy keywords are case-sensitive: write '${lower}'.` }, { suggestions: [tok.value.replace(word, lower)] });
        break;
      }
    }
  }
}
