/**
 * `email-alert mailers <name>` naming a mailers section that does not exist. HAProxy only looks
 * the name up for a proxy whose alerts are complete (mailers, from and to, own or inherited from
 * its defaults) and enabled; an incomplete set is dropped with a warning, so haproxy -c 2.6.12
 * accepts `email-alert mailers nosuch` alone (the false error reported last session). Every case
 * is run through the real haproxy -c below when it is installed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { codesAt, diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const T = '    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const FROM_TO = '    email-alert from haproxy@example.com\n    email-alert to ops@example.com\n';
const MAILERS = 'mailers mx\n    mailer smtp1 127.0.0.1:25\n';
const BE = 'backend be\n    server s 127.0.0.1:8080\n';

/** [name, config, the undefined-reference lines (1-based) we and haproxy -c agree on; [] = accepted]. */
const CASES: [string, string, number[]][] = [
  ['mailers alone, no mailers section', `defaults\n${T}backend be\n    email-alert mailers nosuch\n    server s 127.0.0.1:8080\n`, []],
  ['mailers alone, mailers section present', `${MAILERS}defaults\n${T}backend be\n    email-alert mailers mx\n    server s 127.0.0.1:8080\n`, []],
  ['mailers + level, no from/to', `defaults\n${T}backend be\n    email-alert mailers nosuch\n    email-alert level info\n    server s 127.0.0.1:8080\n`, []],
  ['complete set, no such mailers', `defaults\n${T}backend be\n    email-alert mailers nosuch\n${FROM_TO}    server s 127.0.0.1:8080\n`, [6]],
  ['complete set, mailers present', `${MAILERS}defaults\n${T}backend be\n    email-alert mailers mx\n${FROM_TO}    server s 127.0.0.1:8080\n`, []],
  ['from/to inherited from defaults', `defaults\n${T}${FROM_TO}backend be\n    email-alert mailers nosuch\n    server s 127.0.0.1:8080\n`, [8]],
  ['whole set in defaults, used by a backend', `defaults\n${T}    email-alert mailers nosuch\n${FROM_TO}${BE}`, [5]],
  ['whole set in a named defaults nobody uses', `defaults d\n${T}    email-alert mailers nosuch\n${FROM_TO}defaults\n${T}${BE}`, []],
  ['whole set in a named defaults, backend from it', `defaults d\n${T}    email-alert mailers nosuch\n${FROM_TO}defaults\n${T}backend be from d\n    server s 127.0.0.1:8080\n`, [5]],
  ['complete set in a disabled backend', `defaults\n${T}backend be\n    disabled\n    email-alert mailers nosuch\n${FROM_TO}    server s 127.0.0.1:8080\n`, []],
  ['the proxy overrides the defaults mailers', `defaults\n${T}    email-alert mailers nosuch\n${FROM_TO}backend be\n    email-alert mailers mx\n    server s 127.0.0.1:8080\n${MAILERS}`, []],
];

describe('haproxy email-alert mailers references', () => {
  for (const [name, text, lines] of CASES) {
    it(`${name}: ${lines.length ? `undefined-reference@${lines.join(',')}` : 'no error'}`, () => {
      const errors = diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR);
      assert.deepEqual(codesAt(errors), lines.map((l) => `undefined-reference@${l}`));
    });
  }
  it('haproxy -c 2.6 agrees on every case', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('email-alert-');
    try {
      for (const [name, text, lines] of CASES) {
        const r = checker.run(text);
        if (lines.length) {
          assert.equal(r.status, 1, `${name}: ${r.stderr}`);
          assert.match(r.stderr, /unable to find mailers 'nosuch'/, name);
        } else {
          assert.ok([0, 2].includes(r.status ?? -1), `${name}: ${r.stderr}`);
        }
      }
    } finally {
      checker.remove();
    }
  });
});
