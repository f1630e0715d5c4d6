/**
 * What every check family receives: the document context and `report()`, which turns a
 * code + placeholders into an LSP Diagnostic with the user's severity applied (or drops it
 * when the code is set to 'off').
 *
 * Statement-local checks run with a `sink`: their reports are kept as line-independent
 * RawReports (code, columns, placeholders), cached per statement by localChecks.ts and turned
 * into Diagnostics by `emit()` with the statement's current line, the user's severities and
 * the `.if` state of that line. So the severity settings and `.if` blocks never enter the cache.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticSettings, HaproxyContext, SeverityName } from '../../context';
import { removalStatusIn, type KnowledgeBaseExtras, type RemovedWhat } from '../../knowledge/index';
import type { KeywordEntry, RemovedEntry, SectionKind } from '../../knowledge/types';
import type { Section, Statement, Token } from '../../parser/model';
import { lowerCase } from '../../parser/statement';
import { DIAGNOSTIC_CODES, formatMessage, type DiagnosticCodeKey, type DefaultSeverity } from '../diagnosticCodes';

export type MessageArgs = Readonly<Record<string, string | number | undefined>>;

/** Data attached to a diagnostic for the quick fixes (`Diagnostic.data`). */
export interface FixData {
  /** Replacement candidates for the flagged range, best first. */
  suggestions?: string[];
  /** A whole-line replacement (removed keyword → successor). */
  replaceLine?: string;
  /** Missing timeouts: names, and the line after which to insert them. */
  timeouts?: string[];
  insertAfterLine?: number;
  indent?: string;
  [key: string]: unknown;
}

const SEVERITY: Record<DefaultSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The result of the keyword lookup for one statement, shared by all check families. */
export interface KeywordMatch {
  entry: KeywordEntry;
  /** How many tokens form the keyword (including a `no`/`default` prefix). */
  wordCount: number;
}

/** A report of a statement-local check before line, severity setting and `.if` state are applied. */
export interface RawReport {
  /** Which local family produced it (localChecks.ts emits family by family, like before). */
  family: number;
  key: DiagnosticCodeKey;
  start: number;
  end: number;
  args: MessageArgs;
  data?: FixData;
  defaultSeverity?: DefaultSeverity;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly kb;
  readonly doc;
  readonly version;
  /** Per line: 0 active, 1 inside an `.if` HAProxy may skip, 2 inside a block it skips. */
  lineStates: Uint8Array | undefined;
  /** Set while statement-local checks run: reports are collected here instead of emitted. */
  sink: RawReport[] | undefined;
  /** The local family running (tags RawReports). */
  family = 0;
  private readonly overrides: Record<string, SeverityName>;

  constructor(readonly ctx: HaproxyContext, settings: DiagnosticSettings | undefined) {
    this.kb = ctx.kb;
    this.doc = ctx.parsed;
    this.version = ctx.kb.version;
    this.overrides = settings?.severity ?? {};
  }

  /** Lower-cased token values of a statement (the parser's statements compute them once while in use). */
  words(st: Statement): string[] {
    return st.words;
  }

  /** A removed/deprecated bind option, server option, action or section that applies to the target version. */
  lifecycleOf(what: RemovedWhat, name: string): { entry: RemovedEntry; status: 'removed' | 'deprecated' } | undefined {
    const entry = (this.kb as Partial<KnowledgeBaseExtras>).removedOf?.(what, name);
    if (!entry) return undefined;
    const status = removalStatusIn(entry, this.version);
    return status ? { entry, status } : undefined;
  }

  isOff(key: DiagnosticCodeKey): boolean {
    return this.overrides[DIAGNOSTIC_CODES[key].id] === 'off';
  }

  report(
    key: DiagnosticCodeKey,
    line: number,
    start: number,
    end: number,
    args: MessageArgs = {},
    data?: FixData,
    defaultSeverity?: DefaultSeverity,
  ): void {
    if (this.sink) {
      const raw: RawReport = { family: this.family, key, start, end, args };
      if (data) raw.data = data;
      if (defaultSeverity) raw.defaultSeverity = defaultSeverity;
      this.sink.push(raw);
      return;
    }
    this.emit(key, line, start, end, args, data, defaultSeverity);
  }

  /** Turns a report into a Diagnostic on `line` (severity setting and `.if` state applied). */
  emit(
    key: DiagnosticCodeKey,
    line: number,
    start: number,
    end: number,
    args: MessageArgs,
    data?: FixData,
    defaultSeverity?: DefaultSeverity,
  ): void {
    const info = DIAGNOSTIC_CODES[key];
    let chosen = this.overrides[info.id] ?? defaultSeverity ?? info.severity;
    if (chosen === 'off') return;
    const state = this.lineStates?.[line] ?? 0;
    if (state === 2) return;
    // HAProxy may never read this line (unknown `.if` condition): do not claim an error.
    if (state === 1 && chosen === 'error') chosen = 'warning';
    const severity = SEVERITY[chosen as DefaultSeverity] ?? SEVERITY[info.severity];
    const d: Diagnostic = {
      range: { start: { line, character: start }, end: { line, character: Math.max(start, end) } },
      severity,
      code: info.id,
      source: 'haproxy',
      message: formatMessage(info.message, args).replace(/\s+$/, ''),
    };
    if (data) d.data = { code: info.id, ...data };
    this.diagnostics.push(d);
  }

  reportToken(key: DiagnosticCodeKey, st: Statement, tok: Token, args: MessageArgs = {}, data?: FixData, sev?: DefaultSeverity): void {
    this.report(key, st.line, tok.start, tok.end, args, data, sev);
  }

  /** `reportToken` for token `i` of a statement, without building the token. */
  reportAt(key: DiagnosticCodeKey, st: Statement, i: number, args: MessageArgs = {}, data?: FixData, sev?: DefaultSeverity): void {
    this.report(key, st.line, st.tokenStart(i), st.tokenEnd(i), args, data, sev);
  }

  /** Whether a token's value is only known later (buildout substitution or environment variable). */
  isDeferred(tok: Token): boolean {
    return tok.buildoutRefs !== undefined || tok.envVars !== undefined || tok.value.includes('${');
  }

  /** `isDeferred` of token `i` (which must exist): never for a plain statement, whose tokens are not built. */
  deferredAt(st: Statement, i: number): boolean {
    return !st.plain && this.isDeferred(st.tokens[i]);
  }
}

/**
 * Whether token `i` (which must exist) has the value `w` (lower-case ASCII, e.g. `if`, `{`),
 * read in place for a plain statement: the scans for conditions do not build the line's values.
 */
export function valueIs(st: Statement, i: number, w: string): boolean {
  if (!st.plain) return st.values[i] === w;
  const start = st.tokenStart(i);
  if (st.tokenEnd(i) - start !== w.length) return false;
  const text = st.text;
  for (let k = 0; k < w.length; k++) if (text.charCodeAt(start + k) !== w.charCodeAt(k)) return false;
  return true;
}

/**
 * Whether token `i` (which must exist) lower-cased is `w` (lower-case ASCII): `st.words[i] === w`,
 * read in place for a plain statement (no words array built for one comparison).
 */
export function wordIs(st: Statement, i: number, w: string): boolean {
  if (!st.plain) return st.words[i] === w;
  const start = st.tokenStart(i);
  if (st.tokenEnd(i) - start !== w.length) return false;
  const text = st.text;
  for (let k = 0; k < w.length; k++) {
    let c = text.charCodeAt(start + k);
    // Non-ASCII: what toLowerCase makes of it decides (the Kelvin sign lower-cases to 'k').
    if (c > 127) return lowerCase(st.valueAt(i)!) === w;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== w.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether token `i`'s value is one of `words`, read in place for a plain statement. */
export function valueIn(st: Statement, i: number, words: readonly string[]): boolean {
  if (!st.plain) return words.includes(st.values[i]);
  for (const w of words) if (valueIs(st, i, w)) return true;
  return false;
}

/** Whether token `i` (which must exist) has a quoted part; never in a plain statement. */
export function quotedAt(st: Statement, i: number): boolean {
  return !st.plain && st.tokens[i].quoted;
}

/** Whether token `i` is written as its value (no quote or escape): report columns inside it are exact. */
export function verbatimAt(st: Statement, i: number): boolean {
  if (st.plain) return true;
  const t = st.tokens[i];
  return t.text === t.value;
}

/** Lower-cased token values of a statement (shared: do not mutate). */
export function statementWords(st: Statement): string[] {
  return st.words;
}

export { lowerCase } from '../../parser/statement';

/** Section kind as the knowledge schema types it. */
export function kindOf(section: Section): SectionKind {
  return section.kind as SectionKind;
}

/** " Did you mean 'x'?" or "" — the hint placeholder used by several messages. */
export function didYouMeanHint(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return ` Did you mean '${suggestions[0]}'?`;
  return ` Did you mean ${suggestions.slice(0, -1).map((s) => `'${s}'`).join(', ')} or '${suggestions[suggestions.length - 1]}'?`;
}
