import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withCursor } from '../../helpers/cursor';
import { cursorAt } from '../../../server/src/service/buildout/features/context';

function at(marked: string) {
  const c = withCursor(marked);
  return cursorAt(c.text, c.position);
}

test('headers, keys and values', () => {
  assert.deepEqual(at('[buildout]\n[hap|').place, { kind: 'header', typed: 'hap', start: 1 });
  const key = at('[haproxy-build]\nrecipe = plone.recipe.haproxy\nta|');
  assert.equal(key.section, 'haproxy-build');
  assert.deepEqual(key.place, { kind: 'key', typed: 'ta', start: 0 });
  const value = at('[x]\nrecipe = plone.re|');
  assert.deepEqual(value.place, { kind: 'value', option: 'recipe', operator: '=', typed: 'plone.re', start: 9, firstLine: true });
  const cont = at('[buildout]\nparts =\n    instance1\n# comment\n    inst|');
  assert.deepEqual(cont.place, { kind: 'value', option: 'parts', operator: '=', typed: 'inst', start: 4, firstLine: false });
  const add = at('[buildout]\nparts += hap|');
  assert.equal(add.place.kind === 'value' && add.place.operator, '+=');
});

test('macros and substitutions', () => {
  assert.deepEqual(at('[i1]\n<= inst|').place, { kind: 'macro', typed: 'inst', start: 3 });
  assert.deepEqual(at('[i1]\n<= a\n   b|').place, { kind: 'macro', typed: 'b', start: 3 });
  assert.deepEqual(at('[a]\nx = ${ports|').place, { kind: 'substitution', section: undefined, typed: 'ports', start: 6 });
  assert.deepEqual(at('[a]\nx = ${ports:in|').place, { kind: 'substitution', section: 'ports', typed: 'in', start: 12 });
  // `${:x}` means the enclosing section.
  assert.deepEqual(at('[a]\nx = ${:p|').place, { kind: 'substitution', section: 'a', typed: 'p', start: 7 });
  // A closed substitution before the cursor does not count.
  assert.equal(at('[a]\nx = ${b:c} d|').place.kind, 'value');
  assert.equal(at('# ${a|').place.kind, 'comment');
});
