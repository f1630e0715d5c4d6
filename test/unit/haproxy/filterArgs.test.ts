/**
 * The words after `filter spoe` and `filter cache`. Each BAD line is refused by the real
 * haproxy -c (checked below when installed) before any file is read; each GOOD line stays
 * silent here (HAProxy would then read the SPOE file, which these tests do not provide).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (line: string) => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    ${line}\ncache c\n    total-max-size 4\n`;

/** [line, code, the word it is on, haproxy -c 2.6.12's words]. */
const BAD: [string, string, string, RegExp][] = [
  ['filter spoe', 'missing-argument', 'filter spoe', /missing config file/],
  ['filter spoe engine agent', 'missing-argument', 'filter spoe', /missing config file/],
  ['filter spoe config', 'missing-option-value', 'config', /'config' option without value/],
  ['filter spoe engine agent config', 'missing-option-value', 'config', /'config' option without value/],
  ['filter spoe config /etc/spoe.conf engine', 'missing-option-value', 'engine', /'engine' option without value/],
  ['filter spoe CONFIG /etc/spoe.conf', 'unknown-value', 'CONFIG', /unknown keyword 'CONFIG'/],
  ['filter spoe config /etc/spoe.conf agent x', 'unknown-value', 'agent', /unknown keyword 'agent'/],
  ['filter cache', 'missing-argument', 'filter cache', /expects a <name> argument/],
];
const GOOD = ['filter spoe config /etc/spoe.conf', 'filter spoe engine agent config /etc/spoe.conf', 'filter spoe config "${SPOE_CONF}"', 'filter cache c'];

describe('haproxy filter arguments', () => {
  for (const [line, code, word] of BAD) {
    it(`'${line}' is ${code} on '${word}'`, () => {
      const text = cfg(line);
      const d = diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => x.code), [code]);
      assert.equal(text.split('\n')[7].slice(d[0].range.start.character, d[0].range.end.character), word);
    });
  }
  for (const line of GOOD) {
    it(`'${line}' is not reported`, () => assert.deepEqual(diagnose(cfg(line), { version: '2.6' }).filter((x) => x.severity === ERROR), []));
  }
  it('haproxy -c refuses each bad line for the same reason', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('filter-args-');
    try {
      for (const [line, , , theirs] of BAD) {
        const r = checker.run(cfg(line));
        assert.equal(r.status, 1, line);
        assert.match(r.stderr, theirs, line);
        const alert = /parsing \[[^\]]+:(\d+)\] : (.*)/.exec(r.stderr)!;
        const ours = diagnose(cfg(line), { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        // Merged with ours (listed once), except HAProxy's generic "unknown keyword" wording.
        if (!/unknown keyword/.test(alert[2])) assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
    } finally {
      checker.remove();
    }
  });
});
