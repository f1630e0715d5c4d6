/**
 * Features a version gates: experimental directives and actions used without an earlier
 * `expose-experimental-directives` in `global` (haproxy -c 2.6: "'normalize-uri' action is
 * experimental, must be allowed via a global 'expose-experimental-directives'" — fatal; the
 * global line must come *before* the use), and `filter <name>` naming a filter the version
 * does not register ("'filter' : unknown keyword 'compresion'" — fatal).
 */
import { suggest } from '../../../common/didYouMean';
import {
  BUILD_OPTIONAL_FILTERS, EXPERIMENTAL, EXPOSE_EXPERIMENTAL, experimentalIn, experimentalParamHint, experimentalParamUses, filterNames, hasExperimentalParams, isExperimentalSection,
} from '../../knowledge/experimental';
import type { RuleSet } from '../../knowledge/types';
import type { Statement } from '../../parser/model';
import { didYouMeanHint, kindOf, lowerCase, type CheckContext } from './reporter';

const PROXY = new Set(['defaults', 'frontend', 'backend', 'listen']);
/** Rule sets by first word; two-word sets (`tcp-request session`) need the second word too. */
const RULE_SETS: readonly RuleSet[] = [
  'http-request', 'http-response', 'http-after-response', 'tcp-request connection', 'tcp-request session',
  'tcp-request content', 'tcp-response content',
];

export function checkGatedFeatures(cc: CheckContext): void {
  // The first `expose-experimental-directives` line: only lines after it may use experimental names.
  let exposedAt = Number.POSITIVE_INFINITY;
  for (let si = 0, sections = cc.doc.sections; si < sections.length; si++) {
    const section = sections[si];
    if (kindOf(section) !== 'global') continue;
    for (let bi = 0, body = section.body; bi < body.length; bi++) {
      const st = body[bi];
      if (st.keyword === EXPOSE_EXPERIMENTAL) exposedAt = Math.min(exposedAt, st.line);
    }
  }
  let filters: string[] | undefined;
  const gated = gatedNames();
  const paramHint = experimentalParamHint(cc.version);
  for (let si = 0, sections = cc.doc.sections; si < sections.length; si++) {
    const section = sections[si];
    const kind = kindOf(section);
    const proxy = PROXY.has(kind);
    // A whole experimental section (acme in 3.2+): reported once, on its header.
    if (section.header.line < exposedAt && isExperimentalSection(cc.version, kind)) {
      const head = section.header.tokenAt(0);
      if (head) cc.reportToken('experimentalDirective', section.header, head, { name: kind, what: 'section', version: cc.version }, { exposeExperimental: true });
    }
    for (let bi = 0, body = section.body; bi < body.length; bi++) {
      const st = body[bi];
      // The statement's keyword: nothing is built unless the line is gated or a filter.
      const w0 = st.keyword;
      if (w0 === '') continue;
      if (st.line < exposedAt && (gated.keywords.has(w0) || (proxy && gated.ruleWords.has(w0) && mayBeGatedAction(st, gated.actions)))) {
        checkExperimental(cc, st, kind);
      }
      if (proxy && w0 === 'filter') checkFilter(cc, st, (filters ??= filterNames(cc.version)));
      // Experimental bind/server options, values and address prefixes (ktls, nbconn, rhttp@ …): a text test first.
      if (paramHint && st.line < exposedAt && hasExperimentalParams(w0) && paramHint.test(st.text)) checkExperimentalParams(cc, st);
    }
  }
}

function checkExperimentalParams(cc: CheckContext, st: Statement): void {
  const words = st.tokens.map((t) => lowerCase(t.value));
  const argCount = (line: 'bind' | 'server', name: string) => (line === 'bind' ? cc.kb.bindOption(name) : cc.kb.serverOption(name))?.argCount;
  for (const use of experimentalParamUses(cc.version, words, argCount)) {
    const tok = st.tokens[use.tokenIndex];
    if (tok && !cc.isDeferred(tok)) cc.reportToken('experimentalDirective', st, tok, { name: use.name, what: use.label, version: cc.version }, { exposeExperimental: true });
  }
}

/**
 * First words that can start an experimental directive (any version) or a rule line of a set
 * with an experimental action: every other statement (nearly all) is skipped with one Set lookup.
 */
interface GatedNames {
  keywords: ReadonlySet<string>;
  ruleWords: ReadonlySet<string>;
  actions: ReadonlySet<string>;
}
let gatedCache: GatedNames | undefined;
function gatedNames(): GatedNames {
  if (!gatedCache) {
    const keywords = new Set<string>();
    const ruleWords = new Set<string>();
    const actions = new Set<string>();
    for (const f of EXPERIMENTAL) {
      if (f.what === 'keyword') keywords.add(f.name.split(' ')[0]);
      else {
        actions.add(f.name);
        for (const rs of f.where) ruleWords.add(rs.split(' ')[0]);
      }
    }
    gatedCache = { keywords, ruleWords, actions };
  }
  return gatedCache;
}

/** Whether the action word of a rule line (second word, or third after `tcp-request content`…) may be an experimental action. */
function mayBeGatedAction(st: Statement, actions: ReadonlySet<string>): boolean {
  // A plain line's words are substrings of its text: one test of the text for any gated action
  // name (any case) before its words are built (every rule line of every proxy comes here).
  if (st.plain && !actionHint(actions).test(st.text)) return false;
  const t = st.values;
  for (let i = 1; i <= 2 && i < t.length; i++) {
    const v = t[i];
    const paren = v.indexOf('(');
    if (actions.has(lowerCase(paren < 0 ? v : v.slice(0, paren)))) return true;
  }
  return false;
}

let actionHintCache: { actions: ReadonlySet<string>; re: RegExp } | undefined;
function actionHint(actions: ReadonlySet<string>): RegExp {
  if (actionHintCache?.actions !== actions) {
    const names = [...actions].map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    actionHintCache = { actions, re: new RegExp(names.length ? names.join('|') : '(?!)', 'iu') };
  }
  return actionHintCache.re;
}

function checkExperimental(cc: CheckContext, st: Statement, kind: string): void {
  const w = st.tokens.map((t) => t.value.toLowerCase());
  const kw = experimentalIn(cc.version, 'keyword', w[0], kind);
  if (kw) {
    cc.reportToken('experimentalDirective', st, st.tokens[0], { name: kw.name, what: 'directive', version: cc.version }, { exposeExperimental: true });
    return;
  }
  if (!PROXY.has(kind)) return;
  for (const rs of RULE_SETS) {
    const words = rs.split(' ');
    if (!words.every((x, i) => w[i] === x)) continue;
    const tok = st.tokens[words.length];
    if (!tok || cc.isDeferred(tok)) return;
    const name = tok.value.toLowerCase().replace(/\(.*$/s, '');
    const act = experimentalIn(cc.version, 'action', name, rs);
    if (act) cc.reportToken('experimentalDirective', st, tok, { name: act.name, what: 'action', version: cc.version }, { exposeExperimental: true });
    return;
  }
}

function checkFilter(cc: CheckContext, st: Statement, known: readonly string[]): void {
  const tok = st.tokens[1];
  if (!tok || cc.isDeferred(tok)) return;
  const name = tok.value.toLowerCase();
  // `lua.<name>`: filters a Lua script registers at start-up (core.register_filter).
  if (known.includes(name) || BUILD_OPTIONAL_FILTERS.has(name) || name.startsWith('lua.')) return;
  const sugg = suggest(name, [...known]);
  cc.reportToken('unknownFilter', st, tok, { name: tok.value, version: cc.version, hint: didYouMeanHint(sugg) || ` Known filters: ${known.join(', ')}.` }, sugg.length ? { suggestions: sugg } : undefined);
}
