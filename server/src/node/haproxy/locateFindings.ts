/**
 * Turns `haproxy -c` findings into ranges of a config text, and maps them through a template
 * line map back to the file the user edits.
 *
 * HAProxy reports lines only. Errors found after parsing (a missing `default_backend` /
 * `use_backend` target, a backend loop, missing timeouts) carry no line at all; they name a
 * proxy, so they are placed on the referencing line of that proxy's section. Other line-less
 * errors name what they are about (a userlist's user, a program section, a proxy's mailers, a
 * file): NAMED_PLACES finds that statement, so they land where the editor reports the same.
 */
import { parseHaproxy } from '../../service/haproxy/parser/parser';
import type { HaproxyDocument, Section, Statement } from '../../service/haproxy/parser/model';
import type { CheckFinding, FindingSeverity } from './checkOutput';

export interface LocatedFinding {
  severity: FindingSeverity;
  message: string;
  /** 0-based line and UTF-16 columns in the checked text. */
  line: number;
  startColumn: number;
  endColumn: number;
  /** How the line was found: reported by HAProxy, found by proxy name, by what the message names, or a fallback. */
  placement: 'reported' | 'proxy' | 'named' | 'fallback';
}

const PROXY_KINDS = new Set(['frontend', 'backend', 'listen', 'defaults']);

function statementRange(st: Statement, word?: string): { line: number; startColumn: number; endColumn: number } {
  const tokens = st.tokens;
  if (word) {
    const tok = tokens.find((t) => t.value === word);
    if (tok) return { line: st.line, startColumn: tok.start, endColumn: tok.end };
  }
  if (tokens.length === 0) return { line: st.line, startColumn: st.indent, endColumn: st.indent };
  return { line: st.line, startColumn: tokens[0].start, endColumn: tokens[tokens.length - 1].end };
}

function findProxy(doc: HaproxyDocument, name: string): Section | undefined {
  return doc.sections.find((s) => PROXY_KINDS.has(s.kind) && s.name?.value === name);
}

/** The quoted word HAProxy complains about (`unknown keyword 'frobnicate'`), to narrow the range. */
function quotedWord(message: string): string | undefined {
  const m = /(?:unknown keyword|unknown option|keyword|option|got) '([^']+)'/.exec(message) ?? /'([^' ]+)'/.exec(message);
  return m?.[1];
}

/** A statement and the word to underline, found from what a line-less message names. */
type Place = { st: Statement; word?: string } | undefined;

function sectionNamed(doc: HaproxyDocument, kind: string, name: string): Section | undefined {
  return doc.sections.find((s) => s.kind === kind && s.name?.value === name);
}

/** The first statement whose first word is `keyword` (as written) followed by `word` (anywhere after it), in `body`. */
function statementWith(body: readonly Statement[], keyword: string, word: string | undefined): Statement | undefined {
  return body.find((st) => st.tokens[0]?.value === keyword && st.tokens.some((t, i) => i > 0 && t.value === word));
}

/** Line-less HAProxy 2.6 messages that name their statement, and how to find it. */
const NAMED_PLACES: ReadonlyArray<[RegExp, (m: RegExpExecArray, doc: HaproxyDocument) => Place]> = [
  // userlist 'u': no such group 'g' specified in user 'a' (or: no such user … in group …)
  [/^userlist '([^']+)': no such (?:group|user) '([^']+)' specified in (user|group) '([^']+)'/, (m, doc) => {
    const st = sectionNamed(doc, 'userlist', m[1])?.body.find((s) => s.keyword === m[3] && s.valueAt(1) === m[4]);
    return st && { st, word: m[2] };
  }],
  [/^The program section '([^']+)' lacks a command/, (m, doc) => {
    const sec = sectionNamed(doc, 'program', m[1]);
    return sec && { st: sec.header, word: m[1] };
  }],
  [/^Can't use a 'program' section without master worker mode/, (_m, doc) => {
    const sec = doc.sections.find((s) => s.kind === 'program');
    return sec && { st: sec.header, word: 'program' };
  }],
  [/^Proxy '([^']+)': unable to find mailers '([^']+)'/, (m, doc) => {
    const sec = findProxy(doc, m[1]);
    const st = sec && statementWith(sec.body, 'email-alert', m[2]);
    return st && { st, word: m[2] };
  }],
  // 'ca-file' : unable to load /path. (a server's CA/CRL file; the line-bearing alert precedes it)
  [/^'([\w-]+)' : unable to load (.+?)\.?$/, (m, doc) => {
    for (const st of statementsOf(doc)) {
      const i = st.tokens.findIndex((t, k) => k > 0 && t.value === m[1] && st.tokens[k + 1]?.value === m[2]);
      if (i > 0) return { st, word: m[2] };
    }
    return undefined;
  }],
];

function namedPlace(message: string, doc: HaproxyDocument): Place {
  for (const [re, find] of NAMED_PLACES) {
    const m = re.exec(message);
    if (m) return find(m, doc);
  }
  return undefined;
}

function locateOne(f: CheckFinding, doc: HaproxyDocument, lines: string[]): LocatedFinding {
  const base = { severity: f.severity, message: f.message };
  if (f.line !== undefined) {
    const line = Math.min(Math.max(f.line - 1, 0), Math.max(lines.length - 1, 0));
    const st = [...statementsOf(doc)].find((s) => s.line === line);
    if (st) return { ...base, ...statementRange(st, quotedWord(f.message)), placement: 'reported' };
    return { ...base, line, startColumn: 0, endColumn: lines[line]?.length ?? 0, placement: 'reported' };
  }
  // Before the proxy header: "Proxy 'be': unable to find mailers" names a line inside the proxy.
  const place = namedPlace(f.message, doc);
  if (place) return { ...base, ...statementRange(place.st, place.word), placement: 'named' };
  if (f.proxy) {
    const section = findProxy(doc, f.proxy);
    if (section) {
      if (f.keyword) {
        const ref = statementWith(section.body, f.keyword, f.target);
        if (ref) return { ...base, ...statementRange(ref, f.target), placement: 'proxy' };
      }
      return { ...base, ...statementRange(section.header, section.name?.value), placement: 'proxy' };
    }
  }
  return { ...base, line: 0, startColumn: 0, endColumn: lines[0]?.length ?? 0, placement: 'fallback' };
}

function* statementsOf(doc: HaproxyDocument): Generator<Statement> {
  yield* doc.preamble;
  for (const s of doc.sections) {
    yield s.header;
    yield* s.body;
  }
}

/**
 * Places findings about `file` (the path given to `-f`) in `text`. Findings naming another file
 * are dropped; line-less findings are kept when they can be placed by proxy name, or at the top.
 */
export function locateFindings(findings: readonly CheckFinding[], text: string, file?: string): LocatedFinding[] {
  const doc = parseHaproxy(text);
  const lines = text.split('\n');
  const out: LocatedFinding[] = [];
  for (const f of findings) {
    if (f.summary) continue;
    if (f.file !== undefined && file !== undefined && f.file !== file) continue;
    out.push(locateOne(f, doc, lines));
  }
  return out;
}

/**
 * Where each generated line came from: `lineMap[generatedLine] = templateLine` (both 0-based),
 * `undefined`/`-1` for lines the template did not produce (e.g. our added stats listener).
 */
export type TemplateLineMap = ReadonlyArray<number | null | undefined>;

export interface MappedFinding extends LocatedFinding {
  /** True when the generated line had no template line and the finding was put at the top. */
  unmapped: boolean;
  /** The generated line, for the log. */
  generatedLine: number;
}

/**
 * Maps findings located in a rendered config back to the template. The column range is kept
 * only when the template line is the generated line verbatim (no substitution on it);
 * otherwise the whole template line is marked, because `${…}` changed the columns.
 */
export function mapThroughTemplate(
  located: readonly LocatedFinding[],
  lineMap: TemplateLineMap,
  renderedText: string,
  templateText: string,
): MappedFinding[] {
  const rendered = renderedText.split('\n');
  const template = templateText.split('\n');
  return located.map((f) => {
    const target = lineMap[f.line];
    if (target === undefined || target === null || target < 0) {
      return {
        ...f,
        line: 0,
        startColumn: 0,
        endColumn: template[0]?.length ?? 0,
        unmapped: true,
        generatedLine: f.line,
        message: `${f.message} (generated line ${f.line + 1})`,
      };
    }
    const same = rendered[f.line] === template[target];
    const tLine = template[target] ?? '';
    const indent = tLine.length - tLine.trimStart().length;
    return {
      ...f,
      line: target,
      startColumn: same ? f.startColumn : indent,
      endColumn: same ? f.endColumn : tLine.trimEnd().length,
      unmapped: false,
      generatedLine: f.line,
    };
  });
}
