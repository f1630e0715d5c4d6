import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RECIPES, computeRecipeOptions, findRecipe, knownOptionNames, parseRecipeName, recipeDisplayName,
  recipeMarkdown, recipeOptionMarkdown, templateInputOptions,
} from '../../../server/src/service/buildout/recipes/index';

test('recipe table is consistent', () => {
  const keys = new Set<string>();
  for (const r of RECIPES) {
    const key = `${r.egg}:${r.entry}`;
    assert.ok(!keys.has(key), `duplicate recipe ${key}`);
    keys.add(key);
    assert.ok(r.summary.length > 20, `${key} needs a summary`);
    assert.match(r.url, /^https:\/\//);
    const names = new Set<string>();
    for (const o of r.options) {
      assert.ok(!names.has(o.name), `${key}: option ${o.name} twice`);
      names.add(o.name);
      assert.match(o.name, /^[^\s{}[\]=:]+$/, `${key}: ${o.name} is not a valid buildout option name`);
      assert.ok(o.summary.length > 5, `${key}: ${o.name} needs a summary`);
      if (o.kind === 'enum') assert.ok(o.values?.length, `${key}: enum ${o.name} without values`);
    }
    for (const g of r.exactlyOneOf ?? []) for (const n of g) assert.ok(names.has(n), `${key}: exactlyOneOf names unknown ${n}`);
    for (const c of r.computed) assert.ok(c.how.length > 5, `${key}: computed ${c.name} needs a how`);
    // Every recipe the display name produces must round-trip through the lookup.
    assert.equal(findRecipe(recipeDisplayName(r)), r);
  }
  for (const required of ['plone.recipe.haproxy', 'collective.recipe.template', 'collective.recipe.template[genshi]:genshi',
    'zc.recipe.egg', 'zc.recipe.egg:eggs', 'zc.recipe.egg:scripts', 'zc.recipe.egg:custom', 'zc.recipe.egg:develop',
    'plone.recipe.zope2instance', 'plone.recipe.varnish', 'slapos.recipe.template', 'slapos.recipe.template:jinja2',
    'slapos.recipe.cmmi', 'slapos.recipe.build', 'slapos.recipe.build:download', 'slapos.recipe.build:gitclone',
    'slapos.recipe.build:download-unpacked', 'plone.recipe.command', 'collective.recipe.supervisor']) {
    assert.ok(findRecipe(required), `missing recipe ${required}`);
  }
});

test('recipe names parse with extras and entry points', () => {
  assert.deepEqual(parseRecipeName('collective.recipe.template[genshi]:genshi'), { egg: 'collective.recipe.template', extras: ['genshi'], entry: 'genshi' });
  assert.deepEqual(parseRecipeName(' zc.recipe.egg '), { egg: 'zc.recipe.egg', extras: [], entry: 'default' });
  assert.equal(parseRecipeName('not a recipe'), undefined);
  assert.equal(findRecipe('my.own.recipe'), undefined);
  assert.equal(findRecipe('collective.recipe.template:genshi')?.entry, 'genshi');
});

test('computed options: haproxy location joins the section name; zope2instance uses parts-directory', () => {
  const profile: Record<string, Record<string, string>> = { buildout: { 'parts-directory': '/srv/parts', 'bin-directory': '/srv/bin' } };
  const lookup = (s: string, o: string) => profile[s]?.[o];
  const h = computeRecipeOptions('plone.recipe.haproxy', 'haproxy-build', lookup);
  assert.deepEqual(h.map((c) => [c.name, c.value]), [['location', '/srv/parts/haproxy-build'], ['prefix', '/srv/parts/haproxy-build']]);
  profile['haproxy-build'] = { location: '/opt' };
  assert.equal(computeRecipeOptions('plone.recipe.haproxy', 'haproxy-build', lookup)[0].value, '/opt/haproxy-build');
  const z = computeRecipeOptions('plone.recipe.zope2instance', 'instance1', lookup);
  assert.equal(z.find((c) => c.name === 'location')?.value, '/srv/parts/instance1');
  assert.equal(z.find((c) => c.name === 'bin-directory')?.value, '/srv/bin');
  // Known to exist but only known at install time.
  const v = computeRecipeOptions('plone.recipe.varnish', 'varnish', lookup).find((c) => c.name === 'download-url');
  assert.ok(v && v.value === undefined);
  assert.deepEqual(computeRecipeOptions('unknown.recipe', 'x', lookup), []);
  // A lookup that throws (circular reference) leaves the value unknown.
  assert.equal(computeRecipeOptions('plone.recipe.haproxy', 'h', () => { throw new Error('cycle'); })[0].value, undefined);
});

test('knowledge used by features: template inputs, known names, docs', () => {
  assert.deepEqual(templateInputOptions('collective.recipe.template'), ['input', 'url']);
  assert.deepEqual(templateInputOptions('slapos.recipe.template:jinja2'), ['url', 'template']);
  assert.deepEqual(templateInputOptions('zc.recipe.egg'), []);
  const t = findRecipe('collective.recipe.template')!;
  assert.ok(t.freeOptions);
  assert.ok(t.options.find((o) => o.name === 'output')?.required);
  assert.ok(knownOptionNames(findRecipe('plone.recipe.haproxy')!).has('prefix'));
  assert.match(recipeMarkdown(findRecipe('plone.recipe.haproxy')!), /bin-directory/);
  assert.match(recipeOptionMarkdown(findRecipe('plone.recipe.haproxy')!, 'location')!, /Computed by the recipe/);
  assert.equal(recipeOptionMarkdown(t, 'nope'), undefined);
});
