/**
 * What the cursor is on in a profile, from the text alone (so it works on a half-typed line
 * the parser rejects): the enclosing section, the option whose value the line belongs to, and
 * whether the cursor is in a header, a key, a value or an unfinished `${…`.
 */
import { splitLines } from './text';

export type CursorPlace =
  | { kind: 'header'; typed: string; start: number }
  | { kind: 'key'; typed: string; start: number }
  | { kind: 'value'; option: string; operator: string; typed: string; start: number; firstLine: boolean }
  | { kind: 'macro'; typed: string; start: number }
  | { kind: 'substitution'; section: string | undefined; typed: string; start: number }
  | { kind: 'comment' }
  | { kind: 'none' };

export interface ProfileCursor {
  /** Enclosing section name (undefined before the first header). */
  section?: string;
  place: CursorPlace;
}

const HEADER = /^\[\s*([^\s#;[\]:{}]+)/;
const OPTION = /^([^\s{}[\]=:]+?)\s*([-+]?=)(.*)$/;

function lineAt(lines: string[], line: number): string {
  return (lines[line] ?? '').replace(/\r$/, '');
}

/** The section header above `line` (inclusive when `line` is itself a header). */
export function sectionAbove(lines: string[], line: number): string | undefined {
  for (let l = line; l >= 0; l--) {
    const m = HEADER.exec(lineAt(lines, l));
    if (m) return m[1];
  }
  return undefined;
}

/** For a continuation line, the option line it continues (skipping column-0 comments). */
function optionLineAbove(lines: string[], line: number): number | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const text = lineAt(lines, l);
    if (text === '' || /^\s/.test(text)) continue;
    if (text[0] === '#' || text[0] === ';') continue;
    if (text[0] === '[') return undefined;
    return l;
  }
  return undefined;
}

export function cursorAt(text: string, position: { line: number; character: number }): ProfileCursor {
  const lines = splitLines(text);
  const line = lineAt(lines, position.line);
  const ch = Math.min(position.character, line.length);
  const before = line.slice(0, ch);
  const section = sectionAbove(lines, position.line);

  if (line[0] === '#' || line[0] === ';') return { section, place: { kind: 'comment' } };
  if (line[0] === '[') {
    const close = line.indexOf(']');
    if (close < 0 || ch <= close) {
      const typed = before.slice(1).trimStart();
      return { section: sectionAbove(lines, position.line - 1), place: { kind: 'header', typed, start: ch - typed.length } };
    }
    return { section, place: { kind: 'none' } };
  }

  // An unclosed `${` before the cursor on this line wins over everything else.
  const open = before.lastIndexOf('${');
  if (open >= 0 && !before.slice(open).includes('}')) {
    const typed = before.slice(open + 2);
    const colon = typed.indexOf(':');
    if (colon < 0) return { section, place: { kind: 'substitution', section: undefined, typed, start: ch - typed.length } };
    const opt = typed.slice(colon + 1);
    return { section, place: { kind: 'substitution', section: typed.slice(0, colon) || section, typed: opt, start: ch - opt.length } };
  }

  if (/^\s/.test(line) || line === '') {
    // Continuation line (or a blank line): value of the option above, if any.
    const optLine = optionLineAbove(lines, position.line);
    if (line.trim() === '' && optLine === undefined) return { section, place: { kind: 'key', typed: '', start: ch } };
    if (optLine === undefined) return { section, place: { kind: 'none' } };
    const optText = lineAt(lines, optLine);
    const typed = before.trimStart().split(/\s+/).pop() ?? '';
    if (/^<\s*=/.test(optText)) return { section, place: { kind: 'macro', typed, start: ch - typed.length } };
    const m = OPTION.exec(optText);
    if (!m) return { section, place: { kind: 'none' } };
    if (line.trim() === '' && ch === 0) return { section, place: { kind: 'key', typed: '', start: 0 } };
    return { section, place: { kind: 'value', option: m[1], operator: m[2], typed, start: ch - typed.length, firstLine: false } };
  }

  const macro = /^<\s*=/.exec(line);
  if (macro && ch >= macro[0].length) {
    const typed = before.slice(macro[0].length).trimStart();
    return { section, place: { kind: 'macro', typed, start: ch - typed.length } };
  }
  const m = OPTION.exec(line);
  const eq = m ? line.indexOf(m[2], m[1].length) : -1;
  if (m && ch >= eq + m[2].length) {
    const valueBefore = before.slice(eq + m[2].length);
    const typed = valueBefore.trimStart().split(/\s+/).pop() ?? '';
    return { section, place: { kind: 'value', option: m[1], operator: m[2], typed, start: ch - typed.length, firstLine: true } };
  }
  const typed = before;
  return { section, place: { kind: 'key', typed, start: 0 } };
}
