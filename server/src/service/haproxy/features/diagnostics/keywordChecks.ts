/**
 * Keyword-level checks for every statement: section kinds that do not exist in the target
 * version, unknown keywords (with did-you-mean), keywords in the wrong section, named-defaults-
 * only keywords, removed and deprecated keywords, and argument counts.
 *
 * Severity follows what HAProxy 2.6 does: a proxy keyword in a proxy lacking the capability
 * (`bind` in a backend, `balance` in a frontend) is only a warning there ("ignored because …
 * has no frontend capability"), while `server` in a frontend or anything unknown is fatal.
 */
import { suggest } from '../../../common/didYouMean';
import type { KeywordEntry, KnowledgeBase, RemovedEntry, SectionKind } from '../../knowledge/types';
import type { Section, Statement } from '../../parser/model';
import { EXTRA_ARGS_FATAL, MISSING_ARGS_FATAL, newerVersionHint } from '../../knowledge/index';
import { isRemovedHead, isRemovedHeadAt, matchBody, versionLE } from './keywordLookup';
import { didYouMeanHint, kindOf, quotedAt, valueIs, type CheckContext, type KeywordMatch } from './reporter';

const PROXY: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
/** Keywords HAProxy rejects (not just ignores) in a proxy without backend capability. */
const FATAL_WITHOUT_BACKEND = new Set(['server', 'default-server', 'server-template']);
/**
 * Proxy keywords HAProxy 2.6 refuses in a defaults section ("not allowed in 'defaults' section",
 * cfgparse-listen.c and server.c); other proxy-only keywords are accepted there.
 */
const REJECTED_IN_DEFAULTS = new Set([
  'bind', 'id', 'description', 'capture', 'redirect', 'use_backend', 'use-server', 'force-persist',
  'ignore-persist', 'stick-table', 'stick', 'stats admin', 'stats http-request', 'monitor', 'monitor fail',
  'dispatch', 'server', 'server-template',
]);

const FRONTEND_ONLY_HINT = 'a frontend or listen section';
const BACKEND_ONLY_HINT = 'a backend or listen section';

/** Per knowledge base: which first words start a multi-word keyword family (`option`, `timeout` …). */
const familyCache = new WeakMap<KnowledgeBase, Map<string, string[]>>();
export function keywordFamilies(kb: KnowledgeBase): Map<string, string[]> {
  let f = familyCache.get(kb);
  if (!f) {
    f = new Map();
    for (const name of kb.allKeywordNames()) {
      const sp = name.indexOf(' ');
      if (sp < 0) continue;
      const head = name.slice(0, sp);
      let list = f.get(head);
      if (!list) f.set(head, (list = []));
      list.push(name.slice(sp + 1));
    }
    familyCache.set(kb, f);
  }
  return f;
}

/**
 * Section-level checks of a header: removed/deprecated/unknown section kinds, the required
 * name, `from <defaults>`, the name's characters.
 */
export function checkSectionHeader(cc: CheckContext, section: Section): void {
  const kb = cc.kb;
  const life = cc.lifecycleOf('section', section.kind);
  if (life) {
    const t = section.header.tokens[0];
    const key = life.status === 'removed' ? 'removedKeyword' : 'deprecatedKeyword';
    cc.reportToken(key, section.header, t, { name: section.kind, removed: life.entry.removed, deprecated: life.entry.deprecated, advice: life.entry.advice });
    if (life.status === 'removed') return;
  }
  const sectionEntry = kb.section(section.kind);
  if (!sectionEntry) {
    if (kb.sections().length > 0 && !life) reportUnknownSection(cc, section);
    return;
  }
  if (sectionEntry.nameRequired === 'required' && !section.name) {
    const t = section.header.tokens[0];
    cc.reportToken('missingSectionName', section.header, t, { name: section.kind });
  }
  if (section.kind === 'defaults' || section.kind === 'frontend' || section.kind === 'backend' || section.kind === 'listen') {
    checkProxyHeader(cc, section);
  }
  if (section.name) checkName(cc, section.header, 1, section.kind);
}

/** Per knowledge base and section kind: whether body keywords are checked, and against data. */
const bodyModeCache = new WeakMap<KnowledgeBase, Map<string, 0 | 1 | 2>>();

/**
 * 0: the body is not checked (a removed or unknown section kind, already reported on its
 * header); 1: checked, but without keyword data for this kind (unknown cannot be told from
 * new); 2: checked against the keyword data.
 */
export function bodyCheckMode(cc: CheckContext, kind: string): 0 | 1 | 2 {
  let m = bodyModeCache.get(cc.kb);
  if (!m) bodyModeCache.set(cc.kb, (m = new Map()));
  let mode = m.get(kind);
  if (mode === undefined) {
    const life = cc.lifecycleOf('section', kind);
    if ((life && life.status === 'removed') || !cc.kb.section(kind)) mode = 0;
    else mode = cc.kb.keywordsIn(kind as SectionKind).length > 0 ? 2 : 1;
    m.set(kind, mode);
  }
  return mode;
}

/** Keyword checks of one body statement; returns its keyword match for the value and rule checks. */
export function checkBodyKeyword(cc: CheckContext, section: Section, st: Statement, hasData: boolean): KeywordMatch | undefined {
  if (st.tokenCount === 0) return undefined;
  // The keyword is the first value lower-cased: same first character for a `.`.
  if (st.keyword.charCodeAt(0) === 46 /* . */ && !quotedAt(st, 0)) return undefined;
  if (cc.deferredAt(st, 0)) return undefined;
  return checkStatement(cc, section, st, hasData);
}

function reportUnknownSection(cc: CheckContext, section: Section): void {
  const t = section.header.tokens[0];
  const since: Record<string, string> = { traces: '3.1', 'crt-store': '3.0', acme: '3.2', 'log-profile': '3.1', healthcheck: '3.4' };
  const s = since[section.kind];
  cc.reportToken('unknownSection', section.header, t, {
    name: section.kind,
    version: cc.version,
    since: s ? ` It was added in HAProxy ${s}.` : '',
  });
}

/** `defaults name from other`, `frontend fe from defs`: only `from <name>` may follow the name. */
function checkProxyHeader(cc: CheckContext, section: Section): void {
  if (section.header.tokenCount <= 2) return;
  const t = section.header.tokens;
  if (t[2].value.toLowerCase() === 'from' && t.length === 4) return;
  if (t[2].value.toLowerCase() === 'from' && t.length === 3) {
    cc.reportToken('missingArgument', section.header, t[2], { name: 'from', expected: 'the name of a defaults section' });
    return;
  }
  const extra = t[t[2].value.toLowerCase() === 'from' ? 4 : 2];
  cc.reportToken('extraArgument', section.header, extra, { name: section.kind, max: t[2].value.toLowerCase() === 'from' ? 3 : 1, s: t[2].value.toLowerCase() === 'from' ? 's' : '', extra: extra.value }, undefined, EXTRA_ARGS_FATAL.has(section.kind) ? 'error' : undefined);
}

/** HAProxy's invalid_char(): names may only hold letters, digits, '-', '_', '.' and ':'. */
function checkName(cc: CheckContext, st: Statement, i: number, what: string): void {
  // A plain name is read in place: a string only for a report (an ACL name on every `acl` line).
  if (st.plain && plainNameOk(st.text, st.tokenStart(i), st.tokenEnd(i))) return;
  const value = st.valueAt(i)!;
  if (cc.deferredAt(st, i) || value.includes('%[')) return;
  const bad = badNameChar(value);
  if (bad >= 0) cc.reportAt('invalidName', st, i, { name: value, char: value[bad], what });
}

/** `badNameChar(text.slice(from, to)) < 0 && !includes('%[')` in place (a `%` is itself a bad name character). */
function plainNameOk(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45)) return false;
  }
  return true;
}

/** Index of the first character outside [A-Za-z0-9_.:-] (-1: none); a char test, no regex per name. */
function badNameChar(v: string): number {
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45) continue;
    return k;
  }
  return -1;
}

/** Whether the keyword's last word (`set-var(name)`) has a `(`; a plain word is read in place. */
function lastWordHasParen(st: Statement, wordCount: number): boolean {
  if (wordCount === 1) return st.keyword.includes('(');
  if (wordCount - 1 >= st.tokenCount) return false;
  if (!st.plain) return st.valueAt(wordCount - 1)!.includes('(');
  const end = st.tokenEnd(wordCount - 1);
  const paren = st.text.indexOf('(', st.tokenStart(wordCount - 1));
  return paren >= 0 && paren < end;
}

function checkStatement(cc: CheckContext, section: Section, st: Statement, hasData: boolean): KeywordMatch | undefined {
  const kb = cc.kb;
  const kind = kindOf(section);
  // Words are read only where needed: most lines are matched by their interned keyword alone.
  const match = matchBody(kb, kind, st);
  if (match) {
    if (match.entry.name === 'acl' && st.tokenCount > 1) checkName(cc, st, 1, 'ACL');
    // For `set-var(name)` the parenthesised part is the argument the syntax counts.
    checkMatched(cc, section, st, match.entry, match.wordCount, lastWordHasParen(st, match.wordCount) ? 1 : 0);
    return match;
  }
  const words = cc.words(st);
  // The section matters: the global `grace` is a current keyword, the proxy `grace` was removed.
  const removed = kb.matchRemoved(words, kind);
  if (removed && removed.entry.removed && versionLE(removed.entry.removed, cc.version)) {
    reportRemoved(cc, st, removed.entry, removed.wordCount);
    return undefined;
  }
  // `option x`, `timeout x` … where this section has that family: an unknown member, not a misplaced keyword.
  const head = words[0] === 'no' || words[0] === 'default' ? words[1] : words[0];
  if (head !== undefined && hasData && words.length > (head === words[0] ? 1 : 2) && familyInSection(kb, kind, head)) {
    const inProxy = proxyMatch(kb, words);
    if (!inProxy || !PROXY.has(kind)) {
      reportUnknown(cc, section, st, words);
      return undefined;
    }
  }
  const elsewhere = proxyMatch(kb, words) ?? kb.matchKeywordAnywhere(words);
  if (elsewhere) {
    reportWrongSection(cc, section, st, elsewhere.entry, elsewhere.wordCount);
    return undefined;
  }
  if (hasData) reportUnknown(cc, section, st, words);
  return undefined;
}

const familyInSectionCache = new WeakMap<KnowledgeBase, Map<string, boolean>>();
function familyInSection(kb: KnowledgeBase, kind: SectionKind, head: string): boolean {
  let m = familyInSectionCache.get(kb);
  if (!m) familyInSectionCache.set(kb, (m = new Map()));
  const key = `${kind} ${head}`;
  let v = m.get(key);
  if (v === undefined) {
    v = kb.keywordsIn(kind).some((k) => k.name.startsWith(head + ' '));
    m.set(key, v);
  }
  return v;
}

/** The keyword as some proxy section kind knows it (so `bind` in a backend is the proxy `bind`, not the peers one). */
function proxyMatch(kb: KnowledgeBase, words: readonly string[]): { entry: KeywordEntry; wordCount: number } | undefined {
  for (const k of ['frontend', 'backend', 'listen', 'defaults'] as const) {
    const m = kb.matchKeyword(k, words);
    if (m) return m;
  }
  return undefined;
}

function checkMatched(cc: CheckContext, section: Section, st: Statement, entry: KeywordEntry, wordCount: number, inlineArgs = 0): void {
  const kwStart = st.tokenStart(0);
  const kwEnd = st.tokenEnd(Math.max(0, wordCount - 1));
  const prefix = st.keyword;
  if ((prefix === 'no' || prefix === 'default') && PROXY.has(section.kind) && entry.name.startsWith('option ') && !entry.negatable) {
    cc.report('notNegatable', st.line, kwStart, kwEnd, { name: entry.name, prefix });
  }
  if (entry.namedDefaultsOnly && section.kind === 'defaults' && !section.name) {
    cc.report('namedDefaultsOnly', st.line, kwStart, kwEnd, { name: entry.name });
  }
  if (entry.removed && versionLE(entry.removed, cc.version)) {
    cc.report('removedKeyword', st.line, kwStart, kwEnd, { name: entry.name, removed: entry.removed, advice: entry.replacement ? `Use '${entry.replacement}' instead.` : '' });
    return;
  }
  const rem = isRemovedHead(st.keyword) || (st.tokenCount > 1 && isRemovedHeadAt(st, 1)) ? cc.kb.matchRemoved(st.words, kindOf(section)) : undefined;
  if (entry.deprecated && versionLE(entry.deprecated, cc.version)) {
    const advice = rem?.entry.advice ?? (entry.replacement ? `Use '${entry.replacement}' instead.` : '');
    cc.report('deprecatedKeyword', st.line, kwStart, kwEnd, { name: entry.name, deprecated: entry.deprecated, advice });
  } else {
    if (rem && !rem.entry.removed && rem.entry.deprecated && versionLE(rem.entry.deprecated, cc.version) && rem.wordCount >= wordCount) {
      cc.report('deprecatedKeyword', st.line, kwStart, st.tokenEnd(rem.wordCount - 1), { name: rem.entry.name, deprecated: rem.entry.deprecated, advice: rem.entry.advice });
    }
  }
  checkArgCount(cc, st, entry, wordCount, inlineArgs);
}

/** Argument counts; extra words after a condition (`if`/`unless`) belong to the condition. */
function checkArgCount(cc: CheckContext, st: Statement, entry: KeywordEntry, wordCount: number, inlineArgs: number): void {
  const count = st.tokenCount;
  const total = count - wordCount + inlineArgs;
  let n = total;
  for (let i = wordCount; i < count; i++) {
    if ((valueIs(st, i, 'if') || valueIs(st, i, 'unless')) && !quotedAt(st, i)) {
      n = i - wordCount;
      break;
    }
  }
  // `no log` / `no option x` / `default option x` take nothing: the prefix switches the keyword off.
  if (total < entry.minArgs && st.keyword !== 'no' && st.keyword !== 'default') {
    const expected = entry.minArgs === 1 ? 'an argument' : `${entry.minArgs} arguments`;
    const syntax = entry.syntax[0] ? ` (syntax: ${entry.syntax[0]})` : '';
    // Documented minimums count optional parts for some keywords: only "nothing at all" is sure.
    cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(count - 1), { name: entry.name, expected: expected + syntax }, undefined, total === 0 || MISSING_ARGS_FATAL.has(entry.name) ? undefined : 'warning');
    return;
  }
  // Read once: `maxArgs` is Infinity for some keywords, so the field holds a double, and each read
  // outside optimised code boxed a new number (≈ 0.2 MB per 20k validation in the allocation profile).
  if (n !== total || n <= 0) return;
  const max = entry.maxArgs;
  if (Number.isFinite(max) && max >= 0 && n > max) {
    const extra = wordCount + max - inlineArgs;
    // An error only where HAProxy refuses the surplus (measured); elsewhere it is silently ignored.
    cc.report('extraArgument', st.line, st.tokenStart(extra), st.tokenEnd(count - 1), { name: entry.name, max: entry.maxArgs, s: entry.maxArgs === 1 ? '' : 's', extra: st.values[extra] }, undefined, EXTRA_ARGS_FATAL.has(entry.name) ? 'error' : undefined);
  }
}

function reportRemoved(cc: CheckContext, st: Statement, entry: RemovedEntry, wordCount: number): void {
  const toks = st.tokens;
  const end = toks[Math.min(toks.length, wordCount) - 1].end;
  const replaceLine = mechanicalReplacement(st, entry, wordCount);
  const data = replaceLine !== undefined ? { replaceLine, replacement: entry.replacement } : entry.replacement ? { replacement: entry.replacement } : undefined;
  cc.report('removedKeyword', st.line, toks[0].start, end, { name: entry.name, removed: entry.removed, advice: entry.advice }, data);
}

const TIMEOUT_RENAMES: Record<string, string> = { clitimeout: 'timeout client', srvtimeout: 'timeout server', contimeout: 'timeout connect' };

/**
 * The successor line when the rewrite is mechanical and keeps the meaning: `redispatch` →
 * `option redispatch`, `clitimeout 5s` → `timeout client 5s`, `reqadd Name:\ value` →
 * `http-request add-header Name value` (only for a plain header without regex escapes).
 */
export function mechanicalReplacement(st: Statement, entry: RemovedEntry, wordCount: number): string | undefined {
  const toks = st.tokens;
  const name = entry.name.toLowerCase();
  const rest = toks.slice(wordCount).map((t) => t.text).join(' ');
  if ((name === 'redispatch' || name === 'redisp') && toks.length === 1) return 'option redispatch';
  if (TIMEOUT_RENAMES[name] && toks.length === 2) return `${TIMEOUT_RENAMES[name]} ${toks[1].text}`;
  if ((name === 'reqadd' || name === 'rspadd') && toks.length >= 2) {
    const header = toks[1].value;
    const colon = header.indexOf(':');
    if (colon <= 0) return undefined;
    const hname = header.slice(0, colon);
    const hvalue = header.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9!#$&'*+.^_`|~-]+$/.test(hname) || /["'\\%]/.test(hvalue)) return undefined;
    const cond = toks.slice(2).map((t) => t.text).join(' ');
    if (cond && !/^(if|unless)\b/.test(cond)) return undefined;
    const action = name === 'reqadd' ? 'http-request' : 'http-response';
    const value = hvalue.includes(' ') ? `"${hvalue}"` : hvalue;
    return `${action} add-header ${hname} ${value || '""'}${cond ? ' ' + cond : ''}`;
  }
  if (name === 'block' && toks.length >= 2 && /^(if|unless)$/.test(toks[1].value)) return `http-request deny ${rest}`;
  return undefined;
}

function proxyCapability(entry: KeywordEntry): string | undefined {
  const s = new Set<string>(entry.sections);
  if (s.has('frontend') && !s.has('backend')) return FRONTEND_ONLY_HINT;
  if (s.has('backend') && !s.has('frontend')) return BACKEND_ONLY_HINT;
  return undefined;
}

function describeSections(sections: readonly SectionKind[]): string {
  const list = [...new Set(sections)];
  if (list.length === 0) return 'another section';
  const q = list.map((s) => `'${s}'`);
  return q.length === 1 ? `a ${q[0]} section` : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]} sections`;
}

function reportWrongSection(cc: CheckContext, section: Section, st: Statement, entry: KeywordEntry, wordCount: number): void {
  const toks = st.tokens;
  const end = toks[Math.min(toks.length, wordCount) - 1].end;
  const inProxy = PROXY.has(section.kind);
  const proxyKeyword = entry.sections.some((s) => PROXY.has(s));
  // HAProxy only warns ("ignored because … has no … capability") for frontend/backend mismatches,
  // and in defaults it only rejects the keywords it explicitly checks for.
  const fatal = section.kind === 'defaults' ? REJECTED_IN_DEFAULTS.has(entry.name) || REJECTED_IN_DEFAULTS.has(entry.name.split(' ')[0]) : FATAL_WITHOUT_BACKEND.has(entry.name);
  if (inProxy && proxyKeyword && !fatal) {
    const capability = proxyCapability(entry) ?? describeSections(entry.sections);
    if (section.kind === 'defaults') {
      cc.report('notForDefaults', st.line, toks[0].start, end, { name: entry.name, capability: describeSections(entry.sections) });
      return;
    }
    cc.report('ignoredInProxy', st.line, toks[0].start, end, { name: entry.name, section: section.kind, capability });
    return;
  }
  cc.report('wrongSection', st.line, toks[0].start, end, { name: entry.name, section: section.kind, allowed: describeSections(entry.sections) });
}

const FAMILY_CODE: Record<string, 'unknownOption' | 'unknownTimeout' | undefined> = { option: 'unknownOption', timeout: 'unknownTimeout' };

function reportUnknown(cc: CheckContext, section: Section, st: Statement, words: readonly string[]): void {
  const kb = cc.kb;
  const toks = st.tokens;
  let i = 0;
  if ((words[0] === 'no' || words[0] === 'default') && toks.length > 1) i = 1;
  const head = words[i];
  const families = keywordFamilies(kb);
  const family = families.get(head);
  const kind = kindOf(section);
  if (family && toks[i + 1]) {
    // `option frobnicate`, `timeout cliant`, `stats frob`: flag the second word.
    const allowedHere = kb.keywordsIn(kind).filter((k) => k.name.startsWith(head + ' ')).map((k) => k.name.slice(head.length + 1));
    const pool = allowedHere.length > 0 ? allowedHere : family;
    const sugg = suggest(words[i + 1], pool);
    const tok = toks[i + 1];
    const key: 'unknownOption' | 'unknownTimeout' | 'unknownKeyword' = FAMILY_CODE[head] ?? 'unknownKeyword';
    const name = key === 'unknownKeyword' ? `${head} ${tok.value}` : tok.value;
    const later = newerVersionHint('keyword', `${head} ${words[i + 1]}`, cc.version);
    cc.reportToken(key, st, tok, { name, section: section.kind, hint: didYouMeanHint(sugg) + later }, sugg.length ? { suggestions: sugg } : undefined);
    return;
  }
  const names = kb.keywordsIn(kind).map((k) => k.name.split(' ')[0]);
  const sugg = suggest(head, new Set(names));
  const tok = toks[i];
  const later = newerVersionHint('keyword', tok.value, cc.version);
  cc.reportToken('unknownKeyword', st, tok, { name: tok.value, section: section.kind, hint: didYouMeanHint(sugg) + later }, sugg.length ? { suggestions: sugg } : undefined);
}
