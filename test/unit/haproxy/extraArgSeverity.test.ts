/** `extra-argument`: an error where HAProxy refuses the surplus (EXTRA_ARGS_FATAL), a warning where it ignores it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, ERROR, WARNING, diagnose } from './diagnosticsHelpers';

const severityOf = (line: string, version: '2.6' | '3.2' = '2.6') => {
  const text = `${DEFAULTS}frontend fe\n    bind :80\n    ${line}\n    default_backend be\nbackend be\n    server s 10.0.0.1:80\n`;
  return diagnose(text, { version }).filter((d) => d.code === 'extra-argument').map((d) => d.severity);
};

describe('extra-argument severity', () => {
  it('is an error for keywords HAProxy refuses with a surplus word', () => {
    assert.deepEqual(severityOf('maxconn 100 200'), [ERROR]);
    assert.deepEqual(severityOf('timeout client 30s 40s'), [ERROR]);
    assert.deepEqual(severityOf('option http-keep-alive now'), [ERROR]);
    assert.deepEqual(severityOf('maxconn 100 200', '3.2'), [ERROR]);
  });

  it('stays a warning where HAProxy ignores the surplus', () => {
    assert.deepEqual(severityOf('stats uri /stats extra'), [WARNING]);
    assert.deepEqual(severityOf('errorfile 503 /etc/haproxy/503.http extra'), [WARNING]);
  });

  it('is an error for a word after a proxy name (no from)', () => {
    const d = diagnose(`${DEFAULTS}backend be extra\n    server s 10.0.0.1:80\n`).filter((x) => x.code === 'extra-argument');
    assert.deepEqual(d.map((x) => [x.severity, x.message]), [[ERROR, "'backend' takes at most 1 argument; 'extra' is one too many."]]);
  });
});
