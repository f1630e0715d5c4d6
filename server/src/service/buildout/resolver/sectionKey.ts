/**
 * buildout's annotated option values (`SectionKey`) and its merge operations
 * (`_update_section`, `_update`) for both merge modes. SectionKeys are immutable here: every
 * operation makes a new one, so per-file results can be cached and shared between includes.
 */
import type { HistoryEntry, HistoryOperation, MergeMode, ParsedOption } from '../model';
import { rstripChars } from '../parser/parser';

/** Where a value came from, in buildout's terms (`SectionKey.source`). */
export type SourceTag = 'DEFAULT_VALUE' | 'COMPUTED_VALUE' | 'COMMAND_LINE_VALUE' | 'IMPLICIT_VALUE' | '';

/** A node's kind: its own entries, another key's history, or one entry built when read. */
const LIST = 0;
const SUB = 1;
const DERIVE = 2;
const OPTION = 3;
const MACRO = 4;
/** DERIVE of a `-=` step (DERIVE itself is a `+=` step): the kind carries the operation. */
const DERIVE_REMOVE = 5;

/**
 * History as a persistent rope: each step links to the previous one, so `+=` applied thousands
 * of times (3.x folds every include) stays linear, and an override links to the other key's
 * history instead of copying it, so diamond-heavy extends graphs (whose 2.13 histories grow
 * exponentially, as buildout's `_annotated` lists do) cost nothing until a history is read.
 *
 * Entries are built when a history is read, not when a file is parsed or merged: a cold
 * resolve makes thousands of steps and reads few histories (hover reads one). One class for
 * every kind keeps the nodes monomorphic; `ref`, `value` and `result` mean, by kind:
 * LIST: `ref` the entries; SUB: `ref` the other key's node (an override: its first SET reads
 * OVERRIDE); DERIVE / DERIVE_REMOVE (`+=`/`-=`): `ref` the step key's node, whose entries read
 * ADD / REMOVE and `result` (or one entry with `value` when it has none); OPTION: `ref` the
 * parsed option, `value` its file, one entry of `operationOf(option.key)` with the option's
 * value and `result`; MACRO: one MACRO entry of `value` from section `result`.
 *
 * Eight fields (a node is 88 bytes: Node builds V8 without pointer compression, 8 bytes a
 * field): the operation lives in the kind, and a file's option node keeps its file, a macro
 * node its section, in the slots those kinds leave unused. (Keeping what a history read builds
 * in two weak maps instead of `cache` and `own` saved 16 bytes more per node, but made every
 * history read 2× slower: the editor reads every option's history of a section it shows.)
 */
class HistNode {
  /** The whole history ending here, once read (histories up to MAX_HISTORY entries). */
  cache: HistoryEntry[] | undefined = undefined;
  /** DERIVE, OPTION, MACRO: this node's own entries once built (the same objects on every read). */
  own: readonly HistoryEntry[] | undefined = undefined;
  constructor(
    readonly kind: number,
    readonly prev: HistNode | undefined,
    /** Entries up to and including this node (a float: may exceed any array size). */
    readonly length: number,
    readonly ref: readonly HistoryEntry[] | HistNode | ParsedOption | undefined,
    readonly value: string | undefined,
    readonly result: string | undefined,
  ) {}
}

// One class for every kind (monomorphic reads). A subclass for DERIVE/OPTION/MACRO nodes, so
// that LIST and SUB nodes lack their five fields, was tried (round PB2): ≈ 9 KB less per cold
// resolve (LIST and SUB are ≈ 220 of ≈ 2,300 nodes), two shapes while V8 is still optimising.

/**
 * Histories longer than this are cut to their last entries when read (only exponential
 * diamond graphs get there; the latest steps, which say where the value comes from, are kept).
 */
export const MAX_HISTORY = 10_000;

function listNode(prev: HistNode | undefined, entries: readonly HistoryEntry[]): HistNode {
  return new HistNode(LIST, prev, (prev ? prev.length : 0) + entries.length, entries, undefined, undefined);
}

/** This node's own entries (the last `limit` of them are what `collect` keeps). */
function ownEntries(node: HistNode, limit: number): readonly HistoryEntry[] {
  switch (node.kind) {
    case LIST:
      return node.ref as readonly HistoryEntry[];
    case SUB: {
      const sub = node.ref as HistNode;
      const whole = sub.length <= limit;
      const got = collect(sub, limit);
      return whole && got.length && got[0].operation === 'SET' ? [{ ...got[0], operation: 'OVERRIDE' as const }, ...got.slice(1)] : got;
    }
    case DERIVE:
    case DERIVE_REMOVE: {
      if (node.own) return node.own;
      // One entry per occurrence (3.x concatenates repeated `+=` of a file into one step).
      const step = node.ref as HistNode | undefined;
      const own = step ? (step.cache ?? collect(step, MAX_HISTORY)) : [];
      const operation: HistoryOperation = node.kind === DERIVE ? 'ADD' : 'REMOVE';
      const result = node.result!;
      return (node.own = own.length ? own.map((h) => ({ ...h, operation, result })) : [{ operation, value: node.value!, result }]);
    }
    case OPTION: {
      const option = node.ref as ParsedOption;
      return (node.own ??= [{ operation: operationOf(option.key), value: option.value, result: node.result!, file: node.value, option }]);
    }
    default: {
      return (node.own ??= [{ operation: 'MACRO', value: node.value!, result: node.value!, fromSection: node.result }]);
    }
  }
}

/** The last `limit` entries of the history ending at `n`, in order. */
function collect(start: HistNode, limit: number): HistoryEntry[] {
  const chunks: (readonly HistoryEntry[])[] = [];
  let remaining = limit;
  for (let n: HistNode | undefined = start; n && remaining > 0; n = n.prev) {
    if (n.cache) {
      chunks.push(n.cache.length > remaining ? n.cache.slice(n.cache.length - remaining) : n.cache);
      break;
    }
    let piece = ownEntries(n, remaining);
    if (piece.length > remaining) piece = piece.slice(piece.length - remaining);
    chunks.push(piece);
    remaining -= piece.length;
  }
  const out: HistoryEntry[] = [];
  for (let i = chunks.length - 1; i >= 0; i--) for (const e of chunks[i]) out.push(e);
  return out;
}

export class SKey {
  private built: HistNode | undefined;
  /**
   * `derivedFrom` or the parsed option: a key has at most one of them, so one field holds
   * either (a field less on each of the thousands of keys a cold resolve makes).
   */
  private readonly origin: SKey | ParsedOption | undefined;

  constructor(
    readonly value: string,
    /** File path, URL or tag of the last step (buildout's `source`). */
    readonly source: string,
    node: HistNode | undefined,
    /** The SectionKey this one was derived from by `+=`/`-=` (for history lineage). */
    derivedFrom?: SKey,
    /**
     * A key read from a file (`optionKey`): its one-entry history node is made when first
     * needed (most options are never merged over nor asked for their history).
     */
    option?: ParsedOption,
  ) {
    this.built = node;
    this.origin = option ?? derivedFrom;
  }

  /** The SectionKey this one was derived from by `+=`/`-=` (for history lineage). */
  get derivedFrom(): SKey | undefined {
    const o = this.origin;
    return o instanceof SKey ? o : undefined;
  }

  /** The parsed option of a key read from a file (undefined for merged or computed keys). */
  get parsedOption(): ParsedOption | undefined {
    const o = this.origin;
    return o === undefined || o instanceof SKey ? undefined : o;
  }

  private get node(): HistNode | undefined {
    if (this.built === undefined) {
      const option = this.parsedOption;
      if (option !== undefined) this.built = new HistNode(OPTION, undefined, 1, option, this.source, this.value);
    }
    return this.built;
  }

  get history(): readonly HistoryEntry[] {
    const n = this.node;
    if (!n) return [];
    if (n.cache) return n.cache;
    const out = collect(n, MAX_HISTORY);
    if (n.length <= MAX_HISTORY) n.cache = out;
    return out;
  }

  /** A new key with `entries` appended to this key's history. */
  extend(value: string, source: string, entries: readonly HistoryEntry[], derivedFrom?: SKey): SKey {
    return new SKey(value, source, entries.length ? listNode(this.node, entries) : this.node, derivedFrom);
  }

  /** This key's history followed by `other`'s (first SET relabelled OVERRIDE). */
  followedBy(other: SKey): SKey {
    const o = other.node;
    return new SKey(other.value, other.source, o ? new HistNode(SUB, this.node, (this.node ? this.node.length : 0) + o.length, o, undefined, undefined) : this.node, other.derivedFrom);
  }

  /** `step` applied to this key by `+=`/`-=`: step's entries (relabelled) appended, value `value`. */
  derive(step: SKey, operation: HistoryOperation, value: string): SKey {
    const s = step.node;
    const added = s ? Math.min(s.length, MAX_HISTORY) : 1;
    const n = new HistNode(operation === 'REMOVE' ? DERIVE_REMOVE : DERIVE, this.node, (this.node ? this.node.length : 0) + added, s, step.value, value);
    return new SKey(value, step.source, n, this);
  }

  /** The same value inherited through a `<=` macro from section `from`. */
  inherited(from: string): SKey {
    const n = new HistNode(MACRO, this.node, (this.node ? this.node.length : 0) + 1, undefined, this.value, from);
    return new SKey(this.value, this.source, n);
  }
}

/** The history operation of a file's key: `k +` adds, `k -` removes, anything else sets. */
export function operationOf(key: string): HistoryOperation {
  const last = key.charCodeAt(key.length - 1);
  return last === 43 ? 'ADD' : last === 45 ? 'REMOVE' : 'SET';
}

/**
 * The key of one option occurrence of a file (2.13: the last assignment of the key wins), with
 * the entry `operationOf(option.key)`, the option's value, result `value`, file `file`.
 */
export function optionKey(value: string, file: string, option: ParsedOption): SKey {
  return new SKey(value, file, undefined, undefined, option);
}

export type Section = Map<string, SKey>;
export type Data = Map<string, Section>;

export function makeKey(value: string, operation: HistoryOperation, source: string, option?: ParsedOption): SKey {
  const entry: HistoryEntry = { operation, value, result: value };
  if (source && !isTag(source)) entry.file = source;
  if (option) entry.option = option;
  return new SKey(value, source, listNode(undefined, [entry]));
}

/** A key with the given history entries. */
export function keyWithHistory(value: string, source: string, entries: readonly HistoryEntry[]): SKey {
  return new SKey(value, source, listNode(undefined, entries));
}

export function isTag(source: string): boolean {
  return source === '' || /^[A-Z_]+$/.test(source);
}

const IMPLICIT = new SKey('', 'IMPLICIT_VALUE', undefined);

function addTo(base: SKey, added: SKey): SKey {
  // "\n".join(old.split("\n") + added.split("\n")) is plain concatenation with a newline.
  return derive(base, added, 'ADD', base.value + '\n' + added.value);
}

function removeFrom(base: SKey, removed: SKey): SKey {
  const drop = new Set(removed.value.split('\n'));
  const value = base.value.split('\n').filter((v) => !drop.has(v)).join('\n');
  return derive(base, removed, 'REMOVE', value);
}

function derive(base: SKey, step: SKey, operation: HistoryOperation, value: string): SKey {
  return base.derive(step, operation, value);
}

function descendsFrom(v: SKey, ancestor: SKey): boolean {
  for (let cur: SKey | undefined = v; cur; cur = cur.derivedFrom) if (cur === ancestor) return true;
  return false;
}

/** `v1.overrideValue(v2)`: the later value wins; the history keeps both. */
export function override(v1: SKey, v2: SKey): SKey {
  if (descendsFrom(v2, v1)) return v2;
  return v1.followedBy(v2);
}

/** Replace the value (buildout's `setDirectory`, recipe-computed values …). */
export function withValue(v: SKey, value: string, operation: HistoryOperation): SKey {
  return v.extend(value, v.source, [{ operation, value, result: value }]);
}

/** The same value and history under another source tag (`removeFromValue(…, "IMPLICIT_VALUE")`). */
export function retag(v: SKey, source: string): SKey {
  return v.extend(v.value, source, []);
}

function pyCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isIncrementKey(k: string): boolean {
  const last = k.charCodeAt(k.length - 1);
  return last === 43 || last === 45; // '+' or '-'
}

/**
 * Whether the section has a `k +` or `k -` key. forEach, not for-of over keys(): the key
 * iterator allocated a result object per key (thousands per cold resolve, in diamonds).
 */
function hasIncrements(s: Section): boolean {
  found = false;
  s.forEach(noteIncrement);
  return found;
}
let found = false;
function noteIncrement(_v: SKey, k: string): void {
  if (!found && isIncrementKey(k)) found = true;
}

/**
 * The option an increment key `k +` / `k -` changes. A key read from a file carries its parsed
 * option, whose name the parser already stripped: the same string on every merge of the key
 * (its hash computed once), instead of a new slice per merge.
 */
function incrementName(k: string, v: SKey): string {
  const option = v.parsedOption;
  if (option !== undefined && option.key === k) return option.name;
  return rstripChars(k, k.charCodeAt(k.length - 1) === 43 ? ' +' : ' -');
}

/**
 * Scratch of the merge in progress (`updateSection` is never re-entered): s2's increment keys,
 * the names they change, their results. Reused, never shrunk: a fresh array per merge was a
 * good part of the merge's garbage.
 */
const incKeys: string[] = [];
const incNames: string[] = [];
const results: SKey[] = [];
let incCount = 0;
function collectIncrement(_v: SKey, k: string): void {
  if (isIncrementKey(k)) incKeys[incCount++] = k;
}

/**
 * Sort increment keys by buildout's key of `_update_section`, (key.rstrip(' +'), key[-1]):
 * an insertion sort over the precomputed first components (sections have a few increments;
 * Array.prototype.sort with a comparator slicing strings cost more than the merge itself).
 * Stable, as Python's sorted().
 */
function sortIncrements(keys: string[], n: number): void {
  const firsts = incNames; // scratch: the names are computed after sorting
  for (let i = 0; i < n; i++) firsts[i] = rstripChars(keys[i], ' +');
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    const f = firsts[i];
    const last = k.charCodeAt(k.length - 1);
    let j = i - 1;
    while (j >= 0) {
      const c = pyCompare(firsts[j], f) || keys[j].charCodeAt(keys[j].length - 1) - last;
      if (c <= 0) break;
      keys[j + 1] = keys[j];
      firsts[j + 1] = firsts[j];
      j--;
    }
    keys[j + 1] = k;
    firsts[j + 1] = f;
  }
}

/** The section `overrideAll` writes into (it never re-enters itself). */
let overrideTarget: Section;
function overrideOne(v2: SKey, key: string): void {
  const v1 = overrideTarget.get(key);
  overrideTarget.set(key, v1 ? override(v1, v2) : v2);
}

/** `overrideOne`, a key of s2 replaced by its increment's result (`resultCount` of them in `results`). */
let resultCount = 0;
function overrideWithResult(v2: SKey, key: string): void {
  if (isIncrementKey(key)) return;
  let v = v2;
  for (let i = 0; i < resultCount; i++) if (incNames[i] === key) { v = results[i]; break; }
  const v1 = overrideTarget.get(key);
  overrideTarget.set(key, v1 ? override(v1, v) : v);
}

function overrideAll(s1: Section, s2: Section): void {
  // forEach, not for-of: destructuring each entry allocated an array per key merged; and a
  // module-level callback, not a closure per call.
  overrideTarget = s1;
  s2.forEach(overrideOne);
}

/**
 * `_update_section(s1, s2)`: s2 over s1, `+=`/`-=` applied line-wise. Mutates and returns s1.
 *
 * buildout copies s2, applies its increments in sorted key order (each replaces its name's
 * entry in the copy, or appends it), then overrides s1 with the copy in the copy's order.
 * When the increments name distinct options, none of which is itself an increment key (all
 * but contrived profiles), the increments cannot see each other's results: they are applied
 * without copying s2, and the copy's order is rebuilt (s2's own keys, then the added names in
 * sorted order, as buildout appends them).
 */
export function updateSection(s1: Section, s2: Section): Section {
  incCount = 0;
  s2.forEach(collectIncrement);
  const n = incCount;
  if (n === 0) {
    overrideAll(s1, s2);
    return s1;
  }
  if (n > 1) sortIncrements(incKeys, n);
  let independent = true;
  for (let i = 0; i < n; i++) {
    const k = incKeys[i];
    const name = incrementName(k, s2.get(k)!);
    incNames[i] = name;
    if (isIncrementKey(name)) independent = false;
    for (let j = 0; j < i && independent; j++) if (incNames[j] === name) independent = false;
  }
  if (independent) {
    // Every result from s1 as it was (results first, then the overrides).
    for (let i = 0; i < n; i++) {
      const k = incKeys[i];
      const base = s2.get(incNames[i]) ?? s1.get(incNames[i]) ?? IMPLICIT;
      results[i] = k.charCodeAt(k.length - 1) === 43 ? addTo(base, s2.get(k)!) : removeFrom(base, s2.get(k)!);
    }
    overrideTarget = s1;
    resultCount = n;
    s2.forEach(overrideWithResult);
    for (let i = 0; i < n; i++) {
      const name = incNames[i];
      if (s2.has(name)) continue;
      const v1 = s1.get(name);
      s1.set(name, v1 ? override(v1, results[i]) : results[i]);
    }
    return s1;
  }
  // The general algorithm, on a copy of s2.
  const keys = incKeys.slice(0, n);
  const copy = new Map(s2);
  for (const k of keys) {
    const v = copy.get(k);
    if (!v) continue;
    if (k.endsWith('+')) {
      const name = rstripChars(k, ' +');
      const base = copy.get(name) ?? s1.get(name) ?? IMPLICIT;
      copy.set(name, addTo(base, v));
      if (name !== k) copy.delete(k);
    } else {
      const name = rstripChars(k, ' -');
      const base = copy.get(name) ?? s1.get(name) ?? IMPLICIT;
      copy.set(name, removeFrom(base, v));
      if (name !== k) copy.delete(k);
    }
  }
  overrideAll(s1, copy);
  return s1;
}

/**
 * `_update(d1, d2)` of the given mode. Mutates and returns d1; never mutates d2.
 *
 * Sections are shared between merge results (a file's result is memoised and reused by every
 * file that extends it): `owned` holds the sections of d1 this merge may change in place; any
 * other section is copied before its first change (copy on write) and the copy becomes owned.
 * A section d1 lacks is adopted as is, without a copy.
 */
export function updateData(d1: Data, d2: Data, mode: MergeMode, owned: Set<Section>): Data {
  // A module-level callback and state, not a closure per merge (updateData is not re-entered).
  mergeInto = d1;
  mergeMode = mode;
  mergeOwned = owned;
  d2.forEach(mergeSection);
  mergeOwned = NO_OWNED;
  return d1;
}

const NO_OWNED = new Set<Section>();
let mergeInto: Data = new Map();
let mergeMode: MergeMode = '2.13';
let mergeOwned = NO_OWNED;

function mergeSection(s2: Section, name: string): void {
  const d1 = mergeInto;
  let s1 = d1.get(name);
  if (s1) {
    // The same section reached through two extends paths: override(v, v) is v, a no-op.
    if (s1 === s2 && !hasIncrements(s2)) return;
    if (!mergeOwned.has(s1)) {
      d1.set(name, (s1 = copyMap(s1)));
      mergeOwned.add(s1);
    }
    updateSection(s1, s2);
  } else if (mergeMode === '2.13' || !hasIncrements(s2) || s2.has('<')) {
    d1.set(name, s2);
  } else {
    const s = updateSection(new Map(), baseIncrements(s2));
    mergeOwned.add(s);
    d1.set(name, s);
  }
}

/** zc.buildout ≥ 3.1.1 (#641): a leading `k +=` becomes `k =`, a leading `k -=` an empty `k =`. */
function baseIncrements(s2: Section): Section {
  const temp = new Map(s2);
  for (const k of [...temp.keys()].sort(pyCompare)) {
    const v = temp.get(k);
    if (!v || k.length < 2) continue;
    const base = k.slice(0, -2);
    if (k.endsWith('+') && !temp.has(base)) {
      temp.set(base, v);
      temp.delete(k);
    } else if (k.endsWith('-') && !temp.has(base)) {
      temp.set(base, removeFrom(v, retag(v, 'IMPLICIT_VALUE')));
      temp.delete(k);
    }
  }
  return temp;
}

/** A copy of the section map (sections shared: pass an empty `owned` set when merging into it). */
export function cloneData(d: Data): Data {
  return copyMap(d);
}

let copyTarget: Map<string, unknown>;
function copyEntry(v: unknown, k: string): void {
  copyTarget.set(k, v);
}

/**
 * `new Map(m)`, without its iterator: the Map constructor walks an iterable through the
 * iterator protocol, one entry array and one result object per key (a good part of the merge's
 * garbage, which copies sections and whole section maps of every extended file).
 */
export function copyMap<V>(m: Map<string, V>): Map<string, V> {
  const out = new Map<string, V>();
  copyTarget = out;
  m.forEach(copyEntry);
  return out;
}
