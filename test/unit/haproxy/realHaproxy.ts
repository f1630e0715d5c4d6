/**
 * The real `haproxy -c` for tests that compare our findings with HAProxy's: each text is written
 * to one temporary file and checked; `remove()` deletes the directory.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function haproxyChecker(prefix: string): { run(text: string): SpawnSyncReturns<string>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'c.cfg');
  return {
    run(text) {
      writeFileSync(file, text);
      return spawnSync('/usr/sbin/haproxy', ['-c', '-f', file], { encoding: 'utf8', timeout: 20000 });
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
