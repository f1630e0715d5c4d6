import type { Comment, LexError, Statement, Token } from './model';

/**
 * The parser's compact statement. Why: a 20,000-line config has ≈ 115,000 words; as token
 * objects (object + string each) they were ≈ 15 MB that every parse kept alive, and copying
 * that young, long-lived graph made the garbage collector the largest single cost of a
 * full validation (and of the server's RSS). Here a plain line (no quote, escape, `$` or
 * backslash: nearly all lines) keeps only its text and its words' column pairs in a shared
 * Int32Array; `tokens` builds the Token objects when a feature first asks for them.
 * Lines with quotes, escapes or substitutions keep the tokenizer's full tokens.
 *
 * The materialised tokens are not kept on the statement (that would bring the retained
 * graph back, measured slower): the tokens of the last statements read are kept in a small
 * table indexed by line number instead, which is all that the passes over the document
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

/** Direct-mapped by line number: consecutive lines (a section, a pass's neighbourhood) never evict each other. */
const SLOTS = 256;
const slotKeys: (LineStatement | undefined)[] = new Array(SLOTS).fill(undefined);
const slotTokens: (Token[] | undefined)[] = new Array(SLOTS).fill(undefined);

export class LineStatement implements Statement {
  line: number;
  indent: number;
  /** The line as written (up to its end; the tokens' columns index into it). */
  readonly text: string;
  comment: Comment | undefined;
  errors: LexError[] | undefined;
  /** Full tokens of a line the fast scan does not handle (quotes, escapes, `$`…). */
  #full: Token[] | undefined;
  #store: TokenStore | undefined;
  /** Index of the first column pair in the store, and the number of tokens. */
  #at: number;
  #count: number;

  constructor(line: number, indent: number, text: string, comment: Comment | undefined, errors: LexError[] | undefined, full: Token[] | undefined, store: TokenStore | undefined, at: number, count: number) {
    this.line = line;
    this.indent = indent;
    this.text = text;
    this.comment = comment;
    this.errors = errors;
    this.#full = full;
    this.#store = store;
    this.#at = at;
    this.#count = full ? full.length : count;
  }

  /** The same statement on another line (a line inserted or deleted above it). */
  movedTo(line: number): LineStatement {
    return new LineStatement(line, this.indent, this.text, this.comment, this.errors, this.#full, this.#store, this.#at, this.#count);
  }

  /** Number of words, without building tokens. */
  get tokenCount(): number {
    return this.#count;
  }

  /** Word `i` of a plain line without building tokens; undefined for a line kept with full tokens. */
  plainWord(i: number): string | undefined {
    if (this.#full !== undefined || i >= this.#count) return undefined;
    const d = this.#store!.data;
    const p = this.#at + 2 * i;
    return this.text.slice(d[p], d[p + 1]);
  }

  get tokens(): Token[] {
    const full = this.#full;
    if (full !== undefined) return full;
    const slot = this.line & (SLOTS - 1);
    if (slotKeys[slot] === this) return slotTokens[slot]!;
    const count = this.#count;
    const out = new Array<Token>(count);
    if (count > 0) {
      const d = this.#store!.data;
      const src = this.text;
      for (let k = 0, p = this.#at; k < count; k++, p += 2) {
        const start = d[p];
        const end = d[p + 1];
        const text = src.slice(start, end);
        out[k] = { text, value: text, start, end, quoted: false };
      }
    }
    slotKeys[slot] = this;
    slotTokens[slot] = out;
    return out;
  }
}
