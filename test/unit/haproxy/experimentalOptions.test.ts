import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { experimentalParamUses } from '../../../server/src/service/haproxy/knowledge/experimental';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { applyEdit } from '../../helpers/cursor';
import { codesAt, DEFAULTS, diagnose, ERROR, makeContext } from './diagnosticsHelpers';

/**
 * Experimental bind/server options, option values and address prefixes (3.0+: nbconn, rhttp@;
 * 3.4: ktls, ech, proto qmux, quic4@/quic6@ servers; 2.8+: quic-cc-algo nocc). HAProxy refuses
 * each one unless `expose-experimental-directives` comes first in global; 2.6 has none of them.
 */
const EXPOSE = 'global\n    expose-experimental-directives\n';
const errors = (text: string, version: HaproxyVersion) =>
  diagnose(text, { version }).filter((d) => d.severity === ERROR);
const exp = (text: string, version: HaproxyVersion) => diagnose(text, { version }).filter((d) => d.code === 'experimental-directive');

const KTLS_BIND = `${DEFAULTS}frontend fe\n    bind 127.0.0.1:8443 ssl crt /etc/haproxy/site.pem ktls on alpn h2,http/1.1\n    default_backend be\nbackend be\n    server s1 127.0.0.1:8080\n`;

describe('haproxy experimental bind and server options', () => {
  it('reads `ktls <on|off>` as one value, not two (the [ EXPERIMENTAL ] tag is no argument)', () => {
    for (const v of ['3.4'] as const) {
      assert.equal(getKnowledge(v).bindOption('ktls')?.argCount, 1);
      assert.equal(getKnowledge(v).serverOption('ktls')?.argCount, 1);
      assert.equal(getKnowledge(v).bindOption('ech')?.argCount, 1);
    }
    for (const v of ['3.0', '3.2', '3.4'] as const) assert.equal(getKnowledge(v).bindOption('nbconn')?.argCount, 1);
    // With the directive exposed, the line is clean: `alpn h2,http/1.1` is read as alpn's value.
    assert.deepEqual(codesAt(errors(EXPOSE + KTLS_BIND, '3.4')), []);
  });

  it('flags ktls on a bind line without expose-experimental-directives (3.4), with the quick fix', () => {
    const d = exp(KTLS_BIND, '3.4');
    assert.deepEqual(codesAt(d), ['experimental-directive@7']);
    assert.match(String(d[0].message), /'ktls' is an experimental bind option/);
    assert.equal(KTLS_BIND.split('\n')[6].slice(d[0].range.start.character, d[0].range.end.character), 'ktls');
    const ctx = makeContext(KTLS_BIND, '3.4');
    const diags = validate(ctx);
    const fix = getCodeActions(ctx, d[0].range, diags).find((a) => a.title === 'Add expose-experimental-directives to global');
    assert.ok(fix, 'quick fix offered');
    const fixed = (fix.edit?.changes?.[ctx.uri] ?? []).reduce((t, e) => applyEdit(t, e), KTLS_BIND);
    assert.deepEqual(exp(fixed, '3.4'), []);
  });

  it('flags ktls on server and default-server lines, and proto qmux (3.4)', () => {
    const text = `${DEFAULTS}backend be\n    default-server ktls off\n    server s1 127.0.0.1:8443 ssl verify none ktls on\n    server s2 127.0.0.1:8444 proto qmux\n    server s3 127.0.0.1:8445 proto h2\n`;
    assert.deepEqual(codesAt(exp(text, '3.4')), ['experimental-directive@7', 'experimental-directive@8', 'experimental-directive@9']);
    assert.deepEqual(exp(EXPOSE + text, '3.4'), []);
  });

  it('flags nbconn and the rhttp@ address from 3.0, but not in 2.6/2.8 where they do not exist', () => {
    const text = `${DEFAULTS}frontend fe\n    bind rhttp@be/s1 nbconn 2\n    default_backend be\nbackend be\n    server s1 rhttp@\n`;
    for (const v of ['3.0', '3.2', '3.4'] as const) {
      assert.deepEqual(codesAt(exp(text, v)), ['experimental-directive@7', 'experimental-directive@7', 'experimental-directive@10'], v);
      assert.deepEqual(exp(EXPOSE + text, v), [], v);
    }
    assert.deepEqual(exp(text, '2.6'), []);
    assert.deepEqual(exp(text, '2.8'), []);
  });

  it('flags the nocc congestion algorithm from 2.8 but not cubic', () => {
    const nocc = `${DEFAULTS}frontend fe\n    bind quic4@:8443 ssl crt /etc/haproxy/site.pem quic-cc-algo nocc-10 alpn h3\n`;
    assert.deepEqual(codesAt(exp(nocc, '2.8')), ['experimental-directive@7']);
    assert.deepEqual(exp(nocc.replace('nocc-10', 'cubic'), '3.2'), []);
  });

  it('does not look past an unknown option and honours the order of global lines', () => {
    const uses = experimentalParamUses('3.4', ['bind', ':443', 'bogus', 'ktls', 'on'], (l, n) => (l === 'bind' ? getKnowledge('3.4').bindOption(n)?.argCount : undefined));
    assert.deepEqual(uses, []);
    const late = `${KTLS_BIND}global\n    expose-experimental-directives\n`;
    assert.equal(exp(late, '3.4').length, 1, 'an expose line after the use does not count');
  });

  it('2.6 has no experimental bind/server option: what 2.6.12 does not know stays unknown', () => {
    const text = `${DEFAULTS}frontend fe\n    bind 127.0.0.1:8080 nbconn 2\n`;
    assert.deepEqual(codesAt(diagnose(text, { version: '2.6' })), ['unknown-bind-option@7']);
  });
});

describe('haproxy experimental sections', () => {
  const ACME = 'acme le\n    directory https://acme-staging-v02.api.letsencrypt.org/directory\n    contact admin@example.com\n';
  it('flags an acme section (3.2+) without an earlier expose-experimental-directives, once, on its header', () => {
    for (const v of ['3.2', '3.4'] as const) {
      const d = exp(ACME, v);
      assert.deepEqual(codesAt(d), ['experimental-directive@1'], v);
      assert.match(String(d[0].message), /'acme' is an experimental section/);
      assert.deepEqual(exp(EXPOSE + ACME, v), [], v);
    }
  });
});
