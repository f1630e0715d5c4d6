// Finds the processes a test run started, by an environment marker every child inherits
// (code-server → extension host → language server → haproxy). Other engineers' tests may
// run haproxy on the same machine at the same time, so "pgrep haproxy" would be wrong.
import { readdirSync, readFileSync } from 'node:fs';

/** Processes whose environment contains `E2E_RUN_ID=<runId>`: [{ pid, comm, cmdline }]. */
export function processesOfRun(runId) {
  const needle = `E2E_RUN_ID=${runId}`;
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (!environ.includes(needle)) continue;
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state === 'Z') continue; // a zombie is already dead; its parent just has not reaped it
      found.push({ pid: Number(entry), comm, cmdline });
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

export const isHaproxy = (p) => p.comm === 'haproxy' || /(^|\/)haproxy( |$)/.test(p.cmdline.split(' ')[0]);
/** A serving haproxy, not a short-lived `haproxy -c` check or `haproxy -v` probe. */
export const isServingHaproxy = (p) => isHaproxy(p) && !/\s-(c|v|vv)(\s|$)/.test(p.cmdline);

/** Polls until `predicate(processesOfRun(runId))` holds or the time is up; returns the last list. */
export async function waitForProcesses(runId, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = processesOfRun(runId);
    if (predicate(list) || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function describeProcesses(list) {
  return list.map((p) => `${p.pid} ${p.comm}: ${p.cmdline.slice(0, 160)}`).join('\n');
}
