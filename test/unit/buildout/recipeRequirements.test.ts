/** Required options of the template recipes, as their code demands them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

function validate(text: string) {
  const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': text }), ['/w']);
  return service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, text), settings, never).map((d) => `${d.code}: ${d.message}`);
}

test('slapos.recipe.template:jinja2 needs output (or the older rendered), not both', () => {
  const none = validate('[buildout]\nparts = j\n[j]\nrecipe = slapos.recipe.template:jinja2\nurl = t.in\n');
  assert.ok(none.some((d) => /^template-input-sources: .*'output', 'rendered'/.test(d)), none.join('\n'));
  const both = validate('[buildout]\nparts = j\n[j]\nrecipe = slapos.recipe.template:jinja2\nurl = t.in\noutput = a\nrendered = b\n');
  const d = both.find((x) => /'output' and 'rendered'/.test(x));
  assert.ok(d, both.join('\n'));
  assert.doesNotMatch(d, /Too many input sources/, 'that wording is collective.recipe.template\'s');
  const ok = validate('[buildout]\nparts = j\n[j]\nrecipe = slapos.recipe.template:jinja2\nurl = t.in\noutput = a\n');
  assert.ok(!ok.some((x) => x.startsWith('template-input-sources')), ok.join('\n'));
});

test('collective.recipe.template with input and inline quotes the recipe\'s error', () => {
  const both = validate('[buildout]\nparts = t\n[t]\nrecipe = collective.recipe.template\ninput = a.in\ninline = x\noutput = o\n');
  assert.ok(both.some((x) => /Too many input sources\./.test(x)), both.join('\n'));
});

test('collective.recipe.template with inline and url: the recipe renders inline (a warning, not its error)', () => {
  const d = validate('[buildout]\nparts = t\n[t]\nrecipe = collective.recipe.template\ninline = x\nurl = http://h/t.in\noutput = o\n');
  const w = d.find((x) => x.startsWith('template-input-sources'));
  assert.match(w ?? '', /ignores 'url'/);
  assert.doesNotMatch(w ?? '', /Too many/);
});

test('a base section used only as a <= macro is not checked for required options (buildout never initialises it)', () => {
  const base = '[fonts-base]\nrecipe = slapos.recipe.build:download-unpacked\nshared = true\n[liberation]\n<= fonts-base\nurl = https://h/l.tgz\n[ccache-common]\nrecipe = slapos.recipe.cmmi\n[ccache]\n<= ccache-common\nurl = https://h/c.tgz\n';
  const d = validate('[buildout]\nparts = liberation ccache\n' + base);
  assert.ok(!d.some((x) => /missing-required-option|template-input-sources/.test(x)), d.join('\n'));
  // The user of the macro still needs them.
  const user = validate('[buildout]\nparts = liberation2\n[fonts-base]\nrecipe = slapos.recipe.build:download-unpacked\n[liberation2]\n<= fonts-base\n');
  assert.ok(user.some((x) => /^missing-required-option: \[liberation2\].*'url'/.test(x)), user.join('\n'));
  // Listed as a part itself, the base is checked.
  const listed = validate('[buildout]\nparts = fonts-base\n' + base);
  assert.ok(listed.some((x) => /^missing-required-option: \[fonts-base\]/.test(x)), listed.join('\n'));
});
