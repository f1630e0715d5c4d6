/**
 * Builds server/src/service/haproxy/knowledge/data/facts.generated.ts from HAProxy's
 * doc/configuration.txt of every supported branch (read from the local haproxy/haproxy
 * mirror, never committed: the docs are GPL) plus, for the branch of the local binary, its
 * `haproxy -dKall` dump. Only facts are written (names, sections, counts, types, versions).
 *
 *   node --import tsx tools/haproxy-knowledge/generate.ts [--mirror DIR] [--haproxy BIN] [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactsFile, KeywordFact } from '../../server/src/service/haproxy/knowledge/data/factsFormat';
import { PROXY_SECTIONS, SUPPORTED_VERSIONS, type HaproxyVersion, type SampleType } from '../../server/src/service/haproxy/knowledge/types';
import { countParenArgs, DocText } from './docText';
import { parseKeywordDump, type KeywordDump } from './dumpKeywords';
import { extractGlobals, extractParams, extractSectionKeywords } from './extractOther';
import { extractProxy, type Rec } from './extractProxy';
import { extractConverters, extractFetches, extractLogAliases, extractPredefinedAcls } from './extractSamples';
import { mergeVersions, type VersionFacts } from './merge';
import { registeredKeywords } from './scanRegistered';
import { compareVersions, REMOVED_KEYWORDS } from '../../server/src/service/haproxy/knowledge/removed';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const MIRROR = opt('--mirror', '/work/.mirror/haproxy+haproxy/repo');
const HAPROXY = opt('--haproxy', '/usr/sbin/haproxy');
const OUT = opt('--out', join(here, '../../server/src/service/haproxy/knowledge/data/facts.generated.ts'));

const git = (...a: string[]): string => execFileSync('git', ['-C', MIRROR, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });

/** The newest release tag of a branch (v2.6.0, v2.6.1 … whichever exists in the mirror). */
function newestTag(version: string): string {
  const tags = git('tag', '--list', `v${version}.*`).split('\n').filter((t) => /^v\d+\.\d+\.\d+$/.test(t));
  if (tags.length === 0) throw new Error(`no release tag for ${version} in ${MIRROR}`);
  return tags.sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2])).pop()!;
}

const IGNORED_SECTIONS = new Set(['namespace_list', 'spoe-agent', 'spoe-group', 'spoe-message', 'crt-list']);

/** Section names registered in the sources at a tag (what the parser really accepts). */
function registeredSections(tag: string): Set<string> {
  const out = git('grep', '-h', '-E', 'REGISTER_CONFIG_SECTION\\(|cfg_register_section\\("', tag, '--', 'src');
  const names = new Set<string>();
  for (const m of out.matchAll(/(?:REGISTER_CONFIG_SECTION\(|cfg_register_section\()\s*"([^"]+)"/g)) if (!IGNORED_SECTIONS.has(m[1])) names.add(m[1]);
  return names;
}

const SMP_TYPES: Record<string, string> = { BOOL: 'bool', SINT: 'int', STR: 'str', BIN: 'bin', IPV4: 'ipv4', IPV6: 'ipv6', ADDR: 'addr', METH: 'meth', ANY: 'any' };

/** `ARG2(1,STR,SINT)` → 1..2 arguments, `0` → none; anything else stays open-ended. */
function argMask(mask: string): { min: number; max: number } {
  const m = /^ARG(\d+)\((\d+)/.exec(mask.trim());
  if (m) return { min: Number(m[2]), max: Number(m[1]) };
  return mask.trim() === '0' ? { min: 0, max: 0 } : { min: 0, max: -1 };
}

/**
 * Sample fetches and converters registered in the sources at a tag. Some are never documented
 * (`req.ssl_sigalgs` in 3.2 …) yet HAProxy's own reg-tests use them; without a `-dKall` dump of
 * that version this is the only way to know them. Facts only: names, types, argument counts.
 */
function registeredSamples(tag: string): { fetches: Map<string, { o: string; min: number; max: number }>; converters: Map<string, { i: string; o: string; min: number; max: number }> } {
  // Names may hold '-' and '+' (`spoe.engine-id` in 3.2, `base32+src`, `wurfl-get`).
  const out = git('grep', '-h', '-E', '^\\s*\\{ *"[a-z0-9_.+-]+" *,', tag, '--', 'src', 'addons');
  const fetches = new Map<string, { o: string; min: number; max: number }>();
  const converters = new Map<string, { i: string; o: string; min: number; max: number }>();
  for (const line of out.split('\n')) {
    const f = /^\s*\{\s*"([a-z0-9_.+-]+)"\s*,\s*\w+\s*,\s*(0|ARG\d+\([^)]*\))\s*,\s*\w+\s*,\s*SMP_T_(\w+)\s*,\s*SMP_USE_/.exec(line);
    if (f && SMP_TYPES[f[3]]) { fetches.set(f[1], { o: SMP_TYPES[f[3]], ...argMask(f[2]) }); continue; }
    const c = /^\s*\{\s*"([a-z0-9_.+-]+)"\s*,\s*\w+\s*,\s*(0|ARG\d+\([^)]*\))\s*,\s*\w+\s*,\s*SMP_T_(\w+)\s*,\s*SMP_T_(\w+)\s*(?:,[^}]*)?\}/.exec(line);
    if (c && SMP_TYPES[c[3]] && SMP_TYPES[c[4]]) converters.set(c[1], { i: SMP_TYPES[c[3]], o: SMP_TYPES[c[4]], ...argMask(c[2]) });
  }
  return { fetches, converters };
}

/**
 * Without a `-dKall` dump, the keywords the sources register but the docs leave out (globals,
 * an action's extra rule sets, server keywords, ACL keywords) would be false "unknown" errors.
 * Names the removed table says are gone at this version stay out.
 */
function addRegisteredKeywords(
  tag: string, version: HaproxyVersion,
  lists: { keywords: Rec<KeywordFact>[]; serverOptions: VersionFacts['serverOptions']; fetches: VersionFacts['fetches'] },
  setActions: (next: VersionFacts['actions']) => void, actions: VersionFacts['actions'],
): void {
  const reg = registeredKeywords(git, tag);
  const gone = (n: string): boolean => REMOVED_KEYWORDS.some((r) => r.name === n && r.removed !== undefined && compareVersions(version, r.removed) >= 0);
  const knownGlobals = new Set(lists.keywords.filter((k) => k.s.includes('global')).map((k) => k.n.split(' ')[0]));
  for (const g of reg.globals) if (!knownGlobals.has(g) && !gone(g)) lists.keywords.push({ n: g, s: ['global'], c: '3', sy: [g], min: 0, max: -1, u: 1 });
  let next = actions;
  for (const [rs, names] of reg.actions) {
    // Only rule sets of actions we already know: names registered by prefix (`set-var`) are matched elsewhere.
    next = next.map((a) => (names.has(a.n) && !a.rs.includes(rs) ? { ...a, rs: [...a.rs, rs] } : a));
  }
  setActions(next);
  for (const [n, o] of reg.serverOptions) {
    if (!lists.serverOptions.some((p) => p.n === n) && !gone(n)) lists.serverOptions.push({ n, a: o.a, c: '5.2', sy: [n], ...(o.ds ? { ds: 1 as const } : {}), u: 1 });
  }
  for (const [n, eq] of reg.aclKeywords) if (!lists.fetches.some((x) => x.n === n)) lists.fetches.push({ n, o: 'any', min: 0, max: -1, c: '7.3', acl: eq, u: 1 });
}

/**
 * The docs list `method` only among ACL derivatives (its type line, "integer + string", is not a
 * fetch line), yet HAProxy registers it as a sample fetch: a registered fetch is a fetch, with
 * the registered output type, so sample expressions complete and hover it as one.
 */
function promoteRegisteredFetches(fetches: VersionFacts['fetches'], registered: Map<string, { o: string }>): void {
  for (let i = 0; i < fetches.length; i++) {
    const x = fetches[i];
    const r = registered.get(x.n);
    if (!r || !x.acl || x.u) continue;
    const { acl: _acl, ...rest } = x;
    fetches[i] = { ...rest, o: r.o as SampleType };
    console.error(`  ${x.n}: registered fetch (${r.o}), not an ACL-only derivative`);
  }
}

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** Corrections where the signature heuristics over-count mandatory words (zero false errors matter more). */
const KEYWORD_OVERRIDES: Record<string, Partial<Rec<KeywordFact>>> = {
  acl: { min: 2 },
  'hash-type': { min: 1 },
  redirect: { min: 2 },
  'http-error': { min: 2 },
  source: { max: -1 },
  'retry-on': { min: 1, max: -1 },
  table: { min: 4, max: -1 },
  'http-check expect': { min: 1 },
  'tcp-check expect': { min: 1 },
  server: { min: 2 },
};

function localDump(): { version: string; dump: KeywordDump } | undefined {
  if (!existsSync(HAPROXY)) return undefined;
  try {
    const v = /version (\d+\.\d+)/.exec(execFileSync(HAPROXY, ['-v'], { encoding: 'utf8' }))?.[1];
    if (!v) return undefined;
    let text = '';
    try {
      text = execFileSync(HAPROXY, ['-dKall', '-q', '-c', '-f', '/dev/null'], { encoding: 'utf8', maxBuffer: 16 << 20 });
    } catch (e) {
      // Exit status 2 ("no listener") still prints the dump on stdout.
      text = String((e as { stdout?: string }).stdout ?? '');
    }
    return { version: v, dump: parseKeywordDump(text) };
  } catch {
    return undefined;
  }
}

function factsFor(version: HaproxyVersion, previous: VersionFacts | undefined, dump: KeywordDump | undefined): { facts: VersionFacts; tag: string } {
  const tag = newestTag(version);
  const doc = new DocText(git('show', `${tag}:doc/configuration.txt`));
  const registered = registeredSections(tag);
  const proxy = extractProxy(doc);
  const other = extractSectionKeywords(doc, registered);
  const keywords: Rec<KeywordFact>[] = [...extractGlobals(doc), ...proxy.keywords, ...other.keywords];
  // Deprecated keywords the matrix no longer lists keep the sections they had before.
  for (const o of proxy.orphans) {
    const before = previous?.keywords.find((k) => k.n === o.n && k.s.some((s) => s !== 'global'));
    if (before) keywords.push({ ...before, sy: [o.sy], dep: 1 });
  }
  for (const k of keywords) {
    const o = KEYWORD_OVERRIDES[k.n];
    if (o && (k.s.some((s) => PROXY_SECTIONS.includes(s)) || (k.n === 'table' && k.s.includes('peers')))) Object.assign(k, o);
  }

  const bindOptions = extractParams(doc, '5.1');
  const serverOptions = extractParams(doc, '5.2');
  let actions = proxy.actions;
  const fetches = extractFetches(doc);
  const converterTypes = new Map(dump ? [...dump.converters].map(([n, t]) => [n, { i: t.i, o: t.o }]) : []);
  // Without a converter table (2.6/2.8) and no dump, borrow types from the previous version.
  for (const c of previous?.converters ?? []) if (!converterTypes.has(c.n)) converterTypes.set(c.n, { i: c.i, o: c.o });
  const converters = extractConverters(doc, converterTypes);

  if (dump) {
    const known = new Set(keywords.filter((k) => k.s.includes('global')).map((k) => k.n.split(' ')[0]));
    for (const g of dump.globals) if (!known.has(g) && !/^(global|listen)$/.test(g)) keywords.push({ n: g, s: ['global'], c: '3', sy: [g], min: 0, max: -1, u: 1 });
    for (const p of bindOptions) if (dump.bindArgs.has(p.n)) p.a = dump.bindArgs.get(p.n)!;
    for (const [n, a] of dump.bindArgs) if (!bindOptions.some((p) => p.n === n)) bindOptions.push({ n, a, c: '5.1', sy: [n], u: 1 });
    for (const p of serverOptions) if (dump.serverArgs.has(p.n)) p.a = dump.serverArgs.get(p.n)!;
    for (const [n, a] of dump.serverArgs) if (!serverOptions.some((p) => p.n === n)) serverOptions.push({ n, a, c: '5.2', sy: [n], ds: 1, u: 1 });
    // Actions the binary registers but the doc lists elsewhere (e.g. lua.*, ot-group) or not at all.
    for (const [rs, names] of dump.actions) {
      for (const n of names) {
        const a = actions.find((x) => x.n === n);
        if (a && !a.rs.includes(rs)) a.rs.push(rs);
        if (!a) actions = [...actions, { n, rs: [rs], c: '4.2', sy: [n], min: 0, max: -1, u: 1 }];
      }
    }
    for (const [n, t] of dump.converters) {
      if (!converters.some((c) => c.n === n)) converters.push({ n, i: t.i, o: t.o, ...(t.as ? { as: t.as } : {}), ...countParenArgs(t.as), c: '7.3.1', u: 1 });
    }
    for (const [n, f] of dump.fetches) if (!fetches.some((x) => x.n === n)) fetches.push({ n, o: f.o, ...(f.as ? { as: f.as } : {}), min: 0, max: -1, c: '7.3', u: 1 });
    promoteRegisteredFetches(fetches, dump.fetches);
    // The dump is one build (Debian's, without QUIC, WURFL, DeviceAtlas, 51Degrees): what the
    // sources register beyond it is added as for the other versions, so build-optional names are
    // treated alike in every table.
    const reg = registeredSamples(tag);
    for (const [n, f] of reg.fetches) if (!fetches.some((x) => x.n === n)) fetches.push({ n, o: f.o as SampleType, min: f.min, max: f.max, c: '7.3', u: 1 });
    addRegisteredKeywords(tag, version, { keywords, serverOptions, fetches }, (next) => { actions = next; }, actions);
    for (const [n, eq] of dump.acls) if (!fetches.some((x) => x.n === n)) fetches.push({ n, o: 'any', min: 0, max: -1, c: '7.3', acl: eq, u: 1 });
  } else {
    const reg = registeredSamples(tag);
    for (const [n, f] of reg.fetches) if (!fetches.some((x) => x.n === n)) fetches.push({ n, o: f.o as SampleType, min: f.min, max: f.max, c: '7.3', u: 1 });
    promoteRegisteredFetches(fetches, reg.fetches);
    // map_<match>[_<output>] (and 3.0's map_<match>_key) are documented once as a family: each
    // registered member takes the family's argument syntax (`(<map_name>[,<default_value>])`, or
    // its first argument alone where the member takes one).
    const mapAs = converters.find((x) => x.n === 'map')?.as;
    const familyAs = (n: string, max: number): { as?: string } =>
      !mapAs || !n.startsWith('map_') ? {} : max === 1 ? { as: mapAs.replace(/\[.*$/, ')') } : { as: mapAs };
    for (const [n, c] of reg.converters) if (!converters.some((x) => x.n === n)) converters.push({ n, i: c.i as SampleType, o: c.o as SampleType, ...familyAs(n, c.max), min: c.min, max: c.max, c: '7.3.1', u: 1 });
    addRegisteredKeywords(tag, version, { keywords, serverOptions, fetches }, (next) => { actions = next; }, actions);
    // Arg counts of options that existed in the previous version are more reliable than doc heuristics.
    for (const p of [...bindOptions, ...serverOptions]) {
      const prev = [...(previous?.bindOptions ?? []), ...(previous?.serverOptions ?? [])].find((x) => x.n === p.n && x.c === p.c);
      if (prev && p.a > prev.a) p.a = prev.a;
    }
  }

  // The 3.0 actions matrix forgets `track-sc0`, and option chapters occasionally drop an entry:
  // keep what the previous version had unless the removed table says it is gone.
  if (previous) {
    const gone = (what: string, n: string): boolean =>
      REMOVED_KEYWORDS.some((r) => (r.what ?? 'keyword') === what && r.name === n && r.removed !== undefined && compareVersions(version, r.removed) >= 0);
    for (const a of previous.actions) {
      if (!actions.some((x) => x.n === a.n) && !gone('action', a.n)) { actions = [...actions, a]; console.error(`  ${version}: carried action ${a.n}`); }
    }
    for (const [list, prev, what] of [[bindOptions, previous.bindOptions, 'bind-option'], [serverOptions, previous.serverOptions, 'server-option']] as const) {
      for (const p of prev) if (!list.some((x) => x.n === p.n) && !gone(what, p.n)) { list.push(p); console.error(`  ${version}: carried ${what} ${p.n}`); }
    }
  }

  const enums = [
    { k: 'mode', values: proxy.modes },
    { k: 'balance', values: proxy.balance },
    { k: 'log-level', values: LOG_LEVELS },
    { k: 'email-alert level', values: LOG_LEVELS },
  ];
  return {
    tag,
    facts: {
      sections: other.sections, keywords, bindOptions, serverOptions, actions, fetches, converters,
      acls: extractPredefinedAcls(doc), logAliases: extractLogAliases(doc), enums,
    },
  };
}

function main(): void {
  const local = localDump();
  const perVersion: VersionFacts[] = [];
  const sources: Record<string, string> = {};
  let previous: VersionFacts | undefined;
  for (const v of SUPPORTED_VERSIONS) {
    const dump = local && local.version === v ? local.dump : undefined;
    const { facts, tag } = factsFor(v, previous, dump);
    sources[v] = `haproxy/haproxy ${tag}:doc/configuration.txt${dump ? ` + haproxy -dKall (${local!.version})` : ''}`;
    perVersion.push(facts);
    previous = facts;
    console.error(`${v} (${tag}): ${facts.keywords.length} keywords, ${facts.bindOptions.length} bind, ${facts.serverOptions.length} server, ${facts.actions.length} actions, ${facts.fetches.length} fetches, ${facts.converters.length} converters, ${facts.acls.length} ACLs, ${facts.logAliases.length} log aliases, sections ${facts.sections.map((s) => s.n).join(' ')}`);
  }
  const merged: FactsFile = { sources, ...mergeVersions(perVersion) };
  writeFileSync(OUT, render(merged));
  console.error(`wrote ${OUT}`);
}

function render(f: FactsFile): string {
  const lines: string[] = [
    '// GENERATED by tools/haproxy-knowledge/generate.ts — DO NOT EDIT. Facts only (names, sections,',
    '// argument counts, types, version masks) read from HAProxy\'s configuration.txt and `haproxy -dKall`;',
    '// every explanatory sentence lives in ../summaries. Regenerate: node --import tsx tools/haproxy-knowledge/generate.ts',
    "import type { FactsFile } from './factsFormat';",
    '',
    'export const FACTS: FactsFile = {',
    `  sources: ${JSON.stringify(f.sources)},`,
  ];
  for (const key of ['sections', 'keywords', 'bindOptions', 'serverOptions', 'actions', 'fetches', 'converters', 'acls', 'logAliases', 'enums'] as const) {
    lines.push(`  ${key}: [`);
    for (const rec of f[key] as object[]) lines.push(`    ${JSON.stringify(rec)},`);
    lines.push('  ],');
  }
  lines.push('};', '');
  return lines.join('\n');
}

main();
