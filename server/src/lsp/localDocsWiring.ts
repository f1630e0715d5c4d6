/**
 * The local HAProxy documentation (e.g. Debian's /usr/share/doc/haproxy/configuration.txt.gz)
 * offered in hovers, when the machine has it. Looked up once per server.
 */
import type { LocalDocsProvider } from '../service/haproxy/context';
import { createLocalDocsProvider } from '../node/localDocs';

export function createLocalDocs(): LocalDocsProvider | undefined {
  try {
    return createLocalDocsProvider();
  } catch {
    return undefined;
  }
}
