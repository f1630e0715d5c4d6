/**
 * buildout's substitution syntax (`Options._sub`): the `${…}` token split, the validity
 * regexes and their exact error messages, plus reference scanning with positions.
 */
import type { Range, SubstitutionReference } from '../model';

/** `_template_split = re.compile('([$]{[^}]*})').split` */
export function templateSplit(template: string): string[] {
  return template.split(/(\$\{[^}]*\})/);
}

const VALID = /^\$\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+\}$/;

/** A character of `_valid`'s class `[-a-zA-Z0-9 ._]`. */
function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 32 || c === 95;
}

/**
 * `_valid` for the token `text[start, end]` (`${` at start, `}` at end) without copying it:
 * the offset of its one colon when it is valid, otherwise -1 (the caller then asks
 * `syntaxError` for buildout's message; `_valid` failing is not always an error).
 */
export function validTokenColon(text: string, start: number, end: number): number {
  let colon = -1;
  for (let i = start + 2; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      if (colon >= 0) return -1;
      colon = i;
    } else if (!isNameCode(c)) return -1;
  }
  return colon >= 0 && colon < end - 1 ? colon : -1;
}
// Python's `$` also matches before a final newline: `_simple('a\n')` is true.
const SIMPLE = /^[-a-zA-Z0-9 ._]+\n?$/;

/** The error buildout raises for an invalid `${…}` token, or undefined when it is valid. */
export function syntaxError(ref: string): string | undefined {
  if (VALID.test(ref)) return undefined;
  const s = ref.slice(2, -1).split(':');
  if (s.length < 2) return `The substitution, ${ref},\ndoesn't contain a colon.`;
  if (s.length > 2) return `The substitution, ${ref},\nhas too many colons.`;
  if (!SIMPLE.test(s[0])) return `The section name in substitution, ${ref},\nhas invalid characters.`;
  if (!SIMPLE.test(s[1])) return `The option name in substitution, ${ref},\nhas invalid characters.`;
  return undefined;
}

/**
 * The section and option named by the token `text[start, end]` (`${` at start, `}` at end), or
 * buildout's syntax error for it. The fast path reads a valid token in place; a token `_valid`
 * refuses may still be accepted by `_simple` (e.g. spaces), as buildout's own split does.
 */
export function referenceParts(text: string, start: number, end: number): { section: string; option: string } | { error: string } {
  const colon = validTokenColon(text, start, end);
  if (colon >= 0) return { section: text.slice(start + 2, colon), option: text.slice(colon + 1, end) };
  const ref = text.slice(start, end + 1);
  const error = syntaxError(ref);
  if (error) return { error };
  const [section, option] = ref.slice(2, -1).split(':');
  return { section, option };
}

/** Python `str.split('$$')` pieces with their offsets. */
export function dollarPieces(value: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (;;) {
    const i = value.indexOf('$$', start);
    if (i < 0) break;
    out.push({ text: value.slice(start, i), offset: start });
    start = i + 2;
  }
  out.push({ text: value.slice(start), offset: start });
  return out;
}

export interface RawRef {
  /** Offsets of the whole `${…}` in the scanned text. */
  start: number;
  end: number;
  text: string;
  sectionText: string;
  option: string;
  /** Offsets of the section and option inside the scanned text. */
  sectionStart: number;
  optionStart: number;
  syntaxError?: string;
}

/** `${…}` tokens of a value as buildout substitutes them (after the `$$` split). */
export function scanValueRefs(value: string): RawRef[] {
  const out: RawRef[] = [];
  for (const piece of dollarPieces(value)) out.push(...scanRefs(piece.text, piece.offset));
  return out;
}

/** `${…}` tokens of a text without the `$$` split (templates). */
export function scanRefs(text: string, base = 0): RawRef[] {
  const out: RawRef[] = [];
  const re = /\$\{[^}]*\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const ref = m[0];
    const inner = ref.slice(2, -1);
    const colon = inner.indexOf(':');
    const start = base + m.index;
    const sectionText = colon < 0 ? '' : inner.slice(0, colon);
    const option = colon < 0 ? inner : inner.slice(colon + 1);
    out.push({
      start,
      end: start + ref.length,
      text: ref,
      sectionText,
      option,
      sectionStart: start + 2,
      optionStart: start + 2 + (colon < 0 ? 0 : colon + 1),
      syntaxError: syntaxError(ref),
    });
  }
  return out;
}

/** References in one option occurrence's value ranges (each line scanned separately). */
export function referencesInRanges(
  file: string, lines: string[], ranges: Range[], inSection: string, inOption: string,
): SubstitutionReference[] {
  const out: SubstitutionReference[] = [];
  for (const r of ranges) {
    const lineText = lines[r.start.line] ?? '';
    const text = lineText.slice(r.start.character, r.end.character);
    for (const ref of scanValueRefs(text)) out.push(toReference(file, r.start.line, r.start.character, ref, inSection, inOption));
  }
  return out;
}

export function toReference(file: string, line: number, col: number, ref: RawRef, inSection: string, inOption?: string): SubstitutionReference {
  const at = (c: number): Range => ({ start: { line, character: col + c }, end: { line, character: col + c } });
  const span = (a: number, b: number): Range => ({ start: { line, character: col + a }, end: { line, character: col + b } });
  return {
    file,
    range: span(ref.start, ref.end),
    sectionText: ref.sectionText,
    section: ref.sectionText || inSection,
    option: ref.option,
    sectionRange: ref.sectionText ? span(ref.sectionStart, ref.sectionStart + ref.sectionText.length) : at(ref.sectionStart),
    optionRange: span(ref.optionStart, ref.optionStart + ref.option.length),
    inSection,
    inOption,
    syntaxError: ref.syntaxError,
  };
}
