/**
 * The words of `log <target> … <facility> [level [minlevel]]` lines, in the global section and
 * in a proxy. Every BAD line is refused by the real haproxy -c (checked below when installed),
 * every GOOD one accepted; each located alert merges with our finding on its line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

/** The line twice: in `global` (line 2) and in a frontend (line 10). */
const cfg = (line: string) => `global\n    ${line}\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    ${line}\n`;
const LINES = [1, 9];

/** [line, code, the word it is on ('' = the whole line)]. */
const BAD: [string, string, string][] = [
  ['log local6', 'missing-argument', 'log local6'],
  ['log 127.0.0.1:514 local8', 'unknown-value', 'local8'],
  ['log 127.0.0.1 Local0', 'unknown-value', 'Local0'],
  ['log 127.0.0.1 len 50 local0', 'invalid-number', '50'],
  ['log 127.0.0.1 len 100000 local0', 'invalid-number', '100000'],
  ['log 127.0.0.1 len abc local0', 'invalid-number', 'abc'],
  ['log 127.0.0.1 len', 'missing-option-value', 'len'],
  ['log 127.0.0.1 format json local0', 'unknown-value', 'json'],
  ['log 127.0.0.1 format', 'missing-option-value', 'format'],
  ['log 127.0.0.1 local0 information', 'unknown-value', 'information'],
  ['log 127.0.0.1 local0 info bogus', 'unknown-value', 'bogus'],
  ['log 127.0.0.1 local0 info notice extra', 'extra-argument', 'extra'],
  ['log 127.0.0.1 len 1024 format iso', 'missing-argument', 'log 127.0.0.1 len 1024 format iso'],
  ['log 127.0.0.1 sample 1:2', 'missing-argument', 'log 127.0.0.1 sample 1:2'],
];
const GOOD = [
  'log 127.0.0.1 local0', 'log 127.0.0.1:514 local6 notice', 'log /dev/log local0 info notice', 'log stdout format raw local0',
  'log 127.0.0.1 len 1024 format rfc5424 local0 debug', 'log 127.0.0.1 len 90x local0', 'log 127.0.0.1 sample 1:2 local0',
  'log ring@r local0', 'log "${SYSLOG}" local0',
];

const errorsOf = (text: string, version: '2.6' | '3.2' = '2.6') => diagnose(text, { version }).filter((d) => d.severity === ERROR);

describe('haproxy log lines', () => {
  for (const [line, code, word] of BAD) {
    it(`'${line}' is ${code} on '${word}'`, () => {
      const text = cfg(line);
      const d = errorsOf(text);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), LINES.map((l) => [code, l]));
      for (const x of d) assert.equal(text.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character), word);
    });
  }
  for (const line of GOOD) {
    it(`'${line}' is not reported`, () => assert.deepEqual(errorsOf(cfg(line)).filter((d) => d.code !== 'undefined-reference'), []));
  }
  it("'log global' is fine in a proxy", () => {
    const text = `${cfg('log 127.0.0.1 local0')}    log global\n`;
    assert.deepEqual(errorsOf(text), []);
  });
  it("'profile <name>' is read before the facility from 3.2 on, and refused as a facility before", () => {
    const text = `log-profile p\n    on any format "x"\n${cfg('log 127.0.0.1 profile p local0')}`;
    assert.deepEqual(errorsOf(text, '3.2').filter((d) => d.code === 'unknown-value'), []);
    const old = errorsOf(text.replace(/^log-profile p\n {4}on any format "x"\n/, ''));
    assert.deepEqual(old.filter((d) => d.code === 'unknown-value').map((d) => String(d.message).includes("'profile' needs HAProxy 3.2")), [true, true]);
  });
  it('suggests the lower-case name for a capitalised facility', () => {
    const d = errorsOf(cfg('log 127.0.0.1 Local0'))[0];
    assert.deepEqual((d.data as { suggestions: string[] }).suggestions, ['local0']);
  });
  it('haproxy -c 2.6 refuses each bad line, accepts each good one, and its alerts merge with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('log-lines-', { env: { SYSLOG: '127.0.0.1' } });
    try {
      const run = checker.run;
      for (const [line] of BAD) {
        const text = cfg(line);
        const r = run(text);
        assert.equal(r.status, 1, line);
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        const alerts = [...r.stderr.matchAll(/parsing \[[^\]]+:(\d+)\] : (log : .*)/g)];
        assert.equal(alerts.length, 2, line);
        for (const m of alerts) assert.ok(coveringDiagnostic({ line: Number(m[1]) - 1, message: m[2] }, ours), m[2]);
      }
      for (const line of GOOD.filter((l) => !l.includes('ring@'))) assert.ok([0, 2].includes(run(cfg(line)).status ?? -1), line);
    } finally {
      checker.remove();
    }
  });
});
