// The server's disk host: open documents overlay the disk, memoised reads are invalidated by
// file events, and `extends = http…` URLs are downloaded in the background into a disk cache
// that serves them offline later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskHost } from '../../server/src/node/diskHost';

test('overlay shadows the disk; invalidate drops memoised reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-host-'));
  const file = join(dir, 'buildout.cfg');
  writeFileSync(file, '[buildout]\n');
  mkdirSync(join(dir, 'profiles'));
  const host = createDiskHost({ urlCacheDir: join(dir, 'cache') });
  assert.equal(host.readFile(file), '[buildout]\n');
  host.setOverlay(file, '[buildout]\nparts =\n');
  assert.equal(host.readFile(file), '[buildout]\nparts =\n');
  host.setOverlay(file, undefined);
  writeFileSync(file, '[buildout]\nextends = a.cfg\n');
  assert.equal(host.readFile(file), '[buildout]\n', 'memoised until invalidated');
  host.invalidate(file);
  assert.equal(host.readFile(file), '[buildout]\nextends = a.cfg\n');
  assert.equal(host.readFile(join(dir, 'missing.cfg')), undefined);
  assert.equal(host.exists(join(dir, 'profiles')), true);
  assert.deepEqual(host.listDirectory(dir), ['buildout.cfg', 'profiles/']);
});

test('URL extends: background download, then served from the disk cache (also offline)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-url-'));
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === '/versions.cfg') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('[versions]\nzc.buildout = 2.13.2\n');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const url = `http://127.0.0.1:${port}/versions.cfg`;
    const loaded: string[] = [];
    const host = createDiskHost({ urlCacheDir: join(dir, 'cache'), onUrlLoaded: (u) => loaded.push(u) });
    assert.equal(host.readUrl!(url), undefined, 'not yet available: download started');
    assert.equal(await host.whenDownloaded(), true);
    assert.deepEqual(loaded, [url]);
    assert.deepEqual(host.readUrl!(url), { content: '[versions]\nzc.buildout = 2.13.2\n' });

    const missing = `http://127.0.0.1:${port}/nope.cfg`;
    assert.equal(host.readUrl!(missing), undefined);
    await host.whenDownloaded();
    assert.match(host.readUrl!(missing)?.error ?? '', /HTTP 404/);

    // A later session, offline: the cache answers without the network.
    const offline = createDiskHost({ urlCacheDir: join(dir, 'cache'), offline: () => true });
    const before = hits;
    assert.deepEqual(offline.readUrl!(url), { content: '[versions]\nzc.buildout = 2.13.2\n' });
    assert.match(offline.readUrl!(`http://127.0.0.1:${port}/other.cfg`)?.error ?? '', /offline/);
    assert.equal(await offline.whenDownloaded(), false);
    assert.equal(hits, before, 'offline means no request');
  } finally {
    server.close();
  }
});
