/**
 * Capitalised keywords. HAProxy compares keywords case-sensitively: haproxy -c 2.6.12 refuses
 * `MODE http` ("unknown keyword 'MODE'") and `option HTTPCHK` ("unknown option 'HTTPCHK'"),
 * while the rest of our checks read keywords in lower case. Only the raw text of the first words
 * is looked at unless one of them has a capital letter, so no Token objects are built for the
 * (nearly all) lower-case lines.
 */
import type { CheckContext } from './reporter';
import { kindOf } from './reporter';

const FIRST_WORDS = /^\s*(\S+)(?:\s+(\S+))?(?:\s+(\S+))?/;
const CAPITAL = /[A-Z]/;

export function checkKeywordCase(cc: CheckContext): void {
  for (const section of cc.doc.sections) {
    const kind = kindOf(section);
    // `Backend be`: HAProxy does not open a section ("unknown keyword 'Backend' in 'defaults' section").
    const head = FIRST_WORDS.exec(section.header.text);
    if (head && CAPITAL.test(head[1])) {
      const tok = section.header.tokens[0];
      if (tok && !tok.quoted) {
        cc.reportToken('unknownKeyword', section.header, tok, { name: tok.value, section: 'configuration', hint: ` HAProxy section names are case-sensitive: write '${tok.value.toLowerCase()}'.` }, { suggestions: [tok.value.toLowerCase()] });
      }
    }
    for (const st of section.body) {
      const m = FIRST_WORDS.exec(st.text);
      if (!m || m[1].startsWith('#') || m[1].startsWith('.')) continue;
      if (!CAPITAL.test(m[1]) && !CAPITAL.test(m[2] ?? '') && !CAPITAL.test(m[3] ?? '')) continue;
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
