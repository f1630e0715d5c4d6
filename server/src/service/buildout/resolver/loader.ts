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
}

export interface LoaderContext {
  host: FileSystemHost;
  mode: MergeMode;
  platform: PlatformFacts;
  cache: ParseCache;
}

const MAX_DEPTH = 200;

export class Loader {
  readonly files = new Map<string, ProfileFile>();
  readonly errors: BuildoutError[] = [];
  fatal?: BuildoutError;
  private memo = new Map<string, Data[]>();
  private recursionErrors = 0;

  constructor(private ctx: LoaderContext) {}

  private fail(error: BuildoutError): void {
    this.errors.push(error);
    this.fatal ??= error;
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
      if (content === undefined) {
        const error: BuildoutError = { kind: 'missing-file', message: `[Errno 2] No such file or directory: ${pyRepr(spelled)}`, ...where };
        if (edge) edge.error = error;
        this.fail(error);
        return undefined;
      }
    }
    if (seen.includes(spelled) || seenNorm.includes(norm) || seen.length > MAX_DEPTH) {
      const error: BuildoutError = {
        kind: 'recursive-include',
        message: `Recursive file include ${pyReprList(seen)} ${spelled}`,
        hint: seen.length > MAX_DEPTH ? `extends nested deeper than ${MAX_DEPTH} files` : undefined,
        ...where,
      };
      if (edge) edge.error = error;
      this.recursionErrors++;
      this.fail(error);
      return undefined;
    }
    const cached = this.memo.get(norm);
    if (cached) return mode === '2.13' ? [cloneData(cached[0])] : cached;

    const { parsed, data: original } = this.ctx.cache.get(norm, spelled, content, mode, this.ctx.platform);
    const data = cloneData(original);
    const file: ProfileFile = this.files.get(norm) ?? { path: norm, parsed, extends: [], userDefaults: userDefaults || undefined };
    const firstVisit = !this.files.has(norm);
    this.files.set(norm, file);
    if (parsed.fatalError) {
      const first = parsed.errors[0];
      this.fail({ kind: 'parse', message: parsed.fatalError, file: norm, range: first?.range });
    }
    const buildout = data.get('buildout');
    const extendsKey = buildout?.get('extends');
    buildout?.delete('extends');
    if (buildout?.has('extended-by')) {
      const opt = parsed.sections.flatMap((s) => s.options).find((o) => o.key === 'extended-by');
      this.fail({ kind: 'extended-by', message: `No-longer supported "extended-by" option found in ${spelled}.`, file: norm, range: opt?.nameRange });
    }
    const optionalKey = mode === '3.1' ? buildout?.get('optional-extends') : undefined;
    if (optionalKey) buildout?.delete('optional-extends');

    const errorsBefore = this.recursionErrors;
    seen.push(spelled);
    seenNorm.push(norm);
    const results: Data[] = [];
    const words = extendsKey ? pySplit(extendsKey.value) : [];
    const entries = matchEntries(words, parsed.extends);
    let merged: Data | undefined;
    words.forEach((word, i) => {
      const childEdge: ExtendsEdge = { from: norm, entry: entries[i], target: '', buildoutPath: '', isUrl: false };
      if (firstVisit) file.extends.push(childEdge);
      const r = this.open(newBase, word, seen, seenNorm, childEdge, userDefaults);
      if (!r) return;
      if (mode === '2.13') merged = merged ? updateData(merged, r[0], mode) : r[0];
      else results.push(...r);
    });
    for (const word of optionalKey ? pySplit(optionalKey.value) : []) {
      const target = isUrl(newBase) ? word : normalizePath(pyJoin(newBase, word));
      if (!isUrl(target) && !this.ctx.host.exists(target)) continue; // buildout prints "optional-extends file not found"
      const r = this.open(newBase, word, seen, seenNorm, undefined, userDefaults);
      if (r) results.push(...r);
    }
    seen.pop();
    seenNorm.pop();
    let out: Data[];
    if (mode === '2.13') out = [merged ? updateData(merged, data, mode) : data];
    else out = [...results, data];
    if (this.recursionErrors === errorsBefore) this.memo.set(norm, mode === '2.13' ? [cloneData(out[0])] : out);
    return out;
  }
}

/** Pair the split `extends` words with the positions the parser found (same order normally). */
function matchEntries(words: string[], entries: ExtendsEntry[]): ExtendsEntry[] {
  if (words.length === entries.length && words.every((w, i) => entries[i].value === w)) return entries;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return words.map((w) => entries.find((e) => e.value === w) ?? { value: w, range: zero });
}
