/**
 * buildout's `_open`: reads a profile and its `extends` (depth first, relative to the extending
 * file, URLs through the host's cache), merges them in the chosen mode and builds the graph.
 *
 * Where buildout would stop (missing file, cycle, parse error) we record buildout's exact
 * message, skip that part and go on, so editors always get a model; `fatal` is the first error
 * in buildout's own order, i.e. what `bin/buildout` would print.
 */
import type { FileSystemHost } from '../../common/host';
import type { BuildoutError, ExtendsEdge, ExtendsEntry, MergeMode, ParsedFile, PlatformFacts, ProfileFile } from '../model';
import { parseBuildout } from '../parser/parser';
import { pyRepr, pyReprList, pySplit } from '../parser/pyText';
import { fileData } from './fileData';
import { isUrl, normalizePath, pyDirname, pyJoin } from './paths';
import { type Data, cloneData, updateData } from './sectionKey';

/** Parsed files and their dicts, kept across resolutions (keyed by content). */
export class ParseCache {
  private entries = new Map<string, { content: string; key: string; parsed: ParsedFile; data: Data }>();
  get(path: string, spelled: string, content: string, mode: MergeMode, platform: PlatformFacts): { parsed: ParsedFile; data: Data } {
    const key = `${mode}|${spelled}|${JSON.stringify(platform)}`;
    const hit = this.entries.get(path);
    if (hit && hit.content === content && hit.key === key) return hit;
    const parsed = parseBuildout(content, spelled, { mode, platform });
    const entry = { content, key, parsed, data: fileData(parsed, mode, path) };
    this.entries.set(path, entry);
    return entry;
  }
  invalidate(path: string): void {
    this.entries.delete(path);
  }

  /** Results of whole extends subtrees, reused while none of their files changed. */
  readonly subtrees = new Map<string, Subtree>();
}

/** What one `_open` of a file produced, and everything it depended on. */
export interface Subtree {
  result: Data[];
  /** Files (and URLs) read, with the content seen (`undefined`: it was missing). */
  deps: Map<string, { content: string | undefined; url: boolean }>;
  files: Map<string, ProfileFile>;
  errors: BuildoutError[];
}

function newRecord(): Omit<Subtree, 'result'> {
  return { deps: new Map(), files: new Map(), errors: [] };
}

function mergeRecord(into: Omit<Subtree, 'result'>, from: Omit<Subtree, 'result'>): void {
  for (const [k, v] of from.deps) into.deps.set(k, v);
  for (const [k, v] of from.files) if (!into.files.has(k)) into.files.set(k, v);
  // A subtree reached through many paths carries the same error objects: keep one of each.
  for (const e of from.errors) if (!into.errors.includes(e)) into.errors.push(e);
}

export interface LoaderContext {
  host: FileSystemHost;
  mode: MergeMode;
  platform: PlatformFacts;
  cache: ParseCache;
}

/** Python's recursion limit stops buildout somewhere below this depth of nested extends. */
const MAX_DEPTH = 900;
/** Total file opens per resolution (diamonds re-open files); beyond it the graph is cut. */
const MAX_OPENS = 50_000;
/**
 * buildout ≥ 3.1.1 folds one entry per include (a file reached through n paths is applied n
 * times), which grows exponentially with nested diamonds; beyond this we stop.
 */
const MAX_ENTRIES = 200_000;

export class Loader {
  readonly files = new Map<string, ProfileFile>();
  readonly errors: BuildoutError[] = [];
  fatal?: BuildoutError;
  private memo = new Map<string, Subtree>();
  /** The record of the subtree being opened (innermost last). */
  private records: Array<Omit<Subtree, 'result'>> = [newRecord()];
  /** Smallest `seen` index a recursive-include error pointed at in the current subtree. */
  private cycleTarget = Infinity;
  private opens = 0;
  /** The 3.x include list was cut (reported once). */
  private truncated = false;

  constructor(private ctx: LoaderContext) {}

  private fail(error: BuildoutError): void {
    this.errors.push(error);
    this.fatal ??= error;
    this.record.errors.push(error);
  }

  private get record(): Omit<Subtree, 'result'> {
    return this.records[this.records.length - 1];
  }

  private fresh(sub: Subtree): boolean {
    for (const [path, dep] of sub.deps) {
      const now = dep.url ? this.ctx.host.readUrl?.(path)?.content : this.ctx.host.readFile(path);
      if (now !== dep.content) return false;
    }
    return true;
  }

  /** Reuse a subtree result: register its files, replay its errors (when new to this run). */
  private reuse(sub: Subtree, replayErrors: boolean): Data[] {
    for (const [k, f] of sub.files) if (!this.files.has(k)) this.files.set(k, f);
    if (replayErrors) for (const e of sub.errors) if (!this.errors.includes(e)) { this.errors.push(e); this.fatal ??= e; }
    mergeRecord(this.record, sub);
    // Shared, never mutated: whoever adopts a result as its merge target copies it (copy on write).
    return sub.result;
  }

  /** `_open(base, filename, seen)`; returns the per-file results (2.13: one merged result). */
  open(base: string, filename: string, seen: string[], seenNorm: string[], edge?: ExtendsEdge, userDefaults = false): Data[] | undefined {
    const { host, mode } = this.ctx;
    let spelled: string;
    let url = false;
    let newBase: string;
    if (isUrl(filename)) {
      spelled = filename;
      url = true;
      newBase = filename.slice(0, filename.lastIndexOf('/'));
    } else if (isUrl(base) && !filename.startsWith('/')) {
      spelled = base + '/' + filename;
      url = true;
      newBase = spelled.slice(0, spelled.lastIndexOf('/'));
    } else {
      spelled = isUrl(base) ? filename : pyJoin(base, filename);
      newBase = pyDirname(spelled);
    }
    const norm = normalizePath(spelled);
    if (edge) {
      edge.target = norm;
      edge.buildoutPath = spelled;
      edge.isUrl = url;
    }
    const where = edge ? { file: edge.from, range: edge.entry.range } : {};
    let content: string | undefined;
    if (url) {
      const got = host.readUrl?.(spelled);
      content = got?.content;
      this.record.deps.set(spelled, { content, url: true });
      if (content === undefined) {
        const error: BuildoutError = {
          kind: 'url-unavailable',
          message: got?.error ? `Couldn't download ${pyRepr(spelled)}: ${got.error}` : `Couldn't download ${pyRepr(spelled)} (not in the extends cache; offline or not fetched yet).`,
          hint: 'Resolution continues without this file.',
          ...where,
        };
        if (edge) edge.error = error;
        this.fail(error);
        return undefined;
      }
    } else {
      content = host.readFile(norm);
      this.record.deps.set(norm, { content, url: false });
      if (content === undefined) {
        const error: BuildoutError = { kind: 'missing-file', message: `[Errno 2] No such file or directory: ${pyRepr(spelled)}`, ...where };
        if (edge) edge.error = error;
        this.fail(error);
        return undefined;
      }
    }
    if (++this.opens > MAX_OPENS) {
      if (this.opens === MAX_OPENS + 1) this.fail({ kind: 'other', message: `The extends graph is too large (more than ${MAX_OPENS} file includes); the rest is ignored.`, ...where });
      return undefined;
    }
    const cycleAt = Math.max(seen.indexOf(spelled), seenNorm.indexOf(norm));
    if (cycleAt >= 0 || seen.length > MAX_DEPTH) {
      const error: BuildoutError = {
        kind: 'recursive-include',
        message: `Recursive file include ${pyReprList(seen)} ${spelled}`,
        hint: seen.length > MAX_DEPTH ? `extends nested deeper than ${MAX_DEPTH} files` : undefined,
        ...where,
      };
      if (edge) edge.error = error;
      this.cycleTarget = Math.min(this.cycleTarget, cycleAt >= 0 ? cycleAt : 0);
      this.fail(error);
      return undefined;
    }
    const cached = this.memo.get(norm);
    if (cached) return this.reuse(cached, false);
    const subtreeKey = `${mode}|${JSON.stringify(this.ctx.platform)}|${norm}`;
    const stored = this.ctx.cache.subtrees.get(subtreeKey);
    if (stored && this.fresh(stored)) {
      this.memo.set(norm, stored);
      return this.reuse(stored, true);
    }
    this.records.push(newRecord());
    this.record.deps.set(norm, { content, url });

    const { parsed, data: original } = this.ctx.cache.get(norm, spelled, content, mode, this.ctx.platform);
    const data = cloneData(original);
    const file: ProfileFile = this.files.get(norm) ?? { path: norm, parsed, extends: [], userDefaults: userDefaults || undefined };
    const firstVisit = !this.files.has(norm);
    this.files.set(norm, file);
    this.record.files.set(norm, file);
    if (parsed.fatalError) {
      const first = parsed.errors[0];
      this.fail({ kind: 'parse', message: parsed.fatalError, file: norm, range: first?.range });
    }
    // Copy [buildout] before popping `extends` (the parsed dict is shared through the cache).
    const cachedBuildout = data.get('buildout');
    const buildout = cachedBuildout ? new Map(cachedBuildout) : undefined;
    if (buildout) data.set('buildout', buildout);
    const extendsKey = buildout?.get('extends');
    buildout?.delete('extends');
    if (buildout?.has('extended-by')) {
      const opt = parsed.sections.flatMap((s) => s.options).find((o) => o.key === 'extended-by');
      this.fail({ kind: 'extended-by', message: `No-longer supported "extended-by" option found in ${spelled}.`, file: norm, range: opt?.nameRange });
    }
    const optionalKey = mode === '3.1' ? buildout?.get('optional-extends') : undefined;
    if (optionalKey) buildout?.delete('optional-extends');

    const outerCycleTarget = this.cycleTarget;
    this.cycleTarget = Infinity;
    const myDepth = seen.length;
    seen.push(spelled);
    seenNorm.push(norm);
    let results: Data[] = [];
    const words = extendsKey ? pySplit(extendsKey.value) : [];
    const entries = matchEntries(words, parsed.extends);
    let merged: Data | undefined;
    words.forEach((word, i) => {
      const childEdge: ExtendsEdge = { from: norm, entry: entries[i], target: '', buildoutPath: '', isUrl: false };
      if (firstVisit) file.extends.push(childEdge);
      const r = this.open(newBase, word, seen, seenNorm, childEdge, userDefaults);
      if (!r) return;
      if (mode === '2.13') merged = merged ? updateData(merged, r[0], mode) : cloneData(r[0]);
      else results = appendCapped(results, r);
    });
    for (const word of optionalKey ? pySplit(optionalKey.value) : []) {
      const target = isUrl(newBase) ? word : normalizePath(pyJoin(newBase, word));
      if (!isUrl(target) && !this.ctx.host.exists(target)) continue; // buildout prints "optional-extends file not found"
      const r = this.open(newBase, word, seen, seenNorm, undefined, userDefaults);
      if (r) results = appendCapped(results, r);
    }
    seen.pop();
    seenNorm.pop();
    let out: Data[];
    if (mode === '2.13') out = [merged ? updateData(merged, data, mode) : data];
    else {
      if (results.length < MAX_ENTRIES) results.push(data);
      out = results;
      if (out.length >= MAX_ENTRIES) {
        if (!this.truncated) this.fail({ kind: 'other', message: `The extends graph expands to more than ${MAX_ENTRIES} includes; the rest is ignored.`, file: norm });
        this.truncated = true;
      }
    }
    // The result does not depend on how we got here unless a cycle closed on an ancestor.
    const record = this.records.pop()!;
    mergeRecord(this.record, record);
    if (this.cycleTarget >= myDepth) {
      const sub: Subtree = { ...record, result: out };
      this.memo.set(norm, sub);
      if (!this.errors.some((e) => e.message.startsWith('The extends graph'))) this.ctx.cache.subtrees.set(subtreeKey, sub);
    }
    this.cycleTarget = Math.min(outerCycleTarget, this.cycleTarget);
    return out;
  }
}

/**
 * `target + items`, cut at MAX_ENTRIES. A full list is never pushed to again, so a full child
 * list is shared instead of copied: above the cut every ancestor of a diamond-heavy graph would
 * otherwise copy the same MAX_ENTRIES entries.
 */
function appendCapped(target: Data[], items: Data[]): Data[] {
  if (target.length >= MAX_ENTRIES) return target;
  if (target.length === 0 && items.length >= MAX_ENTRIES) return items;
  for (const d of items) {
    if (target.length >= MAX_ENTRIES) break;
    target.push(d);
  }
  return target;
}

/** Pair the split `extends` words with the positions the parser found (same order normally). */
function matchEntries(words: string[], entries: ExtendsEntry[]): ExtendsEntry[] {
  if (words.length === entries.length && words.every((w, i) => entries[i].value === w)) return entries;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return words.map((w) => entries.find((e) => e.value === w) ?? { value: w, range: zero });
}
