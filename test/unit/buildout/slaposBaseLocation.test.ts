/**
 * `${:_profile_base_location_}` is set on every section by SlapOS's buildout fork
 * (slapos.buildout: the directory or URL of the file that defines the section); upstream
 * zc.buildout does not know it. 164 SlapOS profiles use it, so it is information, not an error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

test('${:_profile_base_location_} is information that names slapos.buildout', () => {
  const text = '[buildout]\nparts = p\n[p]\nrecipe = slapos.recipe.template\nurl = ${:_profile_base_location_}/instance.cfg.in\noutput = ${buildout:directory}/i.cfg\nx = ${p:nope}\n';
  const service = createBuildoutService(createMemoryHost({ '/s/buildout.cfg': text }), ['/s']);
  const d = service.validate(TextDocument.create('file:///s/buildout.cfg', 'buildout', 1, text), settings, never);
  const base = d.find((x) => /_profile_base_location_/.test(String(x.message)));
  assert.ok(base, JSON.stringify(d));
  assert.equal(base.severity, 3, 'information');
  assert.match(String(base.message), /slapos\.buildout/);
  assert.equal(d.find((x) => /nope/.test(String(x.message)))?.severity, 1, 'other options are still errors');
});
