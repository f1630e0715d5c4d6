/**
 * Asks the local HAProxy binary for its version (`haproxy -v`), for the "which version
 * applies" rule when `haproxy.version` is not set. Spawned with an argv array (no shell),
 * with a timeout; callers must only call it in a trusted workspace.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface ProbeResult {
  binary: string;
  /** The full version as printed, e.g. "2.6.12-1+deb12u4" → "2.6.12". */
  version: string;
}

/** The binary to ask: the configured path (with `~` expanded), else `haproxy` on PATH, else /usr/sbin/haproxy. */
export function findHaproxyBinary(configured?: string, envPath = process.env.PATH ?? ''): string | undefined {
  if (configured && configured.trim() !== '') {
    return configured.startsWith('~/') ? join(homedir(), configured.slice(2)) : configured;
  }
  for (const dir of envPath.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'haproxy');
    if (isExecutable(candidate)) return candidate;
  }
  return isExecutable('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Parses `HAProxy version 2.6.12-1+deb12u4 2023/12/16 - https://haproxy.org/` (and `HA-Proxy version …`). */
export function parseVersionOutput(output: string): string | undefined {
  const m = /HA-?Proxy version (\d+\.\d+(?:\.\d+)?(?:-dev\d+)?)/i.exec(output);
  return m?.[1];
}

export function probeHaproxyVersion(binary: string, timeoutMs = 3000): Promise<ProbeResult | undefined> {
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const finish = (r: ProbeResult | undefined) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    try {
      const child = spawn(binary, ['-v'], { stdio: ['ignore', 'pipe', 'pipe'], shell: false, timeout: timeoutMs });
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', () => finish(undefined));
      child.on('close', () => {
        const version = parseVersionOutput(out);
        finish(version ? { binary, version } : undefined);
      });
    } catch {
      finish(undefined);
    }
  });
}
