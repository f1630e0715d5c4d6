// Profiles whose bytes are not UTF-8: zc.buildout 2.13.2 on Python 3 stops with
// "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 …" (measured, even for a byte in a
// comment), so the service reports it on line 1 of such a file and on the extends reaching it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost, type FileSystemHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { never, settings } from './exampleWorkspace';

const FILES: Record<string, string> = {
  '/p/buildout.cfg': '[buildout]\nextends =\n    direct.cfg\n    chain.cfg\n    fine.cfg\nparts =\n',
  '/p/direct.cfg': '[buildout]\n# caf\uFFFD\n[a]\nx = 1\n',
  '/p/chain.cfg': '[buildout]\nextends = deep/bad.cfg\n',
  '/p/deep/bad.cfg': '[b]\ny = \uFFFD\n',
  '/p/fine.cfg': '[c]\nz = 1\n',
};

function service(bad: string[] | undefined) {
  const memory = createMemoryHost(FILES);
  const host: FileSystemHost = bad ? { ...memory, isInvalidUtf8: (p) => bad.includes(p) } : memory;
  const svc = createBuildoutService(host, ['/p']);
  const validate = (path: string) => svc.validate(TextDocument.create(`file://${path}`, 'buildout', 1, FILES[path]), settings, never)
    .filter((d) => d.code === 'invalid-utf8');
  return { validate };
}

test('an extends word reaching a non-UTF-8 file, directly or through further extends, is an error there', () => {
  const { validate } = service(['/p/direct.cfg', '/p/deep/bad.cfg']);
  const d = validate('/p/buildout.cfg');
  assert.deepEqual(d.map((x) => [x.range.start.line, x.range.start.character, x.range.end.character]), [[2, 4, 14], [3, 4, 13]]);
  assert.equal(d[0].message, '/p/direct.cfg is not valid UTF-8; zc.buildout cannot read it (UnicodeDecodeError). Save it as UTF-8.');
  assert.match(String(d[1].message), /^This extends reaches \/p\/deep\/bad\.cfg is not valid UTF-8; zc\.buildout cannot read it/);
  assert.ok(d.every((x) => x.severity === 1));
  const chain = validate('/p/chain.cfg');
  assert.deepEqual(chain.map((x) => x.range.start.line), [1]);
  assert.match(String(chain[0].message), /^\/p\/deep\/bad\.cfg is not valid UTF-8/);
});

test('an open non-UTF-8 profile gets the error on line 1; valid files and flagless hosts get nothing', () => {
  const { validate } = service(['/p/direct.cfg', '/p/deep/bad.cfg']);
  const own = validate('/p/direct.cfg');
  assert.deepEqual(own.map((x) => x.range.start.line), [0]);
  assert.deepEqual(validate('/p/fine.cfg'), []);
  assert.deepEqual(service(undefined).validate('/p/buildout.cfg'), []);
  assert.deepEqual(service([]).validate('/p/buildout.cfg'), []);
});
