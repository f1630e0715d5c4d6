/**
 * Python string semantics buildout relies on, reproduced exactly: `str.isspace`/`strip`,
 * `textwrap.dedent`, `repr(str)` (used verbatim in parse-error messages) and `str.split()`.
 * JavaScript's `\s`, `trim()` and JSON quoting differ in small ways that users would see.
 */

/** Characters for which Python's `str.isspace()` is true (bidi WS/B/S or category Zs). */
export const PY_WS_CLASS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * `str.isspace()` of one UTF-16 code unit: the same set as PY_WS_CLASS, tested without a
 * regex (the parser asks this for every character it strips).
 */
export function isWsCode(c: number): boolean {
  if (c > 32 && c < 0x85) return false;
  return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 32) || c === 0x85 || c === 0xa0 || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function isPySpace(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isWsCode(ch.charCodeAt(0));
}

/** Index of the first non-space character of `s[from, to)` (`to` when all are spaces). */
export function skipWs(s: string, from = 0, to = s.length): number {
  while (from < to && isWsCode(s.charCodeAt(from))) from++;
  return from;
}

/** End of `s[from, to)` without its trailing spaces. */
export function trimWsEnd(s: string, from = 0, to = s.length): number {
  while (to > from && isWsCode(s.charCodeAt(to - 1))) to--;
  return to;
}

export function pyLstrip(s: string): string {
  const i = skipWs(s);
  return i === 0 ? s : s.slice(i);
}

export function pyRstrip(s: string): string {
  const end = trimWsEnd(s);
  return end === s.length ? s : s.slice(0, end);
}

export function pyStrip(s: string): string {
  const start = skipWs(s);
  const end = trimWsEnd(s, start);
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `str.split()` without arguments: split on whitespace runs, drop empty words. */
export function pySplit(s: string): string[] {
  // Scanned, not split on a regex and filtered: two arrays less per call (every extends value).
  // Counted first, then filled: an array grown by push takes 17 slots at once.
  const n = s.length;
  let count = 0;
  for (let i = skipWs(s, 0, n); i < n; i = skipWs(s, i, n)) {
    count++;
    while (i < n && !isWsCode(s.charCodeAt(i))) i++;
  }
  const out = new Array<string>(count);
  let k = 0;
  let i = skipWs(s, 0, n);
  while (i < n) {
    const from = i;
    while (i < n && !isWsCode(s.charCodeAt(i))) i++;
    out[k++] = from === 0 && i === n ? s : s.slice(from, i);
    i = skipWs(s, i, n);
  }
  return out;
}

/**
 * `textwrap.dedent` of CPython 3.11: only spaces and tabs count as indentation, and only `\n`
 * separates lines (its regexes use `re.MULTILINE`, whose `^`/`$` know no other line break).
 */
export function pyDedent(text: string): string {
  // One scan for the margin (and whether any line is only spaces/tabs), one to cut it.
  let margin: string | undefined;
  let blankLines = false;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i === end) blankLines ||= i > start; // _whitespace_only_re: such a line becomes empty
    else if (margin === undefined) margin = text.slice(start, i);
    else if (margin.length !== i - start || !text.startsWith(margin, start)) {
      const indent = text.slice(start, i);
      if (indent.startsWith(margin)) {
        // keep margin
      } else if (margin.startsWith(indent)) margin = indent;
      else {
        let k = 0;
        while (k < margin.length && k < indent.length && margin[k] === indent[k]) k++;
        margin = margin.slice(0, k);
      }
    }
    start = end + 1;
  }
  if (!margin && !blankLines) return text;
  const cut = margin ? margin.length : 0;
  let out = '';
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (start > 0) out += '\n';
    if (i === end) {
      // a line of only spaces/tabs (or empty) stays empty
    } else if (cut && text.startsWith(margin!, start)) out += text.slice(start + cut, end);
    else out += text.slice(start, end);
    start = end + 1;
  }
  return out;
}

/** buildout's post-processing of a value whose first character is whitespace. */
export function postProcessValue(value: string): string {
  if (!isPySpace(value[0])) return value;
  const dedented = pyDedent(pyRstrip(value));
  // leading_blank_lines = re.compile(r"^(\s*\n)+"): drop everything up to the last newline
  // inside the leading whitespace run.
  let i = 0;
  let lastNl = -1;
  while (i < dedented.length && isWsCode(dedented.charCodeAt(i))) {
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
