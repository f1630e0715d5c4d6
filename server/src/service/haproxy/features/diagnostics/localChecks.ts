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

/**
 * The knowledge base the entries were computed with, the document they belong to (its
 * statements' line texts are what later versions are matched against) and the entries in
 * document order.
 */
interface DocumentCache {
  kb: KnowledgeBase;
  doc: HaproxyDocument;
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

/** emptyEntry of a section body's key, by kind without building the key string (once per section of every validation). */
const sectionEmpties = [new Map<string, Entry>(), new Map<string, Entry>(), new Map<string, Entry>(), new Map<string, Entry>()];

function sectionEmpty(tpl: string, named: boolean, kind: string): Entry {
  const byKind = sectionEmpties[(tpl === 'T' ? 2 : 0) + (named ? 1 : 0)];
  let e = byKind.get(kind);
  if (!e) byKind.set(kind, (e = emptyEntry(`${tpl}${named ? '+' : '-'}${kind}`)));
  return e;
}

/** Runs (or reuses) the local checks of every statement; returns the statements with reports, in document order. */
export function runLocalChecks(cc: CheckContext, token?: CancellationCheck): LocalHit[] {
  const doc = cc.doc;
  const tpl = cc.ctx.isTemplate ? 'T' : 'F';
  let n = doc.preamble.length;
  for (let s = 0; s < doc.sections.length; s++) n += 1 + doc.sections[s].body.length;
  const cacheable = cc.doc.lineCount >= CACHE_MIN_LINES;
  const old = cacheable && last && last.kb === cc.kb ? last : undefined;
  const oldN = old ? old.entries.length : 0;
  let prefix = 0;
  let suffix = 0;
  if (old) {
    const max = Math.min(n, oldN);
    const oldStatements = new FlatStatements(old.doc, oldN);
    prefix = commonPrefix(doc, oldStatements, max);
    suffix = commonSuffix(doc, oldStatements, max - prefix);
  }
  // Statements are visited in document order: preamble, then each header and its body. Where
  // each one is (section, index in it) is kept in two reused Int32Arrays for the repeated-line
  // lookups below, not an array of their texts (one array less per validation).
  const entries = new Array<Entry>(n);
  const sectionOf = scratchInts(2, n);
  const indexIn = scratchInts(3, n);
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
  const seen = scratchInts(0, mask + 1);
  // Each statement's line hash, compared before its text: a probe that meets another line does
  // not have to reach that line's string.
  const hashes = scratchInts(1, n);
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
    const bodyEmpty = section ? sectionEmpty(tpl, section.name !== undefined, section.kind) : emptyEntry(preambleKey);
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
          if (other.key === key && statementAt(doc, sectionOf[j - 1], indexIn[j - 1]).text === text) {
            e = other;
            break;
          }
        }
        if (e === undefined) {
          e = compute(cc, st, empty, section, k < 0 ? 0 : bodyMode);
          seen[slot] = i + 1;
        }
      }
      sectionOf[i] = s;
      indexIn[i] = k;
      entries[i] = e;
      if (e.raws.length > 0) hits.push({ line: st.line, raws: e.raws });
      i++;
    }
  }
  if (cacheable) last = { kb: cc.kb, doc, entries };
  return hits;
}

/**
 * Two Int32Arrays kept between validations (the table and the hashes above are not needed after
 * the pass): a pair of new typed arrays per validation was external memory that hurried the
 * garbage collector. The first `size` entries are zeroed.
 */
const scratch32: Int32Array[] = [new Int32Array(1024), new Int32Array(1024), new Int32Array(1024), new Int32Array(1024)];

/** Statement `k` of section `s` (-1: the header), or of the preamble when `s` is -1. */
function statementAt(doc: HaproxyDocument, s: number, k: number): Statement {
  if (s < 0) return doc.preamble[k];
  const section = doc.sections[s];
  return k < 0 ? section.header : section.body[k];
}

/**
 * A document's statements by position in document order, for reads that move by one (the
 * prefix forwards, the suffix backwards from the end): a cursor, not an array of them.
 */
class FlatStatements {
  #s = -1;
  #k = -1;
  #i = -1;
  constructor(private readonly doc: HaproxyDocument, readonly length: number) {}

  text(i: number): string {
    if (this.#i < 0 || (i === this.length - 1 && this.#i !== i)) this.#start(i === this.length - 1 && i > 0);
    while (this.#i < i) this.#forward();
    while (this.#i > i) this.#back();
    return statementAt(this.doc, this.#s, this.#k).text;
  }

  #start(atEnd: boolean): void {
    const sections = this.doc.sections;
    if (atEnd) {
      this.#s = sections.length - 1;
      this.#k = this.#s >= 0 ? sections[this.#s].body.length - 1 : this.doc.preamble.length - 1;
      this.#i = this.length - 1;
      return;
    }
    this.#s = -1;
    this.#k = -1;
    this.#i = -1;
    this.#forward();
  }

  #forward(): void {
    this.#k++;
    this.#i++;
    if (this.#s < 0 ? this.#k >= this.doc.preamble.length : this.#k >= this.doc.sections[this.#s].body.length) {
      this.#s++;
      this.#k = -1;
    }
  }

  #back(): void {
    this.#k--;
    this.#i--;
    if (this.#s >= 0 && this.#k < -1) {
      this.#s--;
      this.#k = this.#s >= 0 ? this.doc.sections[this.#s].body.length - 1 : this.doc.preamble.length - 1;
    }
  }
}

function scratchInts(which: number, size: number): Int32Array {
  let a = scratch32[which];
  if (a.length < size) scratch32[which] = a = new Int32Array(Math.max(size, a.length * 2));
  else a.fill(0, 0, size);
  return a;
}

/** How many leading statements (document order) have the line texts of `old`, up to `max`. */
function commonPrefix(doc: HaproxyDocument, old: FlatStatements, max: number): number {
  let i = 0;
  for (const st of doc.preamble) {
    if (i >= max || st.text !== old.text(i)) return i;
    i++;
  }
  for (const section of doc.sections) {
    if (i >= max || section.header.text !== old.text(i)) return i;
    i++;
    for (const st of section.body) {
      if (i >= max || st.text !== old.text(i)) return i;
      i++;
    }
  }
  return i;
}

/** How many trailing statements have the line texts of the end of `old`, up to `max`. */
function commonSuffix(doc: HaproxyDocument, old: FlatStatements, max: number): number {
  let j = old.length - 1;
  let count = 0;
  const sections = doc.sections;
  for (let s = sections.length - 1; s >= 0; s--) {
    const body = sections[s].body;
    for (let k = body.length - 1; k >= 0; k--) {
      if (count >= max || body[k].text !== old.text(j)) return count;
      j--;
      count++;
    }
    if (count >= max || sections[s].header.text !== old.text(j)) return count;
    j--;
    count++;
  }
  const pre = doc.preamble;
  for (let k = pre.length - 1; k >= 0; k--) {
    if (count >= max || pre[k].text !== old.text(j)) return count;
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
