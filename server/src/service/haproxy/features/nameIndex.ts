import type { Position } from 'vscode-languageserver-types';
import type { HaproxyDocument, Section } from '../parser/model';
import { collectNames, statementSymbols } from './names/collect';
import { statementAtLine } from './locate';
import type { NameKind, NameSymbol } from './names/types';

export type { NameKind, NameSymbol } from './names/types';
export { PREDEFINED_ACL_NAMES, NAMED_SECTION_KINDS } from './names/types';

/**
 * Definitions and references of named things (proxies, servers, ACLs, named sections) in one
 * parsed document. Built once per `HaproxyDocument` object (memoised), then every query is a
 * map lookup.
 *
 * Scoping rules (configuration.txt):
 * - `backend` references (`use_backend`, `default_backend`, `track be/s`, `nbsrv(be)` …) resolve
 *   to `backend` and `listen` sections;
 * - server references resolve to servers of the named proxy, or of the enclosing proxy when no
 *   proxy is written (`track s1`, `use-server s1`); `server-template web 1-3` defines `web1`…`web3`;
 * - ACL references resolve to ACLs of the same section only (§4.2 "acl": ACLs of a defaults
 *   section are not visible from other sections);
 * - other kinds resolve by name among the sections of that kind.
 */
export interface NameIndex {
  /** Every symbol, in document order. */
  readonly symbols: readonly NameSymbol[];
  /** Definitions of `kind` (`backend` also yields `listen`, `frontend` also yields `listen`), optionally filtered by name / section. */
  definitions(kind: NameKind, name?: string, scope?: Section): NameSymbol[];
  /** References of `kind`, optionally by name. Unresolved ones included. */
  references(kind: NameKind, name?: string): NameSymbol[];
  /** The symbol whose range contains `position` (end inclusive). */
  at(position: Position): NameSymbol | undefined;
  /** Definitions a reference points to (for a definition: itself). Empty = undefined reference. */
  resolve(symbol: NameSymbol): NameSymbol[];
  /** References resolving to this definition. */
  referencesTo(definition: NameSymbol): NameSymbol[];
  /** For any symbol: its definitions plus every reference to them (what rename/highlight touch). */
  related(symbol: NameSymbol): NameSymbol[];
  /**
   * Groups of definitions HAProxy rejects as duplicates: proxies with a shared capability
   * (frontend/frontend, backend/backend, listen/any), defaults/defaults, servers of one proxy,
   * and named sections of one kind. ACLs are never duplicates (repeated `acl` lines OR together).
   */
  duplicates(): NameSymbol[][];
}

const cache = new WeakMap<HaproxyDocument, NameIndex>();

/** The name index of a parsed document (memoised on the document object). */
export function buildNameIndex(doc: HaproxyDocument): NameIndex {
  let idx = cache.get(doc);
  if (!idx) {
    idx = new Index(collectNames(doc));
    cache.set(doc, idx);
  }
  return idx;
}

/**
 * Whether a name symbol is written at `position`, looking only at that line's statement (no
 * index build): lets hover and completion skip the index for keywords and values.
 */
export function nameSymbolAt(doc: HaproxyDocument, position: Position): NameSymbol | undefined {
  const hit = statementAtLine(doc, position.line);
  if (!hit?.section) return undefined;
  return statementSymbols(hit.section, hit.statement).find(
    (s) => position.character >= s.range.start.character && position.character <= s.range.end.character,
  );
}

/** Which definition kinds a reference/definition kind matches. */
function definitionKinds(kind: NameKind): readonly NameKind[] {
  if (kind === 'backend') return ['backend', 'listen'];
  if (kind === 'frontend') return ['frontend', 'listen'];
  return [kind];
}

class Index implements NameIndex {
  private readonly defsByKey = new Map<string, NameSymbol[]>();
  private readonly refsByKey = new Map<string, NameSymbol[]>();
  private readonly byLine = new Map<number, NameSymbol[]>();
  private readonly reverse = new Map<NameSymbol, NameSymbol[]>();
  private readonly resolved = new Map<NameSymbol, NameSymbol[]>();
  private readonly serversByProxy = new Map<string, NameSymbol[]>();
  /** ACL definitions per section, by name (ACL scope is the section). */
  private readonly aclsBySection = new Map<Section, Map<string, NameSymbol[]>>();

  constructor(readonly symbols: readonly NameSymbol[]) {
    for (const s of symbols) {
      const map = s.role === 'definition' ? this.defsByKey : this.refsByKey;
      push(map, key(s.kind, s.name), s);
      push(map, s.kind, s);
      push(this.byLine, s.range.start.line, s);
      if (s.kind === 'server' && s.role === 'definition' && s.section.name) push(this.serversByProxy, s.section.name.value, s);
      if (s.kind === 'acl' && s.role === 'definition') {
        let m = this.aclsBySection.get(s.section);
        if (!m) this.aclsBySection.set(s.section, (m = new Map()));
        push(m, s.name, s);
      }
    }
    for (const s of symbols) {
      if (s.role !== 'reference') continue;
      const defs = this.computeResolve(s);
      this.resolved.set(s, defs);
      for (const d of defs) push(this.reverse, d, s);
    }
  }

  definitions(kind: NameKind, name?: string, scope?: Section): NameSymbol[] {
    if (kind === 'acl' && scope) {
      const m = this.aclsBySection.get(scope);
      if (!m) return [];
      return name === undefined ? [...m.values()].flat() : [...(m.get(name) ?? [])];
    }
    const out: NameSymbol[] = [];
    for (const k of definitionKinds(kind)) {
      const list = this.defsByKey.get(name === undefined ? k : key(k, name));
      if (list) for (const d of list) if (!scope || d.section === scope) out.push(d);
    }
    return out;
  }

  references(kind: NameKind, name?: string): NameSymbol[] {
    return [...(this.refsByKey.get(name === undefined ? kind : key(kind, name)) ?? [])];
  }

  at(position: Position): NameSymbol | undefined {
    const list = this.byLine.get(position.line);
    if (!list) return undefined;
    return list.find((s) => position.character >= s.range.start.character && position.character <= s.range.end.character);
  }

  resolve(symbol: NameSymbol): NameSymbol[] {
    if (symbol.role === 'definition') return [symbol];
    return this.resolved.get(symbol) ?? this.computeResolve(symbol);
  }

  referencesTo(definition: NameSymbol): NameSymbol[] {
    return [...(this.reverse.get(definition) ?? [])];
  }

  related(symbol: NameSymbol): NameSymbol[] {
    const defs = this.resolve(symbol);
    const seen = new Set<NameSymbol>(defs);
    for (const d of defs) for (const r of this.reverse.get(d) ?? []) seen.add(r);
    if (defs.length === 0) {
      // An undefined reference: its siblings are the other references with the same meaning.
      for (const r of this.references(symbol.kind, symbol.name)) if (sameTarget(r, symbol)) seen.add(r);
    }
    return [...seen].sort(byPosition);
  }

  duplicates(): NameSymbol[][] {
    const groups: NameSymbol[][] = [];
    for (const [k, defs] of this.defsByKey) {
      if (!k.includes('\u0000') || defs.length < 2) continue;
      const kind = defs[0].kind;
      if (kind === 'acl') continue;
      if (kind === 'server') {
        const byProxy = new Map<Section, NameSymbol[]>();
        for (const d of defs) push(byProxy, d.section, d);
        for (const g of byProxy.values()) if (g.length > 1) groups.push(g);
      } else if (kind !== 'frontend' && kind !== 'backend' && kind !== 'listen') {
        groups.push(defs);
      }
    }
    // Proxies: frontends and backends may share a name; a listen clashes with both.
    const proxyNames = new Set<string>();
    for (const k of ['frontend', 'backend', 'listen'] as const) for (const d of this.defsByKey.get(k) ?? []) proxyNames.add(d.name);
    for (const name of proxyNames) {
      const fe = this.defsByKey.get(key('frontend', name)) ?? [];
      const be = this.defsByKey.get(key('backend', name)) ?? [];
      const li = this.defsByKey.get(key('listen', name)) ?? [];
      const feSide = [...fe, ...li].sort(byPosition);
      const beSide = [...be, ...li].sort(byPosition);
      if (feSide.length > 1) groups.push(feSide);
      if (beSide.length > 1 && (be.length > 0 || fe.length > 0 || feSide.length < 2)) groups.push(beSide);
    }
    return groups;
  }

  private computeResolve(ref: NameSymbol): NameSymbol[] {
    if (ref.kind === 'acl') return this.definitions('acl', ref.name, ref.section);
    if (ref.kind === 'server') {
      const proxyName = ref.proxy ?? ref.section.name?.value;
      if (proxyName === undefined) return [];
      return (this.serversByProxy.get(proxyName) ?? []).filter((d) => serverMatches(d, ref.name));
    }
    return this.definitions(ref.kind, ref.name);
  }
}

function serverMatches(def: NameSymbol, name: string): boolean {
  if (def.name === name) return true;
  if (!def.template || !name.startsWith(def.name)) return false;
  const rest = name.slice(def.name.length);
  if (!/^\d+$/.test(rest)) return false;
  const n = Number(rest);
  return n >= def.template.from && n <= def.template.to;
}

function sameTarget(a: NameSymbol, b: NameSymbol): boolean {
  if (a.kind === 'acl') return a.section === b.section;
  if (a.kind === 'server') return (a.proxy ?? a.section.name?.value) === (b.proxy ?? b.section.name?.value);
  return true;
}

function key(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function byPosition(a: NameSymbol, b: NameSymbol): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
