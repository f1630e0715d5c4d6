import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

/** An action with nothing after it (haproxy -c 2.6.12 refuses each of these lines). */
const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const BARE = `${D}frontend fe\n    bind 127.0.0.1:8080\n    http-request set-header\n    http-request redirect if { path /x }\n    tcp-request content track-sc0\n    default_backend be\nbackend be\n    http-response set-status\n    server s 127.0.0.1:80\n`;

describe('haproxy actions without their arguments', () => {
  it('are errors on the action word, also when a condition follows', () => {
    const d = diagnose(BARE, { version: '2.6' }).filter((x) => x.code === 'missing-argument');
    assert.deepEqual(d.map((x) => x.range.start.line), [7, 8, 9, 12]);
    assert.ok(d.every((x) => x.severity === ERROR));
    assert.match(String(d[0].message), /'http-request set-header' needs/);
  });
  it('actions HAProxy accepts bare, or complete lines, are not reported', () => {
    const ok = `${D}frontend fe\n    bind 127.0.0.1:8080\n    http-request set-header X-A b\n    http-request add-acl(/tmp/x.lst)\n    http-request deny\n    http-request redirect scheme https if !{ ssl_fc }\n    tcp-request content track-sc0 src\n    default_backend be\nbackend be\n    server s 127.0.0.1:80\n`;
    assert.deepEqual(diagnose(ok, { version: '2.6' }).filter((x) => x.code === 'missing-argument'), []);
  });
  it('haproxy -c refuses the bare lines', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here' }, () => {
    const checker = haproxyChecker('bare-actions-');
    try {
      for (const line of ['http-request set-header', 'http-request redirect if { path /x }', 'tcp-request content track-sc0']) {
        assert.equal(checker.run(`${D}frontend fe\n    bind 127.0.0.1:8080\n    ${line}\n`).status, 1, line);
      }
    } finally {
      checker.remove();
    }
  });
});
