/**
 * slapos.recipe.build runs the Python code of `init` when the part is initialised, and that
 * code may set any option (SlapOS's component/ZODB sets `egg` this way). A `${ZODB:egg}` is
 * then not a certain error: information, like options of recipes we do not know.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

function validate(text: string) {
  const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': text }), ['/w']);
  return service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, text), settings, never);
}

test('an option set by slapos.recipe.build init code is information', () => {
  const d = validate("[buildout]\nparts = s\n[ZODB]\nrecipe = slapos.recipe.build\ninit =\n  options['egg'] = 'ZODB'\n[s]\nrecipe = zc.recipe.egg:scripts\neggs = ${ZODB:egg}\n");
  const egg = d.find((x) => /ZODB egg/.test(String(x.message)));
  assert.equal(egg?.severity, 3, JSON.stringify(d));
  assert.match(String(egg?.message), /init/);
});

test('without init code the same reference is an error', () => {
  const d = validate("[buildout]\nparts = s\n[ZODB]\nrecipe = slapos.recipe.build\ninstall =\n  pass\n[s]\nrecipe = zc.recipe.egg:scripts\neggs = ${ZODB:egg}\n");
  assert.equal(d.find((x) => /ZODB egg/.test(String(x.message)))?.severity, 1);
});
