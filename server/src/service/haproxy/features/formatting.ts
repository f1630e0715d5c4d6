import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import type { Statement } from '../parser/model';
import { splitLines } from '../parser/parser';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

type Role = 'header' | 'directive' | 'body' | 'preamble';

/**
 * Re-indents a configuration without changing its meaning: section headers and `.if`-style
 * directives at column 0, section bodies one level in (comments too), trailing blanks removed.
 * Only the whitespace before the first word and after the last one is ever edited, so words,
 * quoted strings and the spacing between words are untouched. Trailing blanks are kept where
 * removing them could change a word (an escaped `\ ` at the end, an unterminated quote).
 */
export function format(ctx: HaproxyContext, options: FormatOptions, range?: Range): TextEdit[] {
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, Math.min(16, options.tabSize | 0))) : '\t';
  const roles = statementRoles(ctx);
  const lines = splitLines(ctx.document.getText());
  let first = 0;
  let last = ctx.parsed.lineCount - 1;
  if (range) {
    first = range.start.line;
    last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  }
  const edits: TextEdit[] = [];
  for (let line = Math.max(0, first); line <= Math.min(last, lines.length - 1); line++) {
    let text = lines[line];
    const cr = text.endsWith('\r');
    if (cr) text = text.slice(0, -1);
    const lead = /^[ \t\f\v]*/.exec(text)![0].length;
    if (lead === text.length) {
      if (text.length > 0) edits.push(edit(line, 0, text.length, ''));
      continue;
    }
    const info = roles.get(line);
    const desired = info === undefined ? undefined : indentFor(info.role, info.keepColumn0, unit);
    if (desired !== undefined && text.slice(0, lead) !== desired) edits.push(edit(line, 0, lead, desired));
    const trail = trailingBlankStart(text);
    if (trail < text.length && !info?.statement.errors && !escapedAt(text, trail)) edits.push(edit(line, trail, text.length, ''));
  }
  return edits;
}

function indentFor(role: Role, keepColumn0: boolean, unit: string): string {
  if (role === 'body' && !keepColumn0) return unit;
  return '';
}

interface LineInfo {
  role: Role;
  statement: Statement;
  /** A comment introducing the next section (written at column 0 right above its header). */
  keepColumn0: boolean;
}

function statementRoles(ctx: HaproxyContext): Map<number, LineInfo> {
  const out = new Map<number, LineInfo>();
  const doc = ctx.parsed;
  const directiveLines = new Set(doc.directives.map((d) => d.statement.line));
  for (const st of doc.preamble) out.set(st.line, { role: directiveLines.has(st.line) ? 'directive' : 'preamble', statement: st, keepColumn0: false });
  for (let si = 0; si < doc.sections.length; si++) {
    const s = doc.sections[si];
    const nextHeader = doc.sections[si + 1]?.header.line ?? -1;
    out.set(s.header.line, { role: 'header', statement: s.header, keepColumn0: false });
    const body = s.body;
    for (let i = 0; i < body.length; i++) {
      const st = body[i];
      out.set(st.line, { role: directiveLines.has(st.line) ? 'directive' : 'body', statement: st, keepColumn0: false });
    }
    // Comments at column 0 directly above the next header (or a directive before it) belong to it.
    for (let i = body.length - 1; i >= 0; i--) {
      const st = body[i];
      const next = i + 1 < body.length ? body[i + 1].line : nextHeader;
      if (st.tokens.length > 0 || st.indent !== 0 || next !== st.line + 1) break;
      out.get(st.line)!.keepColumn0 = true;
    }
  }
  return out;
}

function trailingBlankStart(text: string): number {
  let i = text.length;
  while (i > 0 && /[ \t\f\v]/.test(text[i - 1])) i--;
  return i;
}

/** The blank at `i` is escaped by an odd number of backslashes before it. */
function escapedAt(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

function edit(line: number, from: number, to: number, newText: string): TextEdit {
  return { range: { start: { line, character: from }, end: { line, character: to } }, newText };
}
