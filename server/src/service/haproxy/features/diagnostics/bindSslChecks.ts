/**
 * `bind … ssl` without any certificate. HAProxy prepares each SSL listener after parsing
 * (ssl_sock.c, ssl_sock_prepare_bind_conf, the same test from 2.6 to 3.4) and haproxy -c 2.6.12
 * refuses a frontend or listen whose `bind` line enables `ssl` but names no `crt` or `crt-list`:
 * "no SSL certificate specified for bind '…' (use 'crt')" — the usual slip when moving a
 * Plone site to https. With `strict-sni` it is only a warning; a 3.x `default-crt` or `ech`
 * provides certificates too; such lines are left alone. Whether the certificate files exist
 * needs the disk: not checked here. A `disabled` proxy is left alone (2.6.12 still refuses it, but
 * whether a version prepares disabled proxies is not checked here); a `bind`
 * in a backend is ignored by HAProxy (keyword-ignored). A line with an environment variable or
 * buildout substitution is left alone.
 */
import { walkOptions } from '../../knowledge/optionWalk';
import type { Section, Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

/** Words after which HAProxy has (or does not need) a certificate. */
const PROVIDES = new Set(['crt', 'crt-list', 'default-crt', 'strict-sni', 'ech']);

/** One `bind` line of a frontend or listen (lineArgChecks.ts calls it for lines mentioning ssl). */
export function checkBindSsl(cc: CheckContext, st: Statement, section: Section): void {
  const n = st.tokenCount;
  if (n < 3) return;
  const words = st.words;
  for (let i = 1; i < n; i++) if (PROVIDES.has(words[i]) || cc.deferredAt(st, i)) return;
  const ssl = walkOptions(words, 2, (name) => cc.kb.bindOption(name)?.argCount).find((o) => o.name === 'ssl');
  if (!ssl || section.body.some((x) => x.keyword === 'disabled')) return;
  cc.reportAt('missingArgument', st, ssl.index, { name: 'bind … ssl', expected: "a certificate: 'crt <file or directory>' or 'crt-list <file>' on the same line" });
}
