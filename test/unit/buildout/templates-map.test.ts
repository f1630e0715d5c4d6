import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { mapRenderedDiagnostics } from '../../../server/src/service/buildout/templates/mapDiagnostics';
import type { RenderResult } from '../../../server/src/service/buildout/model';

// template line 1: "    bind ${frontend-host}:${frontend-port} extra"
// output   line 1: "    bind 127.0.0.1:80x01 extra"
const r = (l: number, a: number, b: number) => ({ start: { line: l, character: a }, end: { line: l, character: b } });
const render: RenderResult = {
  text: 'frontend fe\n    bind 127.0.0.1:80x01 extra\n',
  lineMap: [0, 1, 2],
  spans: [
    { outputRange: r(1, 9, 18), templateRange: r(1, 9, 25), section: 'haproxy-config', option: 'frontend-host', value: '127.0.0.1' },
    { outputRange: r(1, 19, 24), templateRange: r(1, 26, 42), section: 'haproxy-config', option: 'frontend-port', value: '80x01' },
  ],
  section: 'haproxy-config',
  recipe: 'collective.recipe.template',
};

test('a problem inside a substituted value points at the ${…} and names the value', () => {
  const d: Diagnostic = { range: r(1, 19, 24), message: 'invalid port', severity: 1, code: 'invalid-address' };
  const [m] = mapRenderedDiagnostics(render, [d]);
  assert.deepEqual(m.range, r(1, 26, 42));
  assert.match(String(m.message), /invalid port/);
  assert.match(String(m.message), /\$\{haproxy-config:frontend-port\} = "80x01"/);
  assert.equal(m.code, 'invalid-address');
});

test('other problems keep their position, shifted past earlier substitutions on the line', () => {
  const d: Diagnostic = { range: r(1, 25, 30), message: 'unknown argument extra' };
  const [m] = mapRenderedDiagnostics(render, [d]);
  // 'extra' starts at 25 in the output; two spans grew by 7 and 11 characters in the template.
  assert.deepEqual(m.range, r(1, 43, 48));
  const [first] = mapRenderedDiagnostics(render, [{ range: r(0, 0, 8), message: 'x' }]);
  assert.deepEqual(first.range, r(0, 0, 8));
});
