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

/** Splits a text into lines the way HAProxy reads them (LF; a trailing CR is blank). */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

/**
 * The tokens of the lines of the last large text parsed, by line text. An edit re-parses the
 * whole document, but every unchanged line takes its tokens from here instead of being
 * tokenized again (tokens are never mutated, so sharing them between versions is safe; each
 * cached entry is handed out once, so no two statements of one document share tokens).
 */
let previousLines = new Map<string, LineTokens>();
const REUSE_MIN_LINES = 1000;

/** Parses a whole configuration. Never throws; problems are recorded on statements. */
export function parseHaproxy(text: string): HaproxyDocument {
  const lines = splitLines(text);
  const reuse = lines.length >= REUSE_MIN_LINES ? previousLines : undefined;
  const nextLines = reuse ? new Map<string, LineTokens>() : undefined;
  const endsWithNewline = text.length === 0 || text.endsWith('\n');
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
    let lexed = reuse?.get(raw);
    if (lexed) reuse!.delete(raw);
    else lexed = tokenizeLine(raw);
    if (nextLines && !nextLines.has(raw)) nextLines.set(raw, lexed);
    if (lexed.tokens.length === 0 && !lexed.comment && !lexed.errors) continue;
    const first = lexed.tokens[0];
    const st: Statement = {
      line: lineNo,
      indent: first ? first.start : lexed.comment ? lexed.comment.start : 0,
      tokens: lexed.tokens,
    };
    if (lexed.comment) st.comment = lexed.comment;
    if (lexed.errors) st.errors = lexed.errors;
    const word = first?.value.toLowerCase();
    if (word !== undefined && word.startsWith('.') && !first.quoted) {
      const d: Directive = { statement: st, name: word };
      doc.directives.push(d);
    }
    if (word !== undefined && SECTION_KEYWORDS.has(word) && !first.quoted) {
      current = { kind: word, header: st, body: [], startLine: lineNo, endLine: lineNo };
      if (lexed.tokens[1]) current.name = lexed.tokens[1];
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
  if (nextLines) previousLines = nextLines;
  return doc;
}
