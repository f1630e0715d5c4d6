import type { Position } from 'vscode-languageserver-types';
import type { HaproxyDocument, Section } from '../parser/model';
import { collectNames, sectionNamesOf, statementSymbols, type SectionNames } from './names/collect';
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
 * - `table be` (track-sc, stick rules, `sc_*`/`src_*`/`table_*` arguments) resolves to the proxy
 *   `be`; `table peers1/t1` to the `table t1` line of `peers peers1`;
 * - other kinds resolve by name among the sections of that kind.
 */
export interface NameIndex {
  /** Every definition, then every reference, each in document order. */
  readonly symbols: readonly NameSymbol[];
  /** Every reference in document order (a shared list: do not mutate). */
  allReferences(): readonly NameSymbol[];
  /** Definitions of `kind` (`backend` also yields `listen`, `frontend` also yields `listen`), optionally filtered by name / section. */
  definitions(kind: NameKind, name?: string, scope?: Section): NameSymbol[];
  /** References of `kind`, optionally by name. Unresolved ones included. */
  references(kind: NameKind, name?: string): NameSymbol[];
  /** The symbol whose range contains `position` (end inclusive). */
  at(position: Position): NameSymbol | undefined;
  /** Definitions a reference points to (for a definition: itself). Empty = undefined reference. */
  resolve(symbol: NameSymbol): NameSymbol[];
  /** Whether `resolve(reference)` would be non-empty, without building (or memoising) the list. */
  isDefined(reference: NameSymbol): boolean;
  /**
   * `resolve(reference)` of a `table` reference as a read-only list that is neither memoised nor,
   * when one list answers, copied (the diagnostics read each table reference once).
   */
  tableDefinitions(reference: NameSymbol): readonly NameSymbol[];
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
    (s) => position.character >= s.start && position.character <= s.end,
  );
}

const BACKEND_KINDS: readonly NameKind[] = ['backend', 'listen'];
const FRONTEND_KINDS: readonly NameKind[] = ['frontend', 'listen'];
const ANY_PROXY_KINDS: readonly NameKind[] = ['frontend', 'backend', 'listen'];
const SINGLE_KINDS = new Map<NameKind, readonly NameKind[]>();

/** Which definition kinds a reference/definition kind matches (constant arrays: called per reference). */
function definitionKinds(kind: NameKind): readonly NameKind[] {
  if (kind === 'backend') return BACKEND_KINDS;
  if (kind === 'frontend') return FRONTEND_KINDS;
  if (kind === 'proxy') return ANY_PROXY_KINDS;
  let k = SINGLE_KINDS.get(kind);
  if (!k) SINGLE_KINDS.set(kind, (k = [kind]));
  return k;
}

const NO_SYMBOLS: readonly NameSymbol[] = [];

/**
 * Built for every validation of a new text, so it does as little as possible up front: the
 * per-section lists from collect.ts stay as they are, definitions are only filed by kind, and
 * every map (by name, servers by proxy, references by name, by line, reverse) is made the first
 * time a query needs it. The diagnostics ask `isDefined` of each reference, which reads the
 * section's own ACL names (already collected) and the proxies by name; servers, ACLs by name
 * and the reference maps are only built for navigation.
 */
class Index implements NameIndex {
  /** Definitions of each kind, in document order. */
  private readonly defsOfKind = new Map<NameKind, NameSymbol[]>();
  /** Definitions of one kind by name (per kind, on first use). */
  private readonly defsByName = new Map<NameKind, Map<string, NameSymbol[]>>();
  /** Servers by proxy name, then by server name; `server-template` prefixes kept apart. */
  private serversByProxy: Map<string, Map<string, NameSymbol[]>> | undefined;
  private templatesByProxy: Map<string, NameSymbol[]> | undefined;
  private readonly resolved = new Map<NameSymbol, NameSymbol[]>();
  private refList: NameSymbol[] | undefined;
  private all: NameSymbol[] | undefined;
  private refsByKey: Map<string, NameSymbol[]> | undefined;
  private byLine: Map<number, NameSymbol[]> | undefined;
  private reverse: Map<NameSymbol, NameSymbol[]> | undefined;

  constructor(private readonly parts: readonly SectionNames[]) {
    // Indexed loops: this runs once per new text, where `for…of` iterator results showed in the allocation profile.
    for (let p = 0; p < parts.length; p++) {
      const defs = parts[p].defs;
      for (let d = 0; d < defs.length; d++) {
        const s = defs[d];
        const list = this.defsOfKind.get(s.kind);
        if (list) list.push(s);
        else this.defsOfKind.set(s.kind, [s]);
      }
    }
  }

  /** Every definition, then every reference, each in document order. */
  get symbols(): readonly NameSymbol[] {
    if (!this.all) {
      const all: NameSymbol[] = [];
      for (const part of this.parts) for (const s of part.defs) all.push(s);
      for (const s of this.allReferences()) all.push(s);
      this.all = all;
    }
    return this.all;
  }

  allReferences(): readonly NameSymbol[] {
    if (!this.refList) {
      // Sized up front (pushing ≈ 10,000 references grew the array a dozen times).
      const parts = this.parts;
      let n = 0;
      for (let p = 0; p < parts.length; p++) n += parts[p].refs.length;
      const refs = new Array<NameSymbol>(n);
      let at = 0;
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p].refs;
        for (let r = 0; r < part.length; r++) refs[at++] = part[r];
      }
      this.refList = refs;
    }
    return this.refList;
  }

  /** sectionNamesOf, remembering the last section asked (references come section by section). */
  private lastSection: Section | undefined;
  private lastNames: SectionNames | undefined;
  private namesOf(section: Section): SectionNames {
    if (section !== this.lastSection || !this.lastNames) {
      this.lastNames = sectionNamesOf(section);
      this.lastSection = section;
    }
    return this.lastNames;
  }

  /** Definitions of `kind` named `name` (a shared list: callers copy). */
  private named(kind: NameKind, name: string): readonly NameSymbol[] | undefined {
    let byName = this.defsByName.get(kind);
    if (!byName) {
      byName = new Map();
      for (const d of this.defsOfKind.get(kind) ?? NO_SYMBOLS) push(byName, d.name, d);
      this.defsByName.set(kind, byName);
    }
    return byName.get(name);
  }

  /** ACL definitions of one section named `name`, or all of them grouped by name (ACL scope is the section). */
  private aclsIn(section: Section, name?: string): NameSymbol[] {
    const defs = sectionNamesOf(section).defs;
    if (name !== undefined) {
      const out: NameSymbol[] = [];
      for (const d of defs) if (d.kind === 'acl' && d.name === name) out.push(d);
      return out;
    }
    const byName = new Map<string, NameSymbol[]>();
    for (const d of defs) if (d.kind === 'acl') push(byName, d.name, d);
    return [...byName.values()].flat();
  }

  private servers(): { byProxy: Map<string, Map<string, NameSymbol[]>>; templates: Map<string, NameSymbol[]> } {
    if (!this.serversByProxy || !this.templatesByProxy) {
      const byProxy = new Map<string, Map<string, NameSymbol[]>>();
      const templates = new Map<string, NameSymbol[]>();
      for (const s of this.defsOfKind.get('server') ?? NO_SYMBOLS) {
        if (!s.section.name) continue;
        const proxy = s.section.name.value;
        let m = byProxy.get(proxy);
        if (!m) byProxy.set(proxy, (m = new Map()));
        push(m, s.name, s);
        if (s.template) push(templates, proxy, s);
      }
      this.serversByProxy = byProxy;
      this.templatesByProxy = templates;
    }
    return { byProxy: this.serversByProxy, templates: this.templatesByProxy };
  }

  definitions(kind: NameKind, name?: string, scope?: Section): NameSymbol[] {
    if (kind === 'acl' && scope) return sectionNamesOf(scope).proxy ? this.aclsIn(scope, name) : [];
    const out: NameSymbol[] = [];
    for (const k of definitionKinds(kind)) {
      const list = name === undefined ? this.defsOfKind.get(k) : this.named(k, name);
      if (list) for (const d of list) if (!scope || d.section === scope) out.push(d);
    }
    return out;
  }

  references(kind: NameKind, name?: string): NameSymbol[] {
    if (!this.refsByKey) {
      this.refsByKey = new Map();
      for (const r of this.allReferences()) {
        push(this.refsByKey, r.kind, r);
        push(this.refsByKey, key(r.kind, r.name), r);
      }
    }
    return [...(this.refsByKey.get(name === undefined ? kind : key(kind, name)) ?? [])];
  }

  at(position: Position): NameSymbol | undefined {
    if (!this.byLine) {
      this.byLine = new Map();
      for (const s of this.symbols) push(this.byLine, s.line, s);
    }
    const list = this.byLine.get(position.line);
    if (!list) return undefined;
    return list.find((s) => position.character >= s.start && position.character <= s.end);
  }

  resolve(symbol: NameSymbol): NameSymbol[] {
    if (symbol.role === 'definition') return [symbol];
    let r = this.resolved.get(symbol);
    if (!r) {
      r = this.computeResolve(symbol);
      this.resolved.set(symbol, r);
    }
    return r;
  }

  tableDefinitions(ref: NameSymbol): readonly NameSymbol[] {
    const known = this.resolved.get(ref);
    if (known) return known;
    if (ref.proxy !== undefined) return this.computeResolve(ref);
    // The proxies of that name, in document order: usually one list of one kind answers.
    let only: readonly NameSymbol[] | undefined;
    let lists = 0;
    for (let i = 0; i < TABLE_HOLDER_KINDS.length; i++) {
      const list = this.named(TABLE_HOLDER_KINDS[i], ref.name);
      if (list && list.length > 0) {
        only = list;
        lists++;
      }
    }
    if (lists === 0) return NO_SYMBOLS;
    return lists === 1 ? only! : this.computeResolve(ref);
  }

  isDefined(ref: NameSymbol): boolean {
    if (ref.role === 'definition') return true;
    // Among the section's own ACL definitions (collected with its symbols).
    if (ref.kind === 'acl') return this.namesOf(ref.section).hasAcl(ref.name);
    if (ref.kind === 'table') return this.resolve(ref).length > 0;
    if (ref.kind === 'server') {
      const proxyName = ref.proxy ?? ref.section.name?.value;
      if (proxyName === undefined) return false;
      const { byProxy, templates } = this.servers();
      if (byProxy.get(proxyName)?.has(ref.name)) return true;
      return templates.get(proxyName)?.some((d) => serverMatches(d, ref.name)) ?? false;
    }
    for (const k of definitionKinds(ref.kind)) if (this.named(k, ref.name)) return true;
    return false;
  }

  referencesTo(definition: NameSymbol): NameSymbol[] {
    return [...(this.reverseMap().get(definition) ?? [])];
  }

  related(symbol: NameSymbol): NameSymbol[] {
    const defs = this.resolve(symbol);
    const seen = new Set<NameSymbol>(defs);
    const reverse = this.reverseMap();
    for (const d of defs) for (const r of reverse.get(d) ?? []) seen.add(r);
    if (defs.length === 0) {
      // An undefined reference: its siblings are the other references with the same meaning.
      for (const r of this.references(symbol.kind, symbol.name)) if (sameTarget(r, symbol)) seen.add(r);
    }
    return [...seen].sort(byPosition);
  }

  private reverseMap(): Map<NameSymbol, NameSymbol[]> {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const r of this.allReferences()) for (const d of this.resolve(r)) push(this.reverse, d, r);
    }
    return this.reverse;
  }

  duplicates(): NameSymbol[][] {
    const groups: NameSymbol[][] = [];
    for (const kind of this.defsOfKind.keys()) {
      if (kind === 'acl' || kind === 'frontend' || kind === 'backend' || kind === 'listen') continue;
      // Names in order of their first definition (what iterating a map filed in document order gave).
      const byName = new Map<string, NameSymbol[]>();
      for (const d of this.defsOfKind.get(kind)!) push(byName, d.name, d);
      for (const defs of byName.values()) {
        if (defs.length < 2) continue;
        if (kind === 'server' || kind === 'table') {
          // Servers are per proxy, peers tables per peers section.
          const byProxy = new Map<Section, NameSymbol[]>();
          for (const d of defs) push(byProxy, d.section, d);
          for (const g of byProxy.values()) if (g.length > 1) groups.push(g);
        } else {
          groups.push([...defs]);
        }
      }
    }
    // Proxies: frontends and backends may share a name; a listen clashes with both.
    const proxyNames = new Set<string>();
    for (const k of ['frontend', 'backend', 'listen'] as const) for (const d of this.defsOfKind.get(k) ?? NO_SYMBOLS) proxyNames.add(d.name);
    for (const name of proxyNames) {
      const fe = this.named('frontend', name) ?? NO_SYMBOLS;
      const be = this.named('backend', name) ?? NO_SYMBOLS;
      const li = this.named('listen', name) ?? NO_SYMBOLS;
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
      const { byProxy, templates } = this.servers();
      const exact = byProxy.get(proxyName)?.get(ref.name) ?? [];
      const tpl = templates.get(proxyName);
      if (!tpl) return exact;
      return [...exact, ...tpl.filter((d) => d.name !== ref.name && serverMatches(d, ref.name))];
    }
    if (ref.kind === 'table') {
      // `peers1/t1` → the `table t1` line of `peers peers1`; `be` → the proxy itself, whichever
      // side (frontend, backend, listen) holds the stick-table (checked by the diagnostics).
      if (ref.proxy !== undefined) return this.definitions('table', ref.name).filter((d) => d.section.name?.value === ref.proxy);
      const out: NameSymbol[] = [];
      for (const k of TABLE_HOLDER_KINDS) for (const d of this.named(k, ref.name) ?? NO_SYMBOLS) out.push(d);
      return out.sort(byPosition);
    }
    return this.definitions(ref.kind, ref.name);
  }
}

const TABLE_HOLDER_KINDS: readonly NameKind[] = ['frontend', 'backend', 'listen'];

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
  if (a.kind === 'table') return a.proxy === b.proxy;
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
  return a.line - b.line || a.start - b.start;
}
