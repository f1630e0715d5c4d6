/**
 * The real `haproxy -c` for tests that compare our findings with HAProxy's: each text is written
 * to one temporary file and checked; `remove()` deletes the directory.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `env`: extra environment variables for the configurations that read some (`"${VAR}"`). */
export function haproxyChecker(prefix: string, options: { env?: Record<string, string> } = {}): { run(text: string): SpawnSyncReturns<string>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'c.cfg');
  return {
    run(text) {
      writeFileSync(file, text);
      const env = options.env ? { ...process.env, ...options.env } : undefined;
      return spawnSync('/usr/sbin/haproxy', ['-c', '-f', file], { encoding: 'utf8', timeout: 20000, env });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
