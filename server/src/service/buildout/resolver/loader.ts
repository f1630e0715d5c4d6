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
import { applyConditionErrors } from '../parser/conditionErrors';
import { parseBuildout } from '../parser/parser';
import { pyRepr, pyReprList, pySplit } from '../parser/pyText';
import { fileData } from './fileData';
import { isUrl, joinNormalized, normalizePath, pyDirname, pyJoin } from './paths';
import { type Data, type SKey, type Section, cloneData, updateData } from './sectionKey';

/** Parsed files and their dicts, kept across resolutions (keyed by content). */
/**
 * A parsed file and its dict as the loader uses it: `[buildout]` without `extends` (and, in
 * 3.1 mode, `optional-extends`), which buildout pops before merging; those keys apart. Shared
 * by every resolution while the file is unchanged, never mutated (merges copy on write).
 */
export interface ParsedEntry {
  parsed: ParsedFile;
  data: Data;
  extendsKey?: SKey;
  optionalKey?: SKey;
  /** `[buildout]` has the no longer supported `extended-by` option. */
  extendedBy: boolean;
}

export class ParseCache {
  private entries = new Map<string, ParsedEntry & { content: string; mode: MergeMode; platformKey: string; spelled: string }>();
  private platformKeys = new WeakMap<PlatformFacts, string>();
  private platformIds = new Map<string, number>();
  get(path: string, spelled: string, content: string, mode: MergeMode, platform: PlatformFacts): ParsedEntry {
    let pk = this.platformKeys.get(platform);
    if (pk === undefined) this.platformKeys.set(platform, (pk = String(this.platformId(JSON.stringify(platform)))));
    // Compared field by field: a key string joined per file open was a flattened copy of the
    // spelling (the path buildout's messages use) for every file of every resolution.
    const hit = this.entries.get(path);
    if (hit && hit.content === content && hit.mode === mode && hit.platformKey === pk && hit.spelled === spelled) return hit;
    const parsed = parseBuildout(content, spelled, { mode, platform });
    applyConditionErrors(parsed, mode, platform); // a NameError in a condition stops buildout
    const data = fileData(parsed, mode, path);
    // Pop `extends` once here (the dict is new), so an open neither copies the dict nor [buildout].
    const buildout = data.get('buildout');
    const extendsKey = buildout?.get('extends');
    if (extendsKey) buildout!.delete('extends');
    const optionalKey = mode === '3.1' ? buildout?.get('optional-extends') : undefined;
    if (optionalKey) buildout!.delete('optional-extends');
    const entry = { content, mode, platformKey: pk, spelled, parsed, data, extendsKey, optionalKey, extendedBy: buildout?.has('extended-by') ?? false };
    this.entries.set(path, entry);
    return entry;
  }
  invalidate(path: string): void {
    this.entries.delete(path);
  }

  /** A short number for a platform's JSON (keys built per file open stay short to hash). */
  platformId(json: string): number {
    let id = this.platformIds.get(json);
    if (id === undefined) this.platformIds.set(json, (id = this.platformIds.size));
    return id;
  }

  /**
   * Results of whole extends subtrees, reused while none of their files changed: one map per
   * merge mode and platform, keyed by path (a key string joined per opened file was flattened
   * and hashed once per file of every resolution).
   */
  private subtreesByKind = new Map<string, Map<string, Subtree>>();

  subtreeMap(mode: MergeMode, platformKey: string): Map<string, Subtree> {
    const kind = `${mode}|${platformKey}`;
    let m = this.subtreesByKind.get(kind);
    if (!m) this.subtreesByKind.set(kind, (m = new Map()));
    return m;
  }

  /** Every stored subtree as `mode|platform|path` → subtree (a copy, for inspection). */
  get subtrees(): Map<string, Subtree> {
    const out = new Map<string, Subtree>();
    for (const [kind, m] of this.subtreesByKind) for (const [path, sub] of m) out.set(`${kind}|${path}`, sub);
    return out;
  }
}

/**
 * What was read while one `_open` was innermost, as a DAG: the files/URLs it read itself, and,
 * in order, the files it opened and the subtrees it used. Nothing is copied from a reused
 * subtree (diamonds would copy the same deps and files once per path).
 */
interface Rec {
  /** Content of each file read (undefined: missing). */
  deps: Map<string, string | undefined>;
  /**
   * What each URL read gave (rare: created on the first), as `urlState` spells it: a URL
   * that turns from "not fetched yet" into a download error has no content either time.
   */
  urlDeps: Map<string, string | undefined> | undefined;
  parts: Array<ProfileFile | Subtree>;
  /** Errors of this subtree and every subtree it used (each once). */
  errors: BuildoutError[];
}

/** What one `_open` of a file produced, and everything it depended on. */
export interface Subtree extends Rec {
  result: Data[];
}

function newRecord(): Rec {
  return { deps: new Map(), urlDeps: undefined, parts: [], errors: [] };
}

function addDep(rec: Rec, path: string, content: string | undefined, url: boolean): void {
  if (!url) rec.deps.set(path, content);
  else (rec.urlDeps ??= new Map()).set(path, content);
}

/** Members of each record's error list: `includes` on the list made diamond graphs quadratic. */
const errorSets = new WeakMap<BuildoutError[], Set<BuildoutError>>();

function addErrors(into: BuildoutError[], from: readonly BuildoutError[]): void {
  if (!from.length) return;
  let set = errorSets.get(into);
  if (!set) errorSets.set(into, (set = new Set(into)));
  // A subtree reached through many paths carries the same error objects: keep one of each.
  for (const e of from) {
    if (set.has(e)) continue;
    set.add(e);
    into.push(e);
  }
}

/** A child record that could not be memoised (a cycle closed on an ancestor): splice it in. */
function spliceRecord(into: Rec, from: Rec): void {
  for (const [k, v] of from.deps) into.deps.set(k, v);
  if (from.urlDeps) for (const [k, v] of from.urlDeps) addDep(into, k, v, true);
  for (const p of from.parts) into.parts.push(p);
  addErrors(into.errors, from.errors);
}

function isSubtree(p: ProfileFile | Subtree): p is Subtree {
  return (p as Subtree).result !== undefined;
}

export interface LoaderContext {
  host: FileSystemHost;
  mode: MergeMode;
  platform: PlatformFacts;
  cache: ParseCache;
}

/**
 * Nested extends followed before the graph is cut. Python's recursion limit stops zc.buildout
 * 2.13.2 just above this (measured: a 979-file chain loads, 980 fails with RecursionError
 * "maximum recursion depth exceeded while calling a Python object"; bin/buildout's own frames
 * move that by a few files), so every chain buildout loads is followed.
 */
const MAX_DEPTH = 979;
/** Total file opens per resolution (diamonds re-open files); beyond it the graph is cut. */
const MAX_OPENS = 50_000;
/**
 * buildout ≥ 3.1.1 folds one entry per include (a file reached through n paths is applied n
 * times), which grows exponentially with nested diamonds; beyond this we stop.
 */
const MAX_ENTRIES = 200_000;
const CAP_HINT = 'Values, parts and checks below this extends line may be incomplete. zc.buildout 3.1 applies a file once per path that reaches it; this graph has too many paths (diamonds) for the editor to follow.';

export class Loader {
  readonly errors: BuildoutError[] = [];
  fatal?: BuildoutError;
  /** Files opened (parsed) in this run, by normalised path. */
  private opened = new Map<string, ProfileFile>();
  private memo = new Map<string, Subtree>();
  /** The record of the subtree being opened (innermost last); [0] collects the top-level opens. */
  private records: Rec[] = [newRecord()];
  /** Smallest `seen` index a recursive-include error pointed at in the current subtree. */
  private cycleTarget = Infinity;
  private opens = 0;
  /** The 3.x include list was cut (reported once). */
  private truncated = false;
  /** The error of a size cap (MAX_OPENS or MAX_ENTRIES), once one was hit. */
  private capError?: BuildoutError;
  /** Members of `errors` (replaying a reused subtree's errors checked the whole list). */
  private errorSet = new Set<BuildoutError>();
  /** Host reads of this run (a stored subtree's files are compared once each). */
  private reads = new Map<string, string | undefined>();
  private urlReads = new Map<string, { content?: string; error?: string } | undefined>();
  private freshness = new Map<Subtree, boolean>();
  private platformKey: string;
  private fileMap?: Map<string, ProfileFile>;
  private normJoins = new Map<string, Map<string, string>>();

  /** The parse cache's stored subtrees of this mode and platform, by path. */
  private subtrees: Map<string, Subtree>;

  constructor(private ctx: LoaderContext) {
    this.platformKey = String(ctx.cache.platformId(JSON.stringify(ctx.platform)));
    this.subtrees = ctx.cache.subtreeMap(ctx.mode, this.platformKey);
  }

  /**
   * Every file of the graphs opened so far, in buildout's order (first reached first: each
   * file before what it extends, depth first), built from the records once loading is done.
   */
  get files(): Map<string, ProfileFile> {
    if (this.fileMap) return this.fileMap;
    const out = new Map<string, ProfileFile>();
    const visited = new Set<Subtree>();
    const walk = (rec: Rec) => {
      for (const p of rec.parts) {
        if (!isSubtree(p)) {
          if (!out.has(p.path)) out.set(p.path, p);
        } else if (!visited.has(p)) {
          visited.add(p);
          walk(p);
        }
      }
    };
    walk(this.records[0]);
    return (this.fileMap = out);
  }

  private fail(error: BuildoutError): void {
    this.errors.push(error);
    this.errorSet.add(error);
    this.fatal ??= error;
    addErrors(this.record.errors, [error]);
  }

  private get record(): Rec {
    return this.records[this.records.length - 1];
  }

  private read(path: string, url: boolean): string | undefined {
    if (url) return this.readUrl(path)?.content;
    // get first: most calls are repeats (a file reached through another extends path).
    const known = this.reads.get(path);
    if (known !== undefined || this.reads.has(path)) return known;
    const content = this.ctx.host.readFile(path);
    this.reads.set(path, content);
    return content;
  }

  private readUrl(url: string): { content?: string; error?: string } | undefined {
    if (this.urlReads.has(url)) return this.urlReads.get(url);
    const got = this.ctx.host.readUrl?.(url);
    this.urlReads.set(url, got);
    return got;
  }

  /** A URL read as one string: its content, its download error, or pending (undefined). */
  private urlState(url: string): string | undefined {
    const got = this.readUrl(url);
    if (!got) return undefined;
    return got.content !== undefined ? 'content:' + got.content : 'error:' + (got.error ?? '');
  }

  /** Whether nothing a stored subtree read has changed (each subtree checked once per run). */
  private fresh(sub: Subtree): boolean {
    const known = this.freshness.get(sub);
    if (known !== undefined) return known;
    let ok = true;
    for (const [path, content] of sub.deps) {
      if (this.read(path, false) !== content) { ok = false; break; }
    }
    if (ok && sub.urlDeps) {
      for (const [url, state] of sub.urlDeps) {
        if (this.urlState(url) !== state) { ok = false; break; }
      }
    }
    if (ok) for (const p of sub.parts) if (isSubtree(p) && !this.fresh(p)) { ok = false; break; }
    this.freshness.set(sub, ok);
    return ok;
  }

  /** Reuse a subtree result: link it into the current record, replay its errors (when new to this run). */
  private reuse(sub: Subtree, replayErrors: boolean): Data[] {
    this.fileMap = undefined;
    if (replayErrors) for (const e of sub.errors) if (!this.errorSet.has(e)) { this.errors.push(e); this.errorSet.add(e); this.fatal ??= e; }
    this.record.parts.push(sub);
    if (sub.errors.length) addErrors(this.record.errors, sub.errors);
    // Shared, never mutated: whoever adopts a result as its merge target copies it (copy on write).
    return sub.result;
  }

  /**
   * `joinNormalized`, remembered per directory and extends word for this run: a file reached
   * through several parents gets the same path string each time, whose hash V8 computed once
   * (each new spelling was a fresh concatenated string, flattened and hashed by the first map
   * that saw it: reads, memo, deps, opened, the subtree cache).
   */
  private joinNorm(normBase: string, filename: string, spelled: string): string {
    let byWord = this.normJoins.get(normBase);
    if (!byWord) this.normJoins.set(normBase, (byWord = new Map()));
    let norm = byWord.get(filename);
    if (norm === undefined) byWord.set(filename, (norm = joinNormalized(normBase, filename, spelled)));
    return norm;
  }

  /** Where an error about opening a file is shown: the extends word that named it. */
  private where(edge: ExtendsEdge | undefined): { file?: string; range?: BuildoutError['range'] } {
    return edge ? { file: edge.from, range: edge.entry.range } : {};
  }

  /**
   * `_open(base, filename, seen)`; returns the per-file results (2.13: one merged result).
   * `normBase` is `normalizePath(base)` when the caller knows it (a file's extends words are
   * resolved against its normalised directory instead of normalising the ever longer spelling).
   */
  open(base: string, filename: string, seen: string[], seenNorm: string[], edge?: ExtendsEdge, userDefaults = false, normBase?: string): Data[] | undefined {
    const { mode } = this.ctx;
    let spelled: string;
    let url = false;
    let newBase: string;
    let localDir = false;
    let norm: string;
    if (isUrl(filename)) {
      spelled = filename;
      url = true;
      newBase = filename.slice(0, filename.lastIndexOf('/'));
      norm = normalizePath(spelled);
    } else if (isUrl(base)) {
      if (filename.startsWith('/')) {
        spelled = filename;
        newBase = pyDirname(spelled);
      } else {
        spelled = base + '/' + filename;
        url = true;
        newBase = spelled.slice(0, spelled.lastIndexOf('/'));
      }
      norm = normalizePath(spelled);
    } else {
      spelled = pyJoin(base, filename);
      // Its directory is taken below, once the file is known not to be a memoised subtree:
      // `pyDirname` flattens the ever longer concatenated spelling (a copy of it per extends
      // edge), and most edges of a diamond-heavy graph reach a memoised file.
      newBase = '';
      localDir = true;
      norm = normBase !== undefined ? this.joinNorm(normBase, filename, spelled) : normalizePath(spelled);
    }
    if (edge) {
      edge.target = norm;
      edge.buildoutPath = spelled;
      edge.isUrl = url;
    }
    let content: string | undefined;
    if (url) {
      content = this.read(spelled, true);
      addDep(this.record, spelled, this.urlState(spelled), true);
      if (content === undefined) {
        const got = this.readUrl(spelled);
        const error: BuildoutError = {
          kind: 'url-unavailable',
          message: got?.error ? `Couldn't download ${pyRepr(spelled)}: ${got.error}` : `Couldn't download ${pyRepr(spelled)} (not in the extends cache; offline or not fetched yet).`,
          hint: 'Resolution continues without this file.',
          ...this.where(edge),
        };
        if (edge) edge.error = error;
        this.fail(error);
        return undefined;
      }
    } else {
      content = this.read(norm, false);
      // The file's content is a dependency of this record only when the file ends here
      // (missing, over a cap, a cycle): a file opened below records it first in its own
      // record, and a reused subtree has it among its deps (one map entry per edge less).
      if (content === undefined) {
        this.record.deps.set(norm, content);
        const error: BuildoutError = { kind: 'missing-file', message: `[Errno 2] No such file or directory: ${pyRepr(spelled)}`, ...this.where(edge) };
        if (edge) edge.error = error;
        this.fail(error);
        return undefined;
      }
    }
    if (++this.opens > MAX_OPENS) {
      if (!url) this.record.deps.set(norm, content);
      if (this.opens === MAX_OPENS + 1) this.fail((this.capError ??= { kind: 'other', message: `The extends graph is too large (more than ${MAX_OPENS} file includes); the rest is ignored.`, hint: 'Values, parts and checks below this extends line may be incomplete.', ...this.where(edge) }));
      return undefined;
    }
    // The same spelling is the same file: only a file already on the stack needs the spelling's index.
    const normAt = seenNorm.indexOf(norm);
    const cycleAt = normAt < 0 ? -1 : Math.max(seen.indexOf(spelled), normAt);
    if (cycleAt >= 0 || seen.length > MAX_DEPTH) {
      if (!url) this.record.deps.set(norm, content);
      // Too deep without a cycle is no "Recursive file include": its own message (extends-limit).
      const error: BuildoutError = cycleAt >= 0
        ? { kind: 'recursive-include', message: `Recursive file include ${pyReprList(seen)} ${spelled}`, ...this.where(edge) }
        : {
          kind: 'other',
          message: `The extends graph is nested too deep: more than ${MAX_DEPTH} files extend one another; ${spelled} is not read. zc.buildout stops near this depth with RecursionError: maximum recursion depth exceeded while calling a Python object.`,
          hint: 'Values, parts and checks below this extends line may be incomplete.',
          ...this.where(edge),
        };
      if (edge) edge.error = error;
      this.cycleTarget = Math.min(this.cycleTarget, cycleAt >= 0 ? cycleAt : 0);
      this.fail(error);
      return undefined;
    }
    const cached = this.memo.get(norm);
    if (cached) return this.reuse(cached, false);
    const stored = this.subtrees.get(norm);
    if (stored && this.fresh(stored)) {
      this.memo.set(norm, stored);
      return this.reuse(stored, true);
    }
    if (localDir) newBase = pyDirname(spelled);
    this.records.push(newRecord());
    addDep(this.record, url ? spelled : norm, url ? this.urlState(spelled) : content, url);

    const { parsed, data, extendsKey, optionalKey, extendedBy } = this.ctx.cache.get(norm, spelled, content, mode, this.ctx.platform);
    const file: ProfileFile = this.opened.get(norm) ?? { path: norm, parsed, extends: [], userDefaults: userDefaults || undefined };
    const firstVisit = !this.opened.has(norm);
    this.opened.set(norm, file);
    this.fileMap = undefined;
    this.record.parts.push(file);
    if (parsed.fatalError) {
      const first = parsed.errors[0];
      this.fail({ kind: 'parse', message: parsed.fatalError, file: norm, range: first?.range });
    }
    if (extendedBy) {
      const opt = parsed.sections.flatMap((s) => s.options).find((o) => o.key === 'extended-by');
      this.fail({ kind: 'extended-by', message: `No-longer supported "extended-by" option found in ${spelled}.`, file: norm, range: opt?.nameRange });
    }

    const outerCycleTarget = this.cycleTarget;
    this.cycleTarget = Infinity;
    const myDepth = seen.length;
    seen.push(spelled);
    seenNorm.push(norm);
    let results: Data[] = NO_RESULTS; // (3.1 mode only: appendCapped makes it on the first append)
    const words = extendsKey ? pySplit(extendsKey.value) : [];
    const entries = matchEntries(words, parsed.extends);
    // One slot per word, set in the loop below (an array grown by push takes 17 slots at once).
    if (firstVisit && words.length) file.extends = new Array<ExtendsEdge>(words.length);
    let merged: Data | undefined;
    /** Sections of `merged` created by this merge (the others are shared with subtree results). */
    const owned = new Set<Section>();
    // Children resolve against this file's normalised directory (a URL's children do not).
    const childNormBase = url ? undefined : pyDirname(norm);
    for (let i = 0; i < words.length; i++) {
      const childEdge: ExtendsEdge = { from: norm, entry: entries[i], target: '', buildoutPath: '', isUrl: false };
      if (firstVisit) file.extends[i] = childEdge;
      const capped = this.capError;
      const r = this.open(newBase, words[i], seen, seenNorm, childEdge, userDefaults, childNormBase);
      // A top-level profile names the cap at the extends word that reached it: that is where
      // the user looks (the cap itself may be hit deep inside the graph, in a file not open).
      if (myDepth === 0 && !capped && this.capError && !childEdge.error) childEdge.error = this.capError;
      if (!r) continue;
      if (mode === '2.13') merged = merged ? updateData(merged, r[0], mode, owned) : cloneData(r[0]);
      else results = appendCapped(results, r);
    }
    for (const word of optionalKey ? pySplit(optionalKey.value) : []) {
      const target = isUrl(newBase) ? word : normalizePath(pyJoin(newBase, word));
      if (!isUrl(target) && !this.ctx.host.exists(target)) continue; // buildout prints "optional-extends file not found"
      const r = this.open(newBase, word, seen, seenNorm, undefined, userDefaults, childNormBase);
      if (r) results = appendCapped(results, r);
    }
    seen.pop();
    seenNorm.pop();
    let out: Data[];
    if (mode === '2.13') out = [merged ? updateData(merged, data, mode, owned) : data];
    else {
      if (results === NO_RESULTS) results = [];
      if (results.length < MAX_ENTRIES) results.push(data);
      out = results;
      if (out.length >= MAX_ENTRIES) {
        if (!this.truncated) this.fail((this.capError ??= { kind: 'other', message: `The extends graph expands to more than ${MAX_ENTRIES} includes; the rest is ignored.`, hint: CAP_HINT, file: norm }));
        this.truncated = true;
      }
    }
    // The result does not depend on how we got here unless a cycle closed on an ancestor.
    const record = this.records.pop()!;
    if (this.cycleTarget >= myDepth) {
      const sub: Subtree = { deps: record.deps, urlDeps: record.urlDeps, parts: record.parts, errors: record.errors, result: out };
      this.record.parts.push(sub);
      addErrors(this.record.errors, sub.errors);
      this.memo.set(norm, sub);
      if (!this.capError) this.subtrees.set(norm, sub);
    } else spliceRecord(this.record, record);
    this.cycleTarget = Math.min(outerCycleTarget, this.cycleTarget);
    return out;
  }
}

/** Shared by every open until its first 3.1 include (frozen: never pushed to). */
const NO_RESULTS: Data[] = Object.freeze([]) as unknown as Data[];

/**
 * `target + items`, cut at MAX_ENTRIES. A full list is never pushed to again, so a full child
 * list is shared instead of copied: above the cut every ancestor of a diamond-heavy graph would
 * otherwise copy the same MAX_ENTRIES entries.
 */
function appendCapped(target: Data[], items: Data[]): Data[] {
  if (target.length >= MAX_ENTRIES) return target;
  if (target.length === 0 && items.length >= MAX_ENTRIES) return items;
  if (target === NO_RESULTS) target = [];
  for (const d of items) {
    if (target.length >= MAX_ENTRIES) break;
    target.push(d);
  }
  return target;
}

/** Pair the split `extends` words with the positions the parser found (same order normally). */
function matchEntries(words: string[], entries: ExtendsEntry[]): ExtendsEntry[] {
  let same = words.length === entries.length;
  for (let i = 0; same && i < words.length; i++) same = entries[i].value === words[i];
  if (same) return entries;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return words.map((w) => entries.find((e) => e.value === w) ?? { value: w, range: zero });
}
