/**
 * `missing-file` for a client certificate a server inherits from `default-server … crt FILE`.
 * haproxy -c 2.6.12 loads it for every `server`/`server-template` below the line that uses TLS
 * and refuses the configuration when the file is missing ("'server be/s1' : unable to stat SSL
 * certificate from file …", on the server's line), measured:
 * - `default-server ssl crt F` then a plain `server`: refused; so is `default-server crt F` then
 *   `server … ssl`, and `default-server check-ssl crt F` (TLS for checks only);
 * - `default-server crt F` without `ssl`/`check-ssl` anywhere: accepted (nothing is loaded);
 * - a `crt` on the server's own line replaces the inherited one (certFileChecks.ts checks it);
 * - a later `default-server crt G` replaces F, while `ssl` accumulates; `default-server no-ssl`
 *   takes `ssl` back;
 * - the `default-server` of the `defaults` section a proxy uses applies to it; a new `defaults`
 *   section starts afresh; a disabled proxy loads nothing.
 * Not claimed (left unreported): a server line saying `no-ssl`/`no-check-ssl` (2.6.12 still
 * loads the file then, but that looks like an accident of its parser), TLS switched on by
 * `tcp-check connect ssl`, and relative paths without an absolute `crt-base`.
 */
import { walkOptions, type WalkedOption } from '../../knowledge/optionWalk';
import type { Statement } from '../../parser/model';
import type { FileProbe } from './certFileChecks';
import { DefaultsChain } from './defaultsChain';
import type { CheckContext } from './reporter';

/** What a server line inherits that matters here. */
interface Inherited {
  ssl: boolean;
  checkSsl: boolean;
  /** The inherited certificate: its absolute path (undefined when not judged) and where it was set. */
  crt?: { path: string | undefined; line: number };
}

const NONE: Inherited = { ssl: false, checkSsl: false };

/** Words that make a line worth walking (most server lines have none of them). */
const RELEVANT = /crt|ssl/;

/**
 * `resolvePath(value)` turns a `crt` value into the absolute path HAProxy opens at that point
 * of the file (the `crt-base` read so far), or undefined when it cannot be judged.
 */
export function checkInheritedCerts(cc: CheckContext, present: FileProbe, resolvePath: (st: Statement, at: number) => string | undefined, hasCrtStore: boolean): void {
  if (hasCrtStore) return;
  const chain = new DefaultsChain(NONE);
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind !== 'defaults' && kind !== 'backend' && kind !== 'listen') continue;
    let inherited = chain.start(section);
    let disabled: boolean | undefined;
    for (const st of section.body) {
      const kw = st.keyword;
      if (kw === 'default-server') {
        if (RELEVANT.test(st.text)) inherited = after(cc, st, inherited, walk(cc, st, 1), resolvePath);
        continue;
      }
      if (kind === 'defaults' || (kw !== 'server' && kw !== 'server-template') || !inherited.crt) continue;
      const own = walk(cc, st, kw === 'server' ? 3 : 4);
      if (own.some((o) => o.name === 'crt' || o.name === 'no-ssl' || o.name === 'no-check-ssl')) continue;
      const tls = inherited.ssl || inherited.checkSsl || own.some((o) => o.name === 'ssl' || o.name === 'check-ssl');
      const path = inherited.crt.path;
      if (!tls || path === undefined || present(path)) continue;
      if ((disabled ??= section.body.some((x) => x.keyword === 'disabled'))) break;
      cc.reportAt('missingFile', st, 1, {
        path,
        option: 'crt',
        meaning: `HAProxy cannot load the certificate this server inherits from 'default-server' (line ${inherited.crt.line + 1}) and refuses the configuration.`,
      });
    }
    chain.end(section, inherited);
  }
}

function walk(cc: CheckContext, st: Statement, first: number): WalkedOption[] {
  if (!RELEVANT.test(st.text)) return [];
  return walkOptions(cc.words(st), first, (n) => cc.kb.serverOption(n)?.argCount);
}

function after(cc: CheckContext, st: Statement, p: Inherited, options: readonly WalkedOption[], resolvePath: (st: Statement, at: number) => string | undefined): Inherited {
  let { ssl, checkSsl, crt } = p;
  for (const o of options) {
    if (o.name === 'ssl') ssl = true;
    else if (o.name === 'no-ssl') ssl = false;
    else if (o.name === 'check-ssl') checkSsl = true;
    else if (o.name === 'no-check-ssl') checkSsl = false;
    else if (o.name === 'crt' && o.index + 1 < st.tokenCount) {
      crt = { path: cc.deferredAt(st, o.index + 1) ? undefined : resolvePath(st, o.index + 1), line: st.line };
    }
  }
  return { ssl, checkSsl, crt };
}
