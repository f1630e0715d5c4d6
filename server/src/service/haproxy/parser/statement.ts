import type { Comment, LexError, Statement, Token } from './model';

/**
 * The parser's compact statement. Why: a 20,000-line config has ≈ 115,000 words; as token
 * objects (object + string each) they were ≈ 15 MB that every parse kept alive, and copying
 * that young, long-lived graph made the garbage collector the largest single cost of a
 * full validation (and of the server's RSS). Here a plain line (no quote, escape, `$` or
 * backslash: nearly all lines) keeps only its text and its words' column pairs in a shared
 * Int32Array; `values`, `words` (lower-cased) and `tokens` are built from them on demand.
 * Passes that only look at words (most of them) never build Token objects. Lines with quotes,
 * escapes or substitutions keep the tokenizer's full tokens. (Keeping the word strings
 * instead, even interned, cost more than the passes rebuilding them: a young string kept
 * alive costs ≈ 5 × one that dies at once, and a lookup in a table of words ≈ 100 ns.)
 *
 * Nothing built is kept on the statement (that would bring the retained graph back, measured
 * slower): what was built for the last statements read is kept in a small table indexed by
 * line number instead, which is all that the passes over the document
 * (statement after statement, section after section) and the features (one statement at a
 * time) need: repeated `st.tokens` reads of a statement get the same array and the same Token
 * objects as long as fewer than 256 lines were read in between. Readers must not keep Token objects of
 * many statements and compare them by identity later (none do: symbols copy positions).
 *
 * The statements themselves are thin views into per-parse arrays (`StatementTable`), see
 * `LineStatement`.
 */
export class TokenStore {
  data: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(64, capacity));
  }
  /** Makes room for `n` more ints. */
  reserve(n: number): Int32Array {
    if (this.size + n > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, this.size + n));
      grown.set(this.data.subarray(0, this.size));
      this.data = grown;
    }
    return this.data;
  }
}

/**
 * Direct-mapped by line number: consecutive lines (a section, a pass's neighbourhood) never
 * evict each other. Each slot keeps what was asked of its statement: values, lower-cased
 * words, tokens (each built from the line on first use).
 */
const SLOTS = 256;
const slotKeys: (LineStatement | undefined)[] = new Array(SLOTS).fill(undefined);
const slotValues: (string[] | undefined)[] = new Array(SLOTS).fill(undefined);
const slotWords: (string[] | undefined)[] = new Array(SLOTS).fill(undefined);
const slotTokens: (Token[] | undefined)[] = new Array(SLOTS).fill(undefined);

/**
 * Empties the table (the parser calls it for each new text): slots left from an earlier,
 * larger document would otherwise keep that document's text and columns alive.
 */
export function clearStatementSlots(): void {
  slotKeys.fill(undefined);
  slotValues.fill(undefined);
  slotWords.fill(undefined);
  slotTokens.fill(undefined);
}

/**
 * What one parse knows of its statements, struct-of-arrays (why: see `LineStatement`): for
 * statement `i`, its line text in `texts[i]`, and in `store.data` at the statement's offset a
 * small header (META ints: index, indent, word count, flags, line hash, comment start and end,
 * keyword id) followed by its words' column pairs. The keyword is an id into the interned
 * keywords the table was made with (an int in the store rather than an array of pointers: one
 * array less per parse). The few lines the fast scan leaves to the full tokenizer keep their
 * tokens, comment and errors in `extras`.
 */
export const META = 8;
const M_INDEX = 0;
const M_INDENT = 1;
const M_COUNT = 2;
const M_FLAGS = 3;
const M_HASH = 4;
/** Plain line: comment start (-1 for none) and end. Tokenized line: index in `extras`. */
const M_C0 = 5;
const M_C1 = 6;
const M_KEYWORD = 7;
/** Flags: words all lower-case ASCII; tokenized by the full tokenizer (quotes, escapes, `$`). */
export const F_LOWER = 1;
export const F_FULL = 2;

interface Extra {
  tokens: Token[];
  comment: Comment | undefined;
  errors: LexError[] | undefined;
}

export class StatementTable {
  readonly store: TokenStore;
  /** Sized for `lines` statements up front (arrays grown by push copy themselves as they double). */
  readonly texts: string[];
  /** The interned keywords the ids in the headers refer to (the list of the parse that made the table). */
  readonly keywords: readonly string[];
  readonly extras: Extra[] = [];
  size = 0;
  constructor(capacity: number, lines: number) {
    this.store = new TokenStore(capacity);
    this.texts = new Array<string>(lines);
    this.keywords = keywordList;
  }

  /** Reserves a statement header at the end of the store; returns its offset (the words follow). */
  open(): number {
    const at = this.store.size;
    this.store.reserve(META);
    this.store.size = at + META;
    return at;
  }

  /** Completes the header at `at` (its words, if any, are already in the store after it): the statement on `line`. */
  close(at: number, line: number, text: string, keyword: number, indent: number, count: number, flags: number, hash: number, c0: number, c1: number): LineStatement {
    const d = this.store.data;
    const index = this.size++;
    this.texts[index] = text;
    d[at + M_KEYWORD] = keyword;
    d[at + M_INDEX] = index;
    d[at + M_INDENT] = indent;
    d[at + M_COUNT] = count;
    d[at + M_FLAGS] = flags;
    d[at + M_HASH] = hash;
    d[at + M_C0] = c0;
    d[at + M_C1] = c1;
    return new LineStatement(line, this, at);
  }

  /** Completes the header at `at` for a line the full tokenizer read (its words are not in the store). */
  closeFull(at: number, line: number, text: string, keyword: number, indent: number, tokens: Token[], comment: Comment | undefined, errors: LexError[] | undefined, hash: number): LineStatement {
    this.extras.push({ tokens, comment, errors });
    return this.close(at, line, text, keyword, indent, tokens.length, F_FULL, hash, this.extras.length - 1, 0);
  }
}

/**
 * A statement is a thin view: its line and where its parse keeps the rest (a `StatementTable`
 * and an offset in it). Why: a 20,000-line file has ≈ 19,000 statements, all alive for the
 * whole validation; as objects of 12 fields (≈ 130 bytes each) they were ≈ 2.4 MB that every
 * scavenge during the validation copied (twice: once within the young generation, once into
 * the old). Here a statement is 3 fields; text, keyword, indent, counts, flags, hash and the
 * word columns sit in the parse's arrays (one object each, not one per line).
 */
export class LineStatement implements Statement {
  line: number;
  #t: StatementTable;
  /** Offset of this statement's header in `#t.store.data`. */
  #at: number;

  constructor(line: number, table: StatementTable, at: number) {
    this.line = line;
    this.#t = table;
    this.#at = at;
  }

  /** The same statement on another line (a line inserted or deleted above it). */
  movedTo(line: number): LineStatement {
    return new LineStatement(line, this.#t, this.#at);
  }

  get indent(): number {
    return this.#t.store.data[this.#at + M_INDENT];
  }

  /** The line as written (up to its end; the tokens' columns index into it). */
  get text(): string {
    return this.#t.texts[this.#t.store.data[this.#at + M_INDEX]];
  }

  /** The first word lower-cased ('' for none), one shared string per distinct keyword: most passes look at nothing else. */
  get keyword(): string {
    return this.#t.keywords[this.#t.store.data[this.#at + M_KEYWORD]];
  }

  get comment(): Comment | undefined {
    const d = this.#t.store.data;
    const at = this.#at;
    if ((d[at + M_FLAGS] & F_FULL) !== 0) return this.#t.extras[d[at + M_C0]].comment;
    const c0 = d[at + M_C0];
    return c0 < 0 ? undefined : { start: c0, text: this.text.slice(c0, d[at + M_C1]) };
  }

  get errors(): LexError[] | undefined {
    const d = this.#t.store.data;
    return (d[this.#at + M_FLAGS] & F_FULL) !== 0 ? this.#t.extras[d[this.#at + M_C0]].errors : undefined;
  }

  /** Full tokens of a line the fast scan does not handle (quotes, escapes, `$`…). */
  #full(): Token[] | undefined {
    const d = this.#t.store.data;
    return (d[this.#at + M_FLAGS] & F_FULL) !== 0 ? this.#t.extras[d[this.#at + M_C0]].tokens : undefined;
  }

  /** Equal texts have equal hashes (a filter for repeated lines, see localChecks.ts). */
  get lineHash(): number {
    return this.#t.store.data[this.#at + M_HASH];
  }

  /** Number of words, without building anything. */
  get tokenCount(): number {
    return this.#t.store.data[this.#at + M_COUNT];
  }

  get plain(): boolean {
    return (this.#t.store.data[this.#at + M_FLAGS] & F_FULL) === 0;
  }

  get asciiLower(): boolean {
    return (this.#t.store.data[this.#at + M_FLAGS] & F_LOWER) !== 0;
  }

  tokenStart(i: number): number {
    const d = this.#t.store.data;
    return (d[this.#at + M_FLAGS] & F_FULL) !== 0 ? this.#full()![i].start : d[this.#at + META + 2 * i];
  }

  tokenEnd(i: number): number {
    const d = this.#t.store.data;
    return (d[this.#at + M_FLAGS] & F_FULL) !== 0 ? this.#full()![i].end : d[this.#at + META + 2 * i + 1];
  }

  valueAt(i: number): string | undefined {
    const d = this.#t.store.data;
    const at = this.#at;
    if (i < 0 || i >= d[at + M_COUNT]) return undefined;
    if ((d[at + M_FLAGS] & F_FULL) !== 0) return this.#full()![i].value;
    return this.text.slice(d[at + META + 2 * i], d[at + META + 2 * i + 1]);
  }

  /** Whether the first word has a quoted part (then it is no keyword). */
  get firstQuoted(): boolean {
    const full = this.#full();
    return full !== undefined && full.length > 0 && full[0].quoted;
  }

  /** The tokens' values (quotes removed, escapes applied). Shared: do not mutate. */
  get values(): string[] {
    const slot = this.#slot();
    let v = slotValues[slot];
    if (v === undefined) {
      const d = this.#t.store.data;
      const at = this.#at;
      const count = d[at + M_COUNT];
      v = new Array<string>(count);
      if ((d[at + M_FLAGS] & F_FULL) !== 0) {
        const full = this.#full()!;
        for (let k = 0; k < count; k++) v[k] = full[k].value;
      } else if (count > 0) {
        const src = this.text;
        for (let k = 0, p = at + META; k < count; k++, p += 2) v[k] = src.slice(d[p], d[p + 1]);
      }
      slotValues[slot] = v;
    }
    return v;
  }

  /** The tokens' values lower-cased (the values array itself when nothing changes). Shared: do not mutate. */
  get words(): string[] {
    const slot = this.#slot();
    let w = slotWords[slot];
    if (w === undefined) {
      const v = this.values;
      if (this.asciiLower) return (slotWords[slot] = v);
      for (let k = 0; k < v.length; k++) {
        const lower = lowerCase(v[k]);
        if (lower !== v[k]) {
          w ??= v.slice();
          w[k] = lower;
        }
      }
      w ??= v;
      slotWords[slot] = w;
    }
    return w;
  }

  tokenAt(i: number): Token | undefined {
    const full = this.#full();
    if (full !== undefined) return full[i];
    const d = this.#t.store.data;
    const at = this.#at;
    if (i < 0 || i >= d[at + M_COUNT]) return undefined;
    const slot = this.line & (SLOTS - 1);
    if (slotKeys[slot] === this && slotTokens[slot] !== undefined) return slotTokens[slot]![i];
    const p = at + META + 2 * i;
    const text = this.text.slice(d[p], d[p + 1]);
    return { text, value: text, start: d[p], end: d[p + 1], quoted: false };
  }

  get tokens(): Token[] {
    const full = this.#full();
    if (full !== undefined) return full;
    const slot = this.#slot();
    let out = slotTokens[slot];
    if (out === undefined) {
      const values = this.values;
      const count = values.length;
      out = new Array<Token>(count);
      if (count > 0) {
        const d = this.#t.store.data;
        for (let k = 0, p = this.#at + META; k < count; k++, p += 2) {
          const text = values[k];
          out[k] = { text, value: text, start: d[p], end: d[p + 1], quoted: false };
        }
      }
      slotTokens[slot] = out;
    }
    return out;
  }

  /** This statement's slot, emptied first when it held another statement. */
  #slot(): number {
    const slot = this.line & (SLOTS - 1);
    if (slotKeys[slot] !== this) {
      slotKeys[slot] = this;
      slotValues[slot] = undefined;
      slotWords[slot] = undefined;
      slotTokens[slot] = undefined;
    }
    return slot;
  }
}

/**
 * One string per distinct first word, and its id: a statement keeps its keyword for the whole
 * life of the document, and a few hundred distinct keywords serve a whole file (a kept string
 * per line would be a young object for the garbage collector to copy). When the list grows large
 * (files whose lines start with arbitrary words) the next parse starts a new one: tables keep the
 * list their ids refer to, so a new list never changes an older document's keywords.
 */
let keywordList: string[] = [''];
const keywordIds = new Map<string, number>([['', 0]]);
const KEYWORDS_MAX = 4096;

/** Called by the parser before it makes a table: a new keyword list when the current one is large. */
export function startKeywords(): void {
  if (keywordList.length < KEYWORDS_MAX) return;
  keywordList = [''];
  keywordIds.clear();
  keywordIds.set('', 0);
  keywordSlots.fill(-1);
  keywordSlotsUsed = 0;
}

/** The id of `word` (lower-cased by the caller) in the current keyword list. */
export function internKeywordId(word: string): number {
  let id = keywordIds.get(word);
  if (id === undefined) {
    id = keywordList.length;
    keywordList.push(word);
    keywordIds.set(word, id);
  }
  return id;
}

/**
 * `internKeywordId(text.slice(start, end))` for a word without upper-case letters, without the
 * slice: the word's characters are hashed into a small open-addressing table of the keywords
 * seen and compared in place. A fresh slice per line (and the hashing of it by the Map) was a
 * visible part of the parse; only a keyword not seen yet is sliced. `text` is the whole
 * document (flat: reading a line's slice char by char is slower).
 */
const KEYWORD_SLOTS = 1024;
/** Keyword ids, -1 for an empty slot. */
const keywordSlots = new Int32Array(KEYWORD_SLOTS).fill(-1);
let keywordSlotsUsed = 0;

export function keywordIdAt(text: string, start: number, end: number): number {
  const len = end - start;
  let hash = len;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619);
  let slot = hash & (KEYWORD_SLOTS - 1);
  for (let id = keywordSlots[slot]; id >= 0; id = keywordSlots[(slot = (slot + 1) & (KEYWORD_SLOTS - 1))]) {
    const kw = keywordList[id];
    if (kw.length !== len) continue;
    let k = 0;
    while (k < len && kw.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === len) return id;
  }
  const id = internKeywordId(text.slice(start, end));
  // Half full at most (probe chains stay short); past that, new words are only interned.
  if (keywordSlotsUsed < KEYWORD_SLOTS / 2) {
    keywordSlots[slot] = id;
    keywordSlotsUsed++;
  }
  return id;
}

/** `toLowerCase()` only when an upper-case ASCII or a non-ASCII letter is present (most words are lower case already; no copy then). */
export function lowerCase(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return v.toLowerCase();
  }
  return v;
}
