import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSubstitutionBefore, referenceAt, scanTemplate, substitutionSyntaxError } from '../../../server/src/service/buildout/templates/scan';

test('collective.recipe.template: ${option} means the owning section, ${s:o} any section', () => {
  const text = 'bind ${frontend-host}:${haproxy-config:frontend-port}\n  maxconn ${haproxy-conf:maxconn}';
  const refs = scanTemplate(text, 'haproxy-config', 'collective');
  assert.deepEqual(refs.map((r) => [r.section, r.option, r.implicit]), [
    ['haproxy-config', 'frontend-host', true],
    ['haproxy-config', 'frontend-port', false],
    ['haproxy-conf', 'maxconn', false],
  ]);
  const typo = refs[2];
  assert.equal(text.slice(typo.sectionStart!, typo.sectionStart! + 'haproxy-conf'.length), 'haproxy-conf');
  assert.equal(text.slice(typo.optionStart!, typo.optionStart! + 7), 'maxconn');
});

test('$${…} is no escape in collective.recipe.template but is kept by slapos.recipe.template', () => {
  const text = 'c = $${t1:a} ${HOME}';
  const crt = scanTemplate(text, 't2', 'collective');
  assert.equal(crt.length, 2);
  assert.ok(crt[0].doubleDollar);
  assert.equal(crt[0].section, 't1');
  assert.deepEqual([crt[1].section, crt[1].option], ['t2', 'HOME']);
  const slap = scanTemplate(text, 't2', 'slapos');
  assert.equal(slap.length, 1);
  assert.equal(slap[0].syntaxError, "The substitution, ${HOME},\ndoesn't contain a colon.");
  assert.deepEqual(scanTemplate(text, 't2', 'none'), []);
});

test('buildout syntax errors with its own wording', () => {
  assert.equal(substitutionSyntaxError('${a:b:c}'), 'The substitution, ${a:b:c},\nhas too many colons.');
  assert.equal(substitutionSyntaxError('${a/b:c}'), 'The section name in substitution, ${a/b:c},\nhas invalid characters.');
  assert.equal(substitutionSyntaxError('${a:}'), 'The option name in substitution, ${a:},\nhas invalid characters.');
  assert.equal(substitutionSyntaxError('${:x}'), undefined);
  // `${}` has no name at all: not rewritten by the recipe, so buildout reports the missing colon.
  assert.equal(scanTemplate('x ${} y', 's', 'collective')[0].syntaxError, "The substitution, ${},\ndoesn't contain a colon.");
});

test('positions: reference under the cursor, unfinished ${ before the cursor', () => {
  const text = 'a ${s:o} b';
  const refs = scanTemplate(text, 'x', 'collective');
  assert.equal(referenceAt(refs, 4)?.option, 'o');
  assert.equal(referenceAt(refs, 1), undefined);
  assert.equal(referenceAt(refs, 2)?.option, 'o', 'on the dollar sign');
  assert.deepEqual(openSubstitutionBefore('bind ${haproxy-co', 17), { start: 5, typed: 'haproxy-co' });
  assert.equal(openSubstitutionBefore('bind ${a} x', 11), undefined);
  assert.equal(openSubstitutionBefore('x\nbind', 6), undefined);
});
