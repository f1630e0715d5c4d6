/**
 * zc.buildout reads ~/.buildout/default.cfg before every profile: a parse error or a missing
 * extends there breaks every run. The root profile says so (line 1), naming the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

const files = { '/home/u/.buildout/default.cfg': '[buildout]\nextends = gone.cfg\nfoo\n', '/w/buildout.cfg': '[buildout]\nparts =\n' };

function validate(userDefaults: boolean) {
  const host = { ...createMemoryHost(files), homeDirectory: () => '/home/u' };
  const s = createBuildoutService(host, ['/w']);
  return s.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, files['/w/buildout.cfg']), { ...settings, buildout: { ...settings.buildout, userDefaults } }, never);
}

test('errors in ~/.buildout/default.cfg show on the root profile', () => {
  const d = validate(true);
  const parse = d.find((x) => x.code === 'parse-error');
  assert.ok(parse, JSON.stringify(d));
  assert.equal(parse.range.start.line, 0);
  assert.match(String(parse.message), /default\.cfg/);
  assert.match(String(parse.message), /buildout\.userDefaults/, 'says how to turn it off');
  assert.ok(d.some((x) => x.code === 'missing-extends' && /gone\.cfg/.test(String(x.message))), JSON.stringify(d));
});

test('with buildout.userDefaults off, nothing', () => {
  assert.deepEqual(validate(false), []);
});
