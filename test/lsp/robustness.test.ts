// The real server (dist/server.js over stdio) under hostile input: a 10 MB configuration opened
// and edited while another document is served, exceptions inside handlers, malformed requests
// and notifications, and files on disk that are not UTF-8. The server must answer everything
// and stay alive. Nothing is timed: the waits are hang guards.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type TestClient } from './lspClient';

let client: TestClient;
before(async () => {
  client = await startServer({ settings: { haproxy: { version: '2.6' }, buildout: { offline: true } } });
});
after(async () => {
  if (client.process.exitCode === null) await client.shutdown();
});

const HANG_GUARD = 120_000;
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function tenMegabytes(marker: string): string {
  const parts = ['global', '    maxconn 100', 'defaults', '    mode http', '    timeout client 1s', '    timeout server 1s', '    timeout connect 1s'];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const block = `backend be${i}\n    balance roundrobin\n    http-request set-header X-Id ${i} if { path_beg /p${i} }\n    server s${i} 127.0.0.1:${1024 + (i % 60000)} check\n`;
    parts.push(block);
    size += block.length;
  }
  parts.push(`backend last\n    ${marker} 1\n`);
  return parts.join('\n');
}

test('a 10 MB configuration: diagnostics arrive, edits are followed, and a small document is still served', { timeout: HANG_GUARD }, async () => {
  const big = fileUri('/tmp/lsp-robust/big/haproxy.cfg');
  const small = fileUri('/tmp/lsp-robust/small/haproxy.cfg');
  client.open(small, 'haproxy', 'defaults\n    mode http\n');
  await client.diagnostics(small, HANG_GUARD);

  const text = tenMegabytes('frobnicate1');
  client.open(big, 'haproxy', text);
  // While the big file is analysed, requests on the small one queue behind it and are answered.
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 1, character: 6 } });
  assert.match(hoverText(hover), /mode/i);
  const first = await client.diagnostics(big, HANG_GUARD);
  assert.ok(first.some((d) => messageOf(d).includes('frobnicate1')), 'the unknown keyword at the end of 10 MB is found');

  // An edit at the end (a whole-text change, as the test client sends) is followed.
  client.change(big, 2, text.replace('frobnicate1', 'frobnicate2'));
  const second = await client.diagnostics(big, HANG_GUARD);
  assert.ok(second.some((d) => messageOf(d).includes('frobnicate2')));
  assert.ok(!second.some((d) => messageOf(d).includes('frobnicate1')));

  const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: small }, position: { line: 1, character: 4 } });
  assert.ok(completion.items.length > 0);
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: big } });
  assert.ok(symbols.length > 50_000);
  assert.equal(client.process.exitCode, null);
});

test('exceptions inside handlers are answered and the next request works', { timeout: HANG_GUARD }, async () => {
  const uri = fileUri('/tmp/lsp-robust/throws/haproxy.cfg');
  client.open(uri, 'haproxy', 'frontend fe\n    bind :80\n    default_backend be\nbackend be\n    server s 127.0.0.1:80\n');
  await client.diagnostics(uri);
  const before = client.logs.length;
  // Malformed parameters make the service throw inside each handler (a null position, a
  // missing range): each request is still answered, with its empty default.
  const broken: [string, unknown][] = [
    ['textDocument/completion', { textDocument: { uri }, position: null }],
    ['textDocument/definition', { textDocument: { uri }, position: null }],
    ['textDocument/references', { textDocument: { uri }, position: null, context: { includeDeclaration: true } }],
    ['textDocument/documentHighlight', { textDocument: { uri }, position: null }],
    ['textDocument/rangeFormatting', { textDocument: { uri }, range: null, options: { tabSize: 4, insertSpaces: true } }],
    ['textDocument/codeAction', { textDocument: { uri }, range: null, context: null }],
  ];
  for (const [method, params] of broken) {
    const answer = await client.request<unknown>(method, params).catch((e: { code?: number }) => e);
    assert.ok(answer === null || Array.isArray(answer) || typeof answer === 'object', `${method} answered`);
  }
  assert.ok(client.logs.length > before, 'the errors are logged for the user to report');
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
  assert.match(hoverText(hover), /default_backend/);
  const definition = await client.request<unknown[]>('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 21 } });
  assert.equal(definition.length, 1);
  assert.equal(client.process.exitCode, null);
});

test('malformed notifications and requests for unknown documents do not take the server down', { timeout: HANG_GUARD }, async () => {
  const unknown = fileUri('/tmp/lsp-robust/never-opened/haproxy.cfg');
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: unknown, version: 5 }, contentChanges: [{ text: 'x' }] });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: unknown } });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 2 }] });
  const uri = fileUri('/tmp/lsp-robust/after/haproxy.cfg');
  client.open(uri, 'haproxy', 'global\n    frobnicate 1\n');
  const diagnostics = await client.diagnostics(uri, HANG_GUARD);
  assert.ok(diagnostics.some((d) => messageOf(d).includes('frobnicate')));
  assert.equal(client.process.exitCode, null);
});

test('files on disk that are not UTF-8 (Latin-1, binary) are read without breaking the profile', { timeout: HANG_GUARD }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-lsp-latin1-'));
  // "é" in Latin-1 is the single byte 0xE9: not valid UTF-8.
  writeFileSync(join(dir, 'base.cfg'), Buffer.concat([Buffer.from('[buildout]\n[site]\ntitle = Caf'), Buffer.from([0xe9]), Buffer.from('\nport = 8080\n')]));
  writeFileSync(join(dir, 'junk.cfg'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const text = '[buildout]\nextends = base.cfg junk.cfg\nparts =\n[use]\nport = ${site:port}\ntitle = ${site:title}\n';
  writeFileSync(join(dir, 'buildout.cfg'), text);
  const uri = fileUri(join(dir, 'buildout.cfg'));
  client.open(uri, 'buildout', text);
  const diagnostics = await client.diagnostics(uri, HANG_GUARD);
  assert.ok(Array.isArray(diagnostics));
  const port = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } });
  assert.match(hoverText(port), /8080/);
  // The undecodable byte arrives as U+FFFD, the replacement character (the disk host reads UTF-8).
  const title = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 11 } });
  assert.match(hoverText(title), /Caf\uFFFD/);
  const links = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(links.length >= 2);
  assert.equal(client.process.exitCode, null);
});

test('the server still shuts down cleanly', async () => {
  assert.equal(await client.shutdown(), 0);
});
