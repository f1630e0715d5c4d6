/**
 * buildout's annotated option values (`SectionKey`) and its merge operations
 * (`_update_section`, `_update`) for both merge modes. SectionKeys are immutable here: every
 * operation makes a new one, so per-file results can be cached and shared between includes.
 */
import type { HistoryEntry, HistoryOperation, MergeMode, ParsedOption } from '../model';
import { rstripChars } from '../parser/parser';

/** Where a value came from, in buildout's terms (`SectionKey.source`). */
export type SourceTag = 'DEFAULT_VALUE' | 'COMPUTED_VALUE' | 'COMMAND_LINE_VALUE' | 'IMPLICIT_VALUE' | '';

export interface SKey {
  readonly value: string;
  readonly history: readonly HistoryEntry[];
  /** File path, URL or tag of the last step (buildout's `source`). */
  readonly source: string;
  /** The SectionKey this one was derived from by `+=`/`-=` (for history lineage). */
  readonly derivedFrom?: SKey;
}

export type Section = Map<string, SKey>;
export type Data = Map<string, Section>;

export function makeKey(value: string, operation: HistoryOperation, source: string, option?: ParsedOption): SKey {
  const entry: HistoryEntry = { operation, value, result: value };
  if (source && !isTag(source)) entry.file = source;
  if (option) entry.option = option;
  return { value, history: [entry], source };
}

export function isTag(source: string): boolean {
  return source === '' || /^[A-Z_]+$/.test(source);
}

const IMPLICIT: SKey = { value: '', history: [], source: 'IMPLICIT_VALUE' };

function addTo(base: SKey, added: SKey): SKey {
  const value = base.value.split('\n').concat(added.value.split('\n')).join('\n');
  return derive(base, added, 'ADD', value);
}

function removeFrom(base: SKey, removed: SKey): SKey {
  const drop = new Set(removed.value.split('\n'));
  const value = base.value.split('\n').filter((v) => !drop.has(v)).join('\n');
  return derive(base, removed, 'REMOVE', value);
}

function derive(base: SKey, step: SKey, operation: HistoryOperation, value: string): SKey {
  // One entry per occurrence (3.x concatenates repeated `+=` of a file into one step).
  const entries: HistoryEntry[] = step.history.length
    ? step.history.map((h) => ({ ...h, operation, result: value }))
    : [{ operation, value: step.value, result: value }];
  return { value, history: [...base.history, ...entries], source: step.source, derivedFrom: base };
}

function descendsFrom(v: SKey, ancestor: SKey): boolean {
  for (let cur: SKey | undefined = v; cur; cur = cur.derivedFrom) if (cur === ancestor) return true;
  return false;
}

/** `v1.overrideValue(v2)`: the later value wins; the history keeps both. */
export function override(v1: SKey, v2: SKey): SKey {
  if (descendsFrom(v2, v1)) return v2;
  const relabelled = v2.history.map((h, i) => (i === 0 && h.operation === 'SET' ? { ...h, operation: 'OVERRIDE' as const } : h));
  return { value: v2.value, history: [...v1.history, ...relabelled], source: v2.source, derivedFrom: v2.derivedFrom };
}

/** Replace the value (buildout's `setDirectory`, recipe-computed values …). */
export function withValue(v: SKey, value: string, operation: HistoryOperation): SKey {
  return { value, history: [...v.history, { operation, value, result: value }], source: v.source };
}

function pyCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `_update_section(s1, s2)`: s2 over s1, `+=`/`-=` applied line-wise. Mutates and returns s1. */
export function updateSection(s1: Section, s2in: Section): Section {
  const s2 = new Map(s2in);
  const keys = [...s2.keys()].sort((a, b) => pyCompare(rstripChars(a, ' +'), rstripChars(b, ' +')) || pyCompare(a.slice(-1), b.slice(-1)));
  for (const k of keys) {
    const v = s2.get(k);
    if (!v) continue;
    if (k.endsWith('+')) {
      const name = rstripChars(k, ' +');
      const base = s2.get(name) ?? s1.get(name) ?? IMPLICIT;
      s2.set(name, addTo(base, v));
      if (name !== k) s2.delete(k);
    } else if (k.endsWith('-')) {
      const name = rstripChars(k, ' -');
      const base = s2.get(name) ?? s1.get(name) ?? IMPLICIT;
      s2.set(name, removeFrom(base, v));
      if (name !== k) s2.delete(k);
    }
  }
  for (const [key, v2] of s2) {
    const v1 = s1.get(key);
    s1.set(key, v1 ? override(v1, v2) : v2);
  }
  return s1;
}

/** `_update(d1, d2)` of the given mode. Mutates and returns d1; never mutates d2. */
export function updateData(d1: Data, d2: Data, mode: MergeMode): Data {
  for (const [name, s2] of d2) {
    const s1 = d1.get(name);
    if (s1) {
      updateSection(s1, s2);
    } else if (mode === '2.13' || s2.has('<')) {
      d1.set(name, new Map(s2));
    } else {
      d1.set(name, updateSection(new Map(), baseIncrements(s2)));
    }
  }
  return d1;
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
      temp.set(base, removeFrom(v, { ...v, source: 'IMPLICIT_VALUE' }));
      temp.delete(k);
    }
  }
  return temp;
}

export function cloneData(d: Data): Data {
  const out: Data = new Map();
  for (const [k, s] of d) out.set(k, new Map(s));
  return out;
}
