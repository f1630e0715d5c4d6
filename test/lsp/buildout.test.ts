// Buildout profiles and HAProxy templates through the server: hover of `${…}` with the
// resolved value, template diagnostics with the did-you-mean quick fix, completion inside
// `${`, HAProxy diagnostics of the rendered text mapped onto the template, the
// renderTemplate request, and the language switch for profiles reached by `extends`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type TestClient } from './lspClient';

let client: TestClient;
let dir: string;
const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

before(async () => {
  // A private copy: the tests edit profiles.
  dir = mkdtempSync(join(tmpdir(), 'hb-lsp-plone-'));
  cpSync(join(__dirname, 'fixtures', 'plone'), dir, { recursive: true });
  client = await startServer({ settings: { haproxy: { version: '2.6' } } });
});
after(async () => {
  await client.shutdown();
});

test('profile: hover on ${section:option} shows the resolved value', async () => {
  const uri = fileUri(join(dir, 'buildout.cfg'));
  const text = read('buildout.cfg');
  client.open(uri, 'buildout', text);
  await client.diagnostics(uri);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('http-address'));
  const character = lines[line].indexOf('ports:') + 2;
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  assert.match(hoverText(h), /8081/);
});

test('profile: the extended profile is announced as buildout (it is named haproxy.cfg)', async () => {
  type SetLanguage = { uris: string[]; languageId: string };
  const next = () => client.notification<SetLanguage>('haproxyBuildout/setLanguage');
  const first = next(); // registered before the edits, so their announcement is not missed
  const uri = fileUri(join(dir, 'buildout.cfg'));
  client.change(uri, 2, read('buildout.cfg') + '\n');
  // didSave is what re-announces; an open of another profile announces too.
  const other = fileUri(join(dir, 'dev.cfg'));
  writeFileSync(join(dir, 'dev.cfg'), '[buildout]\nextends = buildout.cfg\n');
  client.open(other, 'buildout', read('dev.cfg'));
  // Announcements only name files not announced before, and the previous test's open may still
  // have one on the way (e.g. just buildout.cfg): read them until the extended profile comes.
  const wanted = fileUri(join(dir, 'profiles', 'haproxy.cfg'));
  const seen: SetLanguage[] = [];
  for (let i = 0; i < 5 && !seen.some((p) => p.uris.includes(wanted)); i++) seen.push(await (i === 0 ? first : next()));
  assert.ok(seen.every((p) => p.languageId === 'buildout'), JSON.stringify(seen));
  assert.ok(seen.some((p) => p.uris.includes(wanted)), JSON.stringify(seen));
});

test('template: the handbook typo is an error with a one-click fix', async () => {
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  client.open(uri, 'haproxy', read('templates/haproxy.conf.in'));
  const diags = await client.diagnostics(uri);
  const typo = diags.find((d) => /haproxy-conf\b/.test(String(d.message)));
  assert.ok(typo, JSON.stringify(diags));
  assert.equal(typo.range.start.line, 1);
  assert.equal(typo.severity, 1);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] },
  });
  const fix = actions.find((a) => JSON.stringify(a.edit ?? {}).includes('haproxy-config'));
  assert.ok(fix, JSON.stringify(actions));
  const edits: TextEdit[] = fix.edit?.changes?.[uri] ?? [];
  assert.ok(edits.length > 0);
});

test('template: hover of ${section:option} and of the ${option} shorthand show resolved values', async () => {
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  const lines = read('templates/haproxy.conf.in').split('\n');
  const serverLine = lines.findIndex((l) => l.includes('instance1:http-address'));
  const h = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: serverLine, character: lines[serverLine].indexOf('http-address') + 3 },
  });
  assert.match(hoverText(h), /127\.0\.0\.1:8081/);
  const bindLine = lines.findIndex((l) => l.includes('${frontend-port}'));
  const port = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: bindLine, character: lines[bindLine].indexOf('frontend-port') + 2 },
  });
  assert.match(hoverText(port), /8001/);
  // Outside `${…}` the HAProxy hover answers.
  const kw = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: bindLine, character: 5 },
  });
  assert.match(hoverText(kw), /bind/);
});

test('template: completion inside ${ offers sections, outside it HAProxy keywords', async () => {
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  const text = read('templates/haproxy.conf.in') + 'backend extra\n    server i1 ${\n    bal\n';
  client.change(uri, 2, text);
  await client.diagnostics(uri);
  const line = text.split('\n').length - 3;
  const inside = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line, character: 16 },
  });
  const labels = inside.items.map((i) => i.label);
  assert.ok(labels.some((l) => l.startsWith('instance1')), labels.join(','));
  assert.ok(!labels.includes('balance'));
  const outside = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri }, position: { line: line + 1, character: 7 },
  });
  assert.ok(outside.items.some((i) => i.label === 'balance'), outside.items.map((i) => i.label).join(','));
});

test('haproxy/renderTemplate renders the template as the recipe would', async () => {
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  const fixed = read('templates/haproxy.conf.in').replace('haproxy-conf:', 'haproxy-config:');
  client.change(uri, 3, fixed);
  await client.diagnostics(uri, 5000);
  const r = await client.request<{ text?: string; errors: string[]; section?: string; lineMap?: number[] }>('haproxy/renderTemplate', { uri });
  assert.ok(r.text, JSON.stringify(r));
  assert.match(r.text, /maxconn 256/);
  assert.match(r.text, /bind 127\.0\.0\.1:8001/);
  assert.match(r.text, /server instance1 127\.0\.0\.1:8081 check/);
  assert.equal(r.section, 'haproxy-config');
  assert.equal(r.lineMap?.length, r.text.split('\n').length);
});

test('template: HAProxy diagnostics of the rendered text point at the ${…} that produced them', async () => {
  const profile = fileUri(join(dir, 'profiles', 'haproxy.cfg'));
  const bad = read('profiles/haproxy.cfg').replace('maxconn = 256', 'maxconn = lots');
  client.open(profile, 'buildout', bad);
  const uri = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  // A profile edit re-validates the open templates.
  let found;
  for (let i = 0; i < 5 && !found; i++) {
    const diags = await client.diagnostics(uri, 5000);
    found = diags.find((d) => /lots/.test(String(d.message)));
  }
  assert.ok(found, 'a diagnostic about the substituted value');
  assert.equal(found.range.start.line, 1);
  assert.match(String(found.message), /haproxy-config:maxconn/);
});

test('profile: document links for extends; template: definition of ${section:option} jumps into the profile', async () => {
  const uri = fileUri(join(dir, 'buildout.cfg'));
  const links = await client.request<{ target?: string }[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(links.some((l) => l.target === fileUri(join(dir, 'profiles', 'haproxy.cfg'))), JSON.stringify(links));
  const template = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  const lines = read('templates/haproxy.conf.in').split('\n');
  const line = lines.findIndex((l) => l.includes('instance1:http-address'));
  const defs = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', {
    textDocument: { uri: template }, position: { line, character: lines[line].indexOf('http-address') + 2 },
  });
  assert.ok(defs.length >= 1, JSON.stringify(defs));
  assert.equal(defs[0].uri, uri);
  assert.equal(read('buildout.cfg').split('\n')[defs[0].range.start.line].startsWith('http-address'), true);
});

test('template: references of ${section:option} list the profile definition and the template uses', async () => {
  const template = fileUri(join(dir, 'templates', 'haproxy.conf.in'));
  const lines = read('templates/haproxy.conf.in').split('\n');
  const line = lines.findIndex((l) => l.includes('instance1:http-address'));
  const refs = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/references', {
    textDocument: { uri: template }, position: { line, character: lines[line].indexOf('http-address') + 2 }, context: { includeDeclaration: true },
  });
  const profile = fileUri(join(dir, 'buildout.cfg'));
  const def = refs.find((r) => r.uri === profile);
  assert.ok(def, JSON.stringify(refs));
  assert.ok(read('buildout.cfg').split('\n')[def.range.start.line].startsWith('http-address'));
  assert.ok(refs.some((r) => r.uri === template && r.range.start.line === line), JSON.stringify(refs));
  // Outside `${…}` the HAProxy references answer (the backend name), not buildout's.
  const backendLine = lines.findIndex((l) => l.startsWith('backend zope'));
  const hx = await client.request<{ uri: string }[]>('textDocument/references', {
    textDocument: { uri: template }, position: { line: backendLine, character: 9 }, context: { includeDeclaration: true },
  });
  assert.ok(hx.every((r) => r.uri === template) && hx.length >= 2, JSON.stringify(hx));
});

test('profile: `/` triggers path completion in extends and input; not in HAProxy files', async () => {
  const uri = fileUri(join(dir, 'paths.cfg'));
  const text = '[buildout]\nextends = profiles/\n[t]\nrecipe = collective.recipe.template\ninput = templates/\noutput = etc/haproxy.conf\n';
  writeFileSync(join(dir, 'paths.cfg'), text);
  client.open(uri, 'buildout', text);
  const at = async (docUri: string, line: number, character: number) =>
    client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: docUri }, position: { line, character }, context: { triggerKind: 2, triggerCharacter: '/' },
    });
  const ext = await at(uri, 1, 'extends = profiles/'.length);
  assert.ok(ext?.items.some((i) => i.label === 'haproxy.cfg'), JSON.stringify(ext?.items.map((i) => i.label)));
  const input = await at(uri, 4, 'input = templates/'.length);
  assert.ok(input?.items.some((i) => i.label === 'haproxy.conf.in'), JSON.stringify(input?.items.map((i) => i.label)));
  const hUri = fileUri(join(dir, 'lb', 'haproxy.cfg'));
  client.open(hUri, 'haproxy', 'frontend fe\n    http-request redirect location /\n');
  const none = await at(hUri, 1, '    http-request redirect location /'.length);
  assert.deepEqual(none?.items ?? [], []);
});
