// The language server over stdio, as Neovim/Helix/Emacs (and VS Code, over IPC) use it:
// handshake, diagnostics pushed after open and after edits, robustness of handlers
// (internal errors, cancellation), custom requests, and a clean shutdown.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, startServer, type TestClient } from './lspClient';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(async () => {
  if (client.process.exitCode === null) client.process.kill();
});

test('initialize: capabilities the editor relies on', () => {
  const caps = client.initializeResult.capabilities;
  assert.equal(client.initializeResult.serverInfo?.name, 'haproxy-buildout-language-server');
  for (const ch of ['$', '{', ':', ',', '%', '[', ' ', '/']) {
    assert.ok(caps.completionProvider?.triggerCharacters?.includes(ch), `trigger ${JSON.stringify(ch)}`);
  }
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.definitionProvider, true);
  assert.equal(caps.referencesProvider, true);
  assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  assert.equal(caps.documentFormattingProvider, true);
  assert.equal(caps.documentRangeFormattingProvider, true);
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
  assert.ok(caps.documentLinkProvider);
  assert.equal(caps.foldingRangeProvider, true);
  assert.equal(caps.documentHighlightProvider, true);
  assert.equal(caps.documentSymbolProvider, true);
});

test('diagnostics are pushed after open and again after an edit (debounced, latest version only)', async () => {
  const uri = fileUri('/tmp/lsp-test/push/haproxy.cfg');
  client.open(uri, 'haproxy', 'global\n    maxconn 10\n');
  const first = await client.diagnostics(uri);
  assert.ok(Array.isArray(first));
  // Three quick edits: only the last version is validated and published (no timing asserted:
  // the one publish names the last edit's keyword only).
  client.change(uri, 2, 'global\n    frobnicate1 11\n');
  client.change(uri, 3, 'global\n    frobnicate2 12\n');
  client.change(uri, 4, 'global\n    frobnicate3 13\n');
  const after = await client.diagnostics(uri);
  const text = JSON.stringify(after);
  assert.match(text, /frobnicate3/);
  assert.doesNotMatch(text, /frobnicate[12]/);
  await assert.rejects(client.diagnostics(uri, 800), /timed out/, 'superseded versions are not published');
});

test('an internal error in a handler is logged and answered with the default; the server lives on', async () => {
  const uri = fileUri('/tmp/lsp-test/robust/haproxy.cfg.in');
  client.open(uri, 'haproxy', 'frontend fe\n    bind ${haproxy:bind}\n');
  await client.diagnostics(uri);
  // A malformed position makes the service throw inside the handler.
  const bad = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: null });
  assert.equal(bad, null);
  assert.ok(client.logs.some((l) => l.includes('Error while computing hover')), client.logs.join('\n'));
  // Still answering.
  const ok = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.ok(ok === null || typeof ok === 'object');
  assert.equal(client.process.exitCode, null);
});

test('a cancelled request is answered with RequestCancelled', async () => {
  const uri = fileUri('/tmp/lsp-test/cancel/haproxy.cfg');
  // The server pulls settings (once per workspace folder) before it answers; a configuration
  // change makes it pull again, and holding that answer back keeps the completion request in
  // flight while the cancellation arrives.
  client.delayConfiguration(300);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  client.open(uri, 'haproxy', 'defaults\n    mode http\n');
  const source = new CancellationTokenSource();
  const pending = client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 4 } }, source.token);
  setTimeout(() => source.cancel(), 50);
  await assert.rejects(pending, (err: { code?: number }) => err.code === -32800);
  client.delayConfiguration(0);
  await client.diagnostics(uri);
  // The connection is still usable.
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
});

test('requests for documents that are not open answer with empty results', async () => {
  const uri = fileUri('/tmp/lsp-test/never-opened/haproxy.cfg');
  assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } }), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
});

test('haproxy/effectiveVersion: setting, else default 3.2 (untrusted: the binary is never asked)', async () => {
  const uri = fileUri('/tmp/lsp-test/version/haproxy.cfg');
  const r = await client.request<{ version: string; source: string; supported: string[] }>('haproxy/effectiveVersion', { uri });
  assert.equal(r.version, '3.2');
  assert.equal(r.source, 'default');
  assert.deepEqual(r.supported, ['2.6', '2.8', '3.0', '3.2', '3.4']);
});

test('a HAProxy-named file that is really a buildout profile is handed back to the client as buildout', async () => {
  // It is a profile because the workspace's buildout.cfg extends it (a `[section]` first line alone
  // would also fit setup.cfg-style INI files).
  const dir = mkdtempSync(join(tmpdir(), 'hb-lsp-switch-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'buildout.cfg'), '[buildout]\nextends = profiles/haproxy.cfg\nparts =\n');
  writeFileSync(join(dir, 'profiles', 'haproxy.cfg'), '[haproxy-build]\nrecipe = plone.recipe.haproxy\n');
  const uri = fileUri(join(dir, 'profiles', 'haproxy.cfg'));
  const note = client.notification<{ uris: string[]; languageId: string }>('haproxyBuildout/setLanguage');
  client.open(uri, 'haproxy', '[haproxy-build]\nrecipe = plone.recipe.haproxy\n');
  const p = await note;
  assert.deepEqual(p, { uris: [uri], languageId: 'buildout' });
});

test('junk input: a 1 MB line and binary noise get answers in bounded time', async () => {
  const uri = fileUri('/tmp/lsp-test/junk/haproxy.cfg');
  let junk = 'frontend ' + 'x'.repeat(1024 * 1024) + '\n';
  for (let i = 0; i < 2000; i++) junk += String.fromCharCode(...Array.from({ length: 40 }, (_, k) => (i * 31 + k * 7) % 256)) + '\n';
  client.open(uri, 'haproxy', junk);
  const started = Date.now();
  const diags = await client.diagnostics(uri, 20_000);
  assert.ok(Array.isArray(diags));
  for (const position of [{ line: 0, character: 500_000 }, { line: 1500, character: 10 }, { line: 5000, character: 0 }]) {
    await client.request('textDocument/hover', { textDocument: { uri }, position });
    await client.request('textDocument/completion', { textDocument: { uri }, position });
  }
  await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  assert.equal(client.process.exitCode, null);
});

test('shutdown and exit end the process with code 0', async () => {
  const code = await client.shutdown();
  assert.equal(code, 0);
});
