/**
 * Version lifecycle of entries: `since` (first supported version that has a name), the
 * version whose docs first call it deprecated, and the removed/deprecated table's verdict.
 */
import type { FactsFile } from './data/factsFormat';
import { removalStatusIn, type RemovedRecord } from './removed';
import { SUPPORTED_VERSIONS, type HaproxyVersion, type Lifecycle } from './types';

/** Per name (and kind): the versions it exists in and the versions whose docs call it deprecated. */
export interface Presence { present: number; dep: number }
const presenceCache = new WeakMap<FactsFile, Map<string, Presence>>();

export function presenceIndex(facts: FactsFile): Map<string, Presence> {
  let index = presenceCache.get(facts);
  if (index) return index;
  index = new Map();
  const add = (key: string, v: number, dep: boolean): void => {
    const p = index!.get(key) ?? { present: 0, dep: 0 };
    p.present |= v;
    if (dep) p.dep |= v;
    index!.set(key, p);
  };
  for (const f of facts.keywords) for (const s of f.s) add(`kw:${s}:${f.n}`, f.v, !!f.dep);
  for (const f of facts.bindOptions) add(`bind:${f.n}`, f.v, !!f.dep);
  for (const f of facts.serverOptions) add(`server:${f.n}`, f.v, !!f.dep);
  for (const f of facts.actions) add(`action:${f.n}`, f.v, !!f.dep);
  for (const f of facts.fetches) add(`fetch:${f.n}`, f.v, !!f.dep);
  for (const f of facts.converters) add(`conv:${f.n}`, f.v, false);
  for (const f of facts.sections) add(`section:${f.n}`, f.v, !!f.dep);
  presenceCache.set(facts, index);
  return index;
}

const firstVersion = (mask: number): HaproxyVersion | undefined => SUPPORTED_VERSIONS.find((_, i) => (mask & (1 << i)) !== 0);

/**
 * `since` (first supported version that has it, omitted when 2.6 already had it) and
 * `deprecated` (first version whose docs mark it so, or the removed/deprecated table's
 * version), plus the table's replacement, for hover and diagnostics.
 */
export function lifecycle(index: Map<string, Presence>, key: string, version: HaproxyVersion, removed?: RemovedRecord): Lifecycle {
  const p = index.get(key);
  const out: Lifecycle = {};
  if (p) {
    const since = firstVersion(p.present);
    if (since && since !== SUPPORTED_VERSIONS[0]) out.since = since;
    const bit = 1 << SUPPORTED_VERSIONS.indexOf(version);
    if (p.dep & bit) out.deprecated = firstVersion(p.dep);
  }
  if (removed && removalStatusIn(removed, version) === 'deprecated') {
    out.deprecated = removed.deprecated;
    if (removed.replacement) out.replacement = removed.replacement;
  }
  return out;
}


export type LaterKind = 'keyword' | 'bind' | 'server' | 'action' | 'fetch' | 'converter';
let laterIndex: Map<string, number> | undefined;

/** Name → bit mask of the versions that have it, per kind (keywords in any section). */
function versionsByName(facts: FactsFile): Map<string, number> {
  if (laterIndex) return laterIndex;
  const index = new Map<string, number>();
  const add = (key: string, v: number) => index.set(key, (index.get(key) ?? 0) | v);
  for (const f of facts.keywords) add(`keyword:${f.n}`, f.v);
  for (const f of facts.bindOptions) add(`bind:${f.n}`, f.v);
  for (const f of facts.serverOptions) add(`server:${f.n}`, f.v);
  for (const f of facts.actions) add(`action:${f.n}`, f.v);
  for (const f of facts.fetches) add(`fetch:${f.n}`, f.v);
  for (const f of facts.converters) add(`converter:${f.n}`, f.v);
  laterIndex = index;
  return index;
}

/**
 * For a name the target version does not know: the first newer supported version that has
 * it (`set-fc-mark` → 3.0 when targeting 2.6), so "unknown" can say "not yet in your version".
 */
export function addedAfter(facts: FactsFile, what: LaterKind, name: string, version: HaproxyVersion): HaproxyVersion | undefined {
  const mask = versionsByName(facts).get(`${what}:${name}`);
  if (!mask) return undefined;
  const at = SUPPORTED_VERSIONS.indexOf(version);
  if (mask & (1 << at)) return undefined;
  return SUPPORTED_VERSIONS.find((_, i) => i > at && (mask & (1 << i)) !== 0);
}

/** The message tail for an unknown name that a newer version has (empty otherwise). */
export function addedAfterHint(facts: FactsFile, what: LaterKind, name: string, version: HaproxyVersion): string {
  const v = addedAfter(facts, what, name.toLowerCase(), version);
  return v ? ` '${name}' exists from HAProxy ${v} on; the target version is ${version}.` : '';
}
