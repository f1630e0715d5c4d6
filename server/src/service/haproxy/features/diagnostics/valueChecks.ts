/**
 * Argument value checks for the keywords whose values HAProxy validates: times, sizes and
 * numbers, `mode` and `balance` values, and the addresses of `bind`, `server`, `peer`,
 * `nameserver` and `mailer` lines. Values that are only known later (buildout `${…}`,
 * environment variables in quotes) are never judged.
 */
import { suggest } from '../../../common/didYouMean';
import { balanceProblem } from '../../knowledge/balance';
import type { Section, Statement, Token } from '../../parser/model';
import { checkBindOptions, checkServerOptions } from './paramChecks';
import { didYouMeanHint, type CheckContext, type KeywordMatch } from './reporter';
import { checkAddress, checkSize, checkTime, isInteger, timeLeniency } from './valueSyntax';

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
  if (st.tokens.length < 1) return;
  if (m) checkKeywordValues(cc, section, st, m.entry.name, m.wordCount);
  else checkSectionSpecific(cc, section, st);
}

function valueTok(cc: CheckContext, st: Statement, index: number): Token | undefined {
  const t = st.tokens[index];
  if (!t || cc.isDeferred(t)) return undefined;
  return t;
}

function checkKeywordValues(cc: CheckContext, section: Section, st: Statement, name: string, wordCount: number): void {
  const words = cc.words(st);
  if (words[0] === 'no') return;
  if (name.startsWith('timeout ') || TIME_KEYWORDS.has(name)) {
    const t = valueTok(cc, st, wordCount);
    if (t) {
      const reason = checkTime(t.value);
      const lenient = reason ? timeLeniency(t.value) : undefined;
      if (reason) cc.reportToken('invalidTime', st, t, { value: t.value, reason, extra: lenient?.extra }, undefined, lenient?.sev);
    }
    return;
  }
  if (STRICT_INT.has(name) || LAX_INT.has(name)) {
    const t = valueTok(cc, st, wordCount);
    if (t && !isInteger(t.value)) {
      const lax = LAX_INT.has(name);
      const extra = lax ? ' HAProxy would silently read only its leading digits (or 0).' : '';
      cc.reportToken('invalidNumber', st, t, { value: t.value, name, extra }, undefined, lax ? 'warning' : 'error');
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
      const t = valueTok(cc, st, wordCount);
      const p = t ? balanceProblem(st.tokens.slice(wordCount).map((x) => x.value), algorithms) : undefined;
      if (t && p?.kind === 'value') cc.reportToken('unknownEnumValue', st, t, { value: t.value, name: 'balance', hint: p.reason }, p.suggestion ? { suggestions: [p.suggestion] } : undefined);
      else if (t && p) cc.reportToken('missingArgument', st, t, { name: `balance ${t.value}`, expected: p.reason });
      return;
    }
    case 'bind':
      if (section.kind === 'frontend' || section.kind === 'listen' || section.kind === 'peers') checkBind(cc, st);
      return;
    case 'server':
      if (section.kind === 'backend' || section.kind === 'listen') return checkServer(cc, st, 1, 2, 3);
      if (section.kind === 'peers' && st.tokens.length > 2) return checkServer(cc, st, 1, 2, 3);
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
  const w = cc.words(st)[0];
  if (section.kind === 'peers' && w === 'peer') checkPlainAddress(cc, st, 2, 'peer');
}

function checkEnum(cc: CheckContext, st: Statement, name: string, index: number, values: readonly string[]): void {
  const t = valueTok(cc, st, index);
  if (!t || values.length === 0) return;
  const v = t.value.replace(/\(.*$/s, '');
  if (values.some((x) => x.replace(/\(.*$/s, '') === v)) return;
  // HAProxy compares these names case-sensitively (`mode HTTP`: "unknown proxy mode").
  if (values.some((x) => x.replace(/\(.*$/s, '') === v.toLowerCase())) {
    const fixed = t.value.replace(v, v.toLowerCase());
    cc.reportToken('unknownEnumValue', st, t, { value: t.value, name, hint: ` HAProxy only knows it in lower case: '${fixed}'.` }, { suggestions: [fixed] });
    return;
  }
  const sugg = suggest(v, values);
  cc.reportToken('unknownEnumValue', st, t, { value: t.value, name, hint: didYouMeanHint(sugg) || ` Expected one of: ${values.join(', ')}.` }, sugg.length ? { suggestions: sugg } : undefined);
}

function checkBind(cc: CheckContext, st: Statement): void {
  const t = valueTok(cc, st, 1);
  if (t) {
    let offset = 0;
    for (const part of t.value.split(',')) {
      if (part !== '') reportAddress(cc, st, t, part, 'bind', offset);
      offset += part.length + 1;
    }
  }
  checkBindOptions(cc, st, 2);
}

function checkServer(cc: CheckContext, st: Statement, _nameIndex: number, addrIndex: number, firstOption: number): void {
  const t = valueTok(cc, st, addrIndex);
  if (t && cc.kb.serverOption(t.value.toLowerCase())) {
    // `server name${x:addr} weight 1 …` (a missing space): the option took the address slot.
    cc.reportToken('invalidAddress', st, t, { value: t.value, name: st.tokens[0].value, reason: `this is a server option, so the server address is missing (is a space missing between the name and the address?)` });
    return;
  }
  if (t) reportAddress(cc, st, t, t.value, 'server', 0);
  checkServerOptions(cc, st, firstOption);
}

function checkPlainAddress(cc: CheckContext, st: Statement, index: number, role: 'peer'): void {
  const t = valueTok(cc, st, index);
  if (t) reportAddress(cc, st, t, t.value, role, 0);
}

function reportAddress(cc: CheckContext, st: Statement, t: Token, value: string, role: 'bind' | 'server' | 'peer', offset: number): void {
  const p = checkAddress(value, { role, version: cc.version });
  if (!p) return;
  const plain = t.text === t.value;
  const start = plain ? t.start + offset : t.start;
  const end = plain ? start + value.length : t.end;
  const name = st.tokens[0].value;
  if (p.kind === 'port') cc.report('invalidPort', st.line, start, end, { value, extra: ` (${p.reason})` }, undefined, p.warning ? 'warning' : undefined);
  else cc.report('invalidAddress', st.line, start, end, { value, name, reason: p.reason });
}

/**
 * `total-max-size <megabytes>` of a cache: haproxy -c 2.6.12 refuses anything but a whole number
 * ("total-max-size wrong value '4m'"), more than 4095 and 0, so each is an error.
 */
function checkCacheSize(cc: CheckContext, st: Statement, index: number): void {
  const t = valueTok(cc, st, index);
  if (!t) return;
  const n = isInteger(t.value) ? Number(t.value) : NaN;
  if (n >= 1 && n <= 4095) return;
  const extra = ' HAProxy refuses it: the cache size is a whole number of megabytes from 1 to 4095.';
  cc.reportToken('invalidNumber', st, t, { value: t.value, name: 'total-max-size', extra }, undefined, 'error');
}

/** `stick-table type ip size 1m expire 30s …`: size and expire are parsed strictly. */
function checkStickTable(cc: CheckContext, st: Statement): void {
  const w = cc.words(st);
  for (let i = 1; i < st.tokens.length - 1; i++) {
    const t = valueTok(cc, st, i + 1);
    if (!t) continue;
    if (w[i] === 'size') {
      const r = checkSize(t.value);
      if (r) cc.reportToken('invalidSize', st, t, { value: t.value });
      i++;
    } else if (w[i] === 'expire') {
      const r = checkTime(t.value);
      const lenient = r ? timeLeniency(t.value) : undefined;
      if (r) cc.reportToken('invalidTime', st, t, { value: t.value, extra: lenient?.extra }, undefined, lenient?.sev);
      i++;
    }
  }
}
