/**
 * `check` inherited from `default-server` on a server that tracks another (`default-server check`
 * in `defaults` or in the proxy, then `server s2 … track s1`): haproxy -c 2.6.12 refuses it like
 * a `check` on the line itself ("unable to enable checks and tracking at the same time!"). The
 * line-local case is a statement check (paramChecks.ts); this family follows what each server
 * inherits, which spans sections: a proxy starts from the `defaults` it uses (the last one above
 * it, or the one named by `from`; a `defaults` without `from` starts afresh, as HAProxy resets
 * every setting there), then its own `default-server` lines apply to the servers below them.
 */
import { checkWithTrack, walkOptions } from '../../knowledge/optionWalk';
import type { Section, Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

/** Whether health checks are on after `options` (the last of `check` / `no-check` wins). */
function checkAfter(on: boolean, cc: CheckContext, st: Statement, first: number): boolean {
  for (const o of walkOptions(cc.words(st), first, (n) => cc.kb.serverOption(n)?.argCount)) {
    if (o.name === 'check') on = true;
    else if (o.name === 'no-check') on = false;
  }
  return on;
}

function fromName(section: Section): string | undefined {
  const h = section.header;
  return h.tokenCount > 3 && h.words[2] === 'from' ? h.values[3] : undefined;
}

export function checkInheritedCheckWithTrack(cc: CheckContext): void {
  const named = new Map<string, boolean>();
  let current = false;
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind !== 'defaults' && kind !== 'backend' && kind !== 'listen') continue;
    const from = fromName(section);
    let on: boolean = from !== undefined ? named.get(from) ?? false : kind === 'defaults' ? false : current;
    for (const st of section.body) {
      const kw = st.keyword;
      if (kw === 'default-server') on = checkAfter(on, cc, st, 1);
      else if (kind !== 'defaults' && on && (kw === 'server' || kw === 'server-template') && st.text.includes('track')) {
        const first = kw === 'server' ? 3 : 4;
        const own = walkOptions(cc.words(st), first, (n) => cc.kb.serverOption(n)?.argCount);
        // A `check` on the line itself is the statement check's finding, not repeated here.
        if (checkWithTrack(own) !== undefined) continue;
        const track = own.find((o) => o.name === 'track');
        if (track && checkAfter(true, cc, st, first)) cc.reportAt('checkWithTrack', st, track.index, { name: st.values[1] ?? kw });
      }
    }
    if (kind === 'defaults') {
      current = on;
      if (section.name) named.set(section.name.value, on);
    }
  }
}
