/**
 * The words of a `log <target> …` line. HAProxy reads them in a fixed order (log.c,
 * parse_logsrv in 2.6, parse_logger from 3.0; the same tests up to 3.4):
 *
 *   log global
 *   log <target> [len <n>] [format <fmt>] [sample <ranges>:<size>] [profile <name>] <facility> [<level> [<minlevel>]]
 *
 * (`profile` only from 3.2; before, the word is read as a facility and refused.) haproxy -c
 * 2.6.12 refuses the line when:
 * - there are fewer than two words after `log` and it is not `log global`: "expects <address>
 *   and <facility> or global as arguments" — `log local6` (the Plone handbook's line, meant
 *   for syslog on the local host) is the usual case;
 * - `len` is not 80 … 65535 (read like C's atoi): "invalid log length";
 * - `format` names no known format: "unknown log format";
 * - the facility is not one of the 24 syslog names: "unknown log facility 'local8'";
 * - a level is unknown: "unknown optional log level" / "… minimum log level";
 * - a word follows the minimum level: "cannot handle unexpected argument".
 * The same parser serves every section with `log` lines (global, proxies, peers, fcgi-app,
 * log-forward). Names are case-sensitive. The target itself (address, `ring@…`, `stdout`) and the
 * `sample` value are not judged here. A line with an environment variable or buildout
 * substitution is left alone: it may expand to any number of words.
 */
import { suggest } from '../../../common/didYouMean';
import { compareVersions } from '../../knowledge/removed';
import type { Statement } from '../../parser/model';
import { didYouMeanHint, type CheckContext } from './reporter';

const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'auth2', 'ftp',
  'ntp', 'audit', 'alert', 'cron2', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];
const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const FORMATS = ['local', 'rfc3164', 'rfc5424', 'priority', 'short', 'timed', 'iso', 'raw'];
const FACILITY_SET = new Set(FACILITIES);
const LEVEL_SET = new Set(LEVELS);
const FORMAT_SET = new Set(FORMATS);

/** Sections whose `log` lines this reads (lineArgChecks.ts dispatches to checkLog). */
export const LOG_SECTIONS: ReadonlySet<string> = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'fcgi-app', 'log-forward']);

/** Whether `log … profile <name>` exists (3.2 and later). */
export function logProfiles(cc: CheckContext): boolean {
  return compareVersions(cc.version, '3.2') >= 0;
}

/** C's atoi: optional blanks and sign, then the leading digits; 0 without any. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** One `log` line (`inGlobal`: in the global section, where `or global` is not offered). */
export function checkLog(cc: CheckContext, st: Statement, inGlobal: boolean, profiles: boolean): void {
  const n = st.tokenCount;
  for (let i = 1; i < n; i++) if (cc.deferredAt(st, i)) return;
  const v = (i: number) => (i < n ? st.valueAt(i)! : '');
  // A bare `log` is the generic missing-argument check's; `log global` in `global` is refused too, not judged here.
  if (n < 2 || (n === 2 && v(1) === 'global')) return;
  if (n < 3) {
    const expected = `a target and a facility (e.g. 'log 127.0.0.1:514 local0' or 'log stdout local0')${inGlobal ? '' : ", or 'global' to use the global section's log targets"}`;
    cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(n - 1), { name: 'log', expected });
    return;
  }
  let cur = 2;
  if (v(cur) === 'len') {
    if (cur + 1 >= n) return missingValue(cc, st, cur);
    const len = atoi(v(cur + 1));
    if (len < 80 || len > 65535) {
      cc.reportAt('invalidNumber', st, cur + 1, { value: v(cur + 1), name: 'log … len', extra: ' HAProxy accepts a length from 80 to 65535.' }, undefined, 'error');
      return;
    }
    cur += 2;
  }
  if (v(cur) === 'format') {
    if (cur + 1 >= n) return missingValue(cc, st, cur);
    if (!FORMAT_SET.has(v(cur + 1))) return unknown(cc, st, cur + 1, 'log … format', FORMATS);
    cur += 2;
  }
  // The sampling ranges are not judged here; the words after them still are.
  if (v(cur) === 'sample') cur += 2;
  if (profiles && v(cur) === 'profile') cur += 2;
  if (cur >= n) {
    cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(n - 1), { name: 'log', expected: 'a facility after the target and its options (e.g. local0)' });
    return;
  }
  if (!FACILITY_SET.has(v(cur))) {
    const extra = v(cur) === 'profile' ? " 'profile' needs HAProxy 3.2 or later." : '';
    return unknown(cc, st, cur, 'log … facility', FACILITIES, extra);
  }
  cur++;
  if (cur < n && !LEVEL_SET.has(v(cur))) return unknown(cc, st, cur, 'log … level', LEVELS);
  cur++;
  if (cur < n && !LEVEL_SET.has(v(cur))) return unknown(cc, st, cur, 'log … minimum level', LEVELS);
  cur++;
  if (cur < n) cc.reportAt('extraArgument', st, cur, { name: 'log', max: cur - 1, s: 's', extra: v(cur) }, undefined, 'error');
}

function missingValue(cc: CheckContext, st: Statement, i: number): void {
  cc.reportAt('missingOptionValue', st, i, { name: st.valueAt(i) });
}

function unknown(cc: CheckContext, st: Statement, i: number, name: string, known: readonly string[], extra = ''): void {
  const value = st.valueAt(i)!;
  // Names are lower-case: a capitalised one has exactly one suggestion.
  const lower = value.toLowerCase();
  const sugg = lower !== value && known.includes(lower) ? [lower] : suggest(value, known);
  cc.reportAt('unknownEnumValue', st, i, { value, name, hint: `${extra}${didYouMeanHint(sugg)}` }, sugg.length ? { suggestions: sugg } : undefined);
}
