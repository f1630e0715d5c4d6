// A `haproxy` first on PATH that records every invocation (argv) and then execs the real one,
// so a scenario can prove whether the extension ran haproxy at all (Restricted Mode must not).
import { mkdirSync, writeFileSync, existsSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export function realHaproxy() {
  for (const p of [process.env.E2E_HAPROXY_BIN, '/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('haproxy not found (apt-get install haproxy, or set E2E_HAPROXY_BIN)');
}

export function makeHaproxyWrapper(runDir) {
  const binDir = join(runDir, 'bin');
  const log = join(runDir, 'haproxy-invocations.log');
  mkdirSync(binDir, { recursive: true });
  const script = join(binDir, 'haproxy');
  writeFileSync(script, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realHaproxy()}' "$@"\n`);
  chmodSync(script, 0o755);
  return {
    binDir,
    script,
    invocations: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}
