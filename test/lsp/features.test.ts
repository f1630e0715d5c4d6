// Language features through the real server over stdio: the wiring from LSP requests to the
// HAProxy and buildout services (the services' own behaviour is tested in test/unit).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, MarkupContent, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { fileUri, startServer, type TestClient } from './lspClient';

let client: TestClient;
before(async () => {
  client = await startServer({ settings: { haproxy: { version: '2.6' } } });
});
after(async () => {
  await client.shutdown();
});

const CONFIG = [
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  '',
  'backend app',
  '    appsession JSESSIONID len 52 timeout 3h',
  '    balance ',
  '    server app1 127.0.0.1:8081 ',
  '',
  'frontend www',
  '    bind 127.0.0.1:8080',
  '    default_backend app',
  '',
].join('\n');

test('diagnostics: a removed keyword is reported with its code after didOpen', async () => {
  const uri = fileUri('/tmp/lsp-features/diag/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  const diags = await client.diagnostics(uri);
  const removed = diags.find((d) => d.code === 'removed-keyword');
  assert.ok(removed, JSON.stringify(diags));
  assert.equal(removed.range.start.line, 7);
  assert.match(String(removed.message), /appsession/);
  assert.equal(removed.severity, 1);
});

test('diagnostics: the haproxy.diagnostics.severity setting turns a code off', async () => {
  const quiet = await startServer({ settings: { haproxy: { version: '2.6', diagnostics: { severity: { 'removed-keyword': 'off' } } } } });
  try {
    const uri = fileUri('/tmp/lsp-features/severity/haproxy.cfg');
    quiet.open(uri, 'haproxy', CONFIG);
    const diags = await quiet.diagnostics(uri);
    assert.ok(!diags.some((d: Diagnostic) => d.code === 'removed-keyword'), JSON.stringify(diags));
  } finally {
    await quiet.shutdown();
  }
});

test('completion in two contexts: balance algorithms, then server options after the address', async () => {
  const uri = fileUri('/tmp/lsp-features/completion/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  await client.diagnostics(uri);
  const balance = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line: 8, character: 12 },
  });
  const algos = balance.items.map((i) => i.label);
  assert.ok(algos.includes('roundrobin') && algos.includes('leastconn'), algos.join(','));
  assert.ok(!algos.includes('check'));
  const server = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line: 9, character: 31 },
  });
  const options = server.items.map((i) => i.label);
  assert.ok(options.includes('check') && options.includes('inter'), options.join(','));
  assert.ok(!options.includes('roundrobin'));
});

test('completion resolve: light items over the wire, detail and documentation from completionItem/resolve', async () => {
  assert.equal(client.initializeResult.capabilities.completionProvider?.resolveProvider, true);
  const uri = fileUri('/tmp/lsp-features/resolve/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG + 'frontend api\n    use_backend \n');
  await client.diagnostics(uri);
  const names = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line: 15, character: 16 },
  });
  const app = names.items.find((i) => i.label === 'app');
  assert.ok(app, JSON.stringify(names.items.map((i) => i.label)));
  assert.equal(app.documentation, undefined, 'the list carries no documentation');
  assert.ok(app.data !== undefined && app.textEdit && app.sortText);
  const resolvedApp = await client.request<CompletionItem>('completionItem/resolve', app);
  assert.match(String(resolvedApp.detail), /backend defined on line 7/);
  assert.match((resolvedApp.documentation as MarkupContent).value, /backend app/);
  assert.deepEqual(resolvedApp.textEdit, app.textEdit);

  const keywords = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line: 8, character: 12 },
  });
  const roundrobin = keywords.items.find((i) => i.label === 'roundrobin')!;
  assert.equal(roundrobin.documentation, undefined);
  const resolved = await client.request<CompletionItem>('completionItem/resolve', roundrobin);
  assert.ok(resolved.detail && (resolved.documentation as MarkupContent).value.includes('roundrobin'), JSON.stringify(resolved));
  // An item the server no longer knows (or junk data) comes back unchanged, not as an error.
  const unknown = await client.request<CompletionItem>('completionItem/resolve', { label: 'x', data: { rl: 1e9, ri: 0 } });
  assert.deepEqual(unknown, { label: 'x', data: { rl: 1e9, ri: 0 } });
});

test('completion item defaults: a client that accepts itemDefaults.editRange gets the shared range once, same edits', async () => {
  const compact = await startServer({
    settings: { haproxy: { version: '2.6' } },
    textDocumentCapabilities: { completion: { completionList: { itemDefaults: ['editRange', 'data'] } } },
  });
  try {
    const uri = fileUri('/tmp/lsp-features/defaults/haproxy.cfg');
    const text = CONFIG + 'frontend api\n    use_backend a\n    option httpc\n';
    for (const c of [client, compact]) {
      c.open(uri, 'haproxy', text);
      await c.diagnostics(uri);
    }
    for (const position of [{ line: 15, character: 17 }, { line: 16, character: 16 }]) {
      const full = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      const small = await compact.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      assert.ok(small.itemDefaults?.editRange, JSON.stringify(small).slice(0, 300));
      // The shared range pays for itself from a few items on (31 option names here).
      if (full.items.length > 10) assert.ok(JSON.stringify(small).length < JSON.stringify(full).length * 0.8);
      assert.equal(small.items.length, full.items.length);
      assert.ok(full.items.length > 0);
      for (const [k, item] of small.items.entries()) {
        const expected = full.items[k].textEdit as TextEdit;
        assert.equal(item.textEdit, undefined);
        assert.deepEqual(small.itemDefaults.editRange, expected.range);
        assert.equal(item.textEditText ?? item.label, expected.newText, item.label);
      }
    }
  } finally {
    await compact.shutdown();
  }
});

test('code actions: a quick fix for the removed keyword comes back for its diagnostic', async () => {
  const uri = fileUri('/tmp/lsp-features/actions/haproxy.cfg');
  const text = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nbackend app\n    server a 127.0.0.1:1\n\nfrontend www\n    bind :80\n    default_backend ap\n';
  client.open(uri, 'haproxy', text);
  const diags = await client.diagnostics(uri);
  const undefinedBackend = diags.find((d) => d.code === 'undefined-backend');
  assert.ok(undefinedBackend, JSON.stringify(diags));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: undefinedBackend.range, context: { diagnostics: [undefinedBackend] },
  });
  const fix = actions.find((a) => a.kind === 'quickfix' && JSON.stringify(a.edit).includes('"app"'));
  assert.ok(fix, JSON.stringify(actions));
});

test('hover: a keyword shows its syntax and docs link for the configured version; a backend name its definition', async () => {
  const uri = fileUri('/tmp/lsp-features/hover/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  await client.diagnostics(uri);
  const kw = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 6 } });
  assert.ok(kw);
  const text = (kw.contents as MarkupContent).value;
  assert.match(text, /balance/);
  assert.match(text, /docs\.haproxy\.org\/2\.6\//, 'links the 2.6 docs (the haproxy.version setting)');
  const name = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 22 } });
  assert.ok(name);
  assert.match((name.contents as MarkupContent).value, /backend `app`/);
  assert.match((name.contents as MarkupContent).value, /line 7/);
});

test('definition and references: a backend name used by default_backend', async () => {
  const uri = fileUri('/tmp/lsp-features/nav/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  await client.diagnostics(uri);
  const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 13, character: 21 } });
  assert.equal(defs.length, 1);
  assert.equal(defs[0].uri, uri);
  assert.equal(defs[0].range.start.line, 6);
  const refs = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri }, position: { line: 6, character: 9 }, context: { includeDeclaration: true },
  });
  assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [6, 13]);
});

test('rename: valid names edit every occurrence; an invalid name is refused with a message', async () => {
  const uri = fileUri('/tmp/lsp-features/rename/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  await client.diagnostics(uri);
  const prep = await client.request<{ range: unknown; placeholder: string } | null>('textDocument/prepareRename', {
    textDocument: { uri }, position: { line: 6, character: 9 },
  });
  assert.equal(prep?.placeholder, 'app');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri }, position: { line: 6, character: 9 }, newName: 'plone',
  });
  const edits = edit.changes?.[uri] ?? (edit.documentChanges?.[0] as { edits: TextEdit[] } | undefined)?.edits ?? [];
  assert.equal(edits.length, 2);
  assert.ok(edits.every((e) => e.newText === 'plone'));
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri }, position: { line: 6, character: 9 }, newName: 'bad name' }),
    (err: { code?: number; message?: string }) => err.code === -32602 && typeof err.message === 'string' && err.message.length > 0,
  );
});

test('formatting indents section bodies; range formatting stays inside its range', async () => {
  const uri = fileUri('/tmp/lsp-features/format/haproxy.cfg');
  client.open(uri, 'haproxy', 'global\nmaxconn 10\n  # note\nbackend app\n        server a 127.0.0.1:1\n');
  await client.diagnostics(uri);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri }, options: { tabSize: 4, insertSpaces: true },
  });
  assert.ok(edits.length >= 2);
  const lines = new Set(edits.map((e) => e.range.start.line));
  assert.ok(lines.has(1) && lines.has(4), JSON.stringify(edits));
  const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri }, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } }, options: { tabSize: 4, insertSpaces: true },
  });
  assert.ok(ranged.length >= 1 && ranged.every((e) => e.range.start.line === 4), JSON.stringify(ranged));
});

test('outline and folding: one symbol and one fold per section', async () => {
  const uri = fileUri('/tmp/lsp-features/outline/haproxy.cfg');
  client.open(uri, 'haproxy', CONFIG);
  await client.diagnostics(uri);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const names = symbols.map((s) => s.name).join(' | ');
  assert.match(names, /defaults/);
  assert.match(names, /app/);
  assert.match(names, /www/);
  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(folds.some((f) => f.startLine === 6), JSON.stringify(folds));
});
