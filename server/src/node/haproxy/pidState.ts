/**
 * A small state file (in the workspace's storage) recording the HAProxy we started, so that
 * after a crash of the extension host the next activation can find a left-over instance and
 * offer to stop it. HAProxy's own `-p` pid file lives in the private run dir, which is removed
 * on exit; this one survives.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isAlive, processesInGroup, readCmdline, sleep } from './procfs';

export interface RunState {
  pid: number;
  pgid: number;
  binary: string;
  configFile: string;
  startedAt: number;
}

export function writeRunState(file: string, state: RunState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

export function clearRunState(file: string): void {
  rmSync(file, { force: true });
}

export function readRunState(file: string): RunState | undefined {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunState>;
    if (typeof s.pid !== 'number' || typeof s.pgid !== 'number' || typeof s.configFile !== 'string') return undefined;
    return { pid: s.pid, pgid: s.pgid, binary: String(s.binary ?? ''), configFile: s.configFile, startedAt: Number(s.startedAt ?? 0) };
  } catch {
    return undefined;
  }
}

/**
 * The recorded instance if it still runs: the pid is alive and its command line is HAProxy with
 * the recorded config (a recycled pid of another program is not ours). A dead record is removed.
 */
export function detectStale(file: string): RunState | undefined {
  const state = readRunState(file);
  if (!state) return undefined;
  const argv = isAlive(state.pid) ? readCmdline(state.pid) : undefined;
  const ours = argv !== undefined && argv.some((a) => /haproxy/.test(path.basename(a))) && argv.includes(state.configFile);
  if (!ours) {
    clearRunState(file);
    return undefined;
  }
  return state;
}

/** Stops a left-over instance: SIGTERM to the master, then SIGKILL to its group. */
export async function stopStale(file: string, state: RunState, graceMs = 3000): Promise<boolean> {
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    // gone already
  }
  const end = Date.now() + graceMs;
  while (Date.now() < end && isAlive(state.pid)) await sleep(25);
  for (let i = 0; i < 40 && processesInGroup(state.pgid).length > 0; i++) {
    try {
      process.kill(-state.pgid, 'SIGKILL');
    } catch {
      break;
    }
    await sleep(25);
  }
  const gone = !isAlive(state.pid) && processesInGroup(state.pgid).length === 0;
  if (gone) clearRunState(file);
  return gone;
}
