import type { Directive, HaproxyDocument, Section, Statement } from './model';
import { F_LOWER, META, LineStatement, StatementTable, clearStatementSlots, internKeywordId, keywordIdAt, lowerCase, startKeywords } from './statement';
import { hashLine, scan, scanPlainRange, tokenizeLine } from './tokenizer';

/**
 * Every keyword that opens a section in some supported HAProxy version. The parser is
 * version-independent; whether a section kind exists in the target version is a diagnostic.
 */
export const SECTION_KEYWORDS: ReadonlySet<string> = new Set([
  'global', 'defaults', 'frontend', 'backend', 'listen', 'userlist', 'peers', 'resolvers',
  'mailers', 'program', 'http-errors', 'ring', 'cache', 'log-forward', 'fcgi-app', 'crt-store',
  'traces', 'acme', 'log-profile', 'healthcheck',
]);

/**
 * Splits a text into lines the way HAProxy reads them (LF; a trailing CR is blank). A lone CR
 * (not followed by LF) also ends a line, as it does for the editor and LSP positions: HAProxy
 * stops reading the line there, and our line numbers must match the editor's.
 */
export function splitLines(text: string): string[] {
  return text.includes('\r') && /\r(?!\n)/.test(text) ? text.split(/\n|\r(?!\n)/) : text.split('\n');
}

/**
 * The text and line starts of the last large text parsed, and its document. An edit re-parses the document,
 * but the unchanged lines before and after the edited range (common prefix and suffix)
 * keep their statement (same line number) or at least their tokens (lines shifted by an
 * inserted or deleted line), so a one-line edit in a 100,000-line file tokenizes one line.
 * Statements and tokens are never mutated after parsing, so sharing them between two
 * versions of a document is safe.
 *
 * A section whose header and body statements are all the very objects of the previous parse
 * (unchanged and not moved) is the previous Section object itself: per-section work keyed
 * by the Section (the name symbols, see names/collect.ts) then survives an edit elsewhere.
 * Sections are never mutated after parsing either. Whole sections in the unchanged leading part
 * (and, when no line was inserted or deleted, in the unchanged trailing part) are taken over
 * without walking their lines at all: a one-line edit of a 100,000-line file only walks the
 * edited section.
 *
 * Lines are offsets into the text (no array of line strings, and no array of statements by
 * line: the previous statements are found by walking the previous document in line order).
 * Why: on a new 20,000-line text the line strings of `split` (blank lines included), the
 * statements-by-line array and section bodies grown by `push` were ≈ 1.3 MB of garbage per parse.
 */
interface Previous {
  text: string;
  /** Line starts (see lineStarts), `lines + 1` entries. */
  starts: Int32Array;
  lines: number;
  doc: HaproxyDocument;
}
let previous: Previous | undefined;
const REUSE_MIN_LINES = 1000;

/**
 * Two buffers for line starts, used in turn: the previous large text keeps one, the text being
 * parsed fills the other (no array per parse; grown when a text has more lines).
 */
let startsA: Int32Array = new Int32Array(1024);
let startsB: Int32Array = new Int32Array(1024);

/**
 * Where each line of `text` starts, cut as splitLines cuts it (LF, or a lone CR): line `i` is
 * `text.slice(starts[i], starts[i + 1] - 1)`; `starts[count]` is `text.length + 1`. Returns the
 * line count; the starts are in `lineStartsOut`.
 */
let lineStartsOut: Int32Array = startsA;
function lineStarts(text: string): number {
  let starts = previous?.starts === startsA ? startsB : startsA;
  let count = 0;
  starts[count++] = 0;
  const lone = text.includes('\r') && /\r(?!\n)/.test(text);
  for (let p = lone ? 0 : text.indexOf('\n'); p >= 0 && p < text.length; p = lone ? p + 1 : text.indexOf('\n', p + 1)) {
    if (lone) {
      const c = text.charCodeAt(p);
      if (c !== 10 && (c !== 13 || text.charCodeAt(p + 1) === 10)) continue;
    }
    // Room for this start and the end entry.
    if (count + 2 > starts.length) starts = growStarts(starts);
    starts[count++] = p + 1;
  }
  if (count + 1 > starts.length) starts = growStarts(starts);
  starts[count] = text.length + 1;
  lineStartsOut = starts;
  return count;
}

function growStarts(starts: Int32Array): Int32Array {
  const grown = new Int32Array(starts.length * 2);
  grown.set(starts);
  if (starts === startsA) startsA = grown;
  else startsB = grown;
  return grown;
}

const CHUNK = 4096;

/** How many leading characters `a` and `b` have in common. */
function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  // Whole chunks by native comparison (their slices are views, not copies), then the last one by character.
  while (p + CHUNK <= n && a.substring(p, p + CHUNK) === b.substring(p, p + CHUNK)) p += CHUNK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How many trailing characters `a` and `b` have in common, at most `max`. */
function commonSuffixLength(a: string, b: string, max: number): number {
  const al = a.length;
  const bl = b.length;
  let q = 0;
  while (q + CHUNK <= max && a.substring(al - q - CHUNK, al - q) === b.substring(bl - q - CHUNK, bl - q)) q += CHUNK;
  while (q < max && a.charCodeAt(al - 1 - q) === b.charCodeAt(bl - 1 - q)) q++;
  return q;
}

/**
 * The previous document's statements in line order (preamble, then each section's header and
 * body), read forward only: the parser asks for ascending lines (the reused prefix, then the
 * reused suffix), so finding each costs a step or two.
 */
class PreviousStatements {
  #s: number;
  #k: number;
  constructor(private readonly doc: HaproxyDocument, front: number) {
    // From the first section the parse walks again (before it, everything is taken over whole).
    this.#s = front > 0 ? front : -1;
    this.#k = front > 0 ? -1 : 0;
  }

  /** The previous statement on `line`, or undefined (that line was blank). */
  at(line: number): LineStatement | undefined {
    const sections = this.doc.sections;
    for (;;) {
      let st: Statement | undefined;
      if (this.#s < 0) {
        st = this.doc.preamble[this.#k];
        if (st === undefined) {
          this.#s = 0;
          this.#k = -1;
          continue;
        }
      } else {
        const section = sections[this.#s];
        if (section === undefined) return undefined;
        st = this.#k < 0 ? section.header : section.body[this.#k];
        if (st === undefined) {
          this.#s++;
          this.#k = -1;
          continue;
        }
      }
      if (st.line >= line) return st.line === line ? (st as LineStatement) : undefined;
      this.#k++;
    }
  }
}

/** Filled with a section's body while its lines are read, then copied at its exact size. */
const bodyScratch: (Statement | undefined)[] = [];

/** Parses a whole configuration. Never throws; problems are recorded on statements. */
export function parseHaproxy(text: string): HaproxyDocument {
  clearStatementSlots();
  startKeywords();
  const lines = lineStarts(text);
  const starts = lineStartsOut;
  const prev = lines >= REUSE_MIN_LINES ? previous : undefined;
  // Common prefix and suffix with the previous text (suffix lines may have moved).
  let prefix = 0;
  let suffix = 0;
  if (prev) {
    const max = Math.min(prev.lines, lines);
    // The texts compared in bulk (native string compares of chunks), then lines counted from the
    // line starts: a line is unchanged when both texts cut it at the same offsets inside the
    // equal part (a line-by-line character loop cost ≈ 2 ms per edit of a 20k-line file).
    const same = commonPrefixLength(prev.text, text);
    const ps = prev.starts;
    while (prefix < max && ps[prefix + 1] === starts[prefix + 1] && starts[prefix + 1] - 1 <= same) prefix++;
    const sameEnd = commonSuffixLength(prev.text, text, Math.min(prev.text.length, text.length) - same);
    const pl = prev.text.length;
    const tl = text.length;
    while (suffix < max - prefix) {
      const a = prev.lines - 1 - suffix;
      const b = lines - 1 - suffix;
      // Same distance from the end for the line's start and end, and its start inside the equal tail.
      if (pl - ps[a] !== tl - starts[b] || pl - (ps[a + 1] - 1) !== tl - (starts[b + 1] - 1) || tl - starts[b] > sameEnd) break;
      suffix++;
    }
  }
  const shift = prev ? prev.lines - lines : 0;
  const endsWithNewline = text.length === 0 || text.endsWith('\n') || text.endsWith('\r');
  // A text ending with "\n" yields a last empty line that is not a real line.
  const lineCount = endsWithNewline && lines > 1 ? lines - 1 : lines;
  const doc: HaproxyDocument = {
    lineCount,
    preamble: [],
    sections: [],
    directives: [],
    endsWithNewline,
    lastLineLength: starts[lineCount] - 1 - starts[lineCount - 1],
  };
  // Whole previous sections to take over: at the front, each whose next section's header is
  // still in the unchanged prefix (so its extent ends where it did); at the back, with lines
  // unmoved, each from the first whose header lies in the unchanged suffix.
  let front = 0;
  let back = prev ? prev.doc.sections.length : 0;
  if (prev) {
    const old = prev.doc.sections;
    while (front + 1 < old.length && old[front + 1].startLine < prefix) front++;
    if (shift === 0) {
      while (back > front + 1 && old[back - 1].startLine >= lines - suffix) back--;
    }
    // The front run ends just before a header the loop below reads again (old[front]).
  }
  const loopStart = prev && front > 0 ? prev.doc.sections[front].startLine : 0;
  const loopEnd = prev && back < prev.doc.sections.length ? prev.doc.sections[back].startLine : lineCount;
  if (prev && front > 0) {
    doc.preamble = prev.doc.preamble;
    for (let i = 0; i < front; i++) doc.sections.push(prev.doc.sections[i]);
    for (const d of prev.doc.directives) if (d.statement.line < loopStart) doc.directives.push(d);
  }
  const reused = prev ? new PreviousStatements(prev.doc, front) : undefined;
  const firstMiddle = doc.sections.length;
  // The statements of the lines tokenized by this parse (all of them, or the edited ones),
  // sized for those lines: grown from a small guess, the store doubled ~14 times on a new
  // 20k text (each a copy, and external memory that hurries the garbage collector).
  const lexFrom = prev ? Math.max(loopStart, prefix) : 0;
  const lexTo = prev ? Math.min(loopEnd, lines - suffix) : lineCount;
  const lexLines = Math.max(0, lexTo - lexFrom);
  const lexChars = lexLines > 0 ? starts[lexTo] - starts[lexFrom] - lexLines : 0;
  const table = new StatementTable(64 + (lexChars >> 1) + (META + 2) * lexLines, lexLines + 4);
  let current: Section | undefined;
  let reusedAny = false;
  // The current section's body so far: `n` statements at the front of the scratch array (its
  // length is never set back, which would drop its storage and grow it again for every section).
  const body = bodyScratch;
  let n = 0;
  let used = 0;
  try {
    for (let lineNo = loopStart; lineNo < loopEnd; lineNo++) {
      const from = starts[lineNo];
      const to = starts[lineNo + 1] - 1;
      if (to === from) continue;
      let st: LineStatement | undefined;
      if (prev && lineNo < prefix) {
        st = reused!.at(lineNo);
        if (!st) continue; // blank or whitespace-only before too
        reusedAny = true;
      } else if (prev && lineNo >= lines - suffix) {
        const old = reused!.at(lineNo + shift);
        if (!old) continue;
        st = shift === 0 ? old : old.movedTo(lineNo);
        reusedAny = true;
      } else {
        st = lex(text, from, to, lineNo, table);
        if (!st) continue;
      }
      const word = st.tokenCount > 0 ? firstWord(st) : undefined;
      if (word !== undefined && word.charCodeAt(0) === 46 /* . */) {
        const d: Directive = { statement: st, name: word };
        doc.directives.push(d);
      }
      if (word !== undefined && SECTION_KEYWORDS.has(word)) {
        if (current) current.body = body.slice(0, n) as Statement[];
        if (n > used) used = n;
        n = 0;
        current = { kind: word, header: st, body: NO_BODY, startLine: lineNo, endLine: lineNo };
        const name = st.tokenAt(1);
        if (name) current.name = name;
        doc.sections.push(current);
        continue;
      }
      if (current) {
        body[n++] = st;
        if (st.tokenCount > 0) current.endLine = lineNo;
      } else {
        doc.preamble.push(st);
      }
    }
    if (current) current.body = body.slice(0, n) as Statement[];
  } finally {
    // Nothing of this document kept by the scratch array.
    body.fill(undefined!, 0, Math.max(n, used));
  }
  if (prev) {
    // Only reused statements can make a section identical to an old one: a new text (no statement
    // in common; a shared blank last line is none) skips the map of every old header.
    if (reusedAny) reuseSections(doc.sections, firstMiddle, prev.doc.sections);
    const old = prev.doc.sections;
    if (back < old.length) {
      for (let i = back; i < old.length; i++) doc.sections.push(old[i]);
      for (const d of prev.doc.directives) if (d.statement.line >= loopEnd) doc.directives.push(d);
    }
  }
  if (lines >= REUSE_MIN_LINES) previous = { text, starts, lines, doc };
  return doc;
}

/** A section's body until its lines are read (never seen outside the parse). */
const NO_BODY: Statement[] = [];

/**
 * One line (`text` from `from` to `to`) as a statement, or undefined for a blank line. Plain
 * lines take the fast scan (no token objects); the line's string is cut only for a statement.
 */
function lex(text: string, from: number, to: number, lineNo: number, table: StatementTable): LineStatement | undefined {
  const at = table.open();
  const store = table.store;
  const count = scanPlainRange(text, from, to, store);
  if (count >= 0) {
    const commentAt = scan.commentAt;
    if (count === 0 && commentAt < 0) {
      store.size = at;
      return undefined;
    }
    const raw = text.slice(from, to);
    const w = at + META;
    const keyword = count > 0 ? (scan.upper ? internKeywordId(lowerCase(raw.slice(store.data[w], store.data[w + 1]))) : keywordIdAt(text, from + store.data[w], from + store.data[w + 1])) : 0;
    return table.close(at, lineNo, raw, keyword, count > 0 ? store.data[w] : commentAt, count, scan.upper ? 0 : F_LOWER, scan.hash, commentAt, commentAt >= 0 ? scan.end : 0);
  }
  const raw = text.slice(from, to);
  const lexed = tokenizeLine(raw);
  if (lexed.tokens.length === 0 && !lexed.comment && !lexed.errors) {
    store.size = at;
    return undefined;
  }
  const first = lexed.tokens[0];
  const indent = first ? first.start : lexed.comment ? lexed.comment.start : 0;
  const keyword = first ? internKeywordId(lowerCase(first.value)) : 0;
  return table.closeFull(at, lineNo, raw, keyword, indent, lexed.tokens, lexed.comment, lexed.errors, hashLine(raw));
}

/** The first word lower-cased, when it is not quoted (a quoted word is never a section keyword nor a directive). */
function firstWord(st: LineStatement): string | undefined {
  return st.firstQuoted ? undefined : st.keyword;
}

/** Replaces each section (from `from` on) identical, statement object for statement object, to a previous one by that one. */
function reuseSections(sections: Section[], from: number, old: readonly Section[]): void {
  if (from >= sections.length) return;
  const byHeader = new Map<Statement, Section>();
  for (const s of old) byHeader.set(s.header, s);
  for (let i = from; i < sections.length; i++) {
    const s = sections[i];
    const o = byHeader.get(s.header);
    if (!o || o.body.length !== s.body.length || o.endLine !== s.endLine) continue;
    let same = true;
    for (let k = 0; k < s.body.length && same; k++) same = s.body[k] === o.body[k];
    if (same) sections[i] = o;
  }
}
