/**
 * `bind` and `server`/`default-server` options (configuration.txt §5.1/§5.2). Each option
 * consumes a known number of argument words, so an unknown option stops the scan: we cannot
 * tell where its arguments end, and guessing would produce follow-on false errors.
 */
import { suggest } from '../../../common/didYouMean';
import { newerVersionHint } from '../../knowledge/index';
import { checkWithTrack, walkOptions } from '../../knowledge/optionWalk';
import type { ParamEntry } from '../../knowledge/types';
import type { Statement } from '../../parser/model';
import { didYouMeanHint, type CheckContext, type RawReport } from './reporter';
import { checkPortSpec, checkTime, isDigits, timeLeniency } from './valueSyntax';

const SERVER_TIME_OPTIONS = new Set(['inter', 'fastinter', 'downinter', 'slowstart', 'agent-inter', 'pool-purge-delay']);

function lookup(find: (n: string) => ParamEntry | undefined, name: string): ParamEntry | undefined {
  const direct = find(name);
  if (direct) return direct;
  // Boolean options can be negated as `no-<option>` (e.g. `no-check`, `no-ssl`, `no-backup`).
  if (name.startsWith('no-')) {
    const e = find(name.slice(3));
    if (e && e.argCount === 0) return e;
  }
  return undefined;
}

/** What the scan needs to know of one word: its option entry and its removed/deprecated record. */
interface OptionPlan {
  entry: ParamEntry | undefined;
  life: ReturnType<CheckContext['lifecycleOf']>;
}

/**
 * Per option list (one per knowledge base and kind): the plan of each word seen. Both halves are
 * pure functions of the knowledge base and the word, and the same words (`check`, `inter`,
 * `2s`, `weight` …) come back on every server line; looking them up again (two maps, a
 * `no-` retry, a version compare) was most of the option scan. Bounded: words are user text.
 */
const planCache = new WeakMap<readonly ParamEntry[], Map<string, OptionPlan>>();
const PLAN_LIMIT = 4096;

function optionPlan(cc: CheckContext, all: readonly ParamEntry[], find: (n: string) => ParamEntry | undefined, what: 'bind-option' | 'server-option', name: string): OptionPlan {
  let plans = planCache.get(all);
  if (!plans) planCache.set(all, (plans = new Map()));
  let plan = plans.get(name);
  if (plan === undefined) {
    if (plans.size >= PLAN_LIMIT) plans.clear();
    plan = { entry: lookup(find, name), life: cc.lifecycleOf(what, name) };
    plans.set(name, plan);
  }
  return plan;
}

/**
 * The reports of `scan` for the options of a plain line, by the text from the first option on
 * (columns relative to it), per option list. The scan is a pure function of that text and the
 * knowledge base, and option tails repeat: the servers of a backend usually share theirs
 * (`check inter 2s fall 3 rise 2 …`). A repeated tail costs a slice and a Map lookup instead of
 * building the line's words and looking each option up. Only while statement-local checks
 * collect reports (`cc.sink`). Bounded: tails are user text.
 */
const tailCache = new WeakMap<readonly ParamEntry[], Map<string, RawReport[]>>();

function scanTail(cc: CheckContext, st: Statement, from: number, server: boolean): void {
  const all = server ? cc.kb.serverOptions() : cc.kb.bindOptions();
  const sink = cc.sink;
  if (sink === undefined || !st.plain || from >= st.tokenCount || all.length === 0) {
    scanWith(cc, st, from, all, server);
    return;
  }
  const tailStart = st.tokenStart(from);
  const tail = st.text.slice(tailStart);
  let memo = tailCache.get(all);
  if (!memo) tailCache.set(all, (memo = new Map()));
  const known = memo.get(tail);
  if (known !== undefined) {
    for (const r of known) sink.push({ ...r, family: cc.family, start: r.start + tailStart, end: r.end + tailStart });
    return;
  }
  const before = sink.length;
  scanWith(cc, st, from, all, server);
  const made: RawReport[] = [];
  for (let k = before; k < sink.length; k++) made.push({ ...sink[k], start: sink[k].start - tailStart, end: sink[k].end - tailStart });
  if (memo.size >= 4096) memo.clear();
  memo.set(tail, made);
}

/** The scan of server or bind options; its two closures are made only here, on a tail not seen yet (not for every line). */
function scanWith(cc: CheckContext, st: Statement, from: number, all: readonly ParamEntry[], server: boolean): void {
  if (server) scan(cc, st, from, all, (n) => cc.kb.serverOption(n), 'unknownServerOption', (option, index) => checkServerOptionValue(cc, st, option, index));
  else scan(cc, st, from, all, (n) => cc.kb.bindOption(n), 'unknownBindOption');
}

function scan(
  cc: CheckContext,
  st: Statement,
  from: number,
  all: readonly ParamEntry[],
  find: (n: string) => ParamEntry | undefined,
  unknownKey: 'unknownBindOption' | 'unknownServerOption',
  onValue?: (option: string, index: number) => void,
): void {
  // Without option data (placeholder knowledge) every option would look unknown.
  if (all.length === 0) return;
  // Tokens are read by index (values, lower-cased words, columns): no Token objects per option.
  const count = st.tokenCount;
  // A line whose words are all lower-case ASCII (nearly all) has its option words read one by
  // one: their arguments and the words before the options are never cut out of the line.
  const lower = st.asciiLower;
  const words = lower ? undefined : st.words;
  const values = lower ? undefined : st.values;
  for (let i = from; i < count; i++) {
    if (cc.deferredAt(st, i)) return;
    // `set-proxy-v2-tlv-fmt(0xE1) <fmt>`: a parametrised option is listed without its argument.
    // (The statement's lower-cased words: no new string per word of every bind/server line.)
    const word = words ? words[i] : st.valueAt(i)!;
    const paren = word.indexOf('(');
    const name = paren < 0 ? word : word.slice(0, paren);
    const { entry, life } = optionPlan(cc, all, find, unknownKey === 'unknownBindOption' ? 'bind-option' : 'server-option', name);
    if (life) {
      const key = life.status === 'removed' ? 'removedKeyword' : 'deprecatedKeyword';
      cc.reportAt(key, st, i, { name: values ? values[i] : word, removed: life.entry.removed, deprecated: life.entry.deprecated, advice: life.entry.advice });
      if (!entry) return;
    } else if (entry?.deprecated) {
      cc.reportAt('deprecatedKeyword', st, i, { name: values ? values[i] : word, deprecated: entry.deprecated, advice: entry.replacement ? `Use '${entry.replacement}' instead.` : '' });
    }
    // A word that cannot be an option name (an address, number, path) is the value of an
    // option whose argument count varies (`source 10.0.0.1 usesrc client`): skip it.
    if (!entry && !/^[a-z][a-z0-9_.-]*$/.test(name)) continue;
    // HAProxy matches option names case-sensitively: haproxy -c 2.6.12 refuses `Observe layer7`
    // ("unknown keyword 'Observe'; did you mean 'observe' maybe ?"), on bind lines too. The
    // lower-cased words hide the capital, so the written value is compared with the word.
    if (entry && values && values[i] !== word) {
      const raw = values[i];
      const rawParen = raw.indexOf('(');
      const rawName = rawParen < 0 ? raw : raw.slice(0, rawParen);
      if (rawName !== name) {
        const fixed = name + (rawParen < 0 ? '' : raw.slice(rawParen));
        cc.reportAt(unknownKey, st, i, { name: rawName, hint: ` HAProxy option names are case-sensitive: write '${name}'.` }, { suggestions: [fixed] });
        return;
      }
    }
    if (!entry) {
      const sugg = suggest(name, all.map((e) => e.name));
      const later = newerVersionHint(unknownKey === 'unknownBindOption' ? 'bind' : 'server', name, cc.version);
      cc.reportAt(unknownKey, st, i, { name: values ? values[i] : word, hint: didYouMeanHint(sugg) + later }, sugg.length ? { suggestions: sugg } : undefined);
      return;
    }
    const n = entry.argCount;
    // HAProxy's parser for `set-proxy-v2-tlv-fmt(<id>)` stores an empty format when the value is missing.
    if (n > 0 && i + n >= count && name !== 'set-proxy-v2-tlv-fmt') {
      cc.reportAt('missingOptionValue', st, i, { name: values ? values[i] : word });
      return;
    }
    if (n > 0 && onValue && i + 1 < count && !cc.deferredAt(st, i + 1)) onValue(name, i + 1);
    i += n;
  }
}

export function checkBindOptions(cc: CheckContext, st: Statement, from: number): void {
  scanTail(cc, st, from, false);
}

export function checkServerOptions(cc: CheckContext, st: Statement, from: number): void {
  // `check` with `track` on one line (a text test first: most server lines have no track).
  if (st.text.includes('track')) {
    const words = st.words;
    const at = words[0] === 'default-server' ? undefined : checkWithTrack(walkOptions(words, from, (n) => cc.kb.serverOption(n)?.argCount));
    if (at !== undefined) cc.reportAt('checkWithTrack', st, at, { name: st.values[1] ?? 'server' });
  }
  scanTail(cc, st, from, true);
}

/** The value of a server option that takes one (times, ports, weights, rise/fall counts). */
function checkServerOptionValue(cc: CheckContext, st: Statement, option: string, index: number): void {
  const value = st.valueAt(index)!;
  if (SERVER_TIME_OPTIONS.has(option)) {
    const lenient = checkTime(value) ? timeLeniency(value) : undefined;
    if (checkTime(value)) cc.reportAt('invalidTime', st, index, { value, extra: lenient?.extra }, undefined, lenient?.sev);
  } else if (option === 'port' || option === 'agent-port') {
    const r = checkPortSpec(value, false, false);
    if (r) cc.reportAt('invalidPort', st, index, { value, extra: ` (${r})` });
  } else if (option === 'weight') {
    if (!isDigits(value) || Number(value) > 256) {
      cc.reportAt('invalidNumber', st, index, { value, name: 'weight', extra: ' A weight is a whole number from 0 to 256.' }, undefined, 'error');
    }
  } else if (option === 'rise' || option === 'fall') {
    if (!isDigits(value) || Number(value) < 1) {
      cc.reportAt('invalidNumber', st, index, { value, name: option, extra: ' It must be a whole number above 0.' }, undefined, 'error');
    }
  }
}
