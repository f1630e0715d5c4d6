/**
 * Content files that do not exist (`missing-file`, like certFileChecks.ts for certificates).
 * HAProxy reads them while it parses the line and refuses the configuration when one cannot be
 * opened (haproxy -c 2.6.12, also in a disabled proxy):
 * - `errorfile <code> <file>` in defaults, proxies and `http-errors` sections ("error opening
 *   file …");
 * - the `file`, `lf-file` and `errorfile` of an `http-request`/`http-response`/
 *   `http-after-response return` rule ("… while parsing 'http-request return' rule : error
 *   opening file …");
 * - `lua-load` and `lua-load-per-thread` in `global` ("cannot open … No such file").
 * None of them has a base directory: a relative path depends on where HAProxy starts, so only
 * absolute paths are checked, and only through the injected host (nothing without one).
 */
import type { Statement } from '../../parser/model';
import { wordIs, type CheckContext } from './reporter';
import type { FileProbe } from './certFileChecks';

const PROXY_KINDS = new Set(['defaults', 'frontend', 'backend', 'listen', 'http-errors']);
const RULE_SETS = new Set(['http-request', 'http-response', 'http-after-response']);
const RETURN_FILE_WORDS = new Set(['file', 'lf-file', 'errorfile']);

export function checkContentFiles(cc: CheckContext, present: FileProbe): void {
  const check = (st: Statement, at: number, what: string): void => {
    if (at >= st.tokenCount || cc.deferredAt(st, at)) return;
    const path = st.valueAt(at)!;
    if (!path.startsWith('/') || present(path)) return;
    cc.reportAt('missingFile', st, at, { path, option: what, meaning: `HAProxy cannot read the ${what} and refuses the configuration.` });
  };
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind === 'global') {
      for (const st of section.body) {
        if (st.keyword === 'lua-load' || st.keyword === 'lua-load-per-thread') check(st, 1, 'Lua script');
      }
      continue;
    }
    if (!PROXY_KINDS.has(kind)) continue;
    for (const st of section.body) {
      const kw = st.keyword;
      if (kw === 'errorfile') check(st, 2, 'error page');
      else if (RULE_SETS.has(kw) && st.tokenCount > 3 && wordIs(st, 1, 'return')) {
        // `return [status <code>] [content-type <type>] [default-errorfiles | errorfile <f> |
        // errorfiles <name> | file <f> | lf-file <f> | string <s> | lf-string <s>] [hdr <name>
        // <fmt>]* [if|unless …]`: walked pair by pair, so a header value is never a keyword.
        const words = st.words;
        for (let i = 2; i < st.tokenCount;) {
          const w = words[i];
          if (w === 'if' || w === 'unless') break;
          if (RETURN_FILE_WORDS.has(w)) {
            check(st, i + 1, 'response file');
            break;
          }
          i += w === 'hdr' ? 3 : w === 'default-errorfiles' ? 1 : 2;
        }
      }
    }
  }
}
