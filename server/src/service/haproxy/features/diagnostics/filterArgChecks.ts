/**
 * The words after `filter spoe` (the filter name itself is gatedFeatureChecks.ts' business).
 * HAProxy's SPOE filter reads `config <file>` and `engine <name>`, in any order, and refuses the
 * line before it opens any file (flt_spoe.c, the same from 2.6 to 3.4), as haproxy -c 2.6.12 shows:
 * - without `config`: "'spoe' : missing config file";
 * - `config` or `engine` last on the line: "'config' option without value";
 * - any other word (the names are case-sensitive): "unknown keyword 'CONFIG'".
 * `filter cache` needs the cache's name ("cache : expects a <name> argument", 2.6 to 3.4).
 * What the file then holds needs the file: not checked here. A line with an environment
 * variable or buildout substitution is left alone (it may expand to several words or none).
 */
import type { Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

const SPOE_OPTIONS = new Set(['config', 'engine']);

/** One `filter` line of a frontend, backend or listen (lineArgChecks.ts calls it). */
export function checkFilterLine(cc: CheckContext, st: Statement): void {
  const name = st.valueAt(1);
  if (name === 'spoe') checkSpoe(cc, st);
  else if (name === 'cache' && st.tokenCount === 2) {
    cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(1), { name: 'filter cache', expected: "the name of a 'cache' section" });
  }
}

function checkSpoe(cc: CheckContext, st: Statement): void {
  const n = st.tokenCount;
  for (let i = 2; i < n; i++) if (cc.deferredAt(st, i)) return;
  let config = false;
  for (let i = 2; i < n; i += 2) {
    const w = st.valueAt(i)!;
    if (!SPOE_OPTIONS.has(w)) {
      cc.reportAt('unknownEnumValue', st, i, { value: w, name: 'filter spoe', hint: " It takes 'config <file>' and 'engine <name>'." });
      return;
    }
    if (i + 1 >= n) {
      cc.reportAt('missingOptionValue', st, i, { name: w });
      return;
    }
    if (w === 'config') config = true;
  }
  if (!config) cc.report('missingArgument', st.line, st.tokenStart(0), st.tokenEnd(1), { name: 'filter spoe', expected: "'config <file>' (the SPOE configuration file)" });
}
