/**
 * The local HAProxy documentation (Debian's /usr/share/doc/haproxy/configuration.txt.gz)
 * offered in hovers. INTEGRATION POINT: server/src/node/localDocs.ts (owned by the hover
 * feature) has not landed yet; until then hovers carry only the built-in text.
 */
import type { LocalDocsProvider } from '../service/haproxy/context';

export function createLocalDocs(): LocalDocsProvider | undefined {
  return undefined;
}
