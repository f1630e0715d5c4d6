import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import { buildNameIndex } from './nameIndex';

/**
 * Highlights every occurrence of the name under the cursor (backend, ACL, server, named
 * section): definitions as writes, references as reads. Same scoping as find-references.
 */
export function documentHighlights(ctx: HaproxyContext, position: { line: number; character: number }): DocumentHighlight[] {
  const sym = buildNameIndex(ctx.parsed).at(position);
  if (!sym) return [];
  return buildNameIndex(ctx.parsed).related(sym).map((s) => ({
    range: s.range,
    kind: s.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

