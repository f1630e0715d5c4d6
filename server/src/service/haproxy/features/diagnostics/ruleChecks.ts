/**
 * Rules and sample expressions: the action after `http-request`, `tcp-request content` …,
 * and the fetch/converter names used in `acl` lines and in anonymous ACLs `{ … }` of
 * `if`/`unless` conditions. Names are looked up in the knowledge base of the target version.
 */
import { suggest } from '../../../common/didYouMean';
import { ACTIONS_NEEDING_ARGS, HTTP_ACTION_WORDS, defaultErrorCodes, newerVersionHint } from '../../knowledge/index';
import type { KnowledgeBase, RuleSet } from '../../knowledge/types';
import type { Statement } from '../../parser/model';
import { lowerCase } from '../../parser/statement';
import { didYouMeanHint, quotedAt, valueIn, valueIs, verbatimAt, wordIs, type CheckContext, type KeywordMatch } from './reporter';
import { isDigits } from './valueSyntax';

/** ACL-only derivatives of fetches (`hdr_beg`, `path_end`, `url_reg` …), §7.3. */
const DERIVATIVE = /^(.+?)_(beg|dir|dom|end|len|reg|sub|cnt|found|ip|val|str|match|pst|rep|int)$/;

/** Rule checks of one body statement whose keyword is known (`m`). */
export function checkStatementRules(cc: CheckContext, st: Statement, m: KeywordMatch | undefined): void {
  const count = st.tokenCount;
  if (!m || count < 2) return;
  const entry = m.entry;
  if (entry.name === 'acl') {
    if (count > 2) checkSampleExpr(cc, st, 2, 0, st.valueAt(2)!);
  } else if (entry.ruleSet && st.keyword !== 'no') {
    checkAction(cc, st, entry.ruleSet, m.wordCount);
    // `set-var(txn.x) <expr>`: the word after the action is a sample expression.
    const e = m.wordCount + 1;
    if (e < count && lowerCase(st.valueAt(m.wordCount)!).startsWith('set-var(') && !quotedAt(st, e)) checkSampleExpr(cc, st, e, 0, st.valueAt(e)!);
  }
  checkCondition(cc, st);
  checkEmbeddedSamples(cc, st);
}

function checkAction(cc: CheckContext, st: Statement, ruleSet: RuleSet, index: number): void {
  if (index >= st.tokenCount || cc.deferredAt(st, index)) return;
  const all = cc.kb.actions(ruleSet);
  if (all.length === 0) return;
  // One word lower-cased (`words[index]`), not the line's whole words array.
  const raw = lowerCase(st.valueAt(index)!);
  if (raw === 'if' || raw === 'unless') return;
  // Parametrised actions: set-var(txn.x), sc-inc-gpc(0,1); Lua actions are registered at run time.
  const paren = raw.indexOf('(');
  const name = paren < 0 ? raw : raw.slice(0, paren);
  if (name.startsWith('lua.')) return;
  const life = cc.lifecycleOf('action', name);
  if (life) {
    const key = life.status === 'removed' ? 'removedKeyword' : 'deprecatedKeyword';
    const advice = life.entry.replacement ? `${life.entry.advice}` : life.entry.advice;
    cc.reportAt(key, st, index, { name, removed: life.entry.removed, deprecated: life.entry.deprecated, advice }, life.entry.replacement ? { suggestions: [life.entry.replacement] } : undefined);
    return;
  }
  if (findAction(cc.kb, ruleSet, name)) {
    if (name === 'deny' || name === 'tarpit') checkDenyStatus(cc, st, index + 1);
    // Nothing (or only the condition) after an action that needs arguments: HAProxy refuses it.
    // The next word compared in place (lower-cased, as HAProxy reads the condition words).
    const hasNext = index + 1 < st.tokenCount;
    if (ACTIONS_NEEDING_ARGS.has(name) && (!hasNext || wordIs(st, index + 1, 'if') || wordIs(st, index + 1, 'unless'))) {
      const syntax = cc.kb.action(ruleSet, name)?.syntax[0];
      cc.reportAt('missingArgument', st, index, { name: `${ruleSet} ${name}`, expected: `arguments${syntax ? ` (syntax: ${syntax})` : ''}` });
    } else if (hasNext) checkActionWordCount(cc, st, ruleSet, name, index);
    return;
  }
  const sugg = suggest(name, all.map((a) => a.name));
  cc.reportAt('unknownAction', st, index, { name: st.values[index], ruleSet, hint: didYouMeanHint(sugg) + newerVersionHint('action', name, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
}

/**
 * `http-request set-header X` (a value missing) or `set-header X a b` (an unquoted space in the
 * value): HAProxy takes exactly this many words and then wants `if`/`unless` or the end of the
 * line, so it refuses fewer and more. Words that may expand to several (buildout `${…}`,
 * environment variables) are not counted, so such lines are never judged.
 */
function checkActionWordCount(cc: CheckContext, st: Statement, ruleSet: RuleSet, name: string, index: number): void {
  const needed = HTTP_ACTION_WORDS[ruleSet]?.get(name);
  if (needed === undefined) return;
  let count = 0;
  const n = st.tokenCount;
  for (let i = index + 1; i < n; i++) {
    if (wordIs(st, i, 'if') || wordIs(st, i, 'unless')) break;
    // A plain statement has no `$` at all.
    if (!st.plain && (cc.isDeferred(st.tokens[i]) || st.tokens[i].text.includes('$'))) return;
    count++;
  }
  if (count === needed) return;
  const syntax = cc.kb.action(ruleSet, name)?.syntax[0];
  if (count < needed) {
    cc.reportAt('missingArgument', st, index, { name: `${ruleSet} ${name}`, expected: `${needed} arguments, not ${count}${syntax ? ` (syntax: ${syntax})` : ''}` });
    return;
  }
  // The surplus words, up to the condition: haproxy -c 2.6.12 "expects either 'if' or 'unless'".
  const first = index + 1 + needed;
  const last = index + count;
  cc.report('extraArgument', st.line, st.tokenStart(first), st.tokenEnd(last),
    { name: `${ruleSet} ${name}`, max: needed, s: needed === 1 ? '' : 's', extra: st.values[first] },
    quoteValueFix(st, name, first - 1, last), 'error');
}

/**
 * A header value with an unquoted space (`set-header X-Frame-Options SAME ORIGIN`) is the usual
 * cause: the fix quotes the value and the surplus words as one. Columns only (the report is
 * cached independently of its line); only plain words, whose text is exactly what is quoted.
 */
function quoteValueFix(st: Statement, name: string, value: number, last: number): { quote: { start: number; end: number } } | undefined {
  if (!st.plain || (name !== 'set-header' && name !== 'add-header')) return undefined;
  return { quote: { start: st.tokenStart(value), end: st.tokenEnd(last) } };
}

/** Words of an HTTP reply that carries its own payload, so any status code is allowed. */
const OWN_REPLY_WORDS = ['content-type', 'string', 'lf-string', 'file', 'lf-file', 'hdr', 'errorfile'];

/**
 * `deny_status <code>` without a reply of its own (`content-type`, `string`, `errorfile` …)
 * must be a status HAProxy has a built-in page for; it refuses the file otherwise.
 */
function checkDenyStatus(cc: CheckContext, st: Statement, from: number): void {
  // Values compared in place (valueIs/valueIn): no array of the line's values for a scan.
  const n = st.tokenCount;
  let at = -1;
  for (let i = from; i < n; i++) {
    if (valueIs(st, i, 'if') || valueIs(st, i, 'unless')) break;
    if (valueIn(st, i, OWN_REPLY_WORDS)) return;
    if (at < 0 && valueIs(st, i, 'deny_status')) at = i;
  }
  if (at >= 0 && at + 1 < n) {
    const v = st.valueAt(at + 1)!;
    if (cc.deferredAt(st, at + 1) || !isDigits(v)) return;
    const codes = defaultErrorCodes(cc.version);
    if (!codes.includes(Number(v))) {
      cc.reportAt('unknownEnumValue', st, at + 1, { value: v, name: 'deny_status', hint: ` HAProxy ${cc.version} has built-in pages only for ${codes.join(', ')}; give the reply its own content (content-type … string/file, errorfile) for other codes.` });
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
      if (expr !== '' && !expr.startsWith('lua.')) checkSampleExpr(cc, st, i, start, expr);
      re.lastIndex = end + 1;
    }
  }
}

/** Anonymous ACLs: the first word after each `{` in a condition is a fetch. */
function checkCondition(cc: CheckContext, st: Statement): void {
  // Words compared in place (valueIs): most lines have no condition, and no values are built for them.
  const n = st.tokenCount;
  let i = 1;
  while (i < n && !((valueIs(st, i, 'if') || valueIs(st, i, 'unless')) && !quotedAt(st, i))) i++;
  for (i++; i < n; i++) {
    if ((valueIs(st, i, '{') || valueIs(st, i, '!{')) && i + 1 < n) {
      // One value, not the line's values array.
      checkSampleExpr(cc, st, i + 1, 0, st.valueAt(i + 1)!);
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

/** `/^[a-z0-9_.-]+$/i` by char codes (runs for every fetch of every ACL and condition). */
function isSampleName(v: string): boolean {
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45)) return false;
  }
  return v.length > 0;
}

/**
 * `fetchKnown` remembered per knowledge base: the same few fetch names (`src`, `path_beg`,
 * `hdr`, `sc0_http_req_rate` …) come back in every ACL and condition, and an unlisted name
 * costs several lookups and regular expressions. Bounded: names are user text.
 */
const fetchMemo = new WeakMap<KnowledgeBase, Map<string, boolean>>();

function knownFetchMemo(kb: KnowledgeBase, name: string): boolean {
  let memo = fetchMemo.get(kb);
  if (!memo) fetchMemo.set(kb, (memo = new Map()));
  let known = memo.get(name);
  if (known === undefined) {
    if (memo.size >= 4096) memo.clear();
    known = fetchKnown(kb, name);
    memo.set(name, known);
  }
  return known;
}


/** A sample expression in token `i` (`offset`: where `expr` starts in the token's value). */
function checkSampleExpr(cc: CheckContext, st: Statement, i: number, offset: number, expr: string): void {
  if (cc.deferredAt(st, i) || expr === '' || cc.kb.fetches().length === 0) return;
  const plain = verbatimAt(st, i);
  const tokStart = st.tokenStart(i);
  const tokEnd = st.tokenEnd(i);
  // Most expressions are a single fetch (`src`, `hdr(host)`): no chain to split then, and no
  // part objects (nor a closure for the columns) for them.
  const chained = expr.includes(',');
  const parts = chained ? splitChain(expr) : undefined;
  const first = parts ? parts[0].text : expr;
  const paren = first.indexOf('(');
  const fetchName = paren < 0 ? first : first.slice(0, paren);
  if (fetchName === '' || fetchName.startsWith('lua.') || !isSampleName(fetchName)) return;
  if (!knownFetchMemo(cc.kb, fetchName)) {
    const sugg = suggest(fetchName, [...cc.kb.fetches(), ...(cc.kb.aclKeywords?.() ?? [])].map((f) => f.name));
    // The first part starts at the expression's start.
    const s = plain ? tokStart + offset : tokStart;
    const e = plain ? tokStart + offset + fetchName.length : tokEnd;
    cc.report('unknownFetch', st.line, s, e, { name: fetchName, hint: didYouMeanHint(sugg) + newerVersionHint('fetch', fetchName, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
    return;
  }
  if (!parts || cc.kb.converters().length === 0) return;
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k];
    const conv = p.text.replace(/\(.*$/s, '').trim();
    if (conv === '' || conv.startsWith('lua.') || cc.kb.converter(conv) !== undefined) continue;
    const sugg = suggest(conv, cc.kb.converters().map((c) => c.name));
    const s = plain ? tokStart + offset + p.offset : tokStart;
    const e = plain ? tokStart + offset + p.offset + conv.length : tokEnd;
    cc.report('unknownConverter', st.line, s, e, { name: conv, hint: didYouMeanHint(sugg) + newerVersionHint('converter', conv, cc.version) }, sugg.length ? { suggestions: sugg } : undefined);
  }
}
