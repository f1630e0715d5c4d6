/**
 * Reading the knowledge table's syntax facts as signatures: a keyword's syntax line split into
 * the words it expects (`server <name> <address>[:[port]] [param*]`), and a fetch's or
 * converter's argument list split at its commas (`([<name>[,<occ>]])` → `<name>`, `<occ>`).
 * Pure string work; which part is active is decided here too, so that the rules are in one place.
 */

/** One part of a syntax line: a word, or a whole `[…]` / `{…}` group. Columns index the line. */
export interface SyntaxPart {
  start: number;
  end: number;
  text: string;
  /** Takes exactly one word of the configuration line (`<name>`, `http`, `{ if | unless }`). */
  oneWord: boolean;
  /** A plain word written as is (`url_param`, `type`, `size`). */
  literal: boolean;
}

const LITERAL = /^[A-Za-z][\w.-]*$/;

/** Splits a syntax line at the blanks outside brackets, braces and `<…>` placeholders. */
export function syntaxParts(line: string): SyntaxPart[] {
  const raw: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const c = line[i];
    if (c === undefined || (depth === 0 && (c === ' ' || c === '\t'))) {
      if (start >= 0) raw.push({ start, end: i });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    // `<num | range>` is one placeholder although it has blanks.
    if (c === '[' || c === '{' || c === '<') depth++;
    else if ((c === ']' || c === '}' || c === '>') && depth > 0) depth--;
  }
  const parts: SyntaxPart[] = [];
  for (const r of raw) {
    const text = line.slice(r.start, r.end);
    const prev = parts[parts.length - 1];
    // `<value> ...` and `bind <addr> [, ...]`: the repetition marker belongs to the part before.
    // A `[, ...]` list stays one word (`bind :80,:443`); `...` and `*` repeat the part.
    if (prev && (text === '...' || text === '*' || /^\[\s*,/.test(text))) {
      prev.end = r.end;
      prev.text = line.slice(prev.start, r.end);
      prev.oneWord &&= text.startsWith('[');
      prev.literal = false;
      continue;
    }
    parts.push({ start: r.start, end: r.end, text, oneWord: isOneWord(text), literal: LITERAL.test(text) });
  }
  return parts;
}

/** A part that always takes one word: not optional, not repeated, every alternative a single word. */
function isOneWord(text: string): boolean {
  if (text.endsWith('*') || text.endsWith('...')) return false;
  // `[<address>]:<port_range>` is one word with an optional piece; `[ <arguments> ]` is optional.
  if (text.startsWith('[')) return groupEnd(text) < text.length - 1 && !/\s/.test(text);
  if (text.startsWith('<') && text.endsWith('>')) return true;
  if (!text.startsWith('{')) return !/\s/.test(text);
  return text.slice(1, -1).split('|').every((alt) => !/\s/.test(alt.trim()) && !alt.includes('['));
}

/** Index of the bracket closing the group that opens the text. */
function groupEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[' || text[i] === '{') depth++;
    else if ((text[i] === ']' || text[i] === '}') && --depth === 0) return i;
  }
  return text.length;
}

/**
 * The parameter (index into `params`, the parts after the keyword words) for the argument word
 * at `argIndex`, or null where the syntax gives no clear position:
 * - the leading one-word parts are positional;
 * - after them, a single trailing part (`[param*]`, `[ <arguments> ]`) takes every later word;
 * - after `if`/`unless`, the part that holds the condition;
 * - among several optional parts (`cookie`, `stick-table`), the one that names the word being
 *   typed, or the one whose keyword word was just written (`domain |` → `[ domain <domain> ]*`).
 */
export function activeParameter(params: readonly SyntaxPart[], argIndex: number, argWords: readonly string[], current: string): number | null {
  let k = 0;
  while (k < params.length && params[k].oneWord) k++;
  if (argIndex < k) return argIndex;
  if (params.length === k) return null;
  if (argWords.slice(0, argIndex).some((w) => w === 'if' || w === 'unless')) {
    const cond = params.findIndex((p) => /\bif\b/.test(p.text));
    return cond >= 0 ? cond : null;
  }
  if (params.length === k + 1) return k;
  const named = (word: string, i: number) => word !== '' && partWords(params[i].text).includes(word);
  // The word being typed may be unfinished (`ind|` → `[ indirect ]`).
  for (let i = k; i < params.length; i++) if (current !== '' && partWords(params[i].text).some((w) => w.startsWith(current))) return i;
  const prev = argIndex > 0 ? argWords[argIndex - 1] : '';
  for (let i = k; i < params.length; i++) {
    if (!named(prev, i)) continue;
    // `size <size>` written as two top-level parts: the value's part is the next one.
    if (params[i].literal) return params[i + 1] && !params[i + 1].literal ? i + 1 : null;
    return i;
  }
  return null;
}

/** The plain words of a part (`[ domain <domain> ]*` → `domain`). */
function partWords(text: string): string[] {
  return text.replace(/<[^>]*>/g, ' ').split(/[^A-Za-z0-9_.-]+/).filter((w) => LITERAL.test(w));
}

/** One argument of a fetch or converter: columns inside the argument syntax, and whether it repeats. */
export interface SampleParam {
  start: number;
  end: number;
  repeats: boolean;
}

/**
 * The arguments of `argSyntax` (with its parentheses): split at every comma whatever the bracket
 * depth, since HAProxy separates sample arguments by commas only, each trimmed of the brackets
 * that mark it optional. A `...` piece or a trailing `*` marks the argument before as repeating.
 */
export function sampleParams(argSyntax: string): SampleParam[] {
  const params: SampleParam[] = [];
  const inner = argSyntax.startsWith('(') ? 1 : 0;
  const stop = argSyntax.endsWith(')') ? argSyntax.length - 1 : argSyntax.length;
  let from = inner;
  for (let i = inner; i <= stop; i++) {
    if (i < stop && argSyntax[i] !== ',') continue;
    let s = from;
    let e = i;
    while (s < e && (argSyntax[s] === '[' || argSyntax[s] === ' ')) s++;
    while (e > s && (argSyntax[e - 1] === ']' || argSyntax[e - 1] === '[' || argSyntax[e - 1] === ' ')) e--;
    from = i + 1;
    if (s >= e) continue;
    const text = argSyntax.slice(s, e);
    if (text === '...') {
      if (params.length > 0) params[params.length - 1].repeats = true;
      continue;
    }
    const dots = text.endsWith('...');
    params.push({ start: s, end: e, repeats: dots || text.endsWith('*') });
  }
  return params;
}

/** The argument for `commas` commas typed so far; the last one when it repeats, else null past the end. */
export function activeSampleParam(params: readonly SampleParam[], commas: number): number | null {
  if (params.length === 0) return null;
  if (commas < params.length) return commas;
  return params[params.length - 1].repeats ? params.length - 1 : null;
}
