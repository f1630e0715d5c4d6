/**
 * `server … agent-check` without a port for the agent. Each BAD config is refused by the real
 * haproxy -c (checked below when installed, where its alert merges with our finding), each GOOD
 * one accepted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (...lines: string[]) => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    default_backend be\nbackend be\n${lines.map((l) => `    ${l}\n`).join('')}`;

const BAD = [cfg('server s1 127.0.0.1:8080 check agent-check'), cfg('server s1 127.0.0.1:8080 agent-check agent-inter 5s weight 10')];
const GOOD = [
  cfg('server s1 127.0.0.1:8080 check agent-check agent-port 9999'), cfg('server s1 127.0.0.1:8080 check port 8090 agent-check'),
  cfg('default-server agent-port 9999', 'server s1 127.0.0.1:8080 agent-check'), cfg('server s1 127.0.0.1:8080 agent-check no-agent-check'),
];

describe('haproxy agent-check without a port', () => {
  for (const text of BAD) {
    it(`refuses: ${text.split('\n')[9].trim()}`, () => {
      const d = diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['missing-argument', 9]]);
      assert.equal(text.split('\n')[9].slice(d[0].range.start.character, d[0].range.end.character), 'agent-check');
    });
  }
  for (const text of GOOD) {
    it(`accepts: ${text.split('\n').slice(9).join(' ').trim()}`, () => assert.deepEqual(diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR), []));
  }
  it('haproxy -c 2.6 agrees, and its alert merges with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('agent-port-');
    try {
      const run = checker.run;
      for (const text of BAD) {
        const r = run(text);
        assert.equal(r.status, 1);
        const alert = /ALERT.*? : config : \[[^\]]+:(\d+)\] : (.*agent port.*)/.exec(r.stderr)!;
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const text of GOOD) assert.ok([0, 2].includes(run(text).status ?? -1), text);
    } finally {
      checker.remove();
    }
  });
});
