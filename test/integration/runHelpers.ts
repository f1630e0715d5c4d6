/**
 * Helpers for the run integration tests: the real Debian haproxy, free loopback ports, a
 * small HTTP server that plays a Zope instance, temp dirs.
 */
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isExecutableFile } from '../../server/src/node/haproxy/binary';
import { findFreePort } from '../../server/src/node/haproxy/configPrep';

export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
/** `skip` option for node:test: a reason string when the binary is missing. */
export const SKIP_NO_HAPROXY = isExecutableFile(HAPROXY)
  ? false
  : `${HAPROXY} is not installed (apt-get install haproxy; CI installs it)`;

export { findFreePort };

export function tempDir(prefix = 'run-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A loopback HTTP server answering 200 to everything, like a healthy Zope instance. */
export async function fakeZope(name: string): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/plain', 'x-instance': name });
    res.end(`${name}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A config like the example buildout renders: one frontend with stats, a backend of instances. */
export function plonelikeConfig(opts: { frontPort: number; instancePorts: number[]; statsUri?: string; extra?: string }): string {
  return [
    'global',
    '    maxconn 256',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 10s',
    '    timeout server 10s',
    '    timeout check 1s',
    'frontend zeocluster',
    `    bind 127.0.0.1:${opts.frontPort}`,
    '    stats enable',
    `    stats uri ${opts.statsUri ?? '/haproxy-status'}`,
    '    default_backend zope',
    'backend zope',
    '    balance roundrobin',
    '    option httpchk GET /',
    ...opts.instancePorts.map((p, i) => `    server instance${i + 1} 127.0.0.1:${p} check inter 200ms rise 1 fall 1`),
    ...(opts.extra ? [opts.extra] : []),
    '',
  ].join('\n');
}

export async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
