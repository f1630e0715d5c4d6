/**
 * Process-level settings haproxy -c 2.6.12 refuses: `nbthread` outside 1 … 64 ("'nbthread' value
 * must be between 1 and 64"), a `program` section without `command` ("lacks a command to
 * launch") or without master-worker mode ("Can't use a 'program' section without master worker
 * mode" — only a warning here, as `-W`/`-Ws` on the command line also enables the mode). Every
 * case goes through the real haproxy -c (started without -W) below when it is installed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { codesAt, diagnose } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    default_backend be\nbackend be\n    server s 127.0.0.1:8080\n';
const g = (...lines: string[]) => `global\n${lines.map((l) => `    ${l}\n`).join('')}${D}`;

/** [what, config, refused by haproxy -c 2.6.12, our 2.6 findings (errors and warnings)]. */
const CASES: [string, string, boolean, string[]][] = [
  ['nbthread 64', g('nbthread 64'), false, []],
  ['nbthread 65', g('nbthread 65'), true, ['invalid-number@2']],
  ['nbthread 0', g('nbthread 0'), true, ['invalid-number@2']],
  ['nbthread -2', g('nbthread -2'), true, ['invalid-number@2']],
  ['program without master-worker', `${D}program p\n    command /bin/true\n`, true, ['needs-master-worker@11']],
  ['program with master-worker', `${g('master-worker')}program p\n    command /bin/true\n`, false, []],
  ['program without command', `${g('master-worker')}program p\n`, true, ['missing-argument@13']],
];

const findings = (text: string, version: HaproxyVersion = '2.6') => codesAt(diagnose(text, { version }).filter((d) => d.severity === 1 || d.severity === 2));

describe('haproxy process settings: nbthread, program sections', () => {
  for (const [what, text, , expected] of CASES) {
    it(`${what}: ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(findings(text), expected));
  }
  it('nbthread errors are errors, the master-worker finding a warning', () => {
    assert.equal(diagnose(CASES[1][1]).find((d) => d.code === 'invalid-number')?.severity, 1);
    assert.equal(diagnose(CASES[4][1]).find((d) => d.code === 'needs-master-worker')?.severity, 2);
  });
  it('above 64 threads is left alone from 2.8 (thread groups: the limit depends on the build); below 1 never', () => {
    for (const v of ['2.8', '3.0', '3.4'] as const) {
      assert.deepEqual(findings(g('nbthread 128'), v).filter((c) => c.startsWith('invalid-number')), [], v);
      assert.deepEqual(findings(g('nbthread 0'), v).filter((c) => c.startsWith('invalid-number')), ['invalid-number@2'], v);
    }
  });
  it('haproxy -c 2.6 agrees on every case', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('process-settings-');
    try {
      for (const [what, text, refused] of CASES) {
        const r = checker.run(text);
        assert.equal(r.status === 1, refused, `${what}: exit ${r.status} ${r.stderr}`);
        if (refused) assert.match(r.stderr, /'nbthread' value must be between 1 and 64|without master worker mode|lacks a command to launch/, what);
      }
    } finally {
      checker.remove();
    }
  });
});
