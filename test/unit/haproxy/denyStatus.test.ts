/** `deny_status` without a reply of its own must be a code HAProxy has a built-in page for (per version). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, codesAt, diagnose } from './diagnosticsHelpers';

const rule = (r: string, version: '2.6' | '3.2' = '2.6') =>
  codesAt(diagnose(`${DEFAULTS}frontend fe\n    bind :80\n    http-request ${r}\n    default_backend be\nbackend be\n    server s 10.0.0.1:80\n`, { version }).filter((d) => d.severity === 1));

describe('deny_status codes', () => {
  it('refuses codes without a built-in page', () => {
    assert.deepEqual(rule('deny deny_status 418'), ['unknown-value@8']);
    assert.deepEqual(rule('tarpit deny_status 302 if TRUE'), ['unknown-value@8']);
    assert.deepEqual(rule('deny deny_status 414'), ['unknown-value@8']);
  });

  it('accepts built-in codes, 414/431 from 3.1, and replies with their own content', () => {
    assert.deepEqual(rule('deny deny_status 429 if TRUE'), []);
    assert.deepEqual(rule('deny deny_status 414', '3.2'), []);
    assert.deepEqual(rule('deny deny_status 418 content-type text/plain string teapot'), []);
    assert.deepEqual(rule('deny deny_status 418 hdr X-Reason teapot'), []);
  });
});
