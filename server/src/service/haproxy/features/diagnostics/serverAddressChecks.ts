/**
 * Server addresses that can never resolve (`server s1 300.1.1.1:80`, a dotted quad with a part
 * above 255), in proxies and in peers sections. haproxy -c 2.6.12 refuses them ("could not resolve address '300.1.1.1'") unless
 * the server may start without an address: `init-addr … none` or `resolvers` on the line or on
 * a `default-server` it may inherit. That context spans sections, so this is a document-level
 * family (not a cached statement-local one); any such `default-server` in the file makes it a
 * warning, which never turns an accepted file into an error.
 */
import type { Statement } from '../../parser/model';
import { quotedAt, type CheckContext } from './reporter';
import { isOutOfRangeQuad, OUT_OF_RANGE_QUAD } from './valueSyntax';

const IPV4_PREFIX = /^ipv4@/i;

function toleratesUnresolved(words: readonly string[], from: number): boolean {
  for (let i = from; i < words.length; i++) {
    if (words[i] === 'resolvers') return true;
    if (words[i] === 'init-addr' && (words[i + 1] ?? '').split(',').includes('none')) return true;
  }
  return false;
}

export function checkServerAddresses(cc: CheckContext): void {
  const servers: [Statement, number][] = [];
  let inherited = false;
  for (const section of cc.doc.sections) {
    const proxy = section.kind === 'backend' || section.kind === 'listen';
    // A peers section's `server NAME ADDR` is a remote peer (without an address: the local one).
    const peers = section.kind === 'peers';
    if (!proxy && !peers && section.kind !== 'defaults') continue;
    for (const st of section.body) {
      const kw = st.keyword;
      if (kw === 'default-server' && toleratesUnresolved(cc.words(st), 1)) inherited = true;
      else if ((proxy || peers) && kw === 'server') servers.push([st, 2]);
      else if (proxy && kw === 'server-template') servers.push([st, 3]);
    }
  }
  for (const [st, index] of servers) {
    // Read through values and columns: no Token objects for the (many) server lines.
    if (index >= st.tokenCount || cc.deferredAt(st, index) || quotedAt(st, index)) continue;
    // Only the address is read: not every word of the line.
    const value = st.valueAt(index)!;
    // `ipv4@` prefix and `:port` suffix cut by index (two regex replaces per server line before).
    const prefix = IPV4_PREFIX.test(value) ? 5 : 0;
    const colon = value.lastIndexOf(':');
    const host = value.startsWith('[') ? '' : value.slice(prefix, colon < prefix ? value.length : colon);
    if (!isOutOfRangeQuad(host)) continue;
    const lenient = inherited || toleratesUnresolved(cc.words(st), index + 1);
    const start = st.tokenStart(index) + prefix;
    cc.report('invalidAddress', st.line, start, start + host.length, { value: host, name: st.values[0], reason: OUT_OF_RANGE_QUAD }, undefined, lenient ? 'warning' : undefined);
  }
}
