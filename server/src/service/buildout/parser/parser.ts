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
import { PY_WS_CLASS, isWsCode, postProcessValue, pyLstrip, pyRepr, pyRstrip, pyWords, skipWs, trimWsEnd } from './pyText';

const W = `[${PY_WS_CLASS}]`;
/** section_header, with `.` written as `[^\n]` (Python's `.`) and the final newline removed first. */
const SECTION_HEADER = new RegExp(`^(\\[)${W}*([^${PY_WS_CLASS}#[\\]:;{}]+)${W}*(:([^#;]*))?${W}*(\\]${W}*([#;][^\\n]*)?)$`);
/** option_start */
const OPTION_START = new RegExp(`^([^${PY_WS_CLASS}{}[\\]=:]+${W}*[-+]?)=([^\\n]*)$`);

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

/** Parse one buildout file. `path` is used in buildout's messages (as buildout spells it). */
export function parseBuildout(text: string, path: string, options: ParseOptions = {}): ParsedFile {
  const mode = options.mode ?? '3.1';
  const evaluate = options.evaluate ?? ((e: string) => evaluateCondition(e, mode, options.platform));
  const sections: ParsedSection[] = [];
  const errors: ParseError[] = [];
  const warnings: ParseError[] = [];
  let fatalError: string | undefined;
  let parseErrorMessage: string | undefined;

  let condition = true;
  let cursect: ParsedSection | undefined; // buildout's cursect (last *active* section)
  let lastHeader: ParsedSection | undefined; // for endLine bookkeeping
  let opt: ParsedOption | undefined; // buildout's optname

  // Physical lines as Python's universal-newline readline() gives them, walked by offsets:
  // `text[start, end)` is the line without its terminator (`hasBreak`: it had one, which
  // Python's line keeps as "\n"). Most lines need no copy at all.
  const hasCR = text.includes('\r');
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
      let piece: string;
      if (opt.blockMode) piece = text.slice(lineStart, last);
      else {
        if (first === end) continue;
        piece = text.slice(first, last);
      }
      opt.continuations.push(piece);
      opt.rawValue += '\n' + piece;
      if (first < last) {
        opt.valueRanges.push(range(idx, first - lineStart, last - lineStart));
        opt.endLine = idx;
      }
      continue;
    }

    const content = text.slice(lineStart, end);
    const header = c0 === 91 ? SECTION_HEADER.exec(content) : null; // section_header starts with '['
    if (header) {
      condition = true;
      const name = header[2];
      const nameStart = content.indexOf(name, 1);
      const closeIdx = content.length - header[5].length;
      const section: ParsedSection = {
        name,
        nameRange: range(idx, nameStart, nameStart + name.length),
        line: idx,
        headerRange: range(idx, 0, closeIdx + 1),
        active: true,
        endLine: idx,
        options: [],
      };
      if (lastHeader) lastHeader.endLine = Math.max(lastHeader.endLine, idx - 1);
      lastHeader = section;
      sections.push(section);
      const expression = header[4];
      if (expression) {
        const exprStart = content.indexOf(':', nameStart + name.length) + 1;
        const outcome = evaluate(expression);
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
      opt = undefined;
      continue;
    }
    const blank = skipWs(content) === content.length;
    if (!cursect) {
      if (blank) continue;
      const message = `File contains no section headers.\nfile: ${path}, line: ${lineno}\n${pyRepr(hasBreak ? content + '\n' : content)}`;
      errors.push({ kind: 'missing-section-header', line: idx, range: range(idx, 0, content.length), message });
      fatalError ??= message;
      continue;
    }
    const isDeps = c0 === 61 && content.charCodeAt(1) === 62; // "=>"
    const effective = isDeps ? '<part-dependencies> = ' + content.slice(2) : content;
    const mo = OPTION_START.exec(effective);
    if (mo) {
      if (!condition) {
        // Record it for editors (inactive), buildout ignores it.
        const owner = lastHeader ?? cursect;
        owner.options.push(makeOption(mo, idx, content, isDeps, false));
        continue;
      }
      opt = makeOption(mo, idx, content, isDeps, true);
      (lastHeader ?? cursect).options.push(opt);
      continue;
    }
    if (!(opt || !blank)) continue;
    const entry = `\n\t[line ${String(lineno).padStart(2, ' ')}]: ${pyRepr(hasBreak ? content + '\n' : content)}`;
    errors.push({ kind: 'parse', line: idx, range: range(idx, 0, content.length), message: entry.slice(2) });
    parseErrorMessage = (parseErrorMessage ?? `File contains parsing errors: ${path}`) + entry;
  }
  const lineCount = idx + 1;
  if (lastHeader) lastHeader.endLine = Math.max(lastHeader.endLine, lineCount - 1);
  fatalError ??= parseErrorMessage;

  for (const s of sections) for (const o of s.options) o.value = postProcessValue(o.rawValue);

  const { entries, option } = findExtends(sections);
  return { path, sections, extends: entries, extendsOption: option, errors, fatalError, warnings, lineCount };
}

function makeOption(mo: RegExpExecArray, idx: number, content: string, isDeps: boolean, active: boolean): ParsedOption {
  const group = mo[1];
  const key = pyRstrip(group);
  const last = key[key.length - 1];
  const operator = key === '<' ? '<=' : last === '+' ? '+=' : last === '-' ? '-=' : '=';
  const name = operator === '+=' ? rstripChars(key, ' +') : operator === '-=' ? rstripChars(key, ' -') : key;
  const eq = isDeps ? 1 : group.length;
  const opStart = isDeps ? 0 : operator === '+=' || operator === '-=' ? key.length - 1 : operator === '<=' ? 0 : eq;
  const valueText = isDeps ? content.slice(2) : mo[2];
  const valueStart = isDeps ? 2 : eq + 1;
  const lead = skipWs(valueText);
  const firstValue = valueText.slice(lead, trimWsEnd(valueText, lead));
  const vStart = valueStart + (firstValue ? lead : valueText.length);
  return {
    key: isDeps ? '<part-dependencies>' : key,
    name: isDeps ? '<part-dependencies>' : name,
    operator,
    line: idx,
    endLine: idx,
    nameRange: range(idx, 0, isDeps ? 2 : name.length),
    operatorRange: range(idx, opStart, eq + 1),
    valueRanges: [range(idx, vStart, vStart + firstValue.length)],
    firstValue,
    continuations: [],
    blockMode: !firstValue,
    rawValue: firstValue,
    value: firstValue,
    active,
  };
}

/** Python `str.rstrip(chars)`. */
export function rstripChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/** The `extends` words buildout pops from this file's `[buildout]` (last active assignment). */
function findExtends(sections: ParsedSection[]): { entries: ExtendsEntry[]; option?: ParsedOption } {
  let option: ParsedOption | undefined;
  for (const s of sections) {
    if (s.name !== 'buildout' || !s.active) continue;
    for (const o of s.options) if (o.active && o.key === 'extends') option = o;
  }
  if (!option) return { entries: [] };
  const entries: ExtendsEntry[] = [];
  // Recover each value range's text from the pieces, in order.
  const pieces = [option.firstValue, ...option.continuations.filter((c) => c.length > 0)];
  option.valueRanges.forEach((r, i) => {
    const piece = pieces[i] ?? '';
    const lead = piece.length - pyLstrip(piece).length;
    for (const w of pyWords(piece)) {
      const col = r.start.character + w.start - lead;
      entries.push({ value: w.word, range: range(r.start.line, col, col + w.word.length) });
    }
  });
  return { entries, option };
}
