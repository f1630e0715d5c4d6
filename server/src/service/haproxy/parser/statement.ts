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
 * Every field that is not derived is an own enumerable property (line, indent, text,
 * comment, errors), so two parses of the same text compare deep-equal; the offsets are
 * private (`#`), never compared.
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

export class LineStatement implements Statement {
  line: number;
  indent: number;
  /** The line as written (up to its end; the tokens' columns index into it). */
  readonly text: string;
  comment: Comment | undefined;
  errors: LexError[] | undefined;
  /** The first word lower-cased ('' for none), one shared string per distinct keyword: most passes look at nothing else. */
  readonly keyword: string;
  /** Full tokens of a line the fast scan does not handle (quotes, escapes, `$`…). */
  #full: Token[] | undefined;
  #store: TokenStore | undefined;
  /** Index of the first column pair in the store, and the number of words. */
  #at: number;
  #count: number;
  /** No word has an upper-case or non-ASCII character: `words` is `values`. */
  #lower: boolean;
  #hash: number;

  constructor(line: number, indent: number, text: string, comment: Comment | undefined, errors: LexError[] | undefined, keyword: string, full: Token[] | undefined, store: TokenStore | undefined, at: number, count: number, lower = false, hash = 0) {
    this.line = line;
    this.indent = indent;
    this.text = text;
    this.comment = comment;
    this.errors = errors;
    this.keyword = keyword;
    this.#full = full;
    this.#store = store;
    this.#at = at;
    this.#count = full ? full.length : count;
    this.#lower = lower;
    this.#hash = hash;
  }

  /** The same statement on another line (a line inserted or deleted above it). */
  movedTo(line: number): LineStatement {
    return new LineStatement(line, this.indent, this.text, this.comment, this.errors, this.keyword, this.#full, this.#store, this.#at, this.#count, this.#lower, this.#hash);
  }

  /** Equal texts have equal hashes (a filter for repeated lines, see localChecks.ts). */
  get lineHash(): number {
    return this.#hash;
  }

  /** Number of words, without building anything. */
  get tokenCount(): number {
    return this.#count;
  }

  get plain(): boolean {
    return this.#full === undefined;
  }

  get asciiLower(): boolean {
    return this.#lower;
  }

  tokenStart(i: number): number {
    const full = this.#full;
    return full !== undefined ? full[i].start : this.#store!.data[this.#at + 2 * i];
  }

  tokenEnd(i: number): number {
    const full = this.#full;
    return full !== undefined ? full[i].end : this.#store!.data[this.#at + 2 * i + 1];
  }

  valueAt(i: number): string | undefined {
    if (i < 0 || i >= this.#count) return undefined;
    const full = this.#full;
    if (full !== undefined) return full[i].value;
    const d = this.#store!.data;
    return this.text.slice(d[this.#at + 2 * i], d[this.#at + 2 * i + 1]);
  }

  /** Whether the first word has a quoted part (then it is no keyword). */
  get firstQuoted(): boolean {
    return this.#full !== undefined && this.#full.length > 0 && this.#full[0].quoted;
  }

  /** The tokens' values (quotes removed, escapes applied). Shared: do not mutate. */
  get values(): string[] {
    const slot = this.#slot();
    let v = slotValues[slot];
    if (v === undefined) {
      const full = this.#full;
      const count = this.#count;
      v = new Array<string>(count);
      if (full !== undefined) {
        for (let k = 0; k < count; k++) v[k] = full[k].value;
      } else if (count > 0) {
        const d = this.#store!.data;
        const src = this.text;
        for (let k = 0, p = this.#at; k < count; k++, p += 2) v[k] = src.slice(d[p], d[p + 1]);
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
      if (this.#lower) return (slotWords[slot] = v);
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
    const full = this.#full;
    if (full !== undefined) return full[i];
    if (i < 0 || i >= this.#count) return undefined;
    const slot = this.line & (SLOTS - 1);
    if (slotKeys[slot] === this && slotTokens[slot] !== undefined) return slotTokens[slot]![i];
    const d = this.#store!.data;
    const p = this.#at + 2 * i;
    const text = this.text.slice(d[p], d[p + 1]);
    return { text, value: text, start: d[p], end: d[p + 1], quoted: false };
  }

  get tokens(): Token[] {
    const full = this.#full;
    if (full !== undefined) return full;
    const slot = this.#slot();
    let out = slotTokens[slot];
    if (out === undefined) {
      const values = this.values;
      const count = values.length;
      out = new Array<Token>(count);
      if (count > 0) {
        const d = this.#store!.data;
        for (let k = 0, p = this.#at; k < count; k++, p += 2) {
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
 * One string per distinct first word: a statement keeps its keyword for the whole life of the
 * document, and a few hundred distinct keywords serve a whole file (a kept string per line
 * would be a young object for the garbage collector to copy). Cleared when it grows large
 * (a file whose lines start with arbitrary words).
 */
const keywords = new Map<string, string>();

export function internKeyword(word: string): string {
  const known = keywords.get(word);
  if (known !== undefined) return known;
  if (keywords.size >= 4096) keywords.clear();
  keywords.set(word, word);
  return word;
}

/**
 * `internKeyword(text.slice(start, end))` for a word without upper-case letters, without the
 * slice: the word's characters are hashed into a small open-addressing table of the keywords
 * seen and compared in place. A fresh slice per line (and the hashing of it by the Map) was a
 * visible part of the parse; only a keyword not seen yet is sliced. `text` is the whole
 * document (flat: reading a line's slice char by char is slower).
 */
const KEYWORD_SLOTS = 1024;
const keywordSlots: (string | undefined)[] = new Array(KEYWORD_SLOTS).fill(undefined);
let keywordSlotsUsed = 0;

export function keywordAt(text: string, start: number, end: number): string {
  const len = end - start;
  let hash = len;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619);
  let slot = hash & (KEYWORD_SLOTS - 1);
  for (let kw = keywordSlots[slot]; kw !== undefined; kw = keywordSlots[(slot = (slot + 1) & (KEYWORD_SLOTS - 1))]) {
    if (kw.length !== len) continue;
    let k = 0;
    while (k < len && kw.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === len) return kw;
  }
  const word = internKeyword(text.slice(start, end));
  // Half full at most (probe chains stay short); past that, new words are only interned.
  if (keywordSlotsUsed < KEYWORD_SLOTS / 2) {
    keywordSlots[slot] = word;
    keywordSlotsUsed++;
  }
  return word;
}

/** `toLowerCase()` only when an upper-case ASCII or a non-ASCII letter is present (most words are lower case already; no copy then). */
export function lowerCase(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return v.toLowerCase();
  }
  return v;
}
