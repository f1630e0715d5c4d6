/**
 * Python string semantics buildout relies on, reproduced exactly: `str.isspace`/`strip`,
 * `textwrap.dedent`, `repr(str)` (used verbatim in parse-error messages) and `str.split()`.
 * JavaScript's `\s`, `trim()` and JSON quoting differ in small ways that users would see.
 */

/** Characters for which Python's `str.isspace()` is true (bidi WS/B/S or category Zs). */
export const PY_WS_CLASS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RE = new RegExp(`[${PY_WS_CLASS}]`);
const LEADING_WS = new RegExp(`^[${PY_WS_CLASS}]+`);
const WS_RUN = new RegExp(`[${PY_WS_CLASS}]+`);

export function isPySpace(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && WS_RE.test(ch);
}

export function pyLstrip(s: string): string {
  return s.replace(LEADING_WS, '');
}

export function pyRstrip(s: string): string {
  // A regex anchored at $ over a long non-space string is linear; fine for huge values.
  let end = s.length;
  while (end > 0 && WS_RE.test(s[end - 1])) end--;
  return s.slice(0, end);
}

export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

/** Python `str.split()` without arguments: split on whitespace runs, drop empty words. */
export function pySplit(s: string): string[] {
  return s.split(WS_RUN).filter((w) => w.length > 0);
}

/** Words of `s` (as `pySplit`) with their offsets. */
export function pyWords(s: string): Array<{ word: string; start: number }> {
  const out: Array<{ word: string; start: number }> = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && WS_RE.test(s[i])) i++;
    const start = i;
    while (i < s.length && !WS_RE.test(s[i])) i++;
    if (i > start) out.push({ word: s.slice(start, i), start });
  }
  return out;
}


/** `textwrap.dedent` of CPython 3.11: only spaces and tabs count as indentation. */
export function pyDedent(text: string): string {
  // Lines consisting solely of spaces/tabs are normalised to empty.
  text = text.replace(/^[ \t]+$/gm, '');
  let margin: string | undefined;
  const re = /^([ \t]*)(?:[^ \t\n])/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const indent = m[1];
    if (margin === undefined) margin = indent;
    else if (indent.startsWith(margin)) {
      // keep margin
    } else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  if (margin) {
    const lines = text.split('\n');
    return lines.map((l) => (l.startsWith(margin!) ? l.slice(margin!.length) : l)).join('\n');
  }
  return text;
}

/** buildout's post-processing of a value whose first character is whitespace. */
export function postProcessValue(value: string): string {
  if (!isPySpace(value[0])) return value;
  const dedented = pyDedent(pyRstrip(value));
  // leading_blank_lines = re.compile(r"^(\s*\n)+"): drop everything up to the last newline
  // inside the leading whitespace run.
  let i = 0;
  let lastNl = -1;
  while (i < dedented.length && WS_RE.test(dedented[i])) {
    if (dedented[i] === '\n') lastNl = i;
    i++;
  }
  return lastNl >= 0 ? dedented.slice(lastNl + 1) : dedented;
}

/** `repr()` of a Python 3 str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x7f) out += ch;
    else if (isPyPrintable(ch)) out += ch;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function isPyPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

/** `repr()` of a list of str, as in `Recursive file include ['/a.cfg', '/b.cfg'] /a.cfg`. */
export function pyReprList(items: string[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']';
}

/**
 * Physical lines as Python's text-mode `readline()` yields them (universal newlines: `\n`,
 * `\r\n` and `\r` end a line and become `\n`). Each entry keeps its `\n` except possibly the last.
 */
export function pyLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(start, i) + '\n');
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
