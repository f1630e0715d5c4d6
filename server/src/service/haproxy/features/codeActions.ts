/**
 * Quick fixes for HAProxy diagnostics. Each fix reads what the diagnostic carries in `data`
 * (suggestions, a mechanical replacement line, the missing timeouts) so the fix never has
 * to re-run a check. Fixes only offer edits that keep the configuration's meaning.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import type { Section } from '../parser/model';
import { walkOptions } from '../knowledge/optionWalk';
import { CODES_BY_ID } from './diagnosticCodes';
import { statementAtLine } from './locate';

/** Codes whose `data.suggestions` replace the flagged range. */
const SUGGESTION_CODES = new Set([
  'unknown-keyword', 'unknown-option', 'unknown-timeout', 'unknown-value', 'unknown-bind-option',
  'unknown-server-option', 'unknown-action', 'unknown-fetch', 'unknown-converter', 'unknown-filter', 'undefined-backend',
  'undefined-acl', 'undefined-server', 'undefined-reference', 'undefined-user-or-group', 'undefined-table', 'invalid-variable-name', 'unknown-directive', 'deprecated-keyword', 'removed-keyword',
]);

/** Defaults used when adding missing timeouts (HAProxy's own examples use similar values). */
export const DEFAULT_TIMEOUT_VALUES: Readonly<Record<string, string>> = { client: '30s', server: '30s', connect: '5s' };

interface DiagData {
  suggestions?: string[];
  replaceLine?: string;
  timeouts?: string[];
  insertAfterLine?: number;
  insertNewlineAt?: { line: number; character: number };
  /** Columns on the diagnostic's line of words to join into one double-quoted word. */
  quote?: { start: number; end: number };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function getCodeActions(ctx: HaproxyContext, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    try {
      if (d.source !== 'haproxy' || typeof d.code !== 'string' || !CODES_BY_ID.has(d.code)) continue;
      if (!overlaps(d.range, range)) continue;
      const data = (d.data ?? {}) as DiagData;
      if (SUGGESTION_CODES.has(d.code) && Array.isArray(data.suggestions)) {
        data.suggestions.slice(0, 3).forEach((s, i) => {
          out.push(action(ctx, `Change to '${s}'`, d, [{ range: d.range, newText: s }], i === 0));
        });
      }
      if (d.code === 'removed-keyword' && typeof data.replaceLine === 'string') {
        const r = statementRange(ctx, d.range.start.line);
        if (r) out.push(action(ctx, `Replace with '${data.replaceLine}'`, d, [{ range: r, newText: data.replaceLine }], true));
      }
      if (d.code === 'missing-timeout' && Array.isArray(data.timeouts)) out.push(...timeoutFixes(ctx, d, data));
      if (d.code === 'experimental-directive') out.push(exposeExperimentalFix(ctx, d));
      if (d.code === 'check-with-track') out.push(...checkWithTrackFixes(ctx, d));
      if (d.code === 'extra-argument' && data.quote) out.push(quoteFix(ctx, d, data.quote));
      if (d.code === 'missing-final-newline') {
        const doc = ctx.parsed;
        const at = data.insertNewlineAt ?? { line: doc.lineCount - 1, character: doc.lastLineLength };
        out.push(action(ctx, 'Add a line break at the end of the file', d, [{ range: { start: at, end: at }, newText: '\n' }], true));
      }
    } catch {
      // A malformed diagnostic (e.g. from an older server) must not break the other fixes.
    }
  }
  return out;
}

function action(ctx: HaproxyContext, title: string, d: Diagnostic, edits: TextEdit[], preferred: boolean): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [ctx.uri]: edits } } };
  if (preferred) a.isPreferred = true;
  return a;
}

/** `SAME ORIGIN` → `"SAME ORIGIN"`: the words (plain, so no quote or backslash inside) as one value. */
function quoteFix(ctx: HaproxyContext, d: Diagnostic, cols: { start: number; end: number }): CodeAction {
  const line = d.range.start.line;
  const range = { start: { line, character: cols.start }, end: { line, character: cols.end } };
  const text = ctx.document.getText(range);
  return action(ctx, `Quote the value: "${text}"`, d, [{ range, newText: `"${text}"` }], true);
}

/** From the first word to the end of the last word (a trailing comment is kept). */
function statementRange(ctx: HaproxyContext, line: number): Range | undefined {
  const found = statementAtLine(ctx.parsed, line);
  const toks = found?.statement.tokens;
  if (!toks || toks.length === 0) return undefined;
  return { start: { line, character: toks[0].start }, end: { line, character: toks[toks.length - 1].end } };
}

function lineText(ctx: HaproxyContext, line: number): string {
  return ctx.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** Leading whitespace of the first body line of a section (tabs kept), or four spaces. */
function bodyIndent(ctx: HaproxyContext, section: Section): string {
  const first = section.body.find((st) => st.tokens.length > 0);
  if (!first) return '    ';
  return /^[ \t]*/.exec(lineText(ctx, first.line))?.[0] || '    ';
}

function insertLines(ctx: HaproxyContext, afterLine: number, lines: string[]): TextEdit {
  const text = lineText(ctx, afterLine);
  const atEnd = afterLine >= ctx.parsed.lineCount - 1 && !ctx.parsed.endsWithNewline;
  const pos = { line: afterLine, character: text.length };
  return { range: { start: pos, end: pos }, newText: (atEnd ? '\n' : '\n') + lines.join('\n') + (atEnd ? '\n' : '') };
}

function timeoutFixes(ctx: HaproxyContext, d: Diagnostic, data: DiagData): CodeAction[] {
  const out: CodeAction[] = [];
  const proxy = ctx.parsed.sections.find((s) => s.header.line === d.range.start.line);
  if (!proxy || !data.timeouts) return out;
  const names = data.timeouts;
  const lineFor = (indent: string) => names.map((n) => `${indent}timeout ${n} ${DEFAULT_TIMEOUT_VALUES[n] ?? '30s'}`);
  const after = data.insertAfterLine ?? proxy.endLine;
  const list = names.map((n) => `timeout ${n}`).join(', ');
  out.push(action(ctx, `Add ${list} to this ${proxy.kind}`, d, [insertLines(ctx, Math.min(after, proxy.endLine), lineFor(bodyIndent(ctx, proxy)))], true));
  // Also offer the defaults section the proxy inherits from (it then covers every proxy).
  const defaults = inheritedDefaults(ctx, proxy);
  if (defaults) {
    out.push(action(ctx, `Add ${list} to the defaults section (line ${defaults.header.line + 1})`, d, [insertLines(ctx, defaults.endLine, lineFor(bodyIndent(ctx, defaults)))], false));
  }
  return out;
}

function inheritedDefaults(ctx: HaproxyContext, proxy: Section): Section | undefined {
  const t = proxy.header.tokens;
  const from = t[2]?.value.toLowerCase() === 'from' ? t[3]?.value : undefined;
  let last: Section | undefined;
  for (const s of ctx.parsed.sections) {
    if (s === proxy) break;
    if (s.kind !== 'defaults') continue;
    if (from === undefined || s.name?.value === from) last = s;
  }
  return last;
}

/**
 * `check` + `track` on one server line: drop `check` (the server follows the tracked one) —
 * the preferred fix — or drop `track <server>` (the server runs its own checks). Only the
 * option words are removed, with the blank before them.
 */
function checkWithTrackFixes(ctx: HaproxyContext, d: Diagnostic): CodeAction[] {
  const st = statementAtLine(ctx.parsed, d.range.start.line)?.statement;
  if (!st) return [];
  const toks = st.tokens;
  const line = st.line;
  const words = toks.map((t) => t.value.toLowerCase());
  const first = words[0] === 'server-template' ? 4 : 3;
  const walked = walkOptions(words, first, (n) => ctx.kb.serverOption(n)?.argCount);
  const removal = (from: number, to: number): TextEdit => ({
    range: { start: { line, character: toks[from - 1].end }, end: { line, character: toks[to].end } }, newText: '',
  });
  const out: CodeAction[] = [];
  const checks = walked.filter((o) => o.name === 'check' && o.index > 0);
  const track = walked.find((o) => o.name === 'track' && o.index > 0 && o.index + 1 < toks.length);
  if (checks.length) out.push(action(ctx, "Remove 'check' (follow the tracked server's state)", d, checks.map((o) => removal(o.index, o.index)), true));
  else if (track) {
    // The check comes from a `default-server`: switch it off for this server only.
    const at = { line, character: toks[track.index + 1].end };
    out.push(action(ctx, "Add 'no-check' (follow the tracked server's state)", d, [{ range: { start: at, end: at }, newText: ' no-check' }], true));
  }
  if (track) out.push(action(ctx, `Remove 'track ${toks[track.index + 1].value}' (run its own checks)`, d, [removal(track.index, track.index + 1)], false));
  return out;
}

/**
 * Adds `expose-experimental-directives` right after the first `global` header (HAProxy only
 * honours it for the lines that follow it), or a new `global` section at the top of the file.
 */
function exposeExperimentalFix(ctx: HaproxyContext, d: Diagnostic): CodeAction {
  const title = 'Add expose-experimental-directives to global';
  const global = ctx.parsed.sections.find((s) => s.kind === 'global');
  if (global && global.header.line < d.range.start.line) {
    return action(ctx, title, d, [insertLines(ctx, global.header.line, [`${bodyIndent(ctx, global)}expose-experimental-directives`])], true);
  }
  const top = { line: 0, character: 0 };
  return action(ctx, title, d, [{ range: { start: top, end: top }, newText: 'global\n    expose-experimental-directives\n\n' }], true);
}
