/**
 * Reading HAProxy's doc/configuration.txt: chapters by their numbered headings, and
 * "entries" (a run of column-0 signature lines followed by 2-space-indented text), plus a
 * heuristic argument counter for signature lines. Only facts are extracted; no prose is kept.
 */

export interface Chapter {
  /** "4.2", "7.3.1", "12.5" */
  number: string;
  title: string;
  /** Line index of the heading (0-based) and the end (exclusive: next heading). */
  start: number;
  end: number;
}

export interface DocEntry {
  /** Signature lines (continuations joined onto their line). */
  signatures: string[];
  /** Line index of the first signature. */
  line: number;
  /** Indented body lines up to the next entry (trimmed of the 2-space indent, not kept in output). */
  body: string[];
}

export class DocText {
  readonly lines: string[];
  readonly chapters: Chapter[];

  constructor(text: string) {
    this.lines = text.replace(/\r/g, '').split('\n');
    this.chapters = findChapters(this.lines);
  }

  chapter(number: string): Chapter | undefined {
    return this.chapters.find((c) => c.number === number);
  }

  /** First chapter whose title matches. */
  chapterTitled(re: RegExp): Chapter | undefined {
    return this.chapters.find((c) => re.test(c.title));
  }

  /** A chapter and its sub-chapters as one range. */
  range(number: string): { start: number; end: number } | undefined {
    const own = this.chapter(number);
    if (!own) return undefined;
    let end = own.end;
    for (const c of this.chapters) if (c.number.startsWith(`${number}.`)) end = Math.max(end, c.end);
    return { start: own.start, end };
  }

  /** The chapter number containing a line. */
  chapterAt(line: number): string {
    let best = '';
    for (const c of this.chapters) if (c.start <= line && line < c.end) best = c.number;
    return best;
  }

  entries(start: number, end: number): DocEntry[] {
    return findEntries(this.lines, start, end);
  }
}

function findChapters(lines: string[]): Chapter[] {
  const out: Chapter[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    // A heading is "N.N. Title" directly over a line of dashes (the TOC has no dashes).
    const m = /^(\d+(?:\.\d+)*)\.\s+(\S.*)$/.exec(lines[i]);
    if (m && /^-{3,}\s*$/.test(lines[i + 1])) out.push({ number: m[1], title: m[2].trim(), start: i, end: lines.length });
  }
  for (let k = 0; k + 1 < out.length; k++) out[k].end = out[k + 1].start;
  return out;
}

const isBlank = (s: string): boolean => s.trim() === '';
const isColumn0 = (s: string): boolean => /^[^\s-]/.test(s) && !/^-{3,}/.test(s);
const isBodyLine = (s: string): boolean => /^ {1,2}\S/.test(s) || /^\t\S/.test(s);
const looksLikeSignature = (sigs: string[]): boolean =>
  sigs.length > 0 && sigs.length <= 12 && sigs.every((s) => /^[a-z0-9][\w.-]*(\(|\s|$)/.test(s));
const isContinuation = (s: string): boolean => /^ {3,}\S/.test(s) || /^\t\s*\S/.test(s);

function findEntries(lines: string[], start: number, end: number): DocEntry[] {
  const out: DocEntry[] = [];
  let i = start;
  while (i < end) {
    if (!(isColumn0(lines[i]) && (i === 0 || isBlank(lines[i - 1])))) { i++; continue; }
    const sigs: string[] = [];
    const first = i;
    while (i < end && (isColumn0(lines[i]) || (sigs.length > 0 && isContinuation(lines[i]) && !isBlank(lines[i])))) {
      if (isColumn0(lines[i])) sigs.push(lines[i].trim());
      else sigs[sigs.length - 1] += ` ${lines[i].trim()}`;
      i++;
    }
    // Some entries leave one blank line between the signatures and the text.
    let gap = false;
    if (i + 1 < end && isBlank(lines[i]) && /^\s+\S/.test(lines[i + 1]) && looksLikeSignature(sigs)) { i++; gap = true; }
    if (i < end && (isBodyLine(lines[i]) || gap) && sigs.length > 0) {
      const body: string[] = [];
      while (i < end && !(isColumn0(lines[i]) && isBlank(lines[i - 1]))) body.push(lines[i++]);
      out.push({ signatures: sigs, line: first, body });
    }
  }
  return out;
}

/** Whether a signature's remainder makes the argument list open-ended. */
const OPEN_ENDED = /\.\.\.|\*|\bparam|\boptions?\b|<(?:string|fmt|format|text|expr|condition|desc|description|args?|arguments|command|msg|message|pattern|value fmt|key fmt|rule)>|\bif\b|\bunless\b|<[^>]*\.\.\.>/i;

/**
 * Counts argument words in a signature remainder (after the keyword words): top-level
 * `<x>`, literal words and `{ a | b }` groups are required; `[ … ]` groups are optional.
 * Returns max -1 when the list is open-ended.
 */
export function countArgs(rest: string): { min: number; max: number } {
  const s = rest.trim();
  if (s === '') return { min: 0, max: 0 };
  const c = countAlternatives(s);
  return { min: c.min, max: OPEN_ENDED.test(s) ? -1 : c.max };
}

/** `a b | c` → alternatives split on top-level `|` words; the bounds span all of them. */
function countAlternatives(s: string): { min: number; max: number } {
  const alts: string[][] = [[]];
  for (const it of splitTopLevel(s)) {
    if (it === '|') alts.push([]);
    else alts[alts.length - 1].push(it);
  }
  let min = Infinity;
  let max = 0;
  for (const a of alts) {
    const c = countSequence(a);
    min = Math.min(min, c.min);
    max = Math.max(max, c.max);
  }
  return { min: min === Infinity ? 0 : min, max };
}

function countSequence(items: string[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const it of items) {
    if (it === '...' || it === '..') continue;
    if (isOptionalGroup(it)) {
      max += Math.max(1, countAlternatives(it.replace(/[*+]?(\.\.\.)?$/, '').slice(1, -1)).max);
    } else if (it.startsWith('{') && it.endsWith('}')) {
      const g = countAlternatives(it.slice(1, -1));
      min += Math.max(1, g.min);
      max += Math.max(1, g.max);
    } else {
      min++;
      max++;
    }
  }
  return { min, max };
}

/** `[ … ]`, `[ … ]*`, `[ … ]...` are optional; `[<address>]:port` is not (the bracket only wraps a part). */
function isOptionalGroup(item: string): boolean {
  if (!item.startsWith('[')) return false;
  let depth = 0;
  for (let i = 0; i < item.length; i++) {
    if (item[i] === '[') depth++;
    else if (item[i] === ']' && --depth === 0) return /^[*+]?(\.\.\.)?$/.test(item.slice(i + 1));
  }
  return true;
}

/** Splits on whitespace outside brackets/braces/angle brackets/parentheses. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if ('[{(<'.includes(ch)) depth++;
    if (']})>'.includes(ch)) depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Counts the arguments of a fetch/converter argument list such as `(<name>[,<occ>])`. */
export function countParenArgs(argSyntax: string): { min: number; max: number } {
  if (!argSyntax) return { min: 0, max: 0 };
  const inner = argSyntax.replace(/^\(/, '').replace(/\)$/, '');
  if (/\.\.\.|\*/.test(inner)) return { min: countRequired(inner), max: -1 };
  return { min: countRequired(inner), max: countAll(inner) };
}

function countRequired(inner: string): number {
  let depth = 0;
  let out = '';
  for (const ch of inner) {
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (depth === 0) out += ch;
  }
  const parts = out.split(',').map((x) => x.trim()).filter((x) => x !== '');
  return parts.length;
}

function countAll(inner: string): number {
  const parts = inner.replace(/[[\]]/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  return parts.length;
}

/**
 * Status markers after a signature: `(deprecated)`, `(experimental)` and, from 3.0 on, the
 * `[ EXPERIMENTAL ]` tag (`ktls <on|off> [ EXPERIMENTAL ]`). They are not arguments: counted as
 * one, `ktls on alpn h2` would read `alpn` as ktls's value and `h2` as an unknown option.
 */
export const STATUS_MARKERS = /\s*(\((deprecated|experimental)\)|\[\s*EXPERIMENTAL\s*\])\s*/g;
export const EXPERIMENTAL_MARKER = /\(experimental\)|\[\s*EXPERIMENTAL\s*\]/;
