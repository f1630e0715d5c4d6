// A template's answers must not depend on timing: a hover sent right after initialize (no
// waiting for diagnostics, slow `workspace/configuration`) already has the owning section and
// the resolved values, and when the owner's graph extends a profile over HTTP that is still
// downloading, hover and the first diagnostics wait for it instead of answering from a
// partial graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CompletionList, Diagnostic, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, startServer } from './lspClient';

const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

function positionIn(text: string, needle: string, offset: number) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in the template`);
  return { line, character: lines[line].indexOf(needle) + offset };
}

test('template opened and hovered at once after initialize: the owner and the value are there', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ready-'));
  cpSync(join(__dirname, '..', '..', 'examples', 'plone-buildout'), dir, { recursive: true });
  const client = await startServer({ workspaceFolders: [dir], initializationOptions: { trusted: false, clientWatchesFiles: true } });
  try {
    // A slow client: settings arrive after the open and the hover were sent.
    client.delayConfiguration(300);
    const path = join(dir, 'templates', 'haproxy.conf.in');
    const text = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    client.open(uri, 'haproxy', text);
    const [address, port, definition, completion, diags] = await Promise.all([
      client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, 'instance1:http-address', 12) }),
      client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, '${frontend-port}', 4) }),
      client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionIn(text, '${frontend-port}', 4) }),
      client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionIn(text, '${frontend-port}', 2) }),
      client.diagnostics(uri),
    ]);
    // The owner's option, defined in profiles/haproxy.cfg, and offered inside `${`.
    assert.ok(definition.some((l) => l.uri.endsWith('/profiles/haproxy.cfg')), JSON.stringify(definition));
    assert.ok(completion.items.some((i) => i.label === 'frontend-port'), JSON.stringify(completion.items.map((i) => i.label)));
    assert.match(hoverText(address), /127\.0\.0\.1:8081/);
    // `${frontend-port}` only means something once the owning section is known.
    assert.match(hoverText(port), /8001/);
    assert.match(hoverText(port), /haproxy-config/);
    assert.ok(diags.some((d) => d.code === 'undefined-section'), JSON.stringify(diags));
  } finally {
    await client.shutdown();
  }
});

/** An HTTP server that answers after `delayMs` (a slow network for `extends = http…`). */
async function slowServer(body: string, delayMs: number): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    setTimeout(() => res.end(body), delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  // A unique path: the server's download cache must never already hold it.
  return { server, url: `http://127.0.0.1:${port}/${randomUUID()}/base.cfg` };
}

test('a template whose owner extends a profile over HTTP: hover and diagnostics wait for the download', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ready-url-'));
  const home = join(dir, 'home');
  mkdirSync(join(dir, 'ws', 'templates'), { recursive: true });
  const ws = join(dir, 'ws');
  const { server, url } = await slowServer('[ports]\nhaproxy = 8001\ninstance1 = 8081\n', 700);
  writeFileSync(join(ws, 'buildout.cfg'), [
    '[buildout]',
    `extends = ${url}`,
    'parts = haproxy-config',
    '',
    '[haproxy-config]',
    'recipe = collective.recipe.template',
    'input = ${buildout:directory}/templates/haproxy.conf.in',
    'output = ${buildout:directory}/etc/haproxy.conf',
    'backend-address = 127.0.0.1:${ports:instance1}',
    '',
  ].join('\n'));
  const text = [
    'global',
    '    maxconn 100',
    '',
    'backend zope',
    '    server instance1 ${backend-address} check',
    '    server instance2 127.0.0.1:${ports:instance1} check',
    '',
  ].join('\n');
  writeFileSync(join(ws, 'templates', 'haproxy.conf.in'), text);
  const client = await startServer({ workspaceFolders: [ws], env: { HOME: home }, initializationOptions: { trusted: false } });
  try {
    const uri = fileUri(join(ws, 'templates', 'haproxy.conf.in'));
    client.open(uri, 'haproxy', text);
    const [implicit, explicit, diags] = await Promise.all([
      client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, '${backend-address}', 4) }),
      client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, 'ports:instance1', 8) }),
      client.diagnostics(uri),
    ]);
    assert.match(hoverText(implicit), /127\.0\.0\.1:8081/);
    assert.match(hoverText(explicit), /8081/);
    const buildoutProblems = diags.filter((d: Diagnostic) => d.source === 'buildout' || /section|option/.test(String(d.message)));
    assert.deepEqual(buildoutProblems, [], 'the first diagnostics come from the complete graph');
  } finally {
    await client.shutdown();
    server.close();
  }
});

test('a hover in flight while the client switches the document to buildout answers for buildout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ready-switch-'));
  cpSync(join(__dirname, '..', '..', 'examples', 'plone-buildout'), dir, { recursive: true });
  const client = await startServer({ workspaceFolders: [dir], initializationOptions: { trusted: false, clientWatchesFiles: true } });
  try {
    // profiles/haproxy.cfg opens as HAProxy (its name); the server will say it is a profile.
    const path = join(dir, 'profiles', 'haproxy.cfg');
    const text = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    client.delayConfiguration(400);
    client.open(uri, 'haproxy', text);
    const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, '${ports:haproxy}', 4) });
    // The client switches the language while the hover waits for its settings.
    await new Promise((r) => setTimeout(r, 100));
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, 'buildout', text);
    assert.match(hoverText(await hover), /8001/);
  } finally {
    await client.shutdown();
  }
});

test('a template hover right after an unsaved profile edit shows the edited value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ready-edit-'));
  cpSync(join(__dirname, '..', '..', 'examples', 'plone-buildout'), dir, { recursive: true });
  const client = await startServer({ workspaceFolders: [dir], initializationOptions: { trusted: false, clientWatchesFiles: true } });
  try {
    const profilePath = join(dir, 'buildout.cfg');
    const profileUri = fileUri(profilePath);
    const profile = readFileSync(profilePath, 'utf8');
    const templatePath = join(dir, 'templates', 'haproxy.conf.in');
    const template = readFileSync(templatePath, 'utf8');
    const uri = fileUri(templatePath);
    client.open(profileUri, 'buildout', profile);
    client.open(uri, 'haproxy', template);
    await Promise.all([client.diagnostics(profileUri), client.diagnostics(uri)]);
    const at = positionIn(template, 'instance1:http-address', 12);
    assert.match(hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at })), /127\.0\.0\.1:8081/);
    // Edit the profile (not saved) and hover the template at once, before any validation ran.
    client.change(profileUri, 2, profile.replace('instance1 = 8081', 'instance1 = 9091'));
    const after = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
    assert.match(hoverText(after), /127\.0\.0\.1:9091/);
  } finally {
    await client.shutdown();
  }
});

test('a file becomes a template when an unsaved profile edit names it as input: its diagnostics follow', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-ready-owner-'));
  mkdirSync(join(dir, 'templates'));
  const profile = '[buildout]\nparts = lb\n\n[lb]\nrecipe = collective.recipe.template\ninput = inline:\n    global\noutput = ${buildout:directory}/etc/haproxy.cfg\nmaxconn = 64\n';
  writeFileSync(join(dir, 'buildout.cfg'), profile);
  // Named like a HAProxy config, not `.in`: only the profile makes it a template.
  const text = 'global\n    maxconn ${maxconn}\n';
  writeFileSync(join(dir, 'templates', 'haproxy.cfg'), text);
  const client = await startServer({ workspaceFolders: [dir], initializationOptions: { trusted: false, clientWatchesFiles: true } });
  try {
    const profileUri = fileUri(join(dir, 'buildout.cfg'));
    const uri = fileUri(join(dir, 'templates', 'haproxy.cfg'));
    client.open(profileUri, 'buildout', profile);
    client.open(uri, 'haproxy', text);
    await client.diagnostics(profileUri);
    const before = await client.diagnostics(uri);
    assert.ok(before.some((d) => d.code === 'buildout-leftover' || d.code === 'buildout-leftover-silent'), JSON.stringify(before));
    // The user points the section at the file (unsaved): the template is now rendered, not read.
    client.change(profileUri, 2, profile.replace('input = inline:\n    global\n', 'input = ${buildout:directory}/templates/haproxy.cfg\n'));
    let after = await client.diagnostics(uri, 10_000);
    // A validation already scheduled for the old text may publish first; the next one counts.
    while (after.some((d) => String(d.code).startsWith('buildout-leftover'))) after = await client.diagnostics(uri, 10_000);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, '${maxconn}', 4) });
    assert.match(hoverText(hover), /64/);
  } finally {
    await client.shutdown();
  }
});
