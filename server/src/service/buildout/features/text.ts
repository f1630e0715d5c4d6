/** Small text/position helpers shared by the buildout features. */
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Offsets where lines start. CRLF, LF and a lone CR each end a line, as for LSP positions (and
 * Python's universal newlines, which buildout reads with).
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The lines of a text as LSP counts them (a CRLF line keeps its CR, a lone CR ends a line). */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\n|\r(?!\n)/) : text.split('\n');
}

export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(starts: number[], p: Position): number {
  return (starts[p.line] ?? starts[starts.length - 1]) + p.character;
}

export function rangeOf(starts: number[], start: number, end: number): Range {
  return { start: positionAt(starts, start), end: positionAt(starts, end) };
}

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** Words (non-blank runs) inside a one-line range of `text`, with their ranges. */
export function wordsIn(lines: string[], r: Range): Array<{ word: string; range: Range }> {
  const out: Array<{ word: string; range: Range }> = [];
  if (r.start.line !== r.end.line) return out;
  const line = lines[r.start.line] ?? '';
  const re = /\S+/g;
  const slice = line.slice(r.start.character, r.end.character);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const s = r.start.character + m.index;
    out.push({ word: m[0], range: { start: { line: r.start.line, character: s }, end: { line: r.start.line, character: s + m[0].length } } });
  }
  return out;
}

export function fileUri(path: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path)) return path;
  return 'file://' + path.split('/').map((p) => encodeURIComponent(p)).join('/');
}

export function uriPath(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  return decodeURIComponent(uri.slice('file://'.length));
}
