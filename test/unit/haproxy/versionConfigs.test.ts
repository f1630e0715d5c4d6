/**
 * Configurations written for a newer HAProxy, checked against every version table: no error
 * from the version that introduced their keywords on, and the expected "not in this version"
 * errors before it (facts from each release's configuration.txt).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesAt, diagnose } from './diagnosticsHelpers';
import { SUPPORTED_VERSIONS, type HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';

const cfgs: Record<string, string> = {
 '3.2 acme + crt-store + log-profile + traces': `global
    expose-experimental-directives
    log stdout format raw local0

acme letsencrypt
    directory https://acme-staging-v02.api.letsencrypt.org/directory
    account-key /etc/haproxy/letsencrypt.account.key
    contact admin@example.test
    challenge HTTP-01
    keytype RSA
    bits 2048
    map virt@acme

crt-store sites
    crt-base /etc/haproxy/certs
    load crt site.pem acme letsencrypt domains "plone.example.test"

log-profile quiet
    on close format "%ci %ST %B"

traces
    trace h1 sink stderr level developer

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :443 ssl crt "@sites/site.pem"
    log stdout format raw profile quiet local0
    http-request return status 200 content-type text/plain lf-string "%[path,field(-1,/)].%[path,field(-1,/),map(virt@acme)]" if { path_beg '/.well-known/acme-challenge/' }
    default_backend zope

backend zope
    server instance1 127.0.0.1:8081 check
`,
 '2.8 bandwidth limits + set-var-fmt': `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    filter bwlim-out download default-limit 1m default-period 1s
    http-response set-bandwidth-limit download
    http-request set-var-fmt(txn.who) "%[src]:%[src_port]"
    default_backend zope

backend zope
    server instance1 127.0.0.1:8081 check
`,
 '3.0 crt-store + guid': `crt-store
    crt-base /etc/haproxy/certs
    load crt site.pem key site.key

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :443 ssl crt site.pem
    guid fe-www
    default_backend zope

backend zope
    guid be-zope
    server instance1 127.0.0.1:8081 check guid srv-1
`,
};

const SINCE: Record<string, HaproxyVersion> = { '3.2 acme + crt-store + log-profile + traces': '3.2', '2.8 bandwidth limits + set-var-fmt': '2.8', '3.0 crt-store + guid': '3.0' };
const BEFORE: Record<string, Partial<Record<HaproxyVersion, string[]>>> = {
  '3.2 acme + crt-store + log-profile + traces': {
    '2.6': ['unknown-section@5', 'unknown-section@14', 'unknown-section@18', 'unknown-section@21', 'unknown-value@32'],
    '3.0': ['unknown-section@5', 'unknown-section@18', 'unknown-section@21', 'unknown-value@32'],
  },
  '2.8 bandwidth limits + set-var-fmt': { '2.6': ['unknown-action@10', 'unknown-filter@9'] },
  '3.0 crt-store + guid': { '2.8': ['unknown-section@1', 'unknown-keyword@13', 'unknown-keyword@17', 'unknown-server-option@18'] },
};

const errorsAt = (text: string, version: HaproxyVersion) => codesAt(diagnose(text, { version }).filter((d) => d.severity === 1));

describe('configurations for newer versions', () => {
  for (const [name, text] of Object.entries(cfgs)) {
    it(`${name}: no error from ${SINCE[name]} on`, () => {
      for (const v of SUPPORTED_VERSIONS.filter((x) => x >= SINCE[name])) assert.deepEqual(errorsAt(text, v), [], v);
    });
    it(`${name}: flagged before ${SINCE[name]}`, () => {
      for (const [v, expected] of Object.entries(BEFORE[name])) assert.deepEqual(errorsAt(text, v as HaproxyVersion), expected, v);
    });
  }
});
