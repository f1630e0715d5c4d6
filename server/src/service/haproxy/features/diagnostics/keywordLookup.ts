/**
 * Knowledge lookups of the keyword checks, remembered per knowledge base (and section kind):
 * the keyword match of a body statement, whether a line may name a removed keyword. Each is a
 * pure function of the knowledge base and a few words; a file has a few dozen distinct keywords,
 * so looking them up again on every line (strings joined word by word, result objects) was a
 * visible part of a validation. Split out of
 * keywordChecks.ts, which reports; this module only answers.
 */
import { compareVersions, REMOVED_KEYWORDS } from '../../knowledge/index';
import type { KnowledgeBase, SectionKind } from '../../knowledge/types';
import type { Statement } from '../../parser/model';
import { lowerCase } from '../../parser/statement';
import type { KeywordMatch } from './reporter';

/** First words of every removed/deprecated keyword: most statements need no removed-table lookup. */
const REMOVED_HEADS: ReadonlySet<string | undefined> = new Set(REMOVED_KEYWORDS.map((r) => r.name.split(' ')[0].toLowerCase()));
/**
 * Lengths (up to 63) and first characters of those words, as a bitmap: asking the set about a
 * fresh word string hashes all its characters, and the second word of nearly every line (a
 * name, an address) fails this cheap test first.
 */
const REMOVED_HEAD_SHAPES = new Uint8Array(64 * 128);
for (const h of REMOVED_HEADS) if (h && h.length < 64 && h.charCodeAt(0) < 128) REMOVED_HEAD_SHAPES[h.length * 128 + h.charCodeAt(0)] = 1;

/** The removed heads by shape (length × 128 + first character), for the comparison in place. */
const HEADS_BY_SHAPE = new Map<number, string[]>();
for (const h of REMOVED_HEADS) {
  if (!h || h.length >= 64 || h.charCodeAt(0) >= 128) continue;
  const k = h.length * 128 + h.charCodeAt(0);
  const list = HEADS_BY_SHAPE.get(k);
  if (list) list.push(h);
  else HEADS_BY_SHAPE.set(k, [h]);
}

/**
 * `isRemovedHead(st.words[i])` (token `i` exists), the shape read from the columns of a plain
 * line: an ASCII first character lower-cased by hand. (Lower-casing changes the length only for
 * non-ASCII characters, which no removed keyword has, so a rejected shape stays rejected.)
 */
export function isRemovedHeadAt(st: Statement, i: number): boolean {
  if (st.plain) {
    const start = st.tokenStart(i);
    const len = st.tokenEnd(i) - start;
    const text = st.text;
    let c0 = text.charCodeAt(start);
    if (c0 >= 65 && c0 <= 90) c0 += 32;
    if (len < 64 && c0 < 128) {
      // The word compared in place with the few removed heads of its shape (ASCII letters
      // lower-cased; a non-ASCII character falls back to toLowerCase below): no string cut.
      const heads = REMOVED_HEAD_SHAPES[len * 128 + c0] === 0 ? undefined : HEADS_BY_SHAPE.get(len * 128 + c0);
      if (heads === undefined) return false;
      const found = headIn(text, start, len, heads);
      if (found !== undefined) return found;
    }
  }
  // A long or non-ASCII word, or a non-plain line: one word lower-cased, not the line's words array.
  return isRemovedHead(lowerCase(st.valueAt(i)!));
}

/** Whether `text[start, start + len)` lower-cased is one of `heads`; undefined when a non-ASCII character leaves it to toLowerCase. */
function headIn(text: string, start: number, len: number, heads: readonly string[]): boolean | undefined {
  for (let k = 0; k < len; k++) if (text.charCodeAt(start + k) > 127) return undefined;
  for (const h of heads) {
    let k = 1;
    for (; k < len; k++) {
      let c = text.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== h.charCodeAt(k)) break;
    }
    if (k === len) return true;
  }
  return false;
}

/** `REMOVED_HEADS.has(word)`, with the shape filter first. */
export function isRemovedHead(word: string | undefined): boolean {
  if (word === undefined) return false;
  const len = word.length;
  const c = word.charCodeAt(0);
  if (len < 64 && c < 128 && REMOVED_HEAD_SHAPES[len * 128 + c] === 0) return false;
  return REMOVED_HEADS.has(word);
}

/** `a` ≤ `b` as dotted versions ("2.10" > "2.6"); knowledge/removed.ts remembers the comparisons. */
export function versionLE(a: string, b: string): boolean {
  return compareVersions(a, b) <= 0;
}

/** The keyword match of a body statement: `kb.matchKeyword`, then with `words[1]`'s `(…)` removed. */
function matchWords(kb: KnowledgeBase, kind: SectionKind, words: readonly string[]): KeywordMatch | undefined {
  // `http-check set-var(check.x) …`: parametrised sub-keywords are listed without their argument.
  const direct = kb.matchKeyword(kind, words);
  return direct ?? (words.length > 1 && words[1].includes('(') ? kb.matchKeyword(kind, [words[0], words[1].replace(/\(.*$/s, ''), ...words.slice(2)]) : undefined);
}

/**
 * Per knowledge base: for each first word that starts multi-word keyword names (`option`,
 * `timeout`, `http-request` … and removed ones), the most words such a name has.
 */
const headCache = new WeakMap<KnowledgeBase, Map<string, number>>();
function multiWordHeads(kb: KnowledgeBase): Map<string, number> {
  let heads = headCache.get(kb);
  if (!heads) {
    heads = new Map();
    for (const name of [...kb.allKeywordNames(), ...REMOVED_KEYWORDS.map((r) => r.name.toLowerCase())]) {
      const parts = name.split(' ');
      if (parts.length > 1) heads.set(parts[0], Math.max(heads.get(parts[0]) ?? 0, parts.length));
    }
    headCache.set(kb, heads);
  }
  return heads;
}

/**
 * `matchWords` remembered per knowledge base and section kind. The match only depends on the
 * words that can form a keyword: the first word alone, unless it starts multi-word names
 * (then also the second, when no name of that head has three words) or is `no`/`default`
 * (not remembered). Each body statement looked its keyword up again (strings joined word by
 * word, a result object) although a file has a few dozen distinct keywords. The remembered
 * match objects are shared: never mutated. Bounded, as keywords are user text.
 */
interface KindMemo {
  /** First word → match, for words that start no multi-word name. */
  single: Map<string, KeywordMatch | null>;
  /** Head → second word → match. */
  heads: Map<string, Map<string, KeywordMatch | null>>;
}
const matchCache = new WeakMap<KnowledgeBase, Map<string, KindMemo>>();
const NO_SECOND = '\u0000';
const MEMO_LIMIT = 4096;

export function matchBody(kb: KnowledgeBase, kind: SectionKind, st: Statement): KeywordMatch | undefined {
  const first = st.keyword;
  if (first === 'no' || first === 'default') return matchWords(kb, kind, st.words);
  const paren = first.indexOf('(');
  const headWords = multiWordHeads(kb).get(paren > 0 ? first.slice(0, paren) : first);
  if (headWords !== undefined && headWords > 2) return matchWords(kb, kind, st.words);
  let byKind = matchCache.get(kb);
  if (!byKind) matchCache.set(kb, (byKind = new Map()));
  let kindMemo = byKind.get(kind);
  if (!kindMemo) byKind.set(kind, (kindMemo = { single: new Map(), heads: new Map() }));
  let memo: Map<string, KeywordMatch | null>;
  let key: string;
  if (headWords === undefined) {
    memo = kindMemo.single;
    key = first;
  } else {
    let byHead = kindMemo.heads.get(first);
    if (!byHead) {
      if (kindMemo.heads.size >= MEMO_LIMIT) kindMemo.heads.clear();
      kindMemo.heads.set(first, (byHead = new Map()));
    }
    memo = byHead;
    key = st.tokenCount > 1 ? lowerCase(st.valueAt(1)!) : NO_SECOND;
  }
  let m = memo.get(key);
  if (m === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    m = matchWords(kb, kind, headWords === undefined || key === NO_SECOND ? [first] : [first, key]) ?? null;
    memo.set(key, m);
  }
  return m ?? undefined;
}
