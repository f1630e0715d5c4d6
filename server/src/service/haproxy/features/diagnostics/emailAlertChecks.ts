/**
 * When HAProxy looks up the mailers section named by `email-alert mailers <name>`.
 *
 * A proxy's e-mail alerts are complete only with all three of `email-alert mailers`, `from` and
 * `to` (its own lines, or inherited from the `defaults` it starts from). An incomplete set is
 * dropped with a warning ("'email-alert' will be ignored for backend 'be'") before the mailers
 * name is ever looked up, so haproxy -c 2.6.12 accepts `email-alert mailers nosuch` alone; with
 * `from` and `to` as well it refuses the file ("unable to find mailers 'nosuch'"). A `defaults`
 * section is never checked itself, only the proxies that inherit from it, and a disabled proxy is
 * skipped as a whole. So a mailers reference is reported only on the lines a complete, enabled
 * proxy really uses.
 */
import type { Statement } from '../../parser/model';
import { DefaultsChain } from './defaultsChain';
import type { CheckContext } from './reporter';

/** A proxy's e-mail alert settings as they stand after a section's lines. */
interface Alerts {
  /** The `email-alert mailers` line in effect. */
  mailers?: Statement;
  from: boolean;
  to: boolean;
  disabled: boolean;
}

const NONE: Alerts = { from: false, to: false, disabled: false };

/** The lines (0-based) of the `email-alert mailers` statements whose name HAProxy looks up. */
export function mailersLookupLines(cc: CheckContext): Set<number> {
  const used = new Set<number>();
  const chain = new DefaultsChain(NONE);
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind !== 'defaults' && kind !== 'frontend' && kind !== 'backend' && kind !== 'listen') continue;
    const a: Alerts = { ...chain.start(section) };
    for (const st of section.body) {
      const kw = st.keyword;
      if (kw !== 'email-alert' && kw !== 'disabled') continue;
      const state = cc.lineStates?.[st.line] ?? 0;
      if (state === 2) continue;
      if (kw === 'disabled') {
        a.disabled = true;
        continue;
      }
      if (st.tokenCount < 3) continue;
      const sub = st.words[1];
      if (sub === 'mailers') a.mailers = st;
      // A `from`/`to` HAProxy may skip (`.if` with a run-time condition) does not make the set
      // complete: without it the lookup may never happen.
      else if (sub === 'from') a.from ||= state === 0;
      else if (sub === 'to') a.to ||= state === 0;
    }
    chain.end(section, a);
    if (kind !== 'defaults' && a.mailers && a.from && a.to && !a.disabled) {
      used.add(a.mailers.line);
    }
  }
  return used;
}
