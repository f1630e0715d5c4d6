/**
 * Fixed-list words: http-reuse, hash-type, option httplog/forwardfor/originalto, compression algo, and the server options observe,
 * on-error, on-marked-down, on-marked-up. Each BAD line is refused by the real haproxy -c
 * (checked below when installed, where its alert merges with our finding), each GOOD one accepted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

/** `fe` lines go into the frontend (line 7), the others into the backend (line 11). */
const cfg = (line: string, where: 'fe' | 'be') => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n${where === 'fe' ? `    ${line}\n` : ''}    default_backend be\nbackend be\n    server s1 127.0.0.1:8080 check\n${where === 'be' ? `    ${line}\n` : ''}`;

/** [line, where, flagged word, code (unknown-value when not given)]. */
const BAD: [string, 'fe' | 'be', string, string?][] = [
  ['option forwardfor except', 'fe', 'except', 'missing-option-value'],
  ['option forwardfor header', 'fe', 'header', 'missing-option-value'],
  ['http-reuse sometimes', 'be', 'sometimes'],
  ['http-reuse Safe', 'be', 'Safe'],
  ['hash-type foo', 'be', 'foo'],
  ['hash-type avalanche', 'be', 'avalanche'],
  ['hash-type consistent md5', 'be', 'md5'],
  ['hash-type consistent none', 'be', 'none'],
  ['hash-type consistent sdbm avalnche', 'be', 'avalnche'],
  ['option httplog foo', 'fe', 'foo'],
  ['server s2 127.0.0.1:8081 check observe layer8', 'be', 'layer8'],
  ['server s2 127.0.0.1:8081 check on-error markdown', 'be', 'markdown'],
  ['default-server on-marked-down foo', 'be', 'foo'],
  ['server s2 127.0.0.1:8081 on-marked-up shutdown-sessions', 'be', 'shutdown-sessions'],
  ['compression algo brotli', 'fe', 'brotli'],
  ['compression algo gzip Deflate', 'be', 'Deflate'],
  ['option forwardfor foo', 'fe', 'foo'],
  ['option originalto if-none', 'be', 'if-none'],
];
const GOOD: [string, 'fe' | 'be'][] = [
  ['http-reuse always', 'be'], ['hash-type consistent', 'be'], ['hash-type map-based djb2 avalanche', 'be'], ['hash-type consistent wt6', 'be'],
  ['option httplog', 'fe'], ['option httplog clf', 'fe'], ['compression algo gzip deflate', 'fe'], ['compression algo identity raw-deflate', 'be'], ['compression type text/html', 'fe'],
  ['option forwardfor except 127.0.0.0/8 header X-Real-IP if-none', 'fe'], ['option originalto except 10.0.0.0/8 header X-Orig', 'be'],
  ['server s2 127.0.0.1:8081 check observe layer7 error-limit 10 on-error mark-down', 'be'],
  ['default-server on-marked-up shutdown-backup-sessions on-marked-down shutdown-sessions', 'be'],
];

const errors = (text: string, version: '2.6' | '3.0' = '2.6') => diagnose(text, { version }).filter((d) => d.severity === ERROR);

describe('haproxy fixed-list words', () => {
  for (const [line, where, word, code = 'unknown-value'] of BAD) {
    it(`'${line}' is ${code} on '${word}'`, () => {
      const text = cfg(line, where);
      const d = errors(text);
      assert.deepEqual(d.map((x) => x.code), [code]);
      assert.equal(text.split('\n')[d[0].range.start.line].slice(d[0].range.start.character, d[0].range.end.character), word);
    });
  }
  for (const [line, where] of GOOD) {
    it(`'${line}' is not reported`, () => assert.deepEqual(errors(cfg(line, where)), []));
  }
  it("hash-type takes the 'none' function from 3.0 on", () => assert.deepEqual(errors(cfg('hash-type consistent none', 'be'), '3.0'), []));
  it('suggests the lower-case word and near misses', () => {
    assert.deepEqual((errors(cfg('http-reuse Safe', 'be'))[0].data as { suggestions: string[] }).suggestions, ['safe']);
    assert.deepEqual((errors(cfg('server s2 127.0.0.1:8081 check on-error markdown', 'be'))[0].data as { suggestions: string[] }).suggestions, ['mark-down']);
  });
  it('haproxy -c 2.6 refuses each bad line, accepts each good one, and its alerts merge with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('enum-args-');
    try {
      const run = checker.run;
      for (const [line, where] of BAD) {
        const text = cfg(line, where);
        const r = run(text);
        assert.equal(r.status, 1, line);
        const alert = /\[ALERT\].*? : config : (?:parsing )?\[[^\]]+:(\d+)\] : (.*)/.exec(r.stderr)!;
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const [line, where] of GOOD) assert.ok([0, 2].includes(run(cfg(line, where)).status ?? -1), line);
    } finally {
      checker.remove();
    }
  });
});
