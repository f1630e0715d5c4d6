/** Address families and socket-type prefixes per version (str2sa_range at each release tag). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { DEFAULTS, codesAt, diagnose } from './diagnosticsHelpers';

const CFG = `${DEFAULTS}frontend fe
    bind abnsz@hx
    bind quic+127.0.0.1:443 ssl crt /etc/haproxy/site.pem
    bind rhttp@be/s1
    bind ip@127.0.0.1:80
    default_backend be
backend be
    server s1 mptcp4@127.0.0.1:8080
    server s2 rhttp@
`;
const errors = (v: HaproxyVersion) => codesAt(diagnose(CFG, { version: v }).filter((d) => d.severity === 1 && d.code === 'invalid-address'));

describe('address families by version', () => {
  it('refuses families newer than the target', () => {
    assert.deepEqual(errors('2.6'), ['invalid-address@7', 'invalid-address@8', 'invalid-address@9', 'invalid-address@13', 'invalid-address@14']);
    assert.deepEqual(errors('2.8'), ['invalid-address@7', 'invalid-address@9', 'invalid-address@13', 'invalid-address@14']);
    assert.deepEqual(errors('3.0'), ['invalid-address@7', 'invalid-address@13']);
  });

  it('accepts them from the version that added them', () => {
    assert.deepEqual(errors('3.2'), []);
    assert.deepEqual(errors('3.4'), []);
  });
});
