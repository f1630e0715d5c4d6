import type { Directive, HaproxyDocument, Section, Statement } from './model';
import { F_LOWER, META, LineStatement, StatementTable, clearStatementSlots, internKeyword, keywordAt, lowerCase } from './statement';
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
 * The lines and statements of the last large text parsed. An edit re-parses the document,
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
 */
let previous: { lines: string[]; statements: (LineStatement | undefined)[]; doc: HaproxyDocument } | undefined;
const REUSE_MIN_LINES = 1000;

/** Parses a whole configuration. Never throws; problems are recorded on statements. */
export function parseHaproxy(text: string): HaproxyDocument {
  clearStatementSlots();
  const lines = splitLines(text);
  const prev = lines.length >= REUSE_MIN_LINES ? previous : undefined;
  const statements: (LineStatement | undefined)[] | undefined = lines.length >= REUSE_MIN_LINES ? new Array(lines.length) : undefined;
  // Common prefix and suffix with the previous text (suffix lines may have moved).
  let prefix = 0;
  let suffix = 0;
  if (prev) {
    const max = Math.min(prev.lines.length, lines.length);
    while (prefix < max && prev.lines[prefix] === lines[prefix]) prefix++;
    while (suffix < max - prefix && prev.lines[prev.lines.length - 1 - suffix] === lines[lines.length - 1 - suffix]) suffix++;
  }
  const shift = prev ? prev.lines.length - lines.length : 0;
  const endsWithNewline = text.length === 0 || text.endsWith('\n') || text.endsWith('\r');
  // A text ending with "\n" yields a last empty element that is not a real line.
  const lineCount = endsWithNewline && lines.length > 1 ? lines.length - 1 : lines.length;
  const doc: HaproxyDocument = {
    lineCount,
    preamble: [],
    sections: [],
    directives: [],
    endsWithNewline,
    lastLineLength: lines[lineCount - 1]?.length ?? 0,
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
      while (back > front + 1 && old[back - 1].startLine >= lines.length - suffix) back--;
    }
    // The front run ends just before a header the loop below reads again (old[front]).
  }
  const loopStart = prev && front > 0 ? prev.doc.sections[front].startLine : 0;
  const loopEnd = prev && back < prev.doc.sections.length ? prev.doc.sections[back].startLine : lineCount;
  if (prev && front > 0) {
    doc.preamble = prev.doc.preamble;
    for (let i = 0; i < front; i++) doc.sections.push(prev.doc.sections[i]);
    for (const d of prev.doc.directives) if (d.statement.line < loopStart) doc.directives.push(d);
    for (let i = 0; i < loopStart; i++) statements![i] = prev.statements[i];
  }
  const firstMiddle = doc.sections.length;
  // The statements of the lines tokenized by this parse (all of them, or the edited ones),
  // sized for those lines: grown from a small guess, the store doubled ~14 times on a new
  // 20k text (each a copy, and external memory that hurries the garbage collector).
  const lexFrom = prev ? Math.max(loopStart, prefix) : 0;
  const lexTo = prev ? Math.min(loopEnd, lines.length - suffix) : lineCount;
  let lexChars = 0;
  for (let k = lexFrom; k < lexTo; k++) lexChars += lines[k].length;
  const lexLines = Math.max(0, lexTo - lexFrom);
  const table = new StatementTable(64 + (lexChars >> 1) + (META + 2) * lexLines, lexLines + 4);
  let current: Section | undefined;
  // Offset of line `lineNo` in `text` (every line separator is one character: LF or a lone CR).
  let at = 0;
  for (let k = 0; k < loopStart; k++) at += lines[k].length + 1;
  for (let lineNo = loopStart; lineNo < loopEnd; lineNo++) {
    const raw = lines[lineNo];
    const from = at;
    at += raw.length + 1;
    if (raw.length === 0) continue;
    let st: LineStatement | undefined;
    if (prev && lineNo < prefix) {
      st = prev.statements[lineNo];
      if (!st) continue; // blank or whitespace-only before too
    } else if (prev && lineNo >= lines.length - suffix) {
      const old = prev.statements[lineNo + shift];
      if (!old) continue;
      st = shift === 0 ? old : old.movedTo(lineNo);
    } else {
      st = lex(text, from, raw, lineNo, table);
      if (!st) continue;
    }
    if (statements) statements[lineNo] = st;
    const word = st.tokenCount > 0 ? firstWord(st) : undefined;
    if (word !== undefined && word.charCodeAt(0) === 46 /* . */) {
      const d: Directive = { statement: st, name: word };
      doc.directives.push(d);
    }
    if (word !== undefined && SECTION_KEYWORDS.has(word)) {
      current = { kind: word, header: st, body: [], startLine: lineNo, endLine: lineNo };
      const name = st.tokenAt(1);
      if (name) current.name = name;
      doc.sections.push(current);
      continue;
    }
    if (current) {
      current.body.push(st);
      if (st.tokenCount > 0) current.endLine = lineNo;
    } else {
      doc.preamble.push(st);
    }
  }
  if (prev) {
    // Only reused statements can make a section identical to an old one: a new text (nothing in
    // common) skips the map of every old header.
    if (prefix > 0 || suffix > 0) reuseSections(doc.sections, firstMiddle, prev.doc.sections);
    const old = prev.doc.sections;
    if (back < old.length) {
      for (let i = back; i < old.length; i++) doc.sections.push(old[i]);
      for (const d of prev.doc.directives) if (d.statement.line >= loopEnd) doc.directives.push(d);
      for (let i = loopEnd; i < lines.length; i++) statements![i] = prev.statements[i];
    }
  }
  previous = statements ? { lines, statements, doc } : previous;
  return doc;
}

/**
 * One line (`raw`, which is `text` from `from` on) as a statement, or undefined for a blank line.
 * Plain lines take the fast scan (no token objects).
 */
function lex(text: string, from: number, raw: string, lineNo: number, table: StatementTable): LineStatement | undefined {
  const at = table.open();
  const store = table.store;
  const count = scanPlainRange(text, from, from + raw.length, store);
  if (count >= 0) {
    const commentAt = scan.commentAt;
    if (count === 0 && commentAt < 0) {
      store.size = at;
      return undefined;
    }
    const w = at + META;
    const keyword = count > 0 ? (scan.upper ? internKeyword(lowerCase(raw.slice(store.data[w], store.data[w + 1]))) : keywordAt(text, from + store.data[w], from + store.data[w + 1])) : '';
    return table.close(at, lineNo, raw, keyword, count > 0 ? store.data[w] : commentAt, count, scan.upper ? 0 : F_LOWER, scan.hash, commentAt, commentAt >= 0 ? scan.end : 0);
  }
  const lexed = tokenizeLine(raw);
  if (lexed.tokens.length === 0 && !lexed.comment && !lexed.errors) {
    store.size = at;
    return undefined;
  }
  const first = lexed.tokens[0];
  const indent = first ? first.start : lexed.comment ? lexed.comment.start : 0;
  const keyword = first ? internKeyword(lowerCase(first.value)) : '';
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
