/**
 * Test documents with a `|` cursor marker: `withCursor('frontend fe\n  bal|')` gives the text
 * without the marker and the cursor as an offset and an LSP position.
 */
export interface CursorText {
  text: string;
  offset: number;
  position: { line: number; character: number };
}

export function withCursor(marked: string, marker = '|'): CursorText {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error(`no '${marker}' cursor marker in test text`);
  if (marked.indexOf(marker, offset + 1) >= 0) throw new Error(`more than one '${marker}' in test text`);
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text, offset, position: { line, character } };
}

/** Applies a single-line-or-multiline text edit (LSP shape) to a text, for `resultText` checks. */
export function applyEdit(
  text: string,
  edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
): string {
  const lines = text.split('\n');
  const toOffset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, toOffset(edit.range.start)) + edit.newText + text.slice(toOffset(edit.range.end));
}
