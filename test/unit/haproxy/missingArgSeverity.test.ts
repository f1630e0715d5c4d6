import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { MISSING_ARGS_FATAL } from '../../../server/src/service/haproxy/knowledge/index';
import { diagnose, ERROR, WARNING } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

/** Lines with some but too few arguments: HAProxy refuses every one (re-measured when /usr/sbin/haproxy exists). */
const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const SAMPLES: Record<string, string> = {
  server: 'backend be\n    server s1\n',
  'server-template': 'backend be\n    server-template web 3\n',
  acl: 'backend be\n    server s 127.0.0.1:1\n    acl x\n',
  'stick-table': 'backend be\n    server s 127.0.0.1:1\n    stick-table type ip\n',
  redirect: 'frontend fe\n    bind :80\n    redirect location\n',
  'capture request header': 'frontend fe\n    bind :80\n    capture request header Host\n',
  'capture response header': 'frontend fe\n    bind :80\n    capture response header Server\n',
  errorfile: 'frontend fe\n    bind :80\n    errorfile 503\n',
};
const HAPROXY = '/usr/sbin/haproxy';

describe('haproxy missing-argument severity', () => {
  it('every strict keyword has a sample', () => assert.deepEqual(Object.keys(SAMPLES).sort(), [...MISSING_ARGS_FATAL].sort()));
  for (const [name, body] of Object.entries(SAMPLES)) {
    it(`'${name}' with too few arguments is an error`, () => {
      const d = diagnose(D + body, { version: '2.6' }).filter((x) => x.code === 'missing-argument');
      assert.equal(d.length, 1, JSON.stringify(d));
      assert.equal(d[0].severity, ERROR);
    });
  }
  it('a partial line of another keyword stays a warning (documented minimums may count optional parts)', () => {
    const d = diagnose(`${D}backend be\n    server s 127.0.0.1:1\n    option httpchk GET\n    http-check expect status\n`, { version: '2.6' }).filter((x) => x.code === 'missing-argument');
    assert.ok(d.every((x) => x.severity === WARNING), JSON.stringify(d));
  });
  it('haproxy -c refuses each sample', { skip: !existsSync(HAPROXY) && 'no haproxy here' }, () => {
    const checker = haproxyChecker('missing-args-');
    try {
      for (const [name, body] of Object.entries(SAMPLES)) assert.equal(checker.run(D + body).status, 1, `haproxy -c should refuse '${name}'`);
    } finally {
      checker.remove();
    }
  });
});
