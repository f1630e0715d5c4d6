// Editor features on buildout profiles (example workspace and small crafted graphs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService, RenameError } from '../../../server/src/service/buildout/index';
import { applyEdit } from '../../helpers/cursor';
import { ROOT, exampleService, never, posOf, settings } from './exampleWorkspace';

function crafted(files: Record<string, string>) {
  const service = createBuildoutService(createMemoryHost(files), ['/p']);
  const open = (path: string, text = files[path]) => TextDocument.create(`file://${path}`, 'buildout', 1, text);
  return { service, open };
}

test('completion: sections after ${, options after ${section: (computed too), recipes, parts, macros, keys', () => {
  const { service, open, files } = exampleService();
  const base = files[`${ROOT}/buildout.cfg`];
  const withSub = base.replace('port = ${ports:instance2}', 'port = ${ports:instance2}\nx = ${haproxy-b');
  const l1 = service.complete(open('buildout.cfg', withSub), posOf(withSub, '${haproxy-b', 11), settings, never).items.map((i) => i.label);
  assert.ok(l1.includes('haproxy-build') && l1.includes('instance-base'), l1.join());
  const withOpt = base.replace('port = ${ports:instance2}', 'port = ${ports:instance2}\nx = ${haproxy-build:');
  const l2 = service.complete(open('buildout.cfg', withOpt), posOf(withOpt, '${haproxy-build:', 16), settings, never).items;
  const loc = l2.find((i) => i.label === 'location');
  assert.ok(loc, 'recipe-computed location is offered');
  assert.equal(loc.detail, '/ws/parts/haproxy-build');
  const withRecipe = base + '\n[varnish]\nrecipe = plone.recipe.v';
  const l3 = service.complete(open('buildout.cfg', withRecipe), posOf(withRecipe, 'plone.recipe.v', 14), settings, never).items.map((i) => i.label);
  assert.ok(l3.includes('plone.recipe.varnish') && l3.includes('collective.recipe.template[genshi]:genshi'));
  const withKey = base + '\n[hb]\nrecipe = plone.recipe.haproxy\nta';
  const l4 = service.complete(open('buildout.cfg', withKey), posOf(withKey, '\nta', 3), settings, never).items.map((i) => i.label);
  assert.ok(l4.includes('target') && l4.includes('extra_options') && !l4.includes('recipe'), l4.join());
  const withParts = base.replace('    instance2\n', '    instance2\n    ');
  const l5 = service.complete(open('buildout.cfg', withParts), posOf(withParts, '    instance2\n    ', 18), settings, never).items.map((i) => i.label);
  assert.deepEqual(l5, ['instance-base'], 'only recipe sections not yet listed');
  const withMacro = base.replace('<= instance-base', '<= inst');
  const l6 = service.complete(open('buildout.cfg', withMacro), posOf(withMacro, '<= inst', 7), settings, never).items.map((i) => i.label);
  assert.ok(l6.includes('instance-base') && !l6.includes('instance1'), 'not the section itself');
});

test('completion of files in extends and input', () => {
  const { service, open, files } = exampleService();
  const base = files[`${ROOT}/buildout.cfg`].replace('    profiles/haproxy.cfg', '    profiles/');
  const items = service.complete(open('buildout.cfg', base), posOf(base, '    profiles/\n', 13), settings, never).items.map((i) => i.label);
  assert.deepEqual(items.sort(), ['base.cfg', 'haproxy.cfg']);
  // A fresh service: the edit above made buildout.cfg stop extending profiles/haproxy.cfg.
  const { service: s2, open: open2 } = exampleService();
  const hp = files[`${ROOT}/profiles/haproxy.cfg`].replace('templates/haproxy.conf.in', 'templates/');
  const items2 = s2.complete(open2('profiles/haproxy.cfg', hp), posOf(hp, 'templates/', 10), settings, never).items.map((i) => i.label);
  assert.deepEqual(items2, ['haproxy.conf.in']);
});

test('hover on ${section:option} in a profile: substituted value and history; on a recipe: docs', () => {
  const { service, open } = exampleService();
  const doc = open('profiles/haproxy.cfg');
  const h = service.hover(doc, posOf(doc.getText(), '${ports:haproxy}', 9), settings, never);
  const md = (h!.contents as { value: string }).value;
  assert.match(md, /8001/);
  assert.match(md, /buildout\.cfg:\d+/);
  const r = service.hover(doc, posOf(doc.getText(), 'plone.recipe.haproxy', 3), settings, never);
  assert.match((r!.contents as { value: string }).value, /bin\/haproxy|bin-directory/);
  const d = service.hover(doc, posOf(doc.getText(), '${buildout:directory}', 12), settings, never);
  assert.match((d!.contents as { value: string }).value, /\/ws\b/);
});

test('definition, references and rename of a section across files and the template', () => {
  const { service, open } = exampleService();
  const doc = open('profiles/haproxy.cfg');
  const defs = service.definition(doc, posOf(doc.getText(), '${ports:haproxy}', 3), settings);
  assert.deepEqual(defs.map((l) => l.uri), [`file://${ROOT}/buildout.cfg`]);
  const b = open('buildout.cfg');
  const refs = service.references(b, posOf(b.getText(), '[instance2]', 3), settings, true);
  const where = refs.map((l) => `${l.uri.slice(`file://${ROOT}/`.length)}:${l.range.start.line}`).sort();
  // header, `parts` entry in buildout.cfg, and the template's ${instance2:http-address}.
  assert.equal(where.length, 3, where.join(' '));
  assert.ok(where.some((w) => w.startsWith('templates/haproxy.conf.in:')));
  assert.deepEqual(service.prepareRename(b, posOf(b.getText(), '[instance2]', 3), settings)?.placeholder, 'instance2');
  const edit = service.rename(b, posOf(b.getText(), '[instance2]', 3), 'zope2', settings)!;
  const tplEdits = edit.changes![`file://${ROOT}/templates/haproxy.conf.in`];
  assert.equal(tplEdits.length, 1);
  assert.equal(edit.changes![`file://${ROOT}/buildout.cfg`].length, 2);
  assert.throws(() => service.rename(b, posOf(b.getText(), '[instance2]', 3), 'instance1', settings), RenameError);
  assert.equal(service.prepareRename(b, posOf(b.getText(), '[buildout]', 3), settings), null);
});

test('rename of an option follows ${:option} through macros and the template', () => {
  const { service, open } = exampleService();
  const base = open('profiles/base.cfg');
  const edit = service.rename(base, posOf(base.getText(), 'http-address', 2), 'http-bind', settings)!;
  const files = Object.keys(edit.changes!).map((u) => u.slice(`file://${ROOT}/`.length)).sort();
  assert.deepEqual(files, ['profiles/base.cfg', 'templates/haproxy.conf.in']);
  const tpl = open('templates/haproxy.conf.in');
  let text = tpl.getText();
  for (const e of [...edit.changes![tpl.uri]].reverse()) text = applyEdit(text, e);
  assert.match(text, /\$\{instance1:http-bind\}/);
  assert.match(text, /\$\{instance2:http-bind\}/);
});

test('document links and symbols', () => {
  const { service, open } = exampleService();
  const b = open('buildout.cfg');
  const links = service.links(b, settings).map((l) => l.target);
  assert.deepEqual(links, [`file://${ROOT}/profiles/base.cfg`, `file://${ROOT}/profiles/haproxy.cfg`]);
  const hp = open('profiles/haproxy.cfg');
  const l2 = service.links(hp, settings).map((l) => l.target);
  assert.deepEqual(l2, [`file://${ROOT}/templates/haproxy.conf.in`], 'input linked; output not built yet');
  const symbols = service.symbols(b, settings);
  assert.deepEqual(symbols.map((s) => s.name), ['buildout', 'ports', 'instance1', 'instance2']);
  assert.ok(symbols[0].children!.some((c) => c.name === 'extends'));
});

test('diagnostics: parts, recipes, extends, overrides, cycles', () => {
  const { service, open } = crafted({
    '/p/buildout.cfg': [
      '[buildout]', 'extends = base.cfg missing.cfg', 'parts = web nosuch norecipe tpl', '',
      '[web]', 'recipe = plone.recipe.haproxy', 'targte = linux-glibc', 'url = ${base:url}', '',
      '[norecipe]', 'x = 1', '',
      '[tpl]', 'recipe = collective.recipe.template', 'input = ${buildout:directory}/nothere.in', '',
      '[loop]', 'a = ${loop:b}', 'b = ${loop:a}', '',
      '[base]', 'url = http://x/h.tgz', '',
    ].join('\n'),
    '/p/base.cfg': '[base]\nurl = http://x/h.tgz\n',
  });
  const doc = open('/p/buildout.cfg');
  const diags = service.validate(doc, settings, never);
  const codes = diags.map((d) => `${d.code}@${d.range.start.line}`);
  for (const want of ['missing-extends@1', 'undefined-part@2', 'part-without-recipe@2', 'unknown-recipe-option@6',
    'missing-required-option@12', 'missing-template@14', 'circular-reference@17', 'redundant-override@21']) {
    assert.ok(codes.includes(want), `${want} in ${codes.join(' ')}`);
  }
  const unknown = diags.find((d) => d.code === 'unknown-recipe-option')!;
  assert.match(String(unknown.message), /Did you mean 'target'/);
  // Quick fixes: did-you-mean for the option typo; add the required `output`.
  const actions = service.codeActions(doc, unknown.range, { diagnostics: diags }, settings);
  const typo = actions.find((a) => a.title === "Change to 'target'");
  assert.ok(typo);
  const add = actions.find((a) => a.title.startsWith('Add'));
  assert.ok(add);
  assert.match(applyEdit(doc.getText(), add.edit!.changes![doc.uri][0]), /\[tpl\]\noutput = \nrecipe/);
});

test('diagnostics: extends cycle, undefined option with suggestion, unknown recipes are quiet', () => {
  const { service, open } = crafted({
    '/p/buildout.cfg': '[buildout]\nextends = a.cfg\nparts =\n\n[x]\nrecipe = my.own.recipe\nanything = ${ports:instanse1}\n\n[ports]\ninstance1 = 1\n',
    '/p/a.cfg': '[buildout]\nextends = buildout.cfg\n',
  });
  const diags = service.validate(open('/p/buildout.cfg'), settings, never);
  const codes = diags.map((d) => d.code);
  assert.ok(codes.includes('undefined-option'), codes.join());
  const u = diags.find((d) => d.code === 'undefined-option')!;
  assert.deepEqual((u.data as { suggestions: string[] }).suggestions, ['instance1']);
  assert.ok(!codes.includes('unknown-recipe-option'));
  const a = service.validate(open('/p/a.cfg'), settings, never);
  assert.ok(a.some((d) => d.code === 'extends-cycle'), JSON.stringify(a));
});

test('the example workspace profiles are clean', () => {
  const { service, open } = exampleService();
  for (const f of ['buildout.cfg', 'profiles/base.cfg', 'profiles/haproxy.cfg']) {
    assert.deepEqual(service.validate(open(f), settings, never).map((d) => d.message), [], f);
  }
});

test('diagnostics: macro errors with a did-you-mean, unevaluated conditions as information', () => {
  const { service, open } = crafted({
    '/p/buildout.cfg': [
      '[buildout]', 'parts =', '',
      '[instance-base]', 'recipe = plone.recipe.zope2instance', '',
      '[i1]', '<= instance-bse', '',
      '[m1]', '<= m2', '', '[m2]', '<= m1', '',
      '[odd:platform.python_implementation() == "CPython" and os.path.exists("/etc")]', 'x = 1', '',
    ].join('\n'),
  });
  const doc = open('/p/buildout.cfg');
  const diags = service.validate(doc, settings, never);
  const missing = diags.find((d) => d.code === 'macro-error' && /No section named/.test(String(d.message)));
  assert.ok(missing, JSON.stringify(diags));
  assert.equal(doc.getText(missing.range), 'instance-bse');
  assert.deepEqual((missing.data as { suggestions: string[] }).suggestions, ['instance-base']);
  assert.ok(diags.some((d) => d.code === 'macro-error' && /Infinite extending loop/.test(String(d.message))));
  const cond = diags.find((d) => d.code === 'unevaluated-condition');
  assert.ok(cond, 'condition not evaluated is reported');
  assert.equal(cond.severity, 3);
});

test('parts built from substitutions are not taken for section names', () => {
  const { service, open } = crafted({
    '/p/buildout.cfg': '[buildout]\nbase-parts = a\nparts = ${buildout:base-parts} b\n\n[a]\nrecipe = plone.recipe.command\ncommand = true\n\n[b]\n<= a\n',
  });
  const diags = service.validate(open('/p/buildout.cfg'), settings, never);
  assert.deepEqual(diags.map((d) => d.code), []);
});

test('options of unknown recipes may be computed: information, not an error', () => {
  const { service, open } = crafted({
    '/p/buildout.cfg': '[buildout]\nparts = a\n\n[zlib]\nrecipe = some.unknown.recipe\n\n[known]\nrecipe = plone.recipe.command\ncommand = true\n\n[a]\nrecipe = plone.recipe.command\ncommand = ${zlib:location} ${known:location}\n',
  });
  const diags = service.validate(open('/p/buildout.cfg'), settings, never).filter((d) => d.code === 'undefined-option');
  assert.deepEqual(diags.map((d) => [d.severity, /some\.unknown\.recipe/.test(String(d.message))]), [[3, true], [1, false]]);
});
