/**
 * Argument value checks for the keywords whose values HAProxy validates: times, sizes and
 * numbers, `mode` and `balance` values, and the addresses of `bind`, `server`, `peer`,
 * `nameserver` and `mailer` lines. Values that are only known later (buildout `${…}`,
 * environment variables in quotes) are never judged.
 */
import { suggest } from '../../../common/didYouMean';
import { balanceProblem } from '../../knowledge/balance';
import type { Section, Statement } from '../../parser/model';
import { checkBindOptions, checkServerOptions } from './paramChecks';
import { didYouMeanHint, lowerCase, verbatimAt, type CheckContext, type KeywordMatch } from './reporter';
import { checkAddress, checkSize, checkTime, isInteger, plainAddressOkIn, timeLeniency } from './valueSyntax';

/** Keywords whose first argument is a time (besides every `timeout <name>`). */
const TIME_KEYWORDS = new Set(['hard-stop-after', 'tcp-request inspect-delay', 'tcp-response inspect-delay', 'stats refresh', 'close-spread-time', 'grace']);
/** Integer keywords HAProxy reads strictly (it rejects garbage). */
const STRICT_INT = new Set(['nbthread']);
/** Integer keywords HAProxy reads with atol() (garbage silently becomes a number). */
const LAX_INT = new Set(['maxconn', 'fullconn', 'backlog', 'retries', 'maxconnrate', 'maxsessrate', 'maxsslconn', 'maxsslrate', 'maxpipes', 'ulimit-n']);
const FALLBACK_MODES = ['tcp', 'http'];
const FALLBACK_BALANCE = ['roundrobin', 'static-rr', 'leastconn', 'first', 'source', 'uri', 'url_param', 'hdr', 'random', 'rdp-cookie', 'hash'];

/** Value checks of one body statement, given its keyword match (if the keyword is known). */
export function checkStatementValues(cc: CheckContext, section: Section, st: Statement, m: KeywordMatch | undefined): void {
  if (st.tokenCount < 1) return;
  if (m) checkKeywordValues(cc, section, st, m.entry.name, m.wordCount);
  else checkSectionSpecific(cc, section, st);
}

/**
 * The value of token `index` when it exists and is known now (not a buildout or environment
 * substitution); read from the statement's values, so no Token object is built.
 */
function valueAt(cc: CheckContext, st: Statement, index: number): string | undefined {
  if (index >= st.tokenCount || cc.deferredAt(st, index)) return undefined;
  return st.valueAt(index);
}

function checkKeywordValues(cc: CheckContext, section: Section, st: Statement, name: string, wordCount: number): void {
  // The keyword is words[0]: no words are built for keywords without value checks.
  if (st.keyword === 'no') return;
  if (name.startsWith('timeout ') || TIME_KEYWORDS.has(name)) {
    const v = valueAt(cc, st, wordCount);
    if (v !== undefined) {
      const reason = checkTime(v);
      const lenient = reason ? timeLeniency(v) : undefined;
      if (reason) cc.reportAt('invalidTime', st, wordCount, { value: v, reason, extra: lenient?.extra }, undefined, lenient?.sev);
    }
    return;
  }
  if (STRICT_INT.has(name) || LAX_INT.has(name)) {
    const v = valueAt(cc, st, wordCount);
    if (v !== undefined && !isInteger(v)) {
      const lax = LAX_INT.has(name);
      const extra = lax ? ' HAProxy would silently read only its leading digits (or 0).' : '';
      cc.reportAt('invalidNumber', st, wordCount, { value: v, name, extra }, undefined, lax ? 'warning' : 'error');
    }
    return;
  }
  switch (name) {
    case 'mode':
      return checkEnum(cc, st, 'mode', wordCount, cc.kb.enumValues('mode') ?? FALLBACK_MODES);
    case 'balance': {
      const algorithms = cc.kb.enumValues('balance') ?? FALLBACK_BALANCE;
      checkEnum(cc, st, 'balance', wordCount, algorithms);
      // Case, `hdr(<name>)`, and the argument `hash`/`url_param` need (HAProxy refuses them otherwise).
      const v = valueAt(cc, st, wordCount);
      const p = v !== undefined ? balanceProblem(st.values.slice(wordCount), algorithms) : undefined;
      if (v !== undefined && p?.kind === 'value') cc.reportAt('unknownEnumValue', st, wordCount, { value: v, name: 'balance', hint: p.reason }, p.suggestion ? { suggestions: [p.suggestion] } : undefined);
      else if (v !== undefined && p) cc.reportAt('missingArgument', st, wordCount, { name: `balance ${v}`, expected: p.reason });
      return;
    }
    case 'bind':
      if (section.kind === 'frontend' || section.kind === 'listen' || section.kind === 'peers') checkBind(cc, st);
      return;
    case 'server':
      if (section.kind === 'backend' || section.kind === 'listen') return checkServer(cc, st, 1, 2, 3);
      if (section.kind === 'peers' && st.tokenCount > 2) return checkServer(cc, st, 1, 2, 3);
      return;
    case 'server-template':
      return checkServer(cc, st, 1, 3, 4);
    case 'default-server':
      return checkServerOptions(cc, st, 1);
    case 'stick-table':
      return checkStickTable(cc, st);
    case 'total-max-size':
      if (section.kind === 'cache') checkCacheSize(cc, st, wordCount);
      return;
    case 'peer':
    case 'nameserver':
    case 'mailer':
      return checkPlainAddress(cc, st, 2, 'peer');
  }
}

/** Statements the knowledge base did not match (placeholder data): still check the obvious. */
function checkSectionSpecific(cc: CheckContext, section: Section, st: Statement): void {
  const w = st.keyword;
  if (section.kind === 'peers' && w === 'peer') checkPlainAddress(cc, st, 2, 'peer');
}

/** Enumerated values (mode, balance …) per list, with their `(…)` parts removed, built once per list. */
const bareEnums = new WeakMap<readonly string[], Set<string>>();

function bareEnum(values: readonly string[]): Set<string> {
  let set = bareEnums.get(values);
  if (!set) bareEnums.set(values, (set = new Set(values.map((x) => x.replace(/\(.*$/s, '')))));
  return set;
}

function checkEnum(cc: CheckContext, st: Statement, name: string, index: number, values: readonly string[]): void {
  const value = valueAt(cc, st, index);
  if (value === undefined || values.length === 0) return;
  const paren = value.indexOf('(');
  const v = paren < 0 ? value : value.slice(0, paren);
  const known = bareEnum(values);
  if (known.has(v)) return;
  // HAProxy compares these names case-sensitively (`mode HTTP`: "unknown proxy mode").
  if (known.has(v.toLowerCase())) {
    const fixed = value.replace(v, v.toLowerCase());
    cc.reportAt('unknownEnumValue', st, index, { value, name, hint: ` HAProxy only knows it in lower case: '${fixed}'.` }, { suggestions: [fixed] });
    return;
  }
  const sugg = suggest(v, values);
  cc.reportAt('unknownEnumValue', st, index, { value, name, hint: didYouMeanHint(sugg) || ` Expected one of: ${values.join(', ')}.` }, sugg.length ? { suggestions: sugg } : undefined);
}

function checkBind(cc: CheckContext, st: Statement): void {
  // A plain `host:port` (no comma either) needs no string (see plainAddressInPlace).
  const v = plainAddressInPlace(cc, st, 1, 'bind') ? undefined : valueAt(cc, st, 1);
  if (v !== undefined) {
    if (!v.includes(',')) {
      if (v !== '') reportAddress(cc, st, 1, v, 'bind', 0);
    } else {
      let offset = 0;
      for (const part of v.split(',')) {
        if (part !== '') reportAddress(cc, st, 1, part, 'bind', offset);
        offset += part.length + 1;
      }
    }
  }
  checkBindOptions(cc, st, 2);
}

function checkServer(cc: CheckContext, st: Statement, _nameIndex: number, addrIndex: number, firstOption: number): void {
  // Nearly every server line: a plain `host:port` that no option name could be (no option name
  // has a colon), judged in place without slicing it (see plainAddressInPlace).
  if (plainAddressInPlace(cc, st, addrIndex, 'server')) {
    checkServerOptions(cc, st, firstOption);
    return;
  }
  const v = valueAt(cc, st, addrIndex);
  if (v !== undefined && cc.kb.serverOption(lowerCase(v))) {
    // `server name${x:addr} weight 1 …` (a missing space): the option took the address slot.
    cc.reportAt('invalidAddress', st, addrIndex, { value: v, name: st.values[0], reason: `this is a server option, so the server address is missing (is a space missing between the name and the address?)` });
    return;
  }
  if (v !== undefined) reportAddress(cc, st, addrIndex, v, 'server', 0);
  checkServerOptions(cc, st, firstOption);
}

/**
 * Whether word `index` of a plain statement is an address `checkAddress` accepts as it is, with a
 * colon (a server option name has none, so it is not an option in the address slot), read in
 * place: one string less per bind and server line.
 */
function plainAddressInPlace(cc: CheckContext, st: Statement, index: number, role: 'bind' | 'server'): boolean {
  if (!st.plain || index >= st.tokenCount || optionNameWithColon(cc)) return false;
  const text = st.text;
  const from = st.tokenStart(index);
  const to = st.tokenEnd(index);
  const colon = text.indexOf(':', from);
  return colon >= 0 && colon < to && plainAddressOkIn(text, from, to, role);
}

const colonOptions = new WeakMap<object, boolean>();

/** Whether some server option name of the target version has a colon (none has: then an address with one is no option). */
function optionNameWithColon(cc: CheckContext): boolean {
  let known = colonOptions.get(cc.kb);
  if (known === undefined) colonOptions.set(cc.kb, (known = cc.kb.serverOptions().some((e) => e.name.includes(':'))));
  return known;
}

function checkPlainAddress(cc: CheckContext, st: Statement, index: number, role: 'peer'): void {
  const v = valueAt(cc, st, index);
  if (v !== undefined) reportAddress(cc, st, index, v, role, 0);
}

/** `value` is token `index`'s value or, for a bind list, one comma-separated part of it at `offset`. */
function reportAddress(cc: CheckContext, st: Statement, index: number, value: string, role: 'bind' | 'server' | 'peer', offset: number): void {
  const p = checkAddress(value, { role, version: cc.version });
  if (!p) return;
  const plain = verbatimAt(st, index);
  const start = plain ? st.tokenStart(index) + offset : st.tokenStart(index);
  const end = plain ? start + value.length : st.tokenEnd(index);
  const name = st.values[0];
  if (p.kind === 'port') cc.report('invalidPort', st.line, start, end, { value, extra: ` (${p.reason})` }, undefined, p.warning ? 'warning' : undefined);
  else cc.report('invalidAddress', st.line, start, end, { value, name, reason: p.reason });
}

/**
 * `total-max-size <megabytes>` of a cache: haproxy -c 2.6.12 refuses anything but a whole number
 * ("total-max-size wrong value '4m'"), more than 4095 and 0, so each is an error.
 */
function checkCacheSize(cc: CheckContext, st: Statement, index: number): void {
  const v = valueAt(cc, st, index);
  if (v === undefined) return;
  const n = isInteger(v) ? Number(v) : NaN;
  if (n >= 1 && n <= 4095) return;
  const extra = ' HAProxy refuses it: the cache size is a whole number of megabytes from 1 to 4095.';
  cc.reportAt('invalidNumber', st, index, { value: v, name: 'total-max-size', extra }, undefined, 'error');
}

/** `stick-table type ip size 1m expire 30s …`: size and expire are parsed strictly. */
function checkStickTable(cc: CheckContext, st: Statement): void {
  const w = cc.words(st);
  for (let i = 1; i < st.tokenCount - 1; i++) {
    const v = valueAt(cc, st, i + 1);
    if (v === undefined) continue;
    if (w[i] === 'size') {
      const r = checkSize(v);
      if (r) cc.reportAt('invalidSize', st, i + 1, { value: v });
      i++;
    } else if (w[i] === 'expire') {
      const r = checkTime(v);
      const lenient = r ? timeLeniency(v) : undefined;
      if (r) cc.reportAt('invalidTime', st, i + 1, { value: v, extra: lenient?.extra }, undefined, lenient?.sev);
      i++;
    }
  }
}
