// "Buildout: Choose Template Owner" at the LSP level: a template rendered by a section of
// buildout.cfg and by one of staging.cfg. The server lists both owners (main profile's first,
// in effect by default); once the client writes the choice into `buildout.templateOwner` and
// says the configuration changed, hover, completion and diagnostics of the open template
// follow the chosen section, and rendering uses it without being told the owner.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type TestClient } from './lspClient';

const TEMPLATE = [
  'global',
  '    maxconn ${maxconn}',
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 50s',
  '    timeout server 50s',
  'frontend www',
  '    bind 127.0.0.1:${port}',
  '    default_backend app',
  'backend app',
  '    server app1 127.0.0.1:8080',
  '',
].join('\n');
const section = (port: string, extra = '') => [
  '[haproxy-config]',
  'recipe = collective.recipe.template',
  'input = ${buildout:directory}/templates/haproxy.conf.in',
  'output = ${buildout:directory}/etc/haproxy.conf',
  `port = ${port}`,
  extra,
].join('\n');

let client: TestClient;
let dir: string;
let uri: string;
const settings: { haproxy: Record<string, unknown>; buildout: Record<string, unknown> } = { haproxy: { version: '2.6' }, buildout: {} };
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
const at = (needle: string, offset = 2) => {
  const lines = TEMPLATE.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + offset };
};
const undefinedOptionMessages = (d: Diagnostic[]) => d.filter((x) => x.code === 'undefined-option').map((x) => String(x.message));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hb-lsp-owner-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'buildout.cfg'), `[buildout]\nparts = haproxy-config\n\n${section('8001', 'maxconn = 2000')}\n`);
  // staging.cfg has no maxconn: with it as owner, ${maxconn} is an undefined option.
  writeFileSync(join(dir, 'staging.cfg'), `[buildout]\nparts = haproxy-config\n\n${section('9443')}\n`);
  writeFileSync(join(dir, 'templates', 'haproxy.conf.in'), TEMPLATE);
  client = await startServer({ workspaceFolders: [dir], settings });
  uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
});
after(async () => {
  await client.shutdown();
});

test('the owners of a template: both sections, the main profile\'s in effect', async () => {
  client.open(uri, 'haproxy', TEMPLATE);
  const diags = await client.diagnostics(uri);
  assert.deepEqual(undefinedOptionMessages(diags), []);
  const owners = await client.request<{ candidates: string[]; current?: string }>('haproxy/templateOwners', { uri });
  assert.deepEqual(owners, { candidates: ['buildout.cfg:haproxy-config', 'staging.cfg:haproxy-config'], current: 'buildout.cfg:haproxy-config' });
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at('${port}') });
  assert.match(hoverText(h), /8001/);
});

test('choosing staging.cfg\'s section: hover, completion, diagnostics and rendering follow it', async () => {
  settings.buildout = { templateOwner: { 'templates/haproxy.conf.in': 'staging.cfg:haproxy-config' } };
  const diagnostics = client.diagnostics(uri);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  // The server validates the open template again with the new owner, unasked.
  const diags = await diagnostics;
  const missing = undefinedOptionMessages(diags);
  assert.equal(missing.length, 1, JSON.stringify(diags));
  assert.match(missing[0], /maxconn/);
  const owners = await client.request<{ candidates: string[]; current?: string }>('haproxy/templateOwners', { uri });
  assert.equal(owners.current, 'staging.cfg:haproxy-config');
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at('${port}') });
  assert.match(hoverText(h), /9443/);
  assert.doesNotMatch(hoverText(h), /8001/);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at('${port}', 2) });
  const port = list.items.find((i) => i.label === 'port');
  assert.ok(port, JSON.stringify(list.items.map((i) => i.label)));
  const resolved = await client.request<{ detail?: string }>('completionItem/resolve', port);
  assert.match(`${port.detail ?? ''} ${resolved.detail ?? ''}`, /9443/);
  // staging.cfg's section lacks maxconn: the recipe would fail there, and says so.
  const rendered = await client.request<{ text?: string; profile?: string; errors: string[] }>('haproxy/renderTemplate', { uri });
  assert.equal(rendered.profile, join(dir, 'staging.cfg'));
  assert.equal(rendered.text, undefined);
  assert.match(rendered.errors.join('\n'), /maxconn/);
});

test('back to the default: the main profile\'s section again', async () => {
  settings.buildout = {};
  const diagnostics = client.diagnostics(uri);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(undefinedOptionMessages(await diagnostics), []);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at('${port}') });
  assert.match(hoverText(h), /8001/);
});
