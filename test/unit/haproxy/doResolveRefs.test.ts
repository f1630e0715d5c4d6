/** `do-resolve(<var>,<resolvers>[,<family>])` names a resolvers section (HAProxy 2.6 refuses a missing one). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findDefinition } from '../../../server/src/service/haproxy/features/navigation';
import { contextAt } from './fixtures/featureContext';
import { codesAt, diagnose } from './diagnosticsHelpers';

const CFG = (name: string, cursor = '') => `resolvers dns
    nameserver ns1 127.0.0.1:53
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend www
    bind :80
    http-request do-resolve(txn.ip,${cursor}${name},ipv4) hdr(host),lower
    tcp-request content do-resolve(txn.ip2,${name}) src
    default_backend b
backend b
    server s 10.0.0.1:80
`;

describe('do-resolve resolvers references', () => {
  it('goes to the resolvers section', () => {
    const { ctx, position } = contextAt(CFG('dns', '|'), { version: '2.6' });
    assert.deepEqual(findDefinition(ctx, position).map((l) => l.range.start.line), [0]);
  });

  it('reports an undefined resolvers section on both rule sets', () => {
    assert.deepEqual(codesAt(diagnose(CFG('dnz')).filter((d) => d.severity === 1)), ['undefined-reference@10', 'undefined-reference@11']);
    assert.deepEqual(diagnose(CFG('dns')).filter((d) => d.severity === 1), []);
  });
});
