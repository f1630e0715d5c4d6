/**
 * Turns the compact generated facts into one indexed KnowledgeBase per version. Everything
 * is resolved once here (maps by name, per-section keyword maps, enum tables) so that every
 * lookup the features make while typing is a hash lookup.
 */
import {
  ACTION_ARGS, ACTION_WORD_REFS, BIND_OPTION_ARGS, GLOBAL_KEYWORD_ARGS, KEYWORD_WORD_REFS, PROXY_KEYWORD_ARGS, SECTION_KEYWORD_ARGS,
  SERVER_OPTION_ARGS,
} from './args';
import type { FactsFile, KeywordFact } from './data/factsFormat';
import { buildSamples } from './buildSamples';
import { lifecycle, presenceIndex } from './lifecycle';
import { REMOVED_KEYWORDS, removalStatusIn, type RemovedRecord, type RemovedWhat } from './removed';
import {
  actionSummary, bindOptionSummary, keywordFallback, keywordSummary, sectionSummary, serverOptionSummary,
} from './summaryLookup';
import {
  PROXY_SECTIONS, SUPPORTED_VERSIONS, type ActionEntry, type ArgumentSpec, type EntryBase, type FetchEntry,
  type HaproxyVersion, type KeywordEntry, type KnowledgeBase, type ParamEntry, type RemovedEntry, type RuleSet,
  type SectionEntry, type SectionKind,
} from './types';

const unbounded = (n: number): number => (n < 0 ? Infinity : n);

/** Extra lookups beyond the shared KnowledgeBase interface (all optional there, always present here). */
export interface KnowledgeBaseExtras {
  /** Removed/deprecated bind option, server option, action or section by name (version-aware). */
  removedOf(what: RemovedWhat, name: string): RemovedEntry | undefined;
  /** Every rule set that has at least one action in this version. */
  ruleSets(): readonly RuleSet[];
  /** Keyword entry by exact name in a section (no multi-word matching). */
  keyword(section: SectionKind, name: string): KeywordEntry | undefined;
  /** The anchor-free chapter URL, for entries without a keyword anchor. */
  chapterUrl(chapter: string): string;
  aclKeywords(): readonly FetchEntry[];
  aclKeyword(name: string): FetchEntry | undefined;
}

export type FullKnowledgeBase = KnowledgeBase & KnowledgeBaseExtras;

function anchorFor(chapter: string, name?: string | null): string {
  return name == null ? chapter : `${chapter}-${name.replace(/ /g, '%20')}`;
}

/** Before 3.0 actions are documented per rule keyword; link to the most common one that has it. */
const ANCHOR_RULE_SET_ORDER: readonly RuleSet[] = [
  'http-request', 'http-response', 'http-after-response', 'tcp-request content', 'tcp-request connection',
  'tcp-request session', 'tcp-response content',
];

/** `anchorName` null: the entry has no keyword anchor of its own (sections, undocumented names). */
function base(name: string, chapter: string, syntax: readonly string[] | undefined, summary: string, anchorName: string | null = name): EntryBase {
  return { name, syntax: syntax ?? [name], summary, docChapter: chapter, docAnchor: anchorFor(chapter, anchorName) };
}

function keywordArgs(fact: KeywordFact, enums: Map<string, readonly string[]>): readonly ArgumentSpec[] | undefined {
  let spec: readonly ArgumentSpec[] | undefined;
  if (fact.s.includes('global')) spec = GLOBAL_KEYWORD_ARGS[fact.n];
  if (!spec && fact.s.some((s) => PROXY_SECTIONS.includes(s))) spec = PROXY_KEYWORD_ARGS[fact.n];
  if (!spec) for (const s of fact.s) spec ??= SECTION_KEYWORD_ARGS[`${s}:${fact.n}`];
  if (!spec && fact.n.startsWith('timeout ')) spec = [{ name: 'timeout', type: 'time' }];
  if (!spec) return undefined;
  // Enum arguments without literal values take them from the version's enum table.
  return spec.map((a) => (a.type === 'enum' && !a.values ? { ...a, values: enums.get(fact.n) ?? enums.get(`${fact.n}/${a.name}`) ?? [] } : a));
}

/**
 * Keywords documented with a mandatory argument that HAProxy accepts bare: `balance` alone
 * selects roundrobin (backend_parse_balance() treats an empty algorithm as the default).
 */
const ACCEPTED_BARE: ReadonlySet<string> = new Set(['balance']);

export function buildKnowledge(facts: FactsFile, version: HaproxyVersion): FullKnowledgeBase {
  const presence = presenceIndex(facts);
  const removedByKey = new Map<string, RemovedRecord>();
  for (const r of REMOVED_KEYWORDS) removedByKey.set(`${r.what ?? 'keyword'}:${r.name}`, r);
  // A removed/deprecated record only describes the keyword in the sections it names (the
  // global `grace` is fine, the proxy one was removed).
  const removedFor = (name: string, sections: readonly SectionKind[]): RemovedRecord | undefined => {
    const r = removedByKey.get(`keyword:${name}`);
    return r && r.sections.some((s) => sections.includes(s)) ? r : undefined;
  };
  const bit = 1 << SUPPORTED_VERSIONS.indexOf(version);
  const here = <T extends { v: number }>(list: readonly T[]): T[] => list.filter((f) => (f.v & bit) !== 0);
  const docBase = `https://docs.haproxy.org/${version}/configuration.html`;

  const enums = new Map<string, readonly string[]>();
  for (const e of here(facts.enums)) enums.set(e.k, e.values);

  const sections: SectionEntry[] = here(facts.sections).map((f) => ({
    ...base(f.n, f.c, f.sy ?? [f.r === 'none' ? f.n : f.r === 'optional' ? `${f.n} [<name>]` : `${f.n} <name>`], sectionSummary(f.n), null),
    kind: 'section', nameRequired: f.r, ...lifecycle(presence, `section:${f.n}`, version, removedByKey.get(`section:${f.n}`)),
  }));
  const sectionByName = new Map(sections.map((s) => [s.name, s]));

  const keywordsBySection = new Map<SectionKind, Map<string, KeywordEntry>>();
  const maxWordsBySection = new Map<SectionKind, number>();
  const anywhere = new Map<string, KeywordEntry>();
  let maxWordsAnywhere = 1;
  for (const f of here(facts.keywords)) {
    const args = keywordArgs(f, enums);
    const entry: KeywordEntry = {
      ...base(f.n, f.c, f.sy, keywordSummary(f) ?? keywordFallback(f.n, f.s), f.u ? null : f.n),
      kind: 'keyword', sections: f.s, minArgs: ACCEPTED_BARE.has(f.n) ? 0 : f.min, maxArgs: unbounded(f.max),
      ...(f.nd ? { namedDefaultsOnly: true } : {}), ...(f.neg ? { negatable: true } : {}),
      ...(f.exp ? { experimental: true } : {}),
      ...lifecycle(presence, `kw:${f.s[0]}:${f.n}`, version, removedFor(f.n, f.s)),
      ...(f.ctx ? { contexts: f.ctx } : {}), ...(f.rs ? { ruleSet: f.rs } : {}), ...(args ? { args } : {}),
      ...(KEYWORD_WORD_REFS[f.n] && f.s.some((s) => PROXY_SECTIONS.includes(s)) ? { wordRefs: KEYWORD_WORD_REFS[f.n] } : {}),
    };
    const words = f.n.split(' ').length;
    for (const s of f.s) {
      let m = keywordsBySection.get(s);
      if (!m) keywordsBySection.set(s, (m = new Map()));
      if (!m.has(f.n)) m.set(f.n, entry);
      maxWordsBySection.set(s, Math.max(maxWordsBySection.get(s) ?? 1, words));
    }
    if (!anywhere.has(f.n)) anywhere.set(f.n, entry);
    maxWordsAnywhere = Math.max(maxWordsAnywhere, words);
  }
  const keywordLists = new Map<SectionKind, readonly KeywordEntry[]>();
  for (const [s, m] of keywordsBySection) keywordLists.set(s, [...m.values()]);
  const allNames = [...anywhere.keys()];

  const paramEntries = (list: FactsFile['bindOptions'], kind: ParamEntry['kind']): Map<string, ParamEntry> => {
    const map = new Map<string, ParamEntry>();
    for (const f of here(list)) {
      if (map.has(f.n)) continue;
      const args = (kind === 'bind-option' ? BIND_OPTION_ARGS : SERVER_OPTION_ARGS)[f.n];
      const summary = kind === 'bind-option' ? bindOptionSummary(f.n) : serverOptionSummary(f.n);
      map.set(f.n, {
        ...base(f.n, f.c, f.sy, summary, f.u ? null : f.n), kind, argCount: f.a,
        ...(args ? { args } : {}), ...(f.ds ? { defaultServer: true } : {}),
        ...lifecycle(presence, `${kind === 'bind-option' ? 'bind' : 'server'}:${f.n}`, version, removedByKey.get(`${kind}:${f.n}`)),
      });
    }
    return map;
  };
  const bindOptions = paramEntries(facts.bindOptions, 'bind-option');
  const serverOptions = paramEntries(facts.serverOptions, 'server-option');
  const bindList = [...bindOptions.values()];
  const serverList = [...serverOptions.values()];

  const actionsByRuleSet = new Map<RuleSet, Map<string, ActionEntry>>();
  for (const f of here(facts.actions)) {
    // Actions documented in §4.2 (2.6/2.8) are anchored under their rule keyword; §4.4 ones by name.
    const anchorName = f.u ? null : f.c === '4.2' ? `${ANCHOR_RULE_SET_ORDER.find((r) => f.rs.includes(r)) ?? f.rs[0]} ${f.n}` : f.n;
    const entry: ActionEntry = {
      ...base(f.n, f.c, f.sy, actionSummary(f.n, f.rs), anchorName), kind: 'action', ruleSets: f.rs,
      minArgs: f.min, maxArgs: unbounded(f.max), ...lifecycle(presence, `action:${f.n}`, version, removedByKey.get(`action:${f.n}`)),
      ...(ACTION_ARGS[f.n] ? { args: ACTION_ARGS[f.n] } : {}), ...(ACTION_WORD_REFS[f.n] ? { wordRefs: ACTION_WORD_REFS[f.n] } : {}),
    };
    for (const rs of f.rs) {
      let m = actionsByRuleSet.get(rs);
      if (!m) actionsByRuleSet.set(rs, (m = new Map()));
      if (!m.has(f.n)) m.set(f.n, entry);
    }
  }
  const actionLists = new Map<RuleSet, readonly ActionEntry[]>();
  for (const [rs, m] of actionsByRuleSet) actionLists.set(rs, [...m.values()]);

  // Sample fetches, converters, ACLs and log aliases are built on first use: diagnostics of a
  // config without `%[…]` or ACLs never pay for them.
  const samples = lazy(() => buildSamples(facts, version, bit, presence));

  // Multi-word families: `option`, `timeout`, `stats`, `tcp-request` … → their second words.
  // Taken from the proxy sections only: `timeout mail` (mailers) must not show up in a backend.
  const families = new Map<string, Set<string>>();
  const proxyNames = new Set<string>();
  for (const s of PROXY_SECTIONS) for (const k of keywordLists.get(s) ?? []) proxyNames.add(k.name);
  for (const name of proxyNames) {
    const sp = name.indexOf(' ');
    if (sp < 0) continue;
    const head = name.slice(0, sp);
    let set = families.get(head);
    if (!set) families.set(head, (set = new Set()));
    set.add(name.slice(sp + 1).split(' ')[0]);
  }

  // Removed/deprecated records that apply to this version, by kind and name.
  const removedByWhat = new Map<RemovedWhat, Map<string, RemovedRecord>>();
  let removedMaxWords = 1;
  for (const r of REMOVED_KEYWORDS) {
    if (!removalStatusIn(r, version)) continue;
    const what = r.what ?? 'keyword';
    let m = removedByWhat.get(what);
    if (!m) removedByWhat.set(what, (m = new Map()));
    m.set(r.name, r);
    if (what === 'keyword') removedMaxWords = Math.max(removedMaxWords, r.name.split(' ').length);
  }
  const removedKeywords = removedByWhat.get('keyword') ?? new Map<string, RemovedRecord>();
  const multiWordHeads = new Set<string>();
  for (const name of [...allNames, ...removedKeywords.keys()]) {
    const sp = name.indexOf(' ');
    if (sp > 0) multiWordHeads.add(name.slice(0, sp));
  }
  const removedKeywordsBySection = new Map<SectionKind, Map<string, RemovedRecord>>();
  for (const r of removedKeywords.values()) {
    for (const s of r.sections) {
      let m = removedKeywordsBySection.get(s);
      if (!m) removedKeywordsBySection.set(s, (m = new Map()));
      m.set(r.name, r);
    }
  }

  /**
   * Longest multi-word name of `map` that prefixes `words` (after an optional no/default).
   * Hot path of diagnostics and completion: keys are grown word by word, and only names
   * whose first word starts a multi-word keyword try more than one lookup.
   */
  function longest<T>(map: Map<string, T>, maxWords: number, words: readonly string[]): { entry: T; wordCount: number } | undefined {
    let offset = 0;
    if (words.length > 1 && (words[0] === 'no' || words[0] === 'default') && !map.has(words[0])) offset = 1;
    let key = bare(words[offset]);
    let best: { entry: T; wordCount: number } | undefined;
    const single = map.get(key);
    if (single) best = { entry: single, wordCount: 1 + offset };
    if (!multiWordHeads.has(key)) return best;
    const limit = Math.min(maxWords, words.length - offset);
    for (let n = 2; n <= limit; n++) {
      key = `${key} ${bare(words[offset + n - 1])}`;
      const entry = map.get(key);
      if (entry) best = { entry, wordCount: n + offset };
    }
    return best;
  }

  const kb: FullKnowledgeBase = {
    version,
    sections: () => sections,
    section: (kind) => sectionByName.get(kind),
    keywordsIn: (section) => keywordLists.get(section) ?? [],
    keyword: (section, name) => keywordsBySection.get(section)?.get(name),
    matchKeyword(section, words) {
      const m = keywordsBySection.get(section);
      return m && words.length > 0 ? longest(m, maxWordsBySection.get(section) ?? 1, words) : undefined;
    },
    matchKeywordAnywhere: (words) => (words.length > 0 ? longest(anywhere, maxWordsAnywhere, words) : undefined),
    matchRemoved(words, section) {
      if (words.length === 0) return undefined;
      if (!section) return longest(removedKeywords, removedMaxWords, words);
      const m = removedKeywordsBySection.get(section);
      return m ? longest(m, removedMaxWords, words) : undefined;
    },
    removedOf: (what, name) => removedByWhat.get(what)?.get(name),
    allKeywordNames: () => allNames,
    bindOptions: () => bindList,
    bindOption: (name) => bindOptions.get(bare(name)),
    serverOptions: () => serverList,
    serverOption: (name) => serverOptions.get(bare(name)),
    ruleSets: () => [...actionLists.keys()],
    actions: (ruleSet) => actionLists.get(ruleSet) ?? [],
    action: (ruleSet, name) => {
      const m = actionsByRuleSet.get(ruleSet);
      const key = bare(name);
      const hit = m?.get(key);
      // `track-sc3` … exist when tune.stick-counters raises the number of counters.
      if (!hit && m && /^track-sc\d+$/.test(key)) return m.get('track-sc0') ?? m.get('track-sc');
      return hit;
    },
    fetches: () => samples().fetchList,
    aclKeywords: () => samples().aclOnlyList,
    aclKeyword: (name) => samples().aclOnly.get(name) ?? samples().fetches.get(name),
    fetch: (name) => samples().fetches.get(name),
    converters: () => samples().converterList,
    converter: (name) => samples().converters.get(name),
    predefinedAcls: () => samples().acls,
    logAliases: () => samples().logAliases,
    enumValues(keyword) {
      const explicit = enums.get(keyword);
      if (explicit) return explicit;
      const fam = families.get(keyword);
      return fam ? [...fam] : undefined;
    },
    docUrl: (entry) => `${docBase}#${entry.docAnchor ?? anchorFor(entry.docChapter ?? '4.2', entry.name)}`,
    chapterUrl: (chapter) => `${docBase}#${chapter}`,
  };
  return kb;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** `set-var(check.x)` → `set-var`: keyword words may carry a parenthesised argument. */
function bare(word: string): string {
  const paren = word.indexOf('(');
  return paren > 0 ? word.slice(0, paren) : word;
}
