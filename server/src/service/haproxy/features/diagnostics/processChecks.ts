/**
 * Process-level settings HAProxy checks while it reads the file (haproxy -c 2.6.12):
 * - `nbthread <n>` must be from 1 to the build's thread limit ("'nbthread' value must be between
 *   1 and 64 (was 0)"). Below 1 is refused by every build. The upper limit is a build option; in
 *   2.6 it can never exceed the bits of a long (64 on the 64-bit builds users run), so above 64
 *   is reported for 2.6 only. From 2.8 on, thread groups raise the limit (256 by default in
 *   2.8–3.0, 1024 in 3.4, more if built so), which the editor cannot know. A value that is no
 *   whole number is the value checks' `invalid-number`.
 * - A `program` section needs a `command` line ("The program section 'p' lacks a command to
 *   launch", fatal) and master-worker mode ("Can't use a 'program' section without master
 *   worker mode", fatal). The mode may come from the command line (`-W`, `-Ws` as in Debian's
 *   systemd unit), so a missing global `master-worker` is only a warning.
 */
import type { Section, Statement } from '../../parser/model';
import type { CheckContext } from './reporter';
import { isInteger } from './valueSyntax';

const LONG_BITS = 64;

export function checkProcessSettings(cc: CheckContext): void {
  let masterWorker = false;
  const programs: Section[] = [];
  for (const section of cc.doc.sections) {
    if (section.kind === 'program') {
      programs.push(section);
      continue;
    }
    if (section.kind !== 'global') continue;
    for (const st of section.body) {
      const kw = st.keyword;
      // Any mention counts, even inside an `.if` block: a warning must not be claimed on a guess.
      if (kw === 'master-worker') masterWorker = true;
      else if (kw === 'nbthread') checkNbthread(cc, st);
    }
  }
  if (programs.length === 0) return;
  for (const p of programs) {
    if ((cc.lineStates?.[p.header.line] ?? 0) !== 0 || !p.name || cc.isDeferred(p.name)) continue;
    if (p.body.some((st) => st.keyword === 'command')) continue;
    cc.reportAt('missingArgument', p.header, 0, { name: `program ${p.name.value}`, expected: "a 'command' line: HAProxy refuses a program section with nothing to launch" });
  }
  const first = programs.find((p) => (cc.lineStates?.[p.header.line] ?? 0) !== 2);
  if (!masterWorker && first) cc.reportAt('needsMasterWorker', first.header, 0, {});
}

function checkNbthread(cc: CheckContext, st: Statement): void {
  if (st.tokenCount < 2 || cc.deferredAt(st, 1)) return;
  const v = st.valueAt(1)!;
  if (!isInteger(v)) return;
  const n = Number(v);
  if (n >= 1 && (cc.version !== '2.6' || n <= LONG_BITS)) return;
  const limit = cc.version === '2.6' ? ` from 1 to ${LONG_BITS} (HAProxy 2.6's limit on 64-bit builds)` : ' 1 or more';
  cc.reportAt('invalidNumber', st, 1, { value: v, name: 'nbthread', extra: ` The number of threads must be${limit}; HAProxy refuses the configuration.` }, undefined, 'error');
}
