// Workspace symbols (Ctrl+T): HAProxy named sections of open documents and of the HAProxy files
// the workspace knows, buildout sections of the main profile's graph; matching and the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind } from 'vscode-languageserver-types';
import { createMemoryHost } from '../../server/src/service/common/host';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/service/languageService';
import { matchScore, MAX_WORKSPACE_SYMBOLS } from '../../server/src/service/workspaceSymbols';
import { ROOT, exampleFiles } from './buildout/exampleWorkspace';

const HAPROXY_CFG = [
  'global', '    daemon',
  'defaults base', '    mode http',
  'frontend www', '    bind :80', '    default_backend app_servers',
  'backend app_servers', '    server a 127.0.0.1:8080',
  'userlist admins', '    user root insecure-password x',
  'peers mypeers', '    peer p1 127.0.0.1:1024',
  'resolvers dns', '    nameserver ns1 127.0.0.1:53', '',
].join('\n');

function workspace(extra: Record<string, string> = {}) {
  const files = { ...exampleFiles(), [`${ROOT}/haproxy.cfg`]: HAPROXY_CFG, ...extra };
  const base = createMemoryHost(files);
  const changed = new Map<string, string>();
  // A host whose files can change, as the disk does under the server.
  const host = {
    readFile: (p: string) => changed.get(p) ?? base.readFile(p),
    exists: (p: string) => changed.has(p) || base.exists(p),
    listDirectory: (d: string) => base.listDirectory(d),
    writeFile: (p: string, text: string) => void changed.set(p, text),
  };
  const service = createLanguageService({ host, workspaceRoots: [ROOT] });
  return { service, files, host };
}

const names = (list: { name: string }[]) => list.map((s) => s.name);

test('the workspace HAProxy file, the main graph\'s template and the profile sections are found without opening anything', () => {
  const { service } = workspace();
  const all = service.findWorkspaceSymbols('', [], DEFAULT_SETTINGS);
  const www = all.find((s) => s.name === 'www');
  assert.ok(www, names(all).join(', '));
  assert.equal(www.kind, SymbolKind.Interface);
  assert.equal(www.containerName, 'frontend');
  assert.equal(www.location.uri, `file://${ROOT}/haproxy.cfg`);
  assert.deepEqual(www.location.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 12 } });
  for (const n of ['base', 'app_servers', 'admins', 'mypeers', 'dns']) assert.ok(names(all).includes(n), n);
  // The template rendered by [haproxy-config]: its `frontend zeocluster` and `backend zope`.
  const zope = all.find((s) => s.name === 'zope');
  assert.equal(zope?.location.uri, `file://${ROOT}/templates/haproxy.conf.in`);
  // Buildout sections of buildout.cfg and of the files it extends, with their file and line.
  const config = all.find((s) => s.name === 'haproxy-config');
  assert.equal(config?.location.uri, `file://${ROOT}/profiles/haproxy.cfg`);
  assert.equal(config?.containerName, 'collective.recipe.template');
  assert.ok(all.some((s) => s.name === 'ports' && s.location.uri === `file://${ROOT}/buildout.cfg` && s.location.range.start.line === 13));
  // `global` has no name to search for.
  assert.ok(!names(all).includes('global'));
});

test('the query matches in order, case-insensitively; better matches first', () => {
  const { service } = workspace();
  const found = names(service.findWorkspaceSymbols('APs', [], DEFAULT_SETTINGS));
  assert.ok(found.includes('app_servers'), found.join(', '));
  assert.ok(!found.includes('www'));
  // Prefix matches (the instances) come before a scattered one.
  const inst = names(service.findWorkspaceSymbols('inst', [], DEFAULT_SETTINGS));
  assert.deepEqual(inst.slice(0, 2), ['instance1', 'instance2']);
  assert.equal(matchScore('be', 'be'), 0);
  assert.ok(matchScore('be', 'be_app')! < matchScore('be', 'web_be')!);
  assert.ok(matchScore('be', 'web_be')! < matchScore('be', 'b_x_e')!);
  assert.equal(matchScore('zz', 'web'), undefined);
});

test('an open document counts with its unsaved text, and the disk copy is not listed twice', () => {
  const { service } = workspace();
  const edited = HAPROXY_CFG.replace(/^backend app_servers/m, 'backend api_servers');
  const doc = TextDocument.create(`file://${ROOT}/haproxy.cfg`, 'haproxy', 2, edited);
  const found = service.findWorkspaceSymbols('servers', [{ document: doc, settings: DEFAULT_SETTINGS }], DEFAULT_SETTINGS);
  assert.deepEqual(names(found), ['api_servers']);
  // An open HAProxy file outside the workspace is listed too.
  const other = TextDocument.create('file:///elsewhere/lb.cfg', 'haproxy', 1, 'listen stats\n    bind :9000\n');
  assert.deepEqual(service.findWorkspaceSymbols('stats', [{ document: other, settings: DEFAULT_SETTINGS }], DEFAULT_SETTINGS).map((s) => s.location.uri), ['file:///elsewhere/lb.cfg']);
});

test('a workspace file edited on disk is read again; non-HAProxy files give nothing', () => {
  const { service, host } = workspace({ [`${ROOT}/setup.cfg`]: '[metadata]\nname = frontend\n' });
  assert.ok(names(service.findWorkspaceSymbols('www', [], DEFAULT_SETTINGS)).includes('www'));
  host.writeFile(`${ROOT}/haproxy.cfg`, HAPROXY_CFG.replace('frontend www', 'frontend web2'));
  service.invalidate(`${ROOT}/haproxy.cfg`);
  const after = names(service.findWorkspaceSymbols('w', [], DEFAULT_SETTINGS));
  assert.ok(after.includes('web2'), after.join(', '));
  assert.ok(!after.includes('www'));
  assert.ok(!names(service.findWorkspaceSymbols('', [], DEFAULT_SETTINGS)).includes('metadata'));
});

test('the answer is capped and a cancelled request answers nothing', () => {
  const many = Array.from({ length: MAX_WORKSPACE_SYMBOLS + 100 }, (_, i) => `backend be${i}\n    server s 127.0.0.1:${1000 + i}`).join('\n') + '\n';
  const { service } = workspace({ [`${ROOT}/haproxy-big.cfg`]: many });
  const found = service.findWorkspaceSymbols('be', [], DEFAULT_SETTINGS);
  assert.equal(found.length, MAX_WORKSPACE_SYMBOLS);
  // Shorter (closer) names first.
  assert.equal(found[0].name, 'be0');
  assert.deepEqual(service.findWorkspaceSymbols('be', [], DEFAULT_SETTINGS, { isCancellationRequested: true }), []);
});
