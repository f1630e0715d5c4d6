/**
 * A template section whose recipe comes through `<=` (`[conf] <= conf-base`, where the base
 * names collective.recipe.template) renders its `input` like any other: buildout expands the
 * macro before the recipe runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { renderTemplate, templateSections } from '../../../server/src/service/buildout/render/render';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';
import { settings, never } from './exampleWorkspace';

const files = {
  '/m/buildout.cfg': '[buildout]\nparts = conf\n[conf-base]\nrecipe = collective.recipe.template\nport = 80\n[conf]\n<= conf-base\ninput = ${buildout:directory}/t.in\noutput = /tmp/o\nport = 8080\n',
  '/m/t.in': 'bind :${port}\nx ${nope}\n',
};

test('render and the profile request find a template section based on a macro', () => {
  const profile = resolveProfile(createMemoryHost(files), '/m/buildout.cfg', { userDefaults: false });
  assert.ok(templateSections(profile).includes('conf'));
  assert.equal(renderTemplate(profile, 'conf', { templateText: 'bind :${port}\n' }).text, 'bind :8080\n');
});

test('the template of a section based on a macro has an owner', () => {
  const s = createBuildoutService(createMemoryHost(files), ['/m']);
  assert.equal(s.templateOwner('/m/t.in', settings)?.replace(/.*:/, ''), 'conf');
  const doc = TextDocument.create('file:///m/t.in', 'haproxy', 1, files['/m/t.in']);
  assert.ok(s.validateTemplate(doc, settings, never).some((d) => d.code === 'undefined-option'));
});

test('a macro base that names the template itself comes after the part that uses it', () => {
  const macroInput = {
    '/n/buildout.cfg': '[buildout]\nparts = conf\n[conf-base]\nrecipe = collective.recipe.template\ninput = ${buildout:directory}/t.in\noutput = /tmp/o\nport = 80\n[conf]\n<= conf-base\nport = 8080\n',
    '/n/t.in': 'bind :${port}\n',
  };
  const s = createBuildoutService(createMemoryHost(macroInput), ['/n']);
  assert.equal(s.templateOwner('/n/t.in', settings)?.replace(/.*:/, ''), 'conf');
});
