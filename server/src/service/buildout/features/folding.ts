/** Folding ranges (one per section, one per multi-line value) and same-file highlights. */
import { DocumentHighlightKind, FoldingRangeKind, type DocumentHighlight, type FoldingRange, type Position } from 'vscode-languageserver-types';
import type { ParsedFile } from '../model';
import type { DocFile } from './doc';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { occurrences, symbolAt } from './symbolsIndex';

export function foldingRanges(parsed: ParsedFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of parsed.sections) {
    let end = s.endLine;
    const last = s.options[s.options.length - 1];
    if (last) end = Math.max(last.endLine, s.line);
    if (end > s.line) out.push({ startLine: s.line, endLine: end, kind: FoldingRangeKind.Region });
    for (const o of s.options) if (o.endLine > o.line) out.push({ startLine: o.line, endLine: o.endLine });
  }
  return out;
}

export function highlights(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position): DocumentHighlight[] {
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) return [];
  return occurrences(ws, view, hit.symbol)
    .filter((o) => o.file === doc.path)
    .map((o) => ({ range: o.range, kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
