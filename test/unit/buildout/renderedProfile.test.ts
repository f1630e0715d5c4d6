/**
 * SlapOS instance profiles (`instance.cfg.in`) are buildout profiles *and* templates: the
 * software buildout renders them (slapos.recipe.template) — `${…}` substituted from the software
 * profile, `$${…}` becoming the instance's `${…}` — before the instance buildout reads them.
 * Checked alone, their `${…}` cannot resolve: information, not dozens of false errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

const INSTANCE = '[buildout]\nparts =\n  switch\neggs-directory = ${buildout:eggs-directory}\nextends = ${template-resilient:output}\n[switch]\nrecipe = slapos.cookbook:switch-softwaretype\n<= slap-connection\nbin = ${openssl:location}/bin\nid = $${slap-connection:computer-id}\n';

function validate(path: string, text: string) {
  const service = createBuildoutService(createMemoryHost({ [path]: text }), ['/s']);
  return service.validate(TextDocument.create(`file://${path}`, 'buildout', 1, text), settings, never);
}

test('an .in profile: unresolvable ${…}, extends and macros are information naming the rendering', () => {
  const d = validate('/s/instance.cfg.in', INSTANCE);
  assert.ok(d.length >= 3, JSON.stringify(d));
  for (const x of d) assert.equal(x.severity, 3, `${x.code}: ${String(x.message)}`);
  assert.ok(d.every((x) => /rendered/.test(String(x.message))), JSON.stringify(d.map((x) => x.message)));
});

test('the same text as a .cfg profile keeps its errors', () => {
  const d = validate('/s/instance.cfg', INSTANCE);
  assert.ok(d.some((x) => x.severity === 1 && x.code === 'undefined-section'), JSON.stringify(d));
});

test('a Jinja2 .in profile: template syntax is not a parse error', () => {
  const d = validate('/s/instance.cfg.in', '[buildout]\nparts = a\n{% for k in keys %}\n[a]\nrecipe = x\nk = {{ k }}\n{% endfor %}\n');
  assert.ok(d.some((x) => x.code === 'parse-error'), JSON.stringify(d));
  for (const x of d) assert.equal(x.severity, 3, `${x.code}: ${String(x.message)}`);
  assert.match(String(d[0].message), /Jinja2/);
});
