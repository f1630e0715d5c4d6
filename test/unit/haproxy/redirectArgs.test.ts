/**
 * The words of `redirect …` and of the `redirect` action of http-request / http-response. Every
 * BAD line is refused by the real haproxy -c (checked below when installed), every GOOD one
 * accepted; each located alert merges with our finding on its line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (line: string) => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    ${line}\n    default_backend be\nbackend be\n    server s 127.0.0.1:80\n`;
const LINE = 7;

/** [line, code, the word it is on]. */
const BAD: [string, string, string][] = [
  ['redirect prefix https://www.example.com code 305', 'unknown-value', '305'],
  ['redirect scheme https code 200 if !{ ssl_fc }', 'unknown-value', '200'],
  ['redirect code 301 drop-query', 'missing-argument', 'redirect'],
  ['redirect location /maintenance.html tmp', 'unknown-value', 'tmp'],
  ['redirect prefix /x keep-query', 'unknown-value', 'keep-query'],
  ['redirect prefix /x code', 'missing-option-value', 'code'],
  ['http-request redirect location', 'missing-option-value', 'location'],
  ['http-request redirect scheme https code 300', 'unknown-value', '300'],
  ['http-response redirect prefix /x', 'unknown-value', 'prefix'],
];
const GOOD = [
  'redirect scheme https if !{ ssl_fc }', 'redirect prefix https://www.example.com code 301', 'redirect location /x code 308 drop-query append-slash ignore-empty',
  'redirect prefix /x set-cookie SEEN=1 clear-cookie OLD=', 'redirect prefix /x code 301abc', 'http-request redirect location /x code 303 if { path /y }',
  'http-response redirect location /x if { status 404 }', 'http-request redirect scheme https unless { ssl_fc }',
];

describe('haproxy redirect arguments', () => {
  for (const [line, code, word] of BAD) {
    it(`'${line}' is ${code} on '${word}'`, () => {
      const text = cfg(line);
      const d = diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [[code, LINE]]);
      assert.equal(text.split('\n')[LINE].slice(d[0].range.start.character, d[0].range.end.character), word);
    });
  }
  for (const line of GOOD) {
    it(`'${line}' is not reported`, () => assert.deepEqual(diagnose(cfg(line), { version: '2.6' }).filter((x) => x.severity === ERROR), []));
  }
  it('keep-query and set-cookie-fmt are accepted from 3.1 on', () => {
    assert.deepEqual(diagnose(cfg('redirect prefix /x keep-query set-cookie-fmt a=%[src]'), { version: '3.2' }).filter((x) => x.severity === ERROR), []);
    assert.match(String(diagnose(cfg('redirect prefix /x keep-query'), { version: '2.8' }).find((x) => x.code === 'unknown-value')?.message), /needs HAProxy 3\.1/);
  });
  it('haproxy -c 2.6 refuses each bad line, accepts each good one, and its alerts merge with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('redirect-');
    try {
      const run = checker.run;
      for (const [line] of BAD) {
        const text = cfg(line);
        const r = run(text);
        assert.equal(r.status, 1, line);
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        const alert = /parsing \[[^\]]+:(\d+)\] : (.*)/.exec(r.stderr)!;
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const line of GOOD) assert.ok([0, 2].includes(run(cfg(line)).status ?? -1), line);
    } finally {
      checker.remove();
    }
  });
});
