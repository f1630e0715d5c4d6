import type { Directive, HaproxyDocument, Section, Statement } from './model';
import { tokenizeLine, type LineTokens } from './tokenizer';

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
 * Sections are never mutated after parsing either.
 */
let previous: { lines: string[]; statements: (Statement | undefined)[]; sections: Section[] } | undefined;
const REUSE_MIN_LINES = 1000;

/** Parses a whole configuration. Never throws; problems are recorded on statements. */
export function parseHaproxy(text: string): HaproxyDocument {
  const lines = splitLines(text);
  const prev = lines.length >= REUSE_MIN_LINES ? previous : undefined;
  const statements: (Statement | undefined)[] | undefined = lines.length >= REUSE_MIN_LINES ? new Array(lines.length) : undefined;
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
  let current: Section | undefined;
  for (let lineNo = 0; lineNo < lineCount; lineNo++) {
    const raw = lines[lineNo];
    if (raw.length === 0) continue;
    let st: Statement | undefined;
    let lexed: LineTokens | undefined;
    if (prev && lineNo < prefix) {
      st = prev.statements[lineNo];
      if (!st) continue; // blank or whitespace-only before too
    } else if (prev && lineNo >= lines.length - suffix) {
      const old = prev.statements[lineNo + shift];
      if (!old) continue;
      st = shift === 0 ? old : { ...old, line: lineNo };
    } else {
      lexed = tokenizeLine(raw);
      if (lexed.tokens.length === 0 && !lexed.comment && !lexed.errors) continue;
    }
    if (!st) {
      const first = lexed!.tokens[0];
      st = {
        line: lineNo,
        indent: first ? first.start : lexed!.comment ? lexed!.comment.start : 0,
        tokens: lexed!.tokens,
      };
      if (lexed!.comment) st.comment = lexed!.comment;
      if (lexed!.errors) st.errors = lexed!.errors;
    }
    if (statements) statements[lineNo] = st;
    const first = st.tokens[0];
    const word = first?.value.toLowerCase();
    if (word !== undefined && word.startsWith('.') && !first.quoted) {
      const d: Directive = { statement: st, name: word };
      doc.directives.push(d);
    }
    if (word !== undefined && SECTION_KEYWORDS.has(word) && !first.quoted) {
      current = { kind: word, header: st, body: [], startLine: lineNo, endLine: lineNo };
      if (st.tokens[1]) current.name = st.tokens[1];
      doc.sections.push(current);
      continue;
    }
    if (current) {
      current.body.push(st);
      if (st.tokens.length > 0) current.endLine = lineNo;
    } else {
      doc.preamble.push(st);
    }
  }
  if (prev) reuseSections(doc.sections, prev.sections);
  previous = statements ? { lines, statements, sections: doc.sections } : previous;
  return doc;
}

/** Replaces each section that is identical, statement object for statement object, to a previous one by that one. */
function reuseSections(sections: Section[], old: readonly Section[]): void {
  const byHeader = new Map<Statement, Section>();
  for (const s of old) byHeader.set(s.header, s);
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    const o = byHeader.get(s.header);
    if (!o || o.body.length !== s.body.length || o.endLine !== s.endLine) continue;
    let same = true;
    for (let k = 0; k < s.body.length && same; k++) same = s.body[k] === o.body[k];
    if (same) sections[i] = o;
  }
}
