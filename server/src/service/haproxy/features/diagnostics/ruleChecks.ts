/**
 * Rules and sample expressions: the action after `http-request`, `tcp-request content` …,
 * and the fetch/converter names used in `acl` lines and in anonymous ACLs `{ … }` of
 * `if`/`unless` conditions. Names are looked up in the knowledge base of the target version.
 */
import { suggest } from '../../../common/didYouMean';
import { ACTIONS_NEEDING_ARGS, HTTP_ACTION_WORDS, defaultErrorCodes, newerVersionHint } from '../../knowledge/index';
import type { KnowledgeBase, RuleSet } from '../../knowledge/types';
import type { Statement, Token } from '../../parser/model';
import { didYouMeanHint, type CheckContext, type KeywordMatch } from './reporter';

/** ACL-only derivatives of fetches (`hdr_beg`, `path_end`, `url_reg` …), §7.3. */
const DERIVATIVE = /^(.+?)_(beg|dir|dom|end|len|reg|sub|cnt|found|ip|val|str|match|pst|rep|int)$/;

/** Rule checks of one body statement whose keyword is known (`m`). */
export function checkStatementRules(cc: CheckContext, st: Statement, m: KeywordMatch | undefined): void {
  if (!m || st.tokens.length < 2) return;
  const entry = m.entry;
  if (entry.name === 'acl') {
    const crit = st.tokens[2];
    if (crit) checkSampleExpr(cc, st, crit, 0, crit.value);
  } else if (entry.ruleSet && st.tokens[0].value.toLowerCase() !== 'no') {
    checkAction(cc, st, entry.ruleSet, m.wordCount);
    // `set-var(txn.x) <expr>`: the word after the action is a sample expression.
    const action = st.tokens[m.wordCount];
    const expr = st.tokens[m.wordCount + 1];
    if (action && expr && /^set-var\(/i.test(action.value) && !expr.quoted) checkSampleExpr(cc, st, expr, 0, expr.value);
  }
  checkCondition(cc, st);
  checkEmbeddedSamples(cc, st);
}

function checkAction(cc: CheckContext, st: Statement, ruleSet: RuleSet, index: number): void {
  const tok = st.tokens[index];
  if (!tok || cc.isDeferred(tok)) return;
  const all = cc.kb.actions(ruleSet);
  if (all.length === 0) return;
  const raw = tok.value.toLowerCase();
  if (raw === 'if' || raw === 'unless') return;
  // Parametrised actions: set-var(txn.x), sc-inc-gpc(0,1); Lua actions are registered at run time.
  const name = raw.replace(/\(.*$/s, '');
  if (name.startsWith('lua.')) return;
  const life = cc.lifecycleOf('action', name);
  if (life) {
    const key = life.status === 'removed' ? 'removedKeyword' : 'deprecatedKeyword';
    const advice = life.entry.replacement ? `${life.entry.advice}` : life.entry.advice;
    cc.reportToken(key, st, tok, { name, removed: life.entry.removed, deprecated: life.entry.deprecated, advice }, life.entry.replacement ? { suggestions: [life.entry.replacement] } : undefined);
    return;
  }
  if (findAction(cc.kb, ruleSet, name)) {
    if (name === 'deny' || name === 'tarpit') checkDenyStatus(cc, st, index + 1);
    // Nothing (or only the condition) after an action that needs arguments: HAProxy refuses it.
    const next = st.tokens[index + 1]?.value.toLowerCase();
    if (ACTIONS_NEEDING_ARGS.has(name) && (next === undefined || next === 'if' || next === 'unless')) {
      const syntax = cc.kb.action(ruleSet, name)?.syntax[0];
      cc.reportToken('missingArgument', st, tok, { name: `${ruleSet} ${name}`, expected: `arguments${syntax ? ` (syntax: ${syntax})` : ''}` });
    } else if (next !== undefined) checkActionWordCount(cc, st, ruleSet, name, tok, index);
    return;
  }
  const sugg = suggest(name, all.map((a) => a.name));
  cc.reportToken('unknownAction', st, tok, { name: tok.value, ruleSet, hint: didYouMeanHint(sugg) + newerVersionHint('action', name, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
}

/**
 * `http-request set-header X` (a value missing): HAProxy refuses fewer words than the action
 * takes. Words that may expand to several (buildout `${…}`, environment variables) are not
 * counted, so such lines are never judged.
 */
function checkActionWordCount(cc: CheckContext, st: Statement, ruleSet: RuleSet, name: string, tok: Token, index: number): void {
  const needed = HTTP_ACTION_WORDS[ruleSet]?.get(name);
  if (needed === undefined) return;
  let count = 0;
  for (const t of st.tokens.slice(index + 1)) {
    const w = t.value.toLowerCase();
    if (w === 'if' || w === 'unless') break;
    if (cc.isDeferred(t) || t.text.includes('$')) return;
    count++;
  }
  if (count >= needed) return;
  const syntax = cc.kb.action(ruleSet, name)?.syntax[0];
  cc.reportToken('missingArgument', st, tok, { name: `${ruleSet} ${name}`, expected: `${needed} arguments, not ${count}${syntax ? ` (syntax: ${syntax})` : ''}` });
}

/** Words of an HTTP reply that carries its own payload, so any status code is allowed. */
const OWN_REPLY_WORDS = new Set(['content-type', 'string', 'lf-string', 'file', 'lf-file', 'hdr', 'errorfile']);

/**
 * `deny_status <code>` without a reply of its own (`content-type`, `string`, `errorfile` …)
 * must be a status HAProxy has a built-in page for; it refuses the file otherwise.
 */
function checkDenyStatus(cc: CheckContext, st: Statement, from: number): void {
  const t = st.tokens;
  let at = -1;
  for (let i = from; i < t.length; i++) {
    const w = t[i].value;
    if (w === 'if' || w === 'unless') break;
    if (OWN_REPLY_WORDS.has(w)) return;
    if (w === 'deny_status' && at < 0) at = i;
  }
  if (at >= 0 && at + 1 < t.length) {
    const v = t[at + 1];
    if (cc.isDeferred(v) || !/^\d+$/.test(v.value)) return;
    const codes = defaultErrorCodes(cc.version);
    if (!codes.includes(Number(v.value))) {
      cc.reportToken('unknownEnumValue', st, v, { value: v.value, name: 'deny_status', hint: ` HAProxy ${cc.version} has built-in pages only for ${codes.join(', ')}; give the reply its own content (content-type … string/file, errorfile) for other codes.` });
    }
  }
}

function findAction(kb: KnowledgeBase, ruleSet: RuleSet, name: string): boolean {
  if (kb.action(ruleSet, name)) return true;
  // Numbered families: track-sc0..2, sc-inc-gpc0, sc-set-gpt0 … may be listed with or without the digit.
  const m = /^(.*?)(\d+)$/.exec(name);
  if (m && (kb.action(ruleSet, m[1]) || kb.action(ruleSet, `${m[1]}<n>`) || kb.action(ruleSet, `${m[1]}*`))) return true;
  return kb.action(ruleSet, `${name}*`) !== undefined;
}

/**
 * `%[fetch,conv]` (and `%{+Q}[…]`) inside log-format strings, header values and names.
 * Only plain words are positioned precisely; quoted words report on the whole word.
 */
function checkEmbeddedSamples(cc: CheckContext, st: Statement): void {
  // A `%` in a value comes from a `%` in the line or from an escape (`\x25`): most lines have neither.
  if (!st.text.includes('%') && !st.text.includes('\\')) return;
  const toks = st.tokens;
  for (let i = 1; i < toks.length; i++) {
    const tok = toks[i];
    const v = tok.value;
    if (!v.includes('%[') && !v.includes('%{')) continue;
    const re = /%(?:\{[^}]*\})?\[/g;
    for (let m = re.exec(v); m; m = re.exec(v)) {
      const start = m.index + m[0].length;
      let depth = 0;
      let end = -1;
      for (let j = start; j < v.length; j++) {
        const c = v[j];
        if (c === '\\') j++;
        else if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ']' && depth === 0) {
          end = j;
          break;
        }
      }
      if (end < 0) break;
      const expr = v.slice(start, end).trim();
      if (expr !== '' && !expr.startsWith('lua.')) checkSampleExpr(cc, st, tok, start, expr);
      re.lastIndex = end + 1;
    }
  }
}

/** Anonymous ACLs: the first word after each `{` in a condition is a fetch. */
function checkCondition(cc: CheckContext, st: Statement): void {
  const toks = st.tokens;
  let i = 1;
  while (i < toks.length && !((toks[i].value === 'if' || toks[i].value === 'unless') && !toks[i].quoted)) i++;
  for (i++; i < toks.length; i++) {
    const v = toks[i].value;
    if ((v === '{' || v === '!{') && toks[i + 1]) {
      checkSampleExpr(cc, st, toks[i + 1], 0, toks[i + 1].value);
      i++;
    }
  }
}

/** Splits `fetch(args),conv1(args),conv2` at top-level commas, keeping offsets. */
export function splitChain(expr: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push({ text: expr.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  out.push({ text: expr.slice(start), offset: start });
  return out;
}

export function fetchKnown(kb: KnowledgeBase, name: string): boolean {
  // In ACLs the ACL-only keywords (`method`, `hdr_beg`, `path_end` …) are valid too.
  if (kb.fetch(name) || kb.aclKeyword?.(name)) return true;
  const m = DERIVATIVE.exec(name);
  if (m && kb.fetch(m[1])) return true;
  // Numbered families (sc0_*, sc1_*, src_*, gpc0 …) may be documented as `sc<ctr>_…`.
  const generic = name.replace(/^sc(\d)_/, 'sc_').replace(/(\D)(\d+)$/, '$1');
  if (generic !== name && kb.fetch(generic)) return true;
  const ctr = name.replace(/^sc\d_/, 'sc<ctr>_');
  return ctr !== name && kb.fetch(ctr) !== undefined;
}

/** `map_<match>[_<output>]` converters are documented once as a family. */
const MAP_FAMILY = /^map_(str|beg|sub|dir|dom|end|reg|regm|int|ip|len|found)(_(str|int|ip|bin))?$/;

export function converterKnown(kb: KnowledgeBase, name: string): boolean {
  if (kb.converter(name)) return true;
  return MAP_FAMILY.test(name) && kb.converter('map') !== undefined;
}

function checkSampleExpr(cc: CheckContext, st: Statement, tok: Token, offset: number, expr: string): void {
  if (cc.isDeferred(tok) || expr === '' || cc.kb.fetches().length === 0) return;
  const plain = tok.text === tok.value;
  const parts = splitChain(expr);
  const fetchName = parts[0].text.replace(/\(.*$/s, '');
  if (fetchName === '' || fetchName.startsWith('lua.') || !/^[a-z0-9_.-]+$/i.test(fetchName)) return;
  const at = (p: { offset: number }, len: number) => (plain ? [tok.start + offset + p.offset, tok.start + offset + p.offset + len] : [tok.start, tok.end]);
  if (!fetchKnown(cc.kb, fetchName)) {
    const sugg = suggest(fetchName, [...cc.kb.fetches(), ...(cc.kb.aclKeywords?.() ?? [])].map((f) => f.name));
    const [s, e] = at(parts[0], fetchName.length);
    cc.report('unknownFetch', st.line, s, e, { name: fetchName, hint: didYouMeanHint(sugg) + newerVersionHint('fetch', fetchName, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
    return;
  }
  if (cc.kb.converters().length === 0) return;
  for (const p of parts.slice(1)) {
    const conv = p.text.replace(/\(.*$/s, '').trim();
    if (conv === '' || conv.startsWith('lua.') || converterKnown(cc.kb, conv)) continue;
    const sugg = suggest(conv, cc.kb.converters().map((c) => c.name));
    const [s, e] = at(p, conv.length);
    cc.report('unknownConverter', st.line, s, e, { name: conv, hint: didYouMeanHint(sugg) + newerVersionHint('converter', conv, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
  }
}
