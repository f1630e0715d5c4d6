/**
 * zc.buildout's `configparser.parse`, line for line, keeping source positions.
 *
 * The state machine below mirrors buildout's loop exactly (including its quirks: comments only
 * in column 0, `optname` surviving a false-condition header, blank lines after a header).
 * Unlike buildout it never stops: a missing-header or parse error is recorded with buildout's
 * exact wording (`fatalError`) and parsing goes on, so editors still get every section.
 */
import type {
  ConditionResult, ExtendsEntry, MergeMode, ParseError, ParsedFile, ParsedOption, ParsedSection,
  PlatformFacts, Range,
} from '../model';
import { evaluateCondition } from './conditions';
import { PY_WS_CLASS, isWsCode, pyRepr, skipWs, trimWsEnd } from './pyText';

const W = `[${PY_WS_CLASS}]`;
/** section_header, with `.` written as `[^\n]` (Python's `.`) and the final newline removed first. */
const SECTION_HEADER = new RegExp(`^(\\[)${W}*([^${PY_WS_CLASS}#[\\]:;{}]+)${W}*(:([^#;]*))?${W}*(\\]${W}*([#;][^\\n]*)?)$`);

export interface ParseOptions {
  mode?: MergeMode;
  platform?: PlatformFacts;
  /** Override condition evaluation (tests). */
  evaluate?: (expression: string) => { result: ConditionResult; message?: string };
}

/** End of the line starting at `start` (a `\n` or `\r`; -1 at the end of the text). */
function lineEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Shared by options without continuation lines (frozen: nobody may push to it). */
const NO_CONTINUATIONS: string[] = Object.freeze([]) as unknown as string[];
/** A block's lines while they are only positions: `text[from, to)`, from line `line` on. */
class LazyBlock {
  constructor(readonly text: string, readonly from: number, readonly to: number, readonly line: number) {}
}

/** Marks an option whose continuation lines are still positions (compared by identity). */
const LAZY: string[] = Object.freeze([]) as unknown as string[];
/** Shared by sections without options (frozen: nobody may push to it). */
const NO_OPTIONS: ParsedOption[] = Object.freeze([]) as unknown as ParsedOption[];

/**
 * A parsed option. Positions are kept as numbers and turned into LSP ranges on first use:
 * a cold resolve of hundreds of files never reads most of them, and three objects per range
 * (nine per option) were most of the parse's allocations and of the collector's work.
 */
class Option implements ParsedOption {
  /** The continuation lines; `LAZY` while they are still only positions in `src`. */
  private pieces = NO_CONTINUATIONS;
  rawValue: string;
  value: string;
  /**
   * [line, start, end] of each continuation that has text (the first line's range is implied);
   * while `pieces` is `LAZY`: where the block is in the file (see `closeBlock`).
   */
  private more: number[] | LazyBlock | undefined = undefined;
  /** The ranges once asked for (one field for three: most options never are). */
  private ranges: { name?: Range; operator?: Range; values?: Range[] } | undefined = undefined;

  constructor(
    readonly key: string,
    readonly name: string,
    readonly line: number,
    readonly firstValue: string,
    readonly active: boolean,
    /** Column of the `=` (-1 for a `=>` line): the name and operator columns follow from it. */
    private readonly eq: number,
    private readonly valueStart: number,
  ) {
    this.rawValue = firstValue;
    this.value = firstValue;
  }

  /**
   * The operator, from the key as `makeOption` reads it (a `=>` line's key ends in `>`): derived,
   * not stored (a field is 8 bytes per option, ≈ 21 KB per cold resolve; editors read it).
   */
  get operator(): ParsedOption['operator'] {
    const key = this.key;
    const last = key.charCodeAt(key.length - 1);
    return key === '<' ? '<=' : last === 43 ? '+=' : last === 45 ? '-=' : '=';
  }

  /** `firstValue` was empty: derived, not stored (a field per option is 16 KB per cold resolve). */
  get blockMode(): boolean {
    return !this.firstValue;
  }

  /** The continuation lines (a block's are sliced from the file when first read). */
  get continuations(): string[] {
    if (this.pieces === LAZY) this.materialize();
    return this.pieces;
  }

  /** Last line of the value: the last continuation with text, else the option's line. */
  get endLine(): number {
    if (this.pieces === LAZY) this.materialize();
    const s = this.more as number[] | undefined;
    return s ? s[s.length - 3] : this.line;
  }

  get nameRange(): Range {
    const r = (this.ranges ??= {});
    return (r.name ??= range(this.line, 0, this.eq < 0 ? 2 : this.name.length));
  }

  get operatorRange(): Range {
    const r = (this.ranges ??= {});
    if (r.operator) return r.operator;
    const eq = this.eq;
    const op = this.operator;
    const start = eq < 0 ? 0 : op === '+=' || op === '-=' ? this.key.length - 1 : op === '<=' ? 0 : eq;
    return (r.operator = range(this.line, start, eq < 0 ? 2 : eq + 1));
  }

  get valueRanges(): Range[] {
    const r = (this.ranges ??= {});
    if (r.values) return r.values;
    if (this.pieces === LAZY) this.materialize();
    const out: Range[] = [range(this.line, this.valueStart, this.valueStart + this.firstValue.length)];
    const s = this.more as number[] | undefined;
    if (s) for (let i = 0; i < s.length; i += 3) out.push(range(s[i], s[i + 1], s[i + 2]));
    return (r.values = out);
  }

  /**
   * The continuation lines gathered by `Continuations` (exact-size arrays) and the value they
   * make. `joined`: the raw value as one slice of the file when the lines were contiguous there.
   */
  close(pieces: string[], more: number[] | undefined, joined: string | undefined, value: string | undefined): void {
    this.pieces = pieces;
    this.more = more;
    this.rawValue = joined ?? this.firstValue + '\n' + pieces.join('\n');
    this.value = value ?? this.rawValue;
  }

  /**
   * A block (empty first value) whose lines are whole adjacent lines of an LF file,
   * `text[from, to)` starting on line `line`: its raw value is that stretch (after the newline
   * before it) and its value was dedented from the positions; the lines themselves and their
   * ranges are made from the positions when first read (a cold resolve reads them only for
   * `extends`: an array of lines, an array of positions and a slice per line per block option
   * were a third of a parse's garbage).
   */
  closeBlock(text: string, from: number, to: number, line: number, value: string): void {
    this.pieces = LAZY;
    this.more = new LazyBlock(text, from, to, line);
    this.rawValue = text.slice(from - 1, to);
    this.value = value;
  }

  /** The lines and ranges of a `closeBlock` block, from its positions (as `Continuations.add` would have made them). */
  private materialize(): void {
    const { text, from, to, line: firstLine } = this.more as LazyBlock;
    let lines = 1;
    let withText = 0;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) lines++;
    const pieces = new Array<string>(lines); // exact sizes: no growth by push
    for (let k = 0, start = from; k < lines; k++) {
      let end = text.indexOf('\n', start);
      if (end < 0 || end > to) end = to;
      pieces[k] = text.slice(start, end);
      if (skipWs(text, start, end) < end) withText++;
      start = end + 1;
    }
    const more = withText ? new Array<number>(3 * withText) : undefined;
    for (let k = 0, m = 0, start = from; more && k < lines; k++) {
      const end = start + pieces[k].length;
      const first = skipWs(text, start, end);
      if (first < end) {
        more[m++] = firstLine + k;
        more[m++] = first - start;
        more[m++] = end - start;
      }
      start = end + 1;
    }
    this.pieces = pieces;
    this.more = more;
  }

  /**
   * The words of the value with their positions (`extends`): each value range's text is the
   * first value, then each continuation that had text, in order.
   */
  words(): ExtendsEntry[] {
    const out = scratchEntries;
    entryCount = 0;
    addWords(out, this.firstValue, 0, this.firstValue.length, this.line, this.valueStart);
    if (this.pieces === LAZY) {
      // Read from the file in place (`extends` is the one block a cold resolve reads word by word).
      const { text, from, to } = this.more as LazyBlock;
      let line = (this.more as LazyBlock).line;
      for (let start = from; ; line++) {
        let end = text.indexOf('\n', start);
        if (end < 0 || end > to) end = to;
        const first = skipWs(text, start, end);
        if (first < end) addWords(out, text, start, end, line, first - start);
        if (end >= to) break;
        start = end + 1;
      }
    } else if (this.more) {
      const s = this.more as number[];
      const conts = this.pieces;
      let c = 0;
      for (let i = 0; i < s.length; i += 3) {
        while (c < conts.length && conts[c].length === 0) c++;
        const piece = conts[c++] ?? '';
        addWords(out, piece, 0, piece.length, s[i], s[i + 1]);
      }
    }
    return out.slice(0, entryCount); // exact size, not grown by push
  }

  /** The plain-object shape (the lazy ranges are getters, which JSON would skip). */
  toJSON(): ParsedOption {
    return {
      key: this.key, name: this.name, operator: this.operator, line: this.line, endLine: this.endLine,
      nameRange: this.nameRange, operatorRange: this.operatorRange, valueRanges: this.valueRanges,
      firstValue: this.firstValue, continuations: this.continuations, blockMode: this.blockMode,
      rawValue: this.rawValue, value: this.value, active: this.active,
    };
  }

}

/**
 * The continuation lines of the option being read, gathered in reused scratch arrays and handed
 * to it as exact-size copies when it is done: growing two arrays per option by `push` (V8 grows
 * a small array to 17 slots at once) was a sixth of a parse's garbage.
 *
 * `rawValue` is the first value and the pieces joined by newlines, and buildout's
 * post-processing only applies to a value starting with whitespace: here, a block (empty first
 * line), dedented from its lines (see `blockValueAt`). The lines are kept as positions and
 * sliced once the option is done, and only when it keeps them: a block whose pieces are whole
 * adjacent lines of an LF file is that stretch of the file, its raw value one slice, and its
 * lines are made when first read (`Option.closeBlock`).
 */
/** Scratch of `Continuations` and of a section's options, reused by every parse (never re-entered). */
const scratchStarts: number[] = [];
const scratchEnds: number[] = [];
const scratchMore: number[] = [];
const scratchOptions: ParsedOption[] = [];
/** Scratch of `Option.words` (`addWords` appends at `entryCount`). */
const scratchEntries: ExtendsEntry[] = [];
let entryCount = 0;

class Continuations {
  /** Each piece is `text[starts[i], ends[i])`: sliced only when the option keeps its lines. */
  private readonly starts = scratchStarts;
  private readonly ends = scratchEnds;
  private readonly more = scratchMore;
  private count = 0;
  private moreCount = 0;
  /** Line of the first piece. */
  private firstLine = 0;
  private adjacent = true;

  constructor(private readonly text: string, private readonly lfOnly: boolean) {}

  /** A continuation line: `text[pieceStart, pieceEnd)` on line `line`, its text at columns [start, end). */
  add(opt: Option, pieceStart: number, pieceEnd: number, line: number, start: number, end: number): void {
    if (this.count === 0) {
      this.firstLine = line;
      this.adjacent = opt.blockMode && this.lfOnly;
    } else if (this.ends[this.count - 1] + 1 !== pieceStart) this.adjacent = false;
    this.starts[this.count] = pieceStart;
    this.ends[this.count++] = pieceEnd;
    if (start < end) {
      this.more[this.moreCount++] = line;
      this.more[this.moreCount++] = start;
      this.more[this.moreCount++] = end;
    }
  }

  /** Hand the gathered lines to `opt` (the option they continued), if any. */
  flush(opt: Option | undefined): void {
    if (!opt || this.count === 0) return;
    const n = this.count;
    this.count = 0;
    const moreCount = this.moreCount;
    this.moreCount = 0;
    const text = this.text;
    if (this.adjacent) {
      opt.closeBlock(text, this.starts[0], this.ends[n - 1], this.firstLine, blockValueAt(text, this.starts, this.ends, n));
      return;
    }
    const pieces = new Array<string>(n); // exact size: no growth by push
    for (let i = 0; i < n; i++) pieces[i] = text.slice(this.starts[i], this.ends[i]);
    const value = opt.blockMode ? blockValueAt(text, this.starts, this.ends, n) : undefined;
    opt.close(pieces, moreCount ? this.more.slice(0, moreCount) : undefined, undefined, value);
  }
}

class Section implements ParsedSection {
  condition?: ParsedSection['condition'];
  active = true;
  endLine: number;
  /** Set by the parser when the section is done; shared and empty until then (never pushed to). */
  options: ParsedOption[] = NO_OPTIONS;
  private cachedName?: Range;
  private cachedHeader?: Range;

  constructor(readonly name: string, readonly line: number, private readonly nameStart: number, private readonly headerEnd: number) {
    this.endLine = line;
  }

  get nameRange(): Range {
    return (this.cachedName ??= range(this.line, this.nameStart, this.nameStart + this.name.length));
  }

  get headerRange(): Range {
    return (this.cachedHeader ??= range(this.line, 0, this.headerEnd));
  }

  toJSON(): ParsedSection {
    const out: ParsedSection = { name: this.name, nameRange: this.nameRange, line: this.line, headerRange: this.headerRange, active: this.active, endLine: this.endLine, options: this.options };
    if (this.condition) out.condition = this.condition;
    return out;
  }
}

/** Parse one buildout file. `path` is used in buildout's messages (as buildout spells it). */
export function parseBuildout(text: string, path: string, options: ParseOptions = {}): ParsedFile {
  const mode = options.mode ?? '3.1';
  const sections: ParsedSection[] = [];
  const errors: ParseError[] = [];
  const warnings: ParseError[] = [];
  let fatalError: string | undefined;
  let parseErrorMessage: string | undefined;

  let condition = true;
  let cursect: Section | undefined; // buildout's cursect (last *active* section)
  let lastHeader: Section | undefined; // for endLine bookkeeping; it gets the options that follow
  // lastHeader's options so far, handed over as an exact-size array at the next header or the
  // end (a section's array grown by push took 17 slots at once, for three options on average).
  // (Handed over inline at both places, not by a closure: a closure over `lastHeader` and
  // `optionCount` moved both into a context object, read and written through it on every line.)
  let optionCount = 0;
  let opt: Option | undefined; // buildout's optname

  // Physical lines as Python's universal-newline readline() gives them, walked by offsets:
  // `text[start, end)` is the line without its terminator (`hasBreak`: it had one, which
  // Python's line keeps as "\n"). Most lines need no copy at all.
  const hasCR = text.includes('\r');
  const conts = new Continuations(text, !hasCR);
  const length = text.length;
  let idx = -1;
  for (let start = 0; start < length;) {
    idx++;
    let end = hasCR ? lineEnd(text, start) : text.indexOf('\n', start);
    if (end < 0) end = length;
    const hasBreak = end < length;
    const lineStart = start;
    start = end + 1;
    if (hasBreak && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) start++;
    const lineno = idx + 1;
    const c0 = lineStart < end ? text.charCodeAt(lineStart) : 10; // an empty line is "\n"
    if (c0 === 35 || c0 === 59) continue; // '#' ';'

    if (isWsCode(c0) && cursect && opt) {
      if (!condition) continue;
      const first = skipWs(text, lineStart, end);
      const last = first === end ? lineStart : trimWsEnd(text, first, end); // a blank line rstrips to ""
      if (!opt.blockMode && first === end) continue;
      conts.add(opt, opt.blockMode ? lineStart : first, last, idx, first - lineStart, last - lineStart);
      continue;
    }

    if (c0 === 91) { // section_header starts with '['
      const content = text.slice(lineStart, end);
      const simple = simpleHeader(content);
      const header = simple ? undefined : SECTION_HEADER.exec(content);
      if (simple || header) {
        condition = true;
        const name = simple ? simple.name : header![2];
        const nameStart = simple ? simple.nameStart : content.indexOf(name, 1);
        const closeIdx = simple ? simple.close : content.length - header![5].length;
        const section = new Section(name, idx, nameStart, closeIdx + 1);
        if (lastHeader) lastHeader.endLine = Math.max(lastHeader.endLine, idx - 1);
        if (lastHeader && optionCount) lastHeader.options = scratchOptions.slice(0, optionCount);
        optionCount = 0;
        lastHeader = section;
        sections.push(section);
        const expression = header?.[4];
        if (expression) {
          const exprStart = content.indexOf(':', nameStart + name.length) + 1;
          const outcome = options.evaluate ? options.evaluate(expression) : evaluateCondition(expression, mode, options.platform);
          const condRange = range(idx, exprStart, exprStart + expression.length);
          section.condition = { text: expression, range: condRange, result: outcome.result, message: outcome.message };
          if (outcome.result === 'unknown') {
            warnings.push({ kind: 'condition', line: idx, range: condRange, message: outcome.message ?? 'Condition not evaluated.' });
          }
          if (outcome.result === false) {
            condition = false;
            section.active = false;
            continue; // buildout keeps cursect and optname from before
          }
        }
        cursect = section;
        conts.flush(opt);
        opt = undefined;
        continue;
      }
    }
    const blank = skipWs(text, lineStart, end) === end;
    if (!cursect) {
      if (blank) continue;
      const content = text.slice(lineStart, end);
      const message = `File contains no section headers.\nfile: ${path}, line: ${lineno}\n${pyRepr(hasBreak ? content + '\n' : content)}`;
      errors.push({ kind: 'missing-section-header', line: idx, range: range(idx, 0, content.length), message });
      fatalError ??= message;
      continue;
    }
    const made = makeOption(text, lineStart, end, idx, condition);
    if (made) {
      // An option under a false condition is recorded for editors (inactive); buildout ignores it.
      // (lastHeader is set whenever cursect is: cursect is always the last active header.)
      scratchOptions[optionCount++] = made;
      if (condition) {
        conts.flush(opt);
        opt = made;
      }
      continue;
    }
    if (!(opt || !blank)) continue;
    const content = text.slice(lineStart, end);
    const entry = `\n\t[line ${String(lineno).padStart(2, ' ')}]: ${pyRepr(hasBreak ? content + '\n' : content)}`;
    errors.push({ kind: 'parse', line: idx, range: range(idx, 0, content.length), message: entry.slice(2) });
    parseErrorMessage = (parseErrorMessage ?? `File contains parsing errors: ${path}`) + entry;
  }
  const lineCount = idx + 1;
  if (lastHeader) lastHeader.endLine = Math.max(lastHeader.endLine, lineCount - 1);
  if (lastHeader && optionCount) lastHeader.options = scratchOptions.slice(0, optionCount);
  fatalError ??= parseErrorMessage;
  conts.flush(opt);

  const { entries, option } = findExtends(sections);
  return { path, sections, extends: entries, extendsOption: option, errors, fatalError, warnings, lineCount };
}

/** A name character of `section_header`: `[^\s#[\]:;{}]`. */
function isSectionNameCode(c: number): boolean {
  return c !== 35 && c !== 91 && c !== 93 && c !== 58 && c !== 59 && c !== 123 && c !== 125 && !isWsCode(c);
}

/**
 * `section_header` for the common `[name]` (spaces and a trailing comment allowed), without the
 * regex; undefined for anything else (a condition, or no match), which the regex then decides.
 * The name characters stop at the first space or forbidden character, so this is the only way
 * the regex can match such a line.
 */
function simpleHeader(content: string): { name: string; nameStart: number; close: number } | undefined {
  const n = content.length;
  const nameStart = skipWs(content, 1, n);
  let i = nameStart;
  while (i < n && isSectionNameCode(content.charCodeAt(i))) i++;
  if (i === nameStart) return undefined;
  const close = skipWs(content, i, n);
  if (content.charCodeAt(close) !== 93) return undefined; // ']'
  const after = skipWs(content, close + 1, n);
  if (after < n && content.charCodeAt(after) !== 35 && content.charCodeAt(after) !== 59) return undefined;
  return { name: content.slice(nameStart, i), nameStart, close };
}

/** A name character of `option_start`: `[^\s{}[\]=:]`. */
function isOptionNameCode(c: number): boolean {
  return c !== 123 && c !== 125 && c !== 91 && c !== 93 && c !== 61 && c !== 58 && !isWsCode(c);
}

/**
 * `option_start` on the line `text[start, end)`, without a regex: its name group is everything
 * before the first `=` and must read `[^\s{}[\]=:]+\s*[-+]?` (the name characters stop at the
 * first space or forbidden character, so no backtracking can match otherwise); the value is the
 * rest of the line. A line starting with `=>` is buildout's `<part-dependencies> = rest`.
 */
function makeOption(text: string, start: number, end: number, idx: number, active: boolean): Option | undefined {
  if (text.charCodeAt(start) === 61 && text.charCodeAt(start + 1) === 62) { // "=>"
    const valueStart = start + 2;
    const lead = skipWs(text, valueStart, end);
    const firstValue = text.slice(lead, trimWsEnd(text, lead, end));
    const vStart = 2 + (firstValue ? lead - valueStart : end - valueStart);
    return new Option('<part-dependencies>', '<part-dependencies>', idx, firstValue, active, -1, vStart);
  }
  const eqAt = text.indexOf('=', start);
  if (eqAt < 0 || eqAt >= end) return undefined;
  let i = start;
  while (i < eqAt && isOptionNameCode(text.charCodeAt(i))) i++;
  if (i === start) return undefined;
  let j = skipWs(text, i, eqAt);
  if (j < eqAt && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45)) j++;
  if (j !== eqAt) return undefined;
  const key = text.slice(start, trimWsEnd(text, start, eqAt)); // the name group, rstripped
  const last = key.charCodeAt(key.length - 1);
  const operator = key === '<' ? '<=' : last === 43 ? '+=' : last === 45 ? '-=' : '=';
  const name = operator === '+=' ? rstripChars(key, ' +') : operator === '-=' ? rstripChars(key, ' -') : key;
  const eq = eqAt - start;
  const lead = skipWs(text, eqAt + 1, end);
  const firstValue = text.slice(lead, trimWsEnd(text, lead, end));
  const vStart = eq + 1 + (firstValue ? lead - eqAt - 1 : end - eqAt - 1);
  return new Option(key, name, idx, firstValue, active, eq, vStart);
}

/**
 * The `str.split()` words of `piece` as entries: `piece` starts at character `start` of `line`
 * after its leading spaces (the value ranges begin at the text). Scanned in place: the word
 * objects of `pyWords` and a closure per option were a good part of a parse's garbage.
 */
function addWords(out: ExtendsEntry[], text: string, from: number, to: number, line: number, start: number): void {
  const lead = skipWs(text, from, to);
  let i = lead;
  while (i < to) {
    const a = i;
    while (i < to && !isWsCode(text.charCodeAt(i))) i++;
    if (i > a) out[entryCount++] = new Entry(text.slice(a, i), line, start + a - lead);
    while (i < to && isWsCode(text.charCodeAt(i))) i++;
  }
}

/**
 * `postProcessValue('\n' + lines.join('\n'))` for the continuation lines of a block, line i
 * being `text[starts[i], ends[i])` (each right-stripped by the parser, '' for a blank line): buildout's `textwrap.dedent` of the
 * right-stripped value, then `leading_blank_lines` removed. So: the lines from the first to the
 * last with text, less the longest common prefix of spaces and tabs of the lines with text
 * (blank lines stay empty; a line with text always holds a non-space, so none is "whitespace
 * only"); the leading run of whitespace ends on the newline before the first line with text.
 */
function blockValueAt(text: string, starts: readonly number[], ends: readonly number[], n: number): string {
  let first = -1;
  let last = -1;
  let margin = 0;
  let ref = 0;
  for (let i = 0; i < n; i++) {
    const from = starts[i];
    const to = ends[i];
    if (from === to) continue;
    let k = from;
    while (k < to && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    k -= from;
    if (first < 0) {
      first = i;
      margin = k;
      ref = from;
    } else {
      let m = 0;
      const limit = margin < k ? margin : k;
      while (m < limit && text.charCodeAt(from + m) === text.charCodeAt(ref + m)) m++;
      margin = m;
    }
    last = i;
  }
  if (first < 0) return '';
  if (first === last) return text.slice(starts[first] + margin, ends[first]);
  const out = new Array<string>(last - first + 1); // exact size: no growth by push
  for (let i = first; i <= last; i++) out[i - first] = starts[i] === ends[i] ? '' : text.slice(starts[i] + margin, ends[i]);
  return out.join('\n');
}

/**
 * Python `str.rstrip(chars)`. Compared by character code: `chars.includes(s[end - 1])` made a
 * one-character string per step (the merges strip every `+=` key they sort).
 */
export function rstripChars(s: string, chars: string): string {
  let end = s.length;
  if (chars.length === 2) {
    const a = chars.charCodeAt(0);
    const b = chars.charCodeAt(1);
    for (let c = s.charCodeAt(end - 1); end > 0 && (c === a || c === b); c = s.charCodeAt(end - 1)) end--;
  } else while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** An `extends` word; its range is built on first use (most are never shown). */
class Entry implements ExtendsEntry {
  private cached?: Range;
  constructor(readonly value: string, private readonly line: number, private readonly start: number) {}
  get range(): Range {
    return (this.cached ??= range(this.line, this.start, this.start + this.value.length));
  }

  toJSON(): ExtendsEntry {
    return { value: this.value, range: this.range };
  }
}

/** The `extends` words buildout pops from this file's `[buildout]` (last active assignment). */
function findExtends(sections: ParsedSection[]): { entries: ExtendsEntry[]; option?: ParsedOption } {
  let option: Option | undefined;
  for (const s of sections) {
    if (s.name !== 'buildout' || !s.active) continue;
    for (const o of s.options) if (o.active && o.key === 'extends') option = o as Option;
  }
  if (!option) return { entries: [] };
  return { entries: option.words(), option };
}
