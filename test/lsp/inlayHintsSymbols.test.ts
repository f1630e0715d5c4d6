// Inlay hints and workspace symbols over stdio: the template's `${…}` show the owning section's
// values (and follow an unsaved profile edit after the server's refresh request), a plain HAProxy
// config gets none, the setting turns them off; Ctrl+T finds HAProxy sections of a workspace file
// that is not open and buildout sections of the main graph.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InlayHint, SymbolInformation } from 'vscode-languageserver-protocol';
import { hintLabel, hintText } from '../../server/src/service/buildout/features/inlayHints';
import { fileUri, startServer, type TestClient } from './lspClient';

const TEMPLATE = 'global\n    maxconn ${maxconn}\nfrontend www\n    bind 127.0.0.1:${port}\n    default_backend app\nbackend app\n    server a ${ports:app}\n';
const PROFILE = (port: string) => `[buildout]\nextends = profiles/base.cfg\nparts = haproxy-config\n\n[haproxy-config]\nrecipe = collective.recipe.template\ninput = \${buildout:directory}/templates/haproxy.conf.in\noutput = \${buildout:directory}/etc/haproxy.conf\nport = ${port}\nmaxconn = \${ports:maxconn}\n`;
const BASE = '[ports]\napp = 127.0.0.1:8080\nmaxconn = 2000\n';
const PLAIN = 'frontend public\n    bind :80\n    default_backend web_servers\nbackend web_servers\n    server w 127.0.0.1:8080\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

let client: TestClient;
let dir: string;
let refreshes = 0;
const settings: { haproxy: Record<string, unknown>; buildout: Record<string, unknown> } = { haproxy: { version: '2.6' }, buildout: {} };
const hints = (uri: string) => client.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE });
const labels = (list: InlayHint[] | null) => (list ?? []).map((h) => hintText(h as Parameters<typeof hintText>[0]));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hb-lsp-hints-'));
  mkdirSync(join(dir, 'templates'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'buildout.cfg'), PROFILE('8001'));
  writeFileSync(join(dir, 'profiles', 'base.cfg'), BASE);
  writeFileSync(join(dir, 'templates', 'haproxy.conf.in'), TEMPLATE);
  writeFileSync(join(dir, 'haproxy.cfg'), PLAIN);
  client = await startServer({
    workspaceFolders: [dir], settings,
    workspaceCapabilities: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, inlayHint: { refreshSupport: true } },
  });
  client.connection.onRequest('workspace/inlayHint/refresh', () => {
    refreshes++;
    return null;
  });
});
after(async () => {
  await client.shutdown();
});

test('the server announces both features', () => {
  const caps = client.initializeResult.capabilities;
  assert.ok(caps.inlayHintProvider);
  assert.ok(caps.workspaceSymbolProvider);
});

test('a template shows its owner\'s values after each ${…}; a plain HAProxy config gets no hints', async () => {
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  client.open(uri, 'haproxy', TEMPLATE);
  const list = await hints(uri);
  assert.deepEqual(labels(list), ['= 2000', '= 8001', '= 127.0.0.1:8080']);
  // Right after the closing brace of `${port}`.
  assert.deepEqual(list![1].position, { line: 3, character: '    bind 127.0.0.1:${port}'.length });
  const plain = fileUri(join(dir, 'haproxy.cfg'));
  client.open(plain, 'haproxy', PLAIN);
  assert.deepEqual(labels(await hints(plain)), []);
});

test('a profile shows values too, and an unsaved profile edit reaches the template with a refresh request', async () => {
  const profile = fileUri(join(dir, 'buildout.cfg'));
  client.open(profile, 'buildout', PROFILE('8001'));
  // `${buildout:directory}` twice (input, output), then `${ports:maxconn}` from profiles/base.cfg.
  assert.deepEqual(labels(await hints(profile)), [hintLabel(dir), hintLabel(dir), '= 2000']);
  const before = refreshes;
  client.change(profile, 2, PROFILE('9001'));
  const deadline = Date.now() + 5000;
  while (refreshes === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(refreshes > before, 'the server asked the client to refresh inlay hints');
  assert.ok(labels(await hints(fileUri(join(dir, 'templates', 'haproxy.conf.in')))).includes('= 9001'));
});

test('buildout.inlayHints.resolvedValues: false turns them off', async () => {
  settings.buildout = { inlayHints: { resolvedValues: false } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(labels(await hints(fileUri(join(dir, 'templates', 'haproxy.conf.in')))), []);
  settings.buildout = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.ok(labels(await hints(fileUri(join(dir, 'templates', 'haproxy.conf.in')))).length > 0);
});

test('workspace symbols: HAProxy sections of open and known files, buildout sections of the main graph', async () => {
  const web = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'web_serv' });
  assert.deepEqual(web.map((s) => [s.name, s.containerName, s.location.uri]), [['web_servers', 'backend', fileUri(join(dir, 'haproxy.cfg'))]]);
  const ports = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ports' });
  const p = ports.find((s) => s.name === 'ports');
  assert.equal(p?.location.uri, fileUri(join(dir, 'profiles', 'base.cfg')));
  assert.equal(p?.location.range.start.line, 0);
  const www = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'www' });
  assert.equal(www[0]?.location.uri, fileUri(join(dir, 'templates', 'haproxy.conf.in')));
  const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
  for (const name of ['public', 'web_servers', 'www', 'app', 'haproxy-config', 'ports', 'buildout']) assert.ok(all.some((s) => s.name === name), name);
});
