// Behaviour checked in the issue-2 audit, end to end through the real server over stdio:
// stats scope completion, ACL-only keywords, experimental bind options with their quick fix,
// and severities that follow what haproxy -c does (missing final newline, lenient times).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdit, withCursor } from '../helpers/cursor';
import { fileUri, startServer, type TestClient } from './lspClient';

let client: TestClient;
before(async () => {
  client = await startServer({ settings: { haproxy: { version: '3.4' } } });
});
after(async () => {
  await client.shutdown();
});

const DEFAULTS = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
let n = 0;
const uriFor = () => fileUri(`/tmp/lsp-audit/${n++}/haproxy.cfg`);

async function complete(marked: string): Promise<{ items: CompletionItem[]; text: string }> {
  const { text, position } = withCursor(marked);
  const uri = uriFor();
  client.open(uri, 'haproxy', text);
  const res = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
  return { items: res.items, text };
}

test('stats scope completes the proxies of the file with the word under the cursor replaced', async () => {
  const { items, text } = await complete(`${DEFAULTS}frontend www\n    bind :80\nbackend zope\n    server z 127.0.0.1:8080\nlisten stats\n    bind :8404\n    stats scope zo|x\n`);
  const labels = items.map((i) => i.label);
  assert.ok(['www', 'zope', 'stats', '.'].every((l) => labels.includes(l)), labels.join(' '));
  const zope = items.find((i) => i.label === 'zope')!;
  assert.ok(zope.textEdit && 'range' in zope.textEdit, 'each item carries its edit');
  assert.match(applyEdit(text, zope.textEdit as TextEdit), /stats scope zope\n$/);
});

test('ACL-only keywords are completed and hovered', async () => {
  const { items } = await complete(`${DEFAULTS}frontend www\n    bind :80\n    acl zmi path_b|\n`);
  assert.ok(items.some((i) => i.label === 'path_beg'));
  const { text, position } = withCursor(`${DEFAULTS}frontend www\n    bind :80\n    acl zmi pa|th_beg /manage\n`);
  const uri = uriFor();
  client.open(uri, 'haproxy', text);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
  assert.match((hover.contents as MarkupContent).value, /`path -m beg`/);
});

test('an experimental bind option is an error with the expose quick fix (3.4: ktls)', async () => {
  const text = `${DEFAULTS}frontend www\n    bind :443 ssl crt /etc/haproxy/site.pem ktls on alpn h2\n`;
  const uri = uriFor();
  client.open(uri, 'haproxy', text);
  const diags = await client.diagnostics(uri);
  const exp = diags.find((d: Diagnostic) => d.code === 'experimental-directive');
  assert.ok(exp, JSON.stringify(diags));
  assert.equal(exp.severity, 1);
  assert.ok(!diags.some((d: Diagnostic) => d.code === 'unknown-bind-option'), 'alpn h2 after ktls on is read right');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: exp.range, context: { diagnostics: [exp] } });
  const fix = actions.find((a) => /expose-experimental-directives/.test(a.title));
  assert.ok(fix?.edit, JSON.stringify(actions));
  const fixed = ((fix.edit as WorkspaceEdit).changes![uri]).reduce((t, e) => applyEdit(t, e), text);
  assert.match(fixed, /^global\n {4}expose-experimental-directives\n/);
});

test('severities follow haproxy -c: no final newline is an error in 3.4, 5sec only a warning', async () => {
  const uri = uriFor();
  client.open(uri, 'haproxy', `${DEFAULTS}backend be\n    timeout check 5sec\n    server s 127.0.0.1:80`);
  const diags = await client.diagnostics(uri);
  assert.equal(diags.find((d: Diagnostic) => d.code === 'missing-final-newline')?.severity, 1);
  assert.equal(diags.find((d: Diagnostic) => d.code === 'invalid-time')?.severity, 2);
});
