/**
 * The sample-related tables of one version (fetches, ACL-only derivatives, converters,
 * predefined ACLs, log-format aliases), built from the facts on first use.
 */
import type { FactsFile } from './data/factsFormat';
import { argRefsOf } from './args';
import { lifecycle, type Presence } from './lifecycle';
import { aclOnlySummary, aclSummary, converterSummary, fetchSummary, logAliasSummary } from './summaryLookup';
import type { ConverterEntry, EntryBase, FetchEntry, HaproxyVersion, LogAliasEntry, PredefinedAclEntry } from './types';

export interface SampleTables {
  fetches: Map<string, FetchEntry>;
  aclOnly: Map<string, FetchEntry>;
  converters: Map<string, ConverterEntry>;
  fetchList: FetchEntry[];
  aclOnlyList: FetchEntry[];
  converterList: ConverterEntry[];
  acls: PredefinedAclEntry[];
  logAliases: LogAliasEntry[];
}

const unbounded = (n: number): number => (n < 0 ? Infinity : n);

function withRefs(argSyntax: string | undefined): { argRefs?: ReturnType<typeof argRefsOf> } {
  const refs = argRefsOf(argSyntax);
  return refs ? { argRefs: refs } : {};
}

function base(name: string, chapter: string, syntax: readonly string[], summary: string, anchored = true): EntryBase {
  return { name, syntax, summary, docChapter: chapter, docAnchor: anchored ? `${chapter}-${name}` : chapter };
}

export function buildSamples(facts: FactsFile, version: HaproxyVersion, bit: number, presence: Map<string, Presence>): SampleTables {
  const fetches = new Map<string, FetchEntry>();
  const aclOnly = new Map<string, FetchEntry>();
  for (const f of facts.fetches) {
    if ((f.v & bit) === 0) continue;
    const target = f.acl ? aclOnly : fetches;
    if (target.has(f.n)) continue;
    target.set(f.n, {
      ...base(f.n, f.c, [`${f.n}${f.as ?? ''} : ${f.o}`], f.acl ? aclOnlySummary(f.n, f.acl) : fetchSummary(f.n, f.o), !f.u), kind: 'fetch', output: f.o,
      minArgs: f.min, maxArgs: unbounded(f.max), ...(f.as ? { argSyntax: f.as } : {}), ...lifecycle(presence, `fetch:${f.n}`, version),
      layer: layerOf(f.c), ...(f.acl ? { aclMatch: f.acl } : {}), ...withRefs(f.as),
    });
  }
  const converters = new Map<string, ConverterEntry>();
  for (const f of facts.converters) {
    if ((f.v & bit) === 0 || converters.has(f.n)) continue;
    converters.set(f.n, {
      ...base(f.n, f.c, [`${f.n}${f.as ?? ''}`], converterSummary(f.n, f.i, f.o), !f.u), kind: 'converter', input: f.i, output: f.o,
      minArgs: f.min, maxArgs: unbounded(f.max), ...(f.as ? { argSyntax: f.as } : {}), ...lifecycle(presence, `conv:${f.n}`, version),
      ...withRefs(f.as),
    });
  }
  const acls: PredefinedAclEntry[] = facts.acls.filter((f) => (f.v & bit) !== 0).map((f) => ({
    ...base(f.n, f.c, [f.n], aclSummary(f.n, f.e), false), kind: 'predefined-acl', equivalent: f.e,
  }));
  const logAliases: LogAliasEntry[] = facts.logAliases.filter((f) => (f.v & bit) !== 0).map((f) => ({
    ...base(f.n, f.c, [`%${f.n}`], logAliasSummary(f.n, f.f, f.t), false), kind: 'log-alias', field: f.f, type: f.t,
    ...(f.h ? { httpOnly: true } : {}),
  }));
  return {
    fetches, aclOnly, converters, acls, logAliases,
    fetchList: [...fetches.values()], aclOnlyList: [...aclOnly.values()], converterList: [...converters.values()],
  };
}

function layerOf(chapter: string): FetchEntry['layer'] {
  switch (chapter) {
    case '7.3.2': return 'internal';
    case '7.3.3': return 'l4';
    case '7.3.4': return 'l5';
    case '7.3.5': return 'l6';
    case '7.3.6': return 'l7';
    default: return undefined;
  }
}
