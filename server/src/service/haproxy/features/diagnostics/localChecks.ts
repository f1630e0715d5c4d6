/**
 * The statement-local check families (lexer errors, buildout leftovers, keywords, values,
 * rules) in one pass over the statements, with their results cached per statement.
 *
 * Why a cache: after an edit the parser hands the next version the same token arrays for
 * every unchanged line (parser.ts; a line moved by an inserted line gets a new Statement
 * object but keeps its tokens). A local check's result depends only on those tokens, the
 * knowledge base (target version), the section kind, whether the section is named
 * (`defaults` only-named keywords) and whether the file is a buildout template. So the
 * reports are kept line-independent (RawReport), keyed by the token array, with that
 * context as a key string; a re-validation after a one-line edit re-checks one statement.
 * Line numbers, the user's severities and `.if` states are applied when emitting, so none
 * of them can make a cached result stale.
 *
 * The cache holds the token arrays and entries of the last large document validated, in
 * document order. Since the parser reuses exactly the unchanged leading and trailing lines,
 * the new statements are matched against it by walking the common prefix and suffix (pointer
 * compares), with no hashing; a Map or WeakMap keyed by token arrays cost more than the
 * checks themselves on a 20,000-line file (hash creation, and ephemeron work in the GC).
 * One slot is enough: the parser only reuses the statements of the last large text it parsed
 * (small texts do not replace it and are not cached here either), and a single slot keeps the
 * memory of one document, not of every document ever opened.
 */
import type { CancellationCheck } from '../../../common/cancellation';
import type { KnowledgeBase } from '../../knowledge/types';
import type { HaproxyDocument, Section, Statement } from '../../parser/model';
import { checkStatementBuildout, checkStatementLexErrors } from './fileChecks';
import { bodyCheckMode, checkBodyKeyword, checkSectionHeader } from './keywordChecks';
import type { CheckContext, KeywordMatch, RawReport } from './reporter';
import { checkStatementRules } from './ruleChecks';
import { checkStatementValues } from './valueChecks';

/** Local families, in the order their diagnostics are emitted (see index.ts). */
export const FAMILY_LEXER = 0;
export const FAMILY_BUILDOUT = 1;
export const FAMILY_KEYWORDS = 2;
export const FAMILY_VALUES = 3;
export const FAMILY_RULES = 4;

interface Entry {
  /** The context the reports were computed in (section kind, named, template). */
  key: string;
  raws: readonly RawReport[];
}

/** A statement with reports, at its current line. */
export interface LocalHit {
  line: number;
  raws: readonly RawReport[];
}

/** The knowledge base the entries were computed with, and the statements' line texts and entries in document order. */
interface DocumentCache {
  kb: KnowledgeBase;
  texts: string[];
  entries: Entry[];
}

let last: DocumentCache | undefined;
/** Below this many lines the parser reuses nothing (parser.ts), so there is nothing to match. */
const CACHE_MIN_LINES = 1000;
/** Clean statements (nearly all) share one entry per context key: no allocation per statement. */
const emptyEntries = new Map<string, Entry>();
const CANCEL_EVERY = 4096;

function emptyEntry(key: string): Entry {
  let e = emptyEntries.get(key);
  if (!e) emptyEntries.set(key, (e = { key, raws: [] }));
  return e;
}

/** Runs (or reuses) the local checks of every statement; returns the statements with reports, in document order. */
export function runLocalChecks(cc: CheckContext, token?: CancellationCheck): LocalHit[] {
  const doc = cc.doc;
  const tpl = cc.ctx.isTemplate ? 'T' : 'F';
  let n = doc.preamble.length;
  for (const section of doc.sections) n += 1 + section.body.length;
  const cacheable = cc.doc.lineCount >= CACHE_MIN_LINES;
  const old = cacheable && last && last.kb === cc.kb ? last : undefined;
  const oldN = old ? old.texts.length : 0;
  let prefix = 0;
  let suffix = 0;
  if (old) {
    const max = Math.min(n, oldN);
    prefix = commonPrefix(doc, old.texts, max);
    suffix = commonSuffix(doc, old.texts, max - prefix);
  }
  // Statements are visited in document order: preamble, then each header and its body.
  const texts = new Array<string>(n);
  const entries = new Array<Entry>(n);
  const hits: LocalHit[] = [];
  const shift = oldN - n;
  const suffixStart = n - suffix;
  let i = 0;
  // Lines repeated in this document (`mode http`, `option httplog`, `timeout …` in every proxy)
  // are checked once per context: the result is a function of the text and the key. Found by
  // the parser's line hash in an open-addressing table of statement indexes (a Map keyed by
  // the line strings cost as much as the checks it saved: hashing and inserting every line).
  const bits = 32 - Math.clz32(Math.max(16, n * 2) - 1);
  const mask = (1 << bits) - 1;
  const seen = new Int32Array(mask + 1);
  // Each statement's line hash, compared before its text: a probe that meets another line does
  // not have to reach that line's string.
  const hashes = new Int32Array(n);
  // One loop with locals over the preamble (s = -1) and each section's header (k = -1) and
  // body: a `visit` closure per statement read and wrote its state through the closure's context.
  const sections = doc.sections;
  const preambleKey = 'P' + tpl;
  const headerEmpty = emptyEntry('H' + tpl);
  let sinceCheck = 0;
  for (let s = -1; s < sections.length; s++) {
    const section = s < 0 ? undefined : sections[s];
    const body = section ? section.body : doc.preamble;
    if (section && token && (sinceCheck += body.length) > CANCEL_EVERY) {
      sinceCheck = 0;
      // A cancelled pass keeps the previous cache (it may still serve the next version).
      if (token.isCancellationRequested) return hits;
    }
    const bodyEmpty = emptyEntry(section ? `${tpl}${section.name ? '+' : '-'}${section.kind}` : preambleKey);
    const bodyMode = section && body.length > 0 ? bodyCheckMode(cc, section.kind) : 0;
    for (let k = section ? -1 : 0; k < body.length; k++) {
      const st = k < 0 ? section!.header : body[k];
      const empty = k < 0 ? headerEmpty : bodyEmpty;
      const key = empty.key;
      let e = i < prefix ? old!.entries[i] : i >= suffixStart ? old!.entries[i + shift] : undefined;
      const text = st.text;
      const hash = st.lineHash ?? 0;
      hashes[i] = hash;
      if (e === undefined || e.key !== key) {
        let slot = hash & mask;
        e = undefined;
        for (let j = seen[slot]; j !== 0; j = seen[(slot = (slot + 1) & mask)]) {
          if (hashes[j - 1] !== hash) continue;
          const other = entries[j - 1];
          if (texts[j - 1] === text && other.key === key) {
            e = other;
            break;
          }
        }
        if (e === undefined) {
          e = compute(cc, st, empty, section, k < 0 ? 0 : bodyMode);
          seen[slot] = i + 1;
        }
      }
      texts[i] = text;
      entries[i] = e;
      if (e.raws.length > 0) hits.push({ line: st.line, raws: e.raws });
      i++;
    }
  }
  if (cacheable) last = { kb: cc.kb, texts, entries };
  return hits;
}

/** How many leading statements (document order) have the line texts of `old`, up to `max`. */
function commonPrefix(doc: HaproxyDocument, old: readonly string[], max: number): number {
  let i = 0;
  for (const st of doc.preamble) {
    if (i >= max || st.text !== old[i]) return i;
    i++;
  }
  for (const section of doc.sections) {
    if (i >= max || section.header.text !== old[i]) return i;
    i++;
    for (const st of section.body) {
      if (i >= max || st.text !== old[i]) return i;
      i++;
    }
  }
  return i;
}

/** How many trailing statements have the line texts of the end of `old`, up to `max`. */
function commonSuffix(doc: HaproxyDocument, old: readonly string[], max: number): number {
  let j = old.length - 1;
  let count = 0;
  const sections = doc.sections;
  for (let s = sections.length - 1; s >= 0; s--) {
    const body = sections[s].body;
    for (let k = body.length - 1; k >= 0; k--) {
      if (count >= max || body[k].text !== old[j]) return count;
      j--;
      count++;
    }
    if (count >= max || sections[s].header.text !== old[j]) return count;
    j--;
    count++;
  }
  const pre = doc.preamble;
  for (let k = pre.length - 1; k >= 0; k--) {
    if (count >= max || pre[k].text !== old[j]) return count;
    j--;
    count++;
  }
  return count;
}

/** Reused between statements: most statements report nothing, so no array is kept for them. */
const scratch: RawReport[] = [];

/** The statement's entry: `empty` (the shared clean entry of its context key) when nothing is reported. */
function compute(cc: CheckContext, st: Statement, empty: Entry, section: Section | undefined, mode: number): Entry {
  if (scratch.length > 0) scratch.length = 0;
  cc.sink = scratch;
  try {
    // Each family guarded on its own: a bug in one check must not hide the others' results.
    cc.family = FAMILY_LEXER;
    try { if (st.errors) checkStatementLexErrors(cc, st); } catch { /* see above */ }
    cc.family = FAMILY_BUILDOUT;
    // A plain statement has no `$` in its words, so no substitution to report.
    try { if (!st.plain) checkStatementBuildout(cc, st, section); } catch { /* see above */ }
    if (section && st === section.header) {
      cc.family = FAMILY_KEYWORDS;
      try { checkSectionHeader(cc, section); } catch { /* see above */ }
    } else if (section && st.tokenCount > 0) {
      let match: KeywordMatch | undefined;
      cc.family = FAMILY_KEYWORDS;
      try { if (mode > 0) match = checkBodyKeyword(cc, section, st, mode === 2); } catch { /* see above */ }
      cc.family = FAMILY_VALUES;
      try { checkStatementValues(cc, section, st, match); } catch { /* see above */ }
      cc.family = FAMILY_RULES;
      try { checkStatementRules(cc, st, match); } catch { /* see above */ }
    }
  } finally {
    cc.sink = undefined;
  }
  return scratch.length > 0 ? { key: empty.key, raws: scratch.slice() } : empty;
}

/** Emits the reports of one local family, in document order. */
export function emitFamily(cc: CheckContext, hits: readonly LocalHit[], family: number): void {
  for (const hit of hits) {
    for (const r of hit.raws) {
      if (r.family === family) cc.emit(r.key, hit.line, r.start, r.end, r.args, r.data, r.defaultSeverity);
    }
  }
}
