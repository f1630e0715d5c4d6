/**
 * HTTP actions with only part of their words (`http-request set-header X`, the value missing)
 * or with more (`set-header X a b`, an unquoted space in the value): haproxy -c 2.6.12 refuses
 * both ("expects exactly 2 arguments", "expects either 'if' or 'unless' … but found 'b'"), so
 * they are errors; complete lines and lines whose words may expand later are never reported.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DEFAULTS, diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const fe = (lines: string[]) => `${DEFAULTS}frontend fe\n    bind 127.0.0.1:8080\n${lines.map((l) => `    ${l}\n`).join('')}`;
const PARTIAL = [
  'http-request set-header X-A',
  'http-request add-header X-A if { path /x }',
  'http-request replace-header X-A foo',
  'http-response replace-value Cache-Control no-cache',
  'http-after-response set-header X-A',
  'http-request replace-uri ^/x',
];
const SURPLUS = [
  'http-request set-header X-A a b',
  'http-request add-header X-A a b c if { path /x }',
  'http-request replace-header X-A a b c',
  'http-response replace-value Cache-Control no-cache private x',
  'http-after-response set-header X-A a b',
  'http-request replace-uri ^/x /y z',
];
const extra = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.code === 'extra-argument');
const missing = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.code === 'missing-argument');

describe('http actions with part of their arguments', () => {
  it('are errors on the action word', () => {
    const d = missing(fe(PARTIAL));
    assert.deepEqual(d.map((x) => x.range.start.line), PARTIAL.map((_, i) => 7 + i));
    assert.ok(d.every((x) => x.severity === ERROR));
    assert.equal(d[0].range.start.character, '    http-request '.length);
    assert.match(String(d[0].message), /'http-request set-header' needs 2 arguments, not 1/);
  });
  it('surplus words before the condition are errors on those words', () => {
    const d = extra(fe(SURPLUS));
    assert.deepEqual(d.map((x) => x.range.start.line), SURPLUS.map((_, i) => 7 + i));
    assert.ok(d.every((x) => x.severity === ERROR));
    assert.equal(d[0].range.start.character, '    http-request set-header X-A a '.length);
    assert.equal(d[1].range.start.character, '    http-request add-header X-A a '.length);
    assert.equal(d[1].range.end.character, '    http-request add-header X-A a b c'.length);
    assert.match(String(d[0].message), /'http-request set-header' takes at most 2 arguments; 'b'/);
    assert.deepEqual(missing(fe(SURPLUS)), []);
  });
  it('complete lines and words that expand later are not reported', () => {
    const ok = fe([
      'http-request set-header X-A b',
      'http-request set-header X-A "%[src] x" if { path /x }',
      'http-request replace-header X-A foo bar',
      'http-response replace-value Cache-Control no-cache private',
      'http-request replace-uri ^/x /y',
      'http-request set-header X-A ${buildout:x}',
      'http-request set-header $HDR',
      'http-request del-header X-A',
      'http-request set-path /x',
    ]);
    assert.deepEqual(missing(ok), []);
    assert.deepEqual(extra(ok), []);
  });
  it('haproxy -c refuses the partial and the surplus lines, and accepts the complete ones', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here' }, () => {
    const checker = haproxyChecker('partial-actions-');
    try {
      const complete = checker.run(fe(['http-request set-header X-A b', 'http-request replace-header X-A foo bar', 'http-request replace-uri ^/x /y']));
      assert.equal(complete.status, 0, complete.stderr);
      for (const line of [...PARTIAL, ...SURPLUS]) assert.equal(checker.run(fe([line])).status, 1, line);
    } finally {
      checker.remove();
    }
  });
});
