/**
 * `userlist` sections as HAProxy reads them: groups named by a user and users named by a group
 * must be declared in the same userlist (haproxy -c 2.6.12: "no such group 'ops' specified in
 * user 'bob'", fatal), a user/group line takes only its own option pairs ("'user' only supports
 * 'password', 'insecure-password' and 'groups' options"), and a repeated user or group is ignored
 * with a warning. Every case goes through the real haproxy -c below when it is installed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { codesAt, diagnose, makeContext } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const FE = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    http-request auth unless { http_auth(L) }\n    default_backend be\nbackend be\n    server s 127.0.0.1:8080\n';
const ul = (...lines: string[]) => `${FE}userlist L\n${lines.map((l) => `    ${l}\n`).join('')}`;
/** Line (1-based) of the n-th line of the userlist body. */
const L = (n: number) => 12 + n;

type Outcome = 'error' | 'warning' | 'accepted';
/** [what, config, what haproxy -c does, our findings as code@line (errors and warnings)]. */
const CASES: [string, string, Outcome, string[]][] = [
  ['user in an undeclared group', ul('group admin', 'user bob insecure-password x groups ops'), 'error', [`undefined-user-or-group@${L(2)}`]],
  ['one of two groups undeclared', ul('group admin', 'user bob insecure-password x groups admin,ops'), 'error', [`undefined-user-or-group@${L(2)}`]],
  ['group listing an undeclared user', ul('group admin users alice'), 'error', [`undefined-user-or-group@${L(1)}`]],
  ['group with another userlist\'s user', `${ul('group admin users alice')}userlist M\n    user alice insecure-password x\n`, 'error', [`undefined-user-or-group@${L(1)}`]],
  ['unknown user option', ul('user bob insecure-password x group admin'), 'error', [`unknown-value@${L(1)}`]],
  ['unknown group option', ul('group admin user bob'), 'error', [`unknown-value@${L(1)}`]],
  ['repeated user', ul('user bob insecure-password x', 'user bob insecure-password y'), 'warning', [`duplicate-proxy@${L(2)}`]],
  ['repeated group', ul('group admin', 'group admin'), 'warning', [`duplicate-proxy@${L(2)}`]],
  // The ignored repetition's options are never read.
  ['repeated user naming an undeclared group', ul('user bob insecure-password x', 'user bob insecure-password y groups nosuch'), 'warning', [`duplicate-proxy@${L(2)}`]],
  ['group declared after the user', ul('user bob insecure-password x groups ops', 'group ops'), 'accepted', []],
  ['user declared after the group', ul('group ops users bob,carol', 'user bob insecure-password x', 'user carol password $6$abcdefgh$0123456789'), 'accepted', []],
  ['user without password, empty list items', ul('group g', 'user bob groups g,,g'), 'accepted', []],
];

const findings = (text: string) => codesAt(diagnose(text, { version: '2.6' }).filter((d) => d.severity === 1 || d.severity === 2));

describe('haproxy userlist users and groups', () => {
  for (const [what, text, , expected] of CASES) {
    it(`${what}: ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(findings(text), expected));
  }
  it('flags exactly the undeclared name in a list and offers the declared one', () => {
    const text = ul('group admin', 'user bob insecure-password x groups admins');
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const d = diags.find((x) => x.code === 'undefined-user-or-group')!;
    assert.equal(text.split('\n')[L(2) - 1].slice(d.range.start.character, d.range.end.character), 'admins');
    const fix = getCodeActions(ctx, d.range, diags).find((a) => a.isPreferred)!;
    const fixed = fix.edit!.changes![ctx.uri].reduce((t, e) => applyEdit(t, e), text);
    assert.deepEqual(findings(fixed), []);
  });
  it('leaves files with two userlists of one name alone (HAProxy files the lines elsewhere)', () => {
    assert.deepEqual(findings(`${ul('user bob insecure-password x groups ops')}userlist L\n    group ops\n`).filter((c) => c.startsWith('undefined-user')), []);
  });
  it('haproxy -c 2.6 agrees on every case', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('userlists-');
    try {
      for (const [what, text, outcome] of CASES) {
        const r = checker.run(text);
        if (outcome === 'error') assert.equal(r.status, 1, `${what}: ${r.stderr}`);
        else {
          assert.ok([0, 2].includes(r.status ?? -1), `${what}: ${r.stderr}`);
          assert.equal(/WARNING/.test(r.stderr), outcome === 'warning', `${what}: ${r.stderr}`);
        }
      }
    } finally {
      checker.remove();
    }
  });
});
