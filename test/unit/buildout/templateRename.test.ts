/**
 * Rename started inside a template (F2 on `${instance1:http-address}` or `${frontend-port}` in
 * templates/haproxy.conf.in) renames the section or option across the profile graph and every
 * template use, like a rename started in the profile.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../../server/src/service/languageService';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { exampleFiles, ROOT, settings } from './exampleWorkspace';

const TPL = `${ROOT}/templates/haproxy.conf.in`;

function setup() {
  const files = exampleFiles();
  const service = createLanguageService({ host: createMemoryHost(files), workspaceRoots: [ROOT] } as Parameters<typeof createLanguageService>[0]);
  const doc = TextDocument.create(`file://${TPL}`, 'haproxy', 1, files[TPL]);
  const at = (needle: string, delta: number) => {
    const lines = files[TPL].split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    return { line, character: lines[line].indexOf(needle) + delta };
  };
  const edits = (e: ReturnType<typeof service.doRename>) => Object.fromEntries(Object.entries(e?.changes ?? {})
    .map(([uri, list]) => [uri.slice(`file://${ROOT}/`.length), list.map((x) => `${x.range.start.line + 1}:${x.range.start.character}=${x.newText}`).sort()]));
  return { service, doc, at, edits };
}

test('rename of a section from a template reaches the profiles and the template', () => {
  const { service, doc, at, edits } = setup();
  const pos = at('${instance1:http-address}', 4);
  assert.deepEqual(service.prepareRename(doc, pos, settings), { range: { start: { line: pos.line, character: pos.character - 2 }, end: { line: pos.line, character: pos.character + 7 } }, placeholder: 'instance1' });
  const e = edits(service.doRename(doc, pos, 'zope1', settings));
  assert.ok(e['buildout.cfg']?.length >= 2, JSON.stringify(e));
  assert.equal(e['templates/haproxy.conf.in']?.length, 1, JSON.stringify(e));
});

test('rename of a ${option} shorthand renames the owning section\'s option', () => {
  const { service, doc, at, edits } = setup();
  const e = edits(service.doRename(doc, at('${frontend-port}', 4), 'listen-port', settings));
  assert.deepEqual(e['profiles/haproxy.cfg']?.map((x) => x.split('=')[1]), ['listen-port'], JSON.stringify(e));
  assert.deepEqual(e['templates/haproxy.conf.in']?.map((x) => x.split('=')[1]), ['listen-port']);
});

test('outside ${…} the HAProxy rename applies', () => {
  const { service, doc, at } = setup();
  const r = service.prepareRename(doc, at('backend zope', 9), settings);
  assert.equal(r?.placeholder, 'zope');
});

test('a name buildout cannot substitute is refused with a message for the user', () => {
  const { service, doc, at } = setup();
  assert.throws(() => service.doRename(doc, at('${frontend-port}', 4), 'a:b', settings), (e: Error) => e.constructor.name === 'UserFacingError' && /cannot substitute|can substitute/.test(e.message));
});
