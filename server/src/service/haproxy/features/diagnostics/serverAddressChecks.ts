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
import { isOutOfRangeQuadIn, OUT_OF_RANGE_QUAD } from './valueSyntax';

/** `text` has `ipv4@` (any case) at `at`, read in place. */
function ipv4PrefixAt(text: string, at: number, to: number): boolean {
  if (to - at < 5 || text.charCodeAt(at + 4) !== 0x40 /* @ */ || text.charCodeAt(at + 3) !== 0x34 /* 4 */) return false;
  return ((text.charCodeAt(at) | 0x20) === 0x69 && (text.charCodeAt(at + 1) | 0x20) === 0x70 && (text.charCodeAt(at + 2) | 0x20) === 0x76);
}

function toleratesUnresolved(words: readonly string[], from: number): boolean {
  for (let i = from; i < words.length; i++) {
    if (words[i] === 'resolvers') return true;
    if (words[i] === 'init-addr' && (words[i + 1] ?? '').split(',').includes('none')) return true;
  }
  return false;
}

export function checkServerAddresses(cc: CheckContext): void {
  // Two walks instead of a list of the server lines (a pair per line was most of this family's
  // allocation): first whether any default-server tolerates an unresolved address, then the servers.
  let inherited = false;
  for (let si = 0, sections = cc.doc.sections; si < sections.length; si++) {
    const section = sections[si];
    if (!serverSection(section.kind) && section.kind !== 'defaults') continue;
    for (let bi = 0, body = section.body; bi < body.length; bi++) {
      const st = body[bi];
      if (st.keyword === 'default-server' && toleratesUnresolved(cc.words(st), 1)) inherited = true;
    }
  }
  for (let si = 0, sections = cc.doc.sections; si < sections.length; si++) {
    const section = sections[si];
    const proxy = section.kind === 'backend' || section.kind === 'listen';
    // A peers section's `server NAME ADDR` is a remote peer (without an address: the local one).
    if (!proxy && section.kind !== 'peers') continue;
    for (let bi = 0, body = section.body; bi < body.length; bi++) {
      const st = body[bi];
      const kw = st.keyword;
      if (kw === 'server') checkServerAddress(cc, st, 2, inherited);
      else if (proxy && kw === 'server-template') checkServerAddress(cc, st, 3, inherited);
    }
  }
}

function serverSection(kind: string): boolean {
  return kind === 'backend' || kind === 'listen' || kind === 'peers';
}

function checkServerAddress(cc: CheckContext, st: Statement, index: number, inherited: boolean): void {
  // Read through columns: no Token objects, and no string unless there is something to report.
  if (index >= st.tokenCount || cc.deferredAt(st, index) || quotedAt(st, index)) return;
  let from: number;
  let to: number;
  let text: string;
  if (st.plain) {
    // The address in place in the line: its value is its text.
    text = st.text;
    from = st.tokenStart(index);
    to = st.tokenEnd(index);
  } else {
    text = st.valueAt(index)!;
    from = 0;
    to = text.length;
  }
  if (text.charCodeAt(from) === 0x5b /* [ */) return;
  // `ipv4@` prefix and `:port` suffix cut by index (two regex replaces per server line before).
  const prefix = ipv4PrefixAt(text, from, to) ? 5 : 0;
  const colon = text.lastIndexOf(':', to - 1);
  const hostEnd = colon < from + prefix ? to : colon;
  if (!isOutOfRangeQuadIn(text, from + prefix, hostEnd)) return;
  const host = text.slice(from + prefix, hostEnd);
  const lenient = inherited || toleratesUnresolved(cc.words(st), index + 1);
  const start = st.tokenStart(index) + prefix;
  cc.report('invalidAddress', st.line, start, start + host.length, { value: host, name: st.values[0], reason: OUT_OF_RANGE_QUAD }, undefined, lenient ? 'warning' : undefined);
}
