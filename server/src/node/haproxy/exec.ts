/**
 * Runs a short-lived command with an argv array (never a shell) and a hard timeout, collecting
 * its output. Used for `haproxy -v` and `haproxy -c`.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';

export interface ExecResult {
  /** Exit code; `null` when killed by a signal or on timeout. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export class ExecError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'not-executable' | 'spawn-failed',
  ) {
    super(message);
  }
}

export function execFileCollect(
  file: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      assertDirectory(options.cwd);
      child = spawn(file, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        shell: false,
      });
    } catch (err) {
      reject(err instanceof ExecError ? err : toExecError(file, err));
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 10_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(toExecError(file, err));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** spawn() reports a missing cwd as ENOENT, which would read as "binary not found". */
export function assertDirectory(cwd: string | undefined): void {
  if (cwd === undefined) return;
  let ok = false;
  try {
    ok = statSync(cwd).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new ExecError(`Working directory for HAProxy does not exist: ${cwd}`, 'spawn-failed');
}

export function toExecError(file: string, err: unknown): ExecError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new ExecError(`HAProxy binary not found: ${file}`, 'not-found');
  if (code === 'EACCES') return new ExecError(`HAProxy binary is not executable: ${file}`, 'not-executable');
  return new ExecError(`Could not run ${file}: ${(err as Error)?.message ?? String(err)}`, 'spawn-failed');
}
