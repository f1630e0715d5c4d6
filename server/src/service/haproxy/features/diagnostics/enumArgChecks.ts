/**
 * Keywords and server options whose words come from a short fixed list, compared
 * case-sensitively, where HAProxy refuses anything else (the same lists from 2.6 to 3.4 unless
 * noted; haproxy -c 2.6.12's words in quotes):
 * - `http-reuse never|safe|aggressive|always` ("'http-reuse' only supports 'never', 'safe', …");
 * - `hash-type consistent|map-based [sdbm|djb2|wt6|crc32 [avalanche]]` (`none` as function from
 *   3.0; "only supports 'consistent' and 'map-based'", "only supports 'sdbm', 'djb2', …",
 *   "only supports 'avalanche' as a modifier");
 * - `option httplog [clf]` ("keyword 'httplog' only supports option 'clf'");
 * - `option forwardfor [except <net>] [header <name>] [if-none]` and `option originalto [except
 *   <net>] [header <name>]`: another word ("only supports optional values: 'except', 'header' and
 *   'if-none'") or `except`/`header` last ("expects <address>[/mask] as argument"). Whether the
 *   network is valid is not judged (HAProxy resolves host names there);
 * - `compression algo|algo-res|algo-req <name>…` with `identity`, `deflate`, `raw-deflate`, `gzip`
 *   (whether a build has the last three depends on zlib/libslz; no build has others: "'brotli' is
 *   not a supported algorithm");
 * - server and default-server options `observe none|layer4|layer7`, `on-error
 *   fastinter|fail-check|sudden-death|mark-down`, `on-marked-down shutdown-sessions`,
 *   `on-marked-up shutdown-backup-sessions` ("'observe' expects one of 'none', 'layer4', …").
 * Only proxies that can use them are read (no frontend for http-reuse/hash-type: HAProxy warns
 * and ignores there). Words with an environment variable or buildout substitution are left alone.
 */
import { suggest } from '../../../common/didYouMean';
import { walkOptions } from '../../knowledge/optionWalk';
import { compareVersions } from '../../knowledge/removed';
import type { Statement } from '../../parser/model';
import { didYouMeanHint, type CheckContext } from './reporter';

const REUSE = ['never', 'safe', 'aggressive', 'always'];
const HASH_TYPES = ['consistent', 'map-based'];
const HASH_FUNCTIONS = ['sdbm', 'djb2', 'wt6', 'crc32'];
const COMPRESSION = ['identity', 'deflate', 'raw-deflate', 'gzip'];
const COMPRESSION_LISTS = new Set(['algo', 'algo-res', 'algo-req']);
const SERVER_ENUMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['observe', ['none', 'layer4', 'layer7']],
  ['on-error', ['fastinter', 'fail-check', 'sudden-death', 'mark-down']],
  ['on-marked-down', ['shutdown-sessions']],
  ['on-marked-up', ['shutdown-backup-sessions']],
]);
/** The option names above, as a text test for server lines (most name none of them). */
const SERVER_ENUM_TEXT = /observe|on-error|on-marked-/;

/** One `http-reuse`, `hash-type`, `compression` or `option` line of a proxy that can balance (not a frontend). */
export function checkEnumKeyword(cc: CheckContext, st: Statement, kw: string): void {
  const n = st.tokenCount;
  for (let i = 1; i < n; i++) if (cc.deferredAt(st, i)) return;
  if (kw === 'http-reuse') {
    if (n >= 2 && !REUSE.includes(st.valueAt(1)!)) unknown(cc, st, 1, 'http-reuse', REUSE);
  } else if (kw === 'hash-type') {
    if (n < 2) return;
    const type = st.valueAt(1)!;
    if (!HASH_TYPES.includes(type)) {
      const hint = type === 'avalanche' ? " 'avalanche' alone is no longer supported: write 'hash-type map-based sdbm avalanche'." : '';
      return unknown(cc, st, 1, 'hash-type', HASH_TYPES, hint);
    }
    const functions = compareVersions(cc.version, '3.0') >= 0 ? [...HASH_FUNCTIONS, 'none'] : HASH_FUNCTIONS;
    if (n >= 3 && !functions.includes(st.valueAt(2)!)) return unknown(cc, st, 2, 'hash-type … function', functions);
    if (n >= 4 && st.valueAt(3) !== 'avalanche') unknown(cc, st, 3, 'hash-type … modifier', ['avalanche']);
  } else if (kw === 'compression') {
    if (n < 3 || !COMPRESSION_LISTS.has(st.valueAt(1)!)) return;
    for (let i = 2; i < n; i++) if (!COMPRESSION.includes(st.valueAt(i)!)) return unknown(cc, st, i, `compression ${st.valueAt(1)}`, COMPRESSION);
  } else if (kw === 'option' && n >= 3 && st.valueAt(1) === 'httplog' && st.valueAt(2) !== 'clf') {
    unknown(cc, st, 2, 'option httplog', ['clf']);
  } else if (kw === 'option' && n >= 3 && (st.valueAt(1) === 'forwardfor' || st.valueAt(1) === 'originalto')) {
    checkForwardFor(cc, st, st.valueAt(1)!);
  }
}

/** The words after `option forwardfor` / `option originalto`, read in HAProxy's loop. */
function checkForwardFor(cc: CheckContext, st: Statement, option: string): void {
  const n = st.tokenCount;
  const words = option === 'forwardfor' ? ['except', 'header', 'if-none'] : ['except', 'header'];
  for (let i = 2; i < n; i++) {
    const w = st.valueAt(i)!;
    if (w === 'except' || w === 'header') {
      if (i + 1 >= n) return cc.reportAt('missingOptionValue', st, i, { name: w });
      i++;
    } else if (!(w === 'if-none' && option === 'forwardfor')) {
      return unknown(cc, st, i, `option ${option}`, words);
    }
  }
}

/** A `server` or `default-server` line: the values of the enumerated options. */
export function checkServerEnums(cc: CheckContext, st: Statement, first: number): void {
  if (!SERVER_ENUM_TEXT.test(st.text)) return;
  const n = st.tokenCount;
  for (const o of walkOptions(st.words, first, (name) => cc.kb.serverOption(name)?.argCount)) {
    const allowed = SERVER_ENUMS.get(o.name);
    const at = o.index + 1;
    if (!allowed || at >= n || cc.deferredAt(st, at)) continue;
    if (!allowed.includes(st.valueAt(at)!)) unknown(cc, st, at, o.name, allowed);
  }
}

function unknown(cc: CheckContext, st: Statement, i: number, name: string, known: readonly string[], extra = ''): void {
  const value = st.valueAt(i)!;
  const lower = value.toLowerCase();
  const sugg = lower !== value && known.includes(lower) ? [lower] : suggest(value, known);
  const list = ` It takes ${known.map((k) => `'${k}'`).join(', ')}.`;
  cc.reportAt('unknownEnumValue', st, i, { value, name, hint: `${extra}${sugg.length ? didYouMeanHint(sugg) : list}` }, sugg.length ? { suggestions: sugg } : undefined);
}
