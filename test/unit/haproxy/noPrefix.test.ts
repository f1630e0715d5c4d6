/**
 * `no log` and `no option redispatch`: the prefix switches a keyword off and takes no
 * argument, so the keyword's minimum argument count does not apply. haproxy -c 2.6 accepts each
 * GOOD config (checked below when installed); a bare `no` stays an error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (fe: string[], be: string[] = [], defaults: string[] = []) =>
  `global\n    log 127.0.0.1:514 local0\ndefaults\n    mode http\n    log global\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n${defaults.map((l) => `    ${l}\n`).join('')}`
  + `frontend fe\n    bind 127.0.0.1:18080\n${fe.map((l) => `    ${l}\n`).join('')}    default_backend be\nbackend be\n${be.map((l) => `    ${l}\n`).join('')}    server s1 127.0.0.1:8080\n`;

const GOOD = [cfg(['no log']), cfg([], ['no log']), cfg([], [], ['no log']), cfg([], ['no option redispatch']), cfg([], [], ['option redispatch', 'no option redispatch'])];
const BAD = cfg(['no']);

describe('haproxy no/default prefixes', () => {
  for (const text of GOOD) {
    it(`accepts: ${text.split('\n').filter((l) => /\bno /.test(l)).map((l) => l.trim()).join(', ')}`, () => {
      assert.deepEqual(diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR), []);
      assert.deepEqual(diagnose(text, { version: '3.2' }).filter((x) => x.severity === ERROR), []);
    });
  }
  it('a bare no is still an error', () => {
    assert.ok(diagnose(BAD, { version: '2.6' }).some((x) => x.severity === ERROR));
  });
  it('haproxy -c 2.6 agrees', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('no-prefix-');
    try {
      const run = (text: string) => checker.run(text).status;
      for (const text of GOOD) assert.equal(run(text), 0, text);
      assert.equal(run(BAD), 1);
    } finally {
      checker.remove();
    }
  });
});
