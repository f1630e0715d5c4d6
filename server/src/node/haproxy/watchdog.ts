/**
 * Stops HAProxy when the process that started it (the extension host) dies without cleaning
 * up — killed, crashed, or terminated by a signal, when no `exit` handler runs.
 *
 * HAProxy runs in its own process group, so killing the host's group does not reach it. The
 * watchdog is a tiny Node process (the host's own runtime, argv only) in a separate session
 * whose stdin is a pipe from the host: when the host dies the pipe closes, and the watchdog
 * sends SIGTERM to the master, then SIGKILL to the group. It exits by itself once HAProxy is
 * gone, and the host kills it on a normal stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SCRIPT = `
const [pgid, master] = process.argv.slice(1).map(Number);
let firing = false;
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
function fire() {
  if (firing) return;
  firing = true;
  try { process.kill(master, 'SIGTERM'); } catch {}
  const end = Date.now() + 2000;
  const t = setInterval(() => {
    if (!alive(-pgid) || Date.now() > end) {
      try { process.kill(-pgid, 'SIGKILL'); } catch {}
      process.exit(0);
    }
  }, 25);
}
process.stdin.on('end', fire);
process.stdin.on('error', fire);
process.stdin.on('close', fire);
process.stdin.resume();
setInterval(() => { if (!firing && !alive(master)) process.exit(0); }, 1000);
`;

export function startWatchdog(pgid: number, masterPid: number): ChildProcess | undefined {
  try {
    const child = spawn(process.execPath, ['-e', SCRIPT, String(pgid), String(masterPid)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // In VS Code the host runs on Electron; this makes its binary behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      shell: false,
    });
    child.on('error', () => undefined);
    // Neither the child nor the pipe may keep the host's event loop alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch {
    return undefined;
  }
}
