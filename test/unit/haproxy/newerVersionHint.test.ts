import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from './diagnosticsHelpers';

/**
 * A name the target version does not know but a newer one does is still reported (HAProxy
 * 2.6.12 refuses each of these), and the message says from which version it exists, so a user
 * whose haproxy.version is too old understands why.
 */
const CFG = `global
    tune.h2.fe.max-total-streams 100
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe
    bind 127.0.0.1:8080
    http-request set-fc-mark 1
    http-request set-header X %[req.hdr(host),lowr]
    default_backend be
backend be
    server s0 127.0.0.1:80 init-state fully-up
`;

describe('haproxy unknown names that newer versions have', () => {
  it('say from which version they exist, keeping the did-you-mean', () => {
    const d = diagnose(CFG, { version: '2.6' });
    const msg = (code: string) => d.filter((x) => x.code === code).map((x) => String(x.message));
    assert.match(msg('unknown-keyword')[0], /'tune\.h2\.fe\.max-total-streams' exists from HAProxy 3\.0 on; the target version is 2\.6/);
    assert.match(msg('unknown-action')[0], /Did you mean 'set-mark'\?.*'set-fc-mark' exists from HAProxy 3\.0 on/);
    assert.match(msg('unknown-server-option')[0], /'init-state' exists from HAProxy 3\.\d on/);
    assert.doesNotMatch(msg('unknown-converter')[0], /exists from/, 'a plain typo gets no version hint');
  });
  it('are not reported at all for a version that has them', () => {
    const d = diagnose(CFG, { version: '3.2' }).filter((x) => /^unknown-(keyword|action|server-option)$/.test(String(x.code)));
    assert.deepEqual(d.map((x) => x.code), []);
  });
});
