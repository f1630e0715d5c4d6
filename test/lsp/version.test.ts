// Which HAProxy version applies: the setting, else `haproxy -v` of the configured binary
// (only in a trusted workspace: an untrusted one never starts a process), else 3.2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, startServer } from './lspClient';
import { parseVersionOutput, findHaproxyBinary } from '../../server/src/node/haproxyVersionProbe';

interface Effective { version: string; source: string; detected?: string; binary?: string }

/** A stand-in binary that records that it ran and prints a version banner. */
function fakeHaproxy(version: string): { path: string; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hb-fake-haproxy-'));
  const marker = join(dir, 'ran');
  const path = join(dir, 'haproxy');
  writeFileSync(path, `#!/bin/sh\ntouch '${marker}'\necho "HAProxy version ${version} 2024/01/01 - https://haproxy.org/"\n`);
  chmodSync(path, 0o755);
  return { path, marker };
}

test('parseVersionOutput reads HAProxy and HA-Proxy banners', () => {
  assert.equal(parseVersionOutput('HAProxy version 2.6.12-1+deb12u4 2023/12/16 - https://haproxy.org/'), '2.6.12');
  assert.equal(parseVersionOutput('HA-Proxy version 1.8.30 2021/04/12'), '1.8.30');
  assert.equal(parseVersionOutput('HAProxy version 3.3-dev4 2025/07/01'), '3.3-dev4');
  assert.equal(parseVersionOutput('command not found'), undefined);
});

test('findHaproxyBinary: configured path (with ~), else PATH', () => {
  assert.equal(findHaproxyBinary('/opt/haproxy/sbin/haproxy'), '/opt/haproxy/sbin/haproxy');
  assert.match(findHaproxyBinary('~/bin/haproxy') ?? '', /\/bin\/haproxy$/);
  const fake = fakeHaproxy('2.8.3');
  assert.equal(findHaproxyBinary(undefined, join(fake.path, '..')), fake.path);
});

test('untrusted workspace: the binary is never run; default 3.2', async () => {
  const fake = fakeHaproxy('2.8.3');
  const c = await startServer({ initializationOptions: { trusted: false, executablePath: fake.path } });
  try {
    const uri = fileUri('/tmp/lsp-version/a/haproxy.cfg');
    c.open(uri, 'haproxy', 'global\n');
    await c.diagnostics(uri);
    const r = await c.request<Effective>('haproxy/effectiveVersion', { uri });
    assert.deepEqual([r.version, r.source], ['3.2', 'default']);
    assert.equal(existsSync(fake.marker), false, 'the binary must not run in Restricted Mode');
  } finally {
    await c.shutdown();
  }
});

test('trusted workspace: `haproxy -v` of the configured binary decides (2.8.3 → 2.8)', async () => {
  const fake = fakeHaproxy('2.8.3');
  const c = await startServer({ initializationOptions: { trusted: true, executablePath: fake.path } });
  try {
    const uri = fileUri('/tmp/lsp-version/b/haproxy.cfg');
    const r = await c.request<Effective>('haproxy/effectiveVersion', { uri });
    assert.deepEqual([r.version, r.source, r.detected, r.binary], ['2.8', 'binary', '2.8.3', fake.path]);
    assert.equal(existsSync(fake.marker), true);
  } finally {
    await c.shutdown();
  }
});

test('the haproxy.version setting wins over the binary', async () => {
  const fake = fakeHaproxy('2.8.3');
  const c = await startServer({ initializationOptions: { trusted: true, executablePath: fake.path }, settings: { haproxy: { version: '3.0' } } });
  try {
    const r = await c.request<Effective>('haproxy/effectiveVersion', { uri: fileUri('/tmp/lsp-version/c/haproxy.cfg') });
    assert.deepEqual([r.version, r.source], ['3.0', 'setting']);
  } finally {
    await c.shutdown();
  }
});

test('the real Debian binary, when installed, maps 2.6.x to 2.6', { skip: !existsSync('/usr/sbin/haproxy') }, async () => {
  const c = await startServer({ initializationOptions: { trusted: true, executablePath: '/usr/sbin/haproxy' } });
  try {
    const r = await c.request<Effective>('haproxy/effectiveVersion', { uri: fileUri('/tmp/lsp-version/d/haproxy.cfg') });
    assert.equal(r.source, 'binary');
    assert.match(r.detected ?? '', /^\d+\.\d+/);
    assert.equal(r.version, r.detected!.startsWith('2.6') ? '2.6' : r.version);
  } finally {
    await c.shutdown();
  }
});

test('editors that push settings (no workspace/configuration) are honoured too', async () => {
  const c = await startServer({ workspaceCapabilities: {} });
  try {
    const uri = fileUri('/tmp/lsp-version/e/haproxy.cfg');
    assert.equal((await c.request<Effective>('haproxy/effectiveVersion', { uri })).version, '3.2');
    const changed = c.notification('haproxy/versionChanged');
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { haproxy: { version: '2.8' } } });
    await changed;
    const r = await c.request<Effective>('haproxy/effectiveVersion', { uri });
    assert.deepEqual([r.version, r.source], ['2.8', 'setting']);
  } finally {
    await c.shutdown();
  }
});

test('settings are asked once per workspace folder, not once per opened document, and differ by folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hb-folders-'));
  const [a, b] = [join(root, 'a'), join(root, 'b')];
  const versionOf: Record<string, string> = { [fileUri(a)]: '2.8', [fileUri(b)]: '3.0' };
  const c = await startServer({
    workspaceFolders: [a, b],
    // VS Code answers with the folder's settings for any resource inside it.
    settingsFor: (scope) => {
      const folder = Object.keys(versionOf).find((f) => scope === f || scope?.startsWith(`${f}/`));
      return { haproxy: { version: folder ? versionOf[folder] : '2.6' } };
    },
  });
  try {
    const docs = [join(a, 'one.cfg'), join(a, 'sub', 'two.cfg'), join(a, 'three.cfg'), join(b, 'haproxy.cfg'), join(root, 'outside.cfg')];
    const expected = ['2.8', '2.8', '2.8', '3.0', '2.6'];
    for (const [i, path] of docs.entries()) {
      const uri = fileUri(path);
      const published = c.diagnostics(uri);
      c.open(uri, 'haproxy', 'global\n    maxconn 10\n');
      await published;
      assert.equal((await c.request<Effective>('haproxy/effectiveVersion', { uri })).version, expected[i], path);
    }
    // One pull for folder a (two items: haproxy and buildout), one for b, one for the file outside both.
    const asked = new Set(c.configurationScopes);
    assert.equal(c.configurationScopes.length, 6, JSON.stringify(c.configurationScopes));
    assert.equal(asked.size, 3, JSON.stringify([...asked]));
  } finally {
    await c.shutdown();
  }
});
