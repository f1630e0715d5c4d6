/**
 * "Never a hang": the stats client gives up on a closed port and on a server that accepts the
 * connection but never answers, within its deadlines. No haproxy needed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { fetchStats, waitForStats } from '../../server/src/node/haproxy/stats';
import { findFreePort } from '../../server/src/node/haproxy/configPrep';

describe('stats client deadlines', () => {
  it('gives up on a closed port at the deadline', async () => {
    const port = await findFreePort();
    const t0 = Date.now();
    await assert.rejects(waitForStats(`http://127.0.0.1:${port}/stats`, 300), /unreachable.*ECONNREFUSED/);
    assert.ok(Date.now() - t0 < 10_000, 'hang guard: the deadline ends the wait');
  });

  it('times out on a server that never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // accepts, says nothing
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const t0 = Date.now();
      await assert.rejects(fetchStats(`http://127.0.0.1:${port}/stats`, { timeoutMs: 200 }), /no answer .* within 200 ms/);
      assert.ok(Date.now() - t0 < 10_000, 'hang guard: the silent server would keep us forever');
      await assert.rejects(waitForStats(`http://127.0.0.1:${port}/stats`, 400, { timeoutMs: 100 }), /unreachable/);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('rejects a page that is not the stats CSV (wrong stats uri)', async () => {
    const http = await import('node:http');
    const srv = http.createServer((_q, r) => r.end('<html>not haproxy</html>'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      await assert.rejects(fetchStats(`http://127.0.0.1:${port}/stats`), /not a HAProxy stats CSV/);
    } finally {
      srv.close();
    }
  });
});
