// Signature help and the re-check of `missing-file` when a file appears or disappears, through
// the real server over stdio (the service behaviour itself is tested in test/unit/haproxy).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, SignatureHelp } from 'vscode-languageserver-protocol';
import { fileUri, startServer, ROOT, type TestClient } from './lspClient';

const SITE_CERT = join(ROOT, 'test', 'fixtures', 'haproxy-corpus', 'valid', 'certs', 'test-only-site.pem');
const DEFAULTS = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n';

function activeText(h: SignatureHelp): { label: string; active: string | null } {
  const s = h.signatures[h.activeSignature ?? 0];
  const i = s.activeParameter ?? h.activeParameter;
  const p = typeof i === 'number' ? s.parameters?.[i] : undefined;
  return { label: s.label, active: p ? s.label.slice(...(p.label as [number, number])) : null };
}

describe('signature help over LSP', () => {
  let client: TestClient;
  after(async () => client && (await client.shutdown()));

  it('announces the capability with ( and , and answers inside a fetch and on a keyword line', async () => {
    client = await startServer({ settings: { haproxy: { version: '2.6' } } });
    const cap = client.initializeResult.capabilities.signatureHelpProvider;
    assert.deepEqual(cap?.triggerCharacters, ['(', ',']);
    assert.deepEqual(cap?.retriggerCharacters, [' ']);
    const uri = fileUri('/tmp/lsp-signature/haproxy.cfg');
    const text = `${DEFAULTS}frontend fe\n    acl h req.hdr(host,\n    http-request set-header X-A %[src,map_ip(\nbackend be\n    server s1 \n`;
    client.open(uri, 'haproxy', text);
    const at = async (line: number, character: number) =>
      client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: { line, character } });
    const fetch = (await at(6, '    acl h req.hdr(host,'.length))!;
    assert.deepEqual(activeText(fetch), { label: 'req.hdr([<name>[,<occ>]]) : str', active: '<occ>' });
    const conv = (await at(7, '    http-request set-header X-A %[src,map_ip('.length))!;
    assert.equal(activeText(conv).label, 'map_ip(string[,string])');
    const server = (await at(9, '    server s1 '.length))!;
    assert.equal(activeText(server).active, '<address>[:[port]]');
    assert.equal(await at(5, 3), null); // on a section header
  });

  it('gives no-active-parameter as an index past the end to clients without null support', async () => {
    const uri = fileUri('/tmp/lsp-signature/errorfile.cfg');
    client.open(uri, 'haproxy', `${DEFAULTS}backend be\n    errorfile 503 /e/503.http \n`);
    const h = (await client.request<SignatureHelp | null>('textDocument/signatureHelp', {
      textDocument: { uri }, position: { line: 6, character: '    errorfile 503 /e/503.http '.length },
    }))!;
    const s = h.signatures[h.activeSignature ?? 0];
    assert.equal(s.activeParameter, s.parameters!.length);
  });

  it('answers in a buildout template too (outside ${…})', async () => {
    const uri = fileUri('/tmp/lsp-signature/templates/haproxy.cfg.in');
    client.open(uri, 'haproxy', `${DEFAULTS}backend be\n    server s1 \${hosts:app} \n`);
    const h = await client.request<SignatureHelp | null>('textDocument/signatureHelp', {
      textDocument: { uri }, position: { line: 6, character: '    server s1 ${hosts:app} '.length },
    });
    assert.equal(activeText(h!).active, '[param*]');
  });
});

describe('missing-file re-checked when the file appears or disappears', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsp-watch-'));
  let client: TestClient;
  after(async () => {
    if (client) await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a relative-pattern watcher for the probed file and re-validates on its events', async () => {
    client = await startServer({
      settings: { haproxy: { version: '2.6' } },
      workspaceCapabilities: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
      initializationOptions: { trusted: false, clientWatchesFiles: true },
    });
    const registrations: { id: string; registerOptions: { watchers: { globPattern: unknown; kind?: number }[] } }[] = [];
    let registered: () => void = () => undefined;
    const registeredOnce = new Promise<void>((r) => (registered = r));
    client.connection.onRequest('client/registerCapability', (p: { registrations: typeof registrations & { method: string }[] }) => {
      for (const r of p.registrations) if ((r as { method: string }).method === 'workspace/didChangeWatchedFiles') registrations.push(r);
      registered();
      return null;
    });
    const unregistered: string[] = [];
    client.connection.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string }[] }) => {
      for (const u of p.unregisterations) unregistered.push(u.id);
      return null;
    });

    const cert = join(dir, 'site.pem');
    const uri = fileUri(join(dir, 'haproxy.cfg'));
    client.open(uri, 'haproxy', `${DEFAULTS}frontend fe\n    bind 127.0.0.1:18443 ssl crt ${cert}\n    default_backend be\nbackend be\n    server s1 127.0.0.1:8080\n`);
    const missing = (d: Diagnostic[]) => d.filter((x) => x.code === 'missing-file');
    assert.equal(missing(await client.diagnostics(uri)).length, 1);

    await registeredOnce;
    const watchers = registrations.flatMap((r) => r.registerOptions.watchers);
    assert.ok(watchers.some((w) => JSON.stringify(w.globPattern) === JSON.stringify({ baseUri: fileUri(dir), pattern: 'site.pem' })), JSON.stringify(watchers));
    assert.ok(watchers.every((w) => w.kind === (1 | 4)), 'creations and deletions only');

    copyFileSync(SITE_CERT, cert);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(cert), type: 1 }] });
    assert.deepEqual(missing(await client.diagnostics(uri)), []);

    rmSync(cert);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(cert), type: 3 }] });
    assert.equal(missing(await client.diagnostics(uri)).length, 1);
    // While the file exists its bundle members (`site.pem.rsa` …) are not probed: the watch set
    // shrank and grew again, each time one new registration and the previous one taken back.
    // The registration follows the diagnostics on the next turn of the server's event loop.
    for (let waited = 0; (registrations.length < 3 || unregistered.length < 2) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    assert.equal(registrations.length, 3);
    assert.deepEqual(unregistered, registrations.slice(0, 2).map((r) => r.id));
    assert.deepEqual(registrations[1].registerOptions.watchers.map((w) => w.globPattern), [{ baseUri: fileUri(dir), pattern: 'site.pem' }]);
  });

  it('takes the registration back once no open document names a file', async () => {
    const uri = fileUri(join(dir, 'haproxy.cfg'));
    const unregistered: string[] = [];
    let done: () => void = () => undefined;
    const gone = new Promise<void>((r) => (done = r));
    client.connection.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string }[] }) => {
      for (const u of p.unregisterations) unregistered.push(u.id);
      done();
      return null;
    });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await Promise.race([gone, new Promise((_, reject) => setTimeout(() => reject(new Error('no unregistration')), 5000))]);
    assert.equal(unregistered.length, 1);
  });
});
