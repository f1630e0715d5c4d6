import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import { allStatements } from '../parser/model';

/**
 * Folding: each section (header to its last non-blank line), each branch of an
 * `.if`/`.elif`/`.else`/`.endif` block (the directive lines stay visible), and each run of two
 * or more consecutive comment lines.
 */
export function foldingRanges(ctx: HaproxyContext): FoldingRange[] {
  const doc = ctx.parsed;
  const out: FoldingRange[] = [];
  for (const s of doc.sections) {
    if (s.endLine > s.startLine) out.push({ startLine: s.startLine, endLine: s.endLine });
  }

  const open: number[] = [];
  for (const d of doc.directives) {
    const line = d.statement.line;
    if (d.name === '.if') {
      open.push(line);
    } else if (d.name === '.elif' || d.name === '.else') {
      const start = open.pop();
      if (start !== undefined && line - 1 > start) out.push({ startLine: start, endLine: line - 1 });
      open.push(line);
    } else if (d.name === '.endif') {
      const start = open.pop();
      if (start !== undefined && line - 1 > start) out.push({ startLine: start, endLine: line - 1 });
    }
  }

  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
    runStart = runEnd = -1;
  };
  for (const { statement } of allStatements(doc)) {
    const commentOnly = statement.tokens.length === 0 && !!statement.comment;
    if (!commentOnly) {
      flush();
      continue;
    }
    if (runEnd >= 0 && statement.line === runEnd + 1) runEnd = statement.line;
    else {
      flush();
      runStart = runEnd = statement.line;
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
