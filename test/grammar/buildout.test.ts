// Scope assertions for syntaxes/buildout.tmLanguage.json with the engine VS Code uses
// (vscode-textmate + oniguruma WASM). Multi-line cases tokenize with state carried over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grammarHarness, hasScope as has } from './scopes';

const { scopesAt } = grammarHarness('source.buildout', 'buildout.tmLanguage.json');

async function expectScope(doc: string, lineNo: number, fragment: string, scope: string, occurrence = 0): Promise<void> {
  // Value text tokens include the surrounding blanks, so only structural scopes must be whole tokens.
  const scopes = await scopesAt(doc, lineNo, fragment, occurrence, !scope.startsWith('string.unquoted.value'));
  assert.ok(has(scopes, scope), `"${fragment}" on line ${lineNo} has [${scopes.join(', ')}], expected ${scope}`);
}
async function expectNoScope(doc: string, lineNo: number, fragment: string, scope: string): Promise<void> {
  const scopes = await scopesAt(doc, lineNo, fragment, 0, false);
  assert.ok(!has(scopes, scope), `"${fragment}" on line ${lineNo} unexpectedly has ${scope} ([${scopes.join(', ')}])`);
}

test('section headers, with and without conditions', async () => {
  await expectScope('[buildout]', 0, 'buildout', 'entity.name.section.buildout');
  await expectScope('[buildout]', 0, '[', 'punctuation.definition.section.begin.buildout');
  await expectScope('[haproxy-config] # trailing', 0, '# trailing', 'comment.line.buildout');
  const cond = '[linux-only:sys.platform == "linux" and not windows]';
  await expectScope(cond, 0, 'linux-only', 'entity.name.section.buildout');
  await expectScope(cond, 0, ':', 'punctuation.separator.condition.buildout');
  await expectScope(cond, 0, '"linux"', 'string.quoted.condition.buildout');
  await expectScope(cond, 0, '==', 'keyword.operator.comparison.condition.buildout');
  await expectScope(cond, 0, 'and', 'keyword.operator.logical.condition.buildout');
  await expectScope(cond, 0, 'windows', 'variable.other.condition.buildout');
  await expectNoScope(cond, 0, 'windows', 'entity.name.section.buildout');
});

test('options with =, += and -= get distinct operator scopes', async () => {
  const doc = 'recipe = plone.recipe.haproxy\nparts += instance2\nparts -= haproxy-build\neggs+=Plone';
  await expectScope(doc, 0, 'recipe', 'variable.other.option.buildout');
  await expectScope(doc, 0, '=', 'keyword.operator.assignment.buildout');
  await expectScope(doc, 0, 'plone.recipe.haproxy', 'string.unquoted.value.buildout');
  await expectScope(doc, 1, '+=', 'keyword.operator.assignment.add.buildout');
  await expectScope(doc, 1, 'parts', 'variable.other.option.buildout');
  await expectScope(doc, 2, '-=', 'keyword.operator.assignment.remove.buildout');
  await expectScope(doc, 3, 'eggs', 'variable.other.option.buildout');
  await expectScope(doc, 3, '+=', 'keyword.operator.assignment.add.buildout');
  await expectNoScope(doc, 2, '-=', 'keyword.operator.assignment.add.buildout');
  // A dash inside a name is part of the name, not an operator.
  await expectScope('http-address = 8080', 0, 'http-address', 'variable.other.option.buildout');
});

test('<= macros, with several sections on continuation lines', async () => {
  const doc = '[instance1]\n<= instance-base\n   other-base\nport = 8081';
  await expectScope(doc, 1, '<=', 'keyword.operator.macro.buildout');
  await expectScope(doc, 1, 'instance-base', 'entity.name.section.macro.buildout');
  await expectScope(doc, 2, 'other-base', 'entity.name.section.macro.buildout');
  await expectScope(doc, 3, 'port', 'variable.other.option.buildout');
  await expectNoScope(doc, 3, 'port', 'entity.name.section.macro.buildout');
});

test('continuation lines belong to the value; only column-0 # or ; starts a comment', async () => {
  const doc = 'parts =\n    instance1\n    # still a value\n# a comment\n; also a comment\n    instance2';
  await expectScope(doc, 1, 'instance1', 'string.unquoted.value.buildout');
  await expectScope(doc, 2, '# still a value', 'string.unquoted.value.buildout');
  await expectNoScope(doc, 2, '# still a value', 'comment.line.buildout');
  await expectScope(doc, 3, '# a comment', 'comment.line.buildout');
  await expectScope(doc, 4, '; also a comment', 'comment.line.buildout');
  // After a comment, an indented line still continues the option's value.
  await expectScope(doc, 5, 'instance2', 'string.unquoted.value.buildout');
  await expectNoScope(doc, 5, 'instance2', 'variable.other.option.buildout');
  // An inline "# x" after a value is value text.
  await expectNoScope('parts = a # b', 0, '# b', 'comment.line.buildout');
});

test('substitutions: ${section:option}, ${:option}, $${...} and invalid forms are distinct', async () => {
  const line = 'x = ${buildout:directory}/a ${:port} $${not:substituted} ${nocolon}';
  await expectScope(line, 0, 'buildout', 'entity.name.section.reference.buildout');
  await expectScope(line, 0, 'directory', 'variable.other.option.reference.buildout');
  await expectScope(line, 0, '${', 'meta.substitution.qualified.buildout');
  await expectScope(line, 0, 'port', 'meta.substitution.local.buildout');
  await expectScope(line, 0, 'port', 'variable.other.option.reference.buildout');
  await expectNoScope(line, 0, 'port', 'meta.substitution.qualified.buildout');
  await expectScope(line, 0, '$${not:substituted}', 'constant.character.escape.substitution.buildout');
  await expectNoScope(line, 0, '$${not:substituted}', 'meta.substitution.qualified.buildout');
  await expectScope(line, 0, '${nocolon}', 'invalid.illegal.substitution.buildout');
  // In continuation lines too.
  const doc = 'eggs =\n    ${buildout:eggs}\n    my.package';
  await expectScope(doc, 1, 'eggs', 'variable.other.option.reference.buildout');
});
