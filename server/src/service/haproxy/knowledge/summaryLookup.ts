/**
 * Finds the own-words summary of an entry, or builds a plainly generic one from the facts
 * when no sentence has been written yet (so hover never shows an empty text, and the generic
 * wording makes a missing summary obvious to testers).
 */
import type { KeywordFact } from './data/factsFormat';
import { ACTION_SUMMARIES } from './summaries/actions';
import { PREDEFINED_ACL_SUMMARIES } from './summaries/acls';
import { BIND_OPTION_SUMMARIES } from './summaries/bindOptions';
import { CONVERTER_SUMMARIES } from './summaries/converters';
import { FETCH_SUMMARIES } from './summaries/fetches';
import { GLOBAL_KEYWORD_SUMMARIES } from './summaries/globals';
import { PROXY_KEYWORD_SUMMARIES } from './summaries/keywords';
import { LOG_ALIAS_SUMMARIES } from './summaries/logAliases';
import { SECTION_KEYWORD_SUMMARIES } from './summaries/sectionKeywords';
import { SECTION_SUMMARIES } from './summaries/sections';
import { SERVER_OPTION_SUMMARIES } from './summaries/serverOptions';
import { PROXY_SECTIONS, type SectionKind } from './types';

const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The written summary of a section-level keyword, looked up by the sections it lives in. */
export function keywordSummary(fact: Pick<KeywordFact, 'n' | 's'>): string | undefined {
  const sections = fact.s;
  if (sections.includes('global')) {
    const s = own(GLOBAL_KEYWORD_SUMMARIES, fact.n);
    if (s) return s;
  }
  if (sections.some((x) => PROXY_SECTIONS.includes(x))) {
    const s = own(PROXY_KEYWORD_SUMMARIES, fact.n);
    if (s) return s;
  }
  for (const sec of sections) {
    const s = own(SECTION_KEYWORD_SUMMARIES, `${sec}:${fact.n}`);
    if (s) return s;
  }
  // healthcheck sections take the same http-check/tcp-check rules as proxies.
  if (sections.includes('healthcheck')) return own(PROXY_KEYWORD_SUMMARIES, fact.n);
  return undefined;
}

export function keywordFallback(name: string, sections: readonly SectionKind[]): string {
  return `The \`${name}\` directive (allowed in: ${sections.join(', ')}). No summary written yet; see the HAProxy documentation.`;
}

export const sectionSummary = (kind: string): string =>
  own(SECTION_SUMMARIES, kind) ?? `The \`${kind}\` section. See the HAProxy documentation for its keywords.`;

export const bindOptionSummary = (name: string): string =>
  own(BIND_OPTION_SUMMARIES, name) ?? `The \`${name}\` bind option. See the HAProxy documentation for details.`;

export const serverOptionSummary = (name: string): string =>
  own(SERVER_OPTION_SUMMARIES, name) ?? `The \`${name}\` server option. See the HAProxy documentation for details.`;

export const actionSummary = (name: string, ruleSets: readonly string[]): string =>
  own(ACTION_SUMMARIES, name) ?? `The \`${name}\` action (usable in ${ruleSets.join(', ')}). See the HAProxy documentation for details.`;

export const fetchSummary = (name: string, output: string): string =>
  own(FETCH_SUMMARIES, name) ?? `Sample fetch \`${name}\`, returning a value of type ${output}.`;

export const converterSummary = (name: string, input: string, output: string): string =>
  own(CONVERTER_SUMMARIES, name) ?? `Converter \`${name}\`, turning a ${input} value into a ${output} value.`;

export const aclSummary = (name: string, equivalent: string): string =>
  own(PREDEFINED_ACL_SUMMARIES, name) ?? `Predefined ACL \`${name}\`, equivalent to \`${equivalent}\`.`;

export const logAliasSummary = (name: string, field: string, type: string): string =>
  own(LOG_ALIAS_SUMMARIES, name) ?? `Log-format variable \`%${name}\` (${field}, ${type}).`;

/** Whether a real (not generated) summary exists, for coverage tests. */
export const hasWrittenKeywordSummary = (fact: Pick<KeywordFact, 'n' | 's'>): boolean => keywordSummary(fact) !== undefined;

/** What each match method tests, in our words (configuration.txt §7.1.3 lists the methods). */
const MATCH_WORDS: Record<string, string> = {
  beg: 'starts with one of the patterns',
  end: 'ends with one of the patterns',
  sub: 'contains one of the patterns',
  dir: 'contains one of the patterns as a whole slash-delimited segment',
  dom: 'contains one of the patterns as a whole dot- or slash-delimited label (domain style)',
  len: 'has a length matching the given numbers',
  reg: 'matches one of the regular expressions',
  str: 'equals one of the patterns',
  int: 'compares as an integer with the patterns',
};
const MATCH_BY_TEXT: Record<string, string> = {
  'prefix match': 'beg', 'suffix match': 'end', 'substring match': 'sub', 'subdir match': 'dir', 'domain match': 'dom',
  'length match': 'len', 'regex match': 'reg', 'exact string match': 'str', 'case insensitive method match': 'str',
};
/** ACL names whose fetch is spelt differently (`cook_beg` tests `req.cook`). */
const ACL_BASE: Record<string, string> = { cook: 'req.cook', scook: 'res.cook', shdr: 'res.hdr' };

/**
 * ACL-only keywords (`path_beg`, `hdr_sub`, `cook_dom` …) are a fetch plus an implied match
 * method (`match`: "prefix match", or "req.cook -m beg" as the facts give it): the summary says
 * which fetch and method, and what the fetch returns when we have its sentence.
 */
export function aclOnlySummary(name: string, match: string): string {
  const explicit = /^(\S+) -m (\w+)$/.exec(match);
  const method = explicit ? explicit[2] : MATCH_BY_TEXT[match];
  const stripped = name.replace(/_(beg|end|sub|dir|dom|len|reg)$/, '');
  const fetch = explicit ? explicit[1] : ACL_BASE[stripped] ?? stripped;
  if (!method) return `ACL keyword \`${name}\`: ${match} on \`${fetch}\`.`;
  const what = own(FETCH_SUMMARIES, fetch) ?? own(FETCH_SUMMARIES, stripped);
  const test = `True when the value of \`${fetch}\` ${MATCH_WORDS[method] ?? `matches (-m ${method})`}; the same as \`${fetch} -m ${method}\`, usable only in ACLs.`;
  return what ? `${test} ${what}` : test;
}
