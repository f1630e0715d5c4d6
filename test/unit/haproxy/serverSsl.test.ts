/**
 * `server … ssl` verified by default without a CA file. Each BAD config is refused by the real
 * haproxy -c (checked below when installed, where its alert merges with our finding), each GOOD
 * one accepted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (server: string, opts: { global?: string; defaults?: string; backend?: string } = {}) =>
  `global\n    maxconn 100\n${opts.global ?? ''}defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n${opts.defaults ?? ''}`
  + `frontend fe\n    bind 127.0.0.1:18080\n    default_backend be\nbackend be\n${opts.backend ?? ''}    ${server}\n`;

const BAD: [string, string][] = [
  ['plain ssl', cfg('server plone 127.0.0.1:8443 ssl')],
  ['ssl among other options', cfg('server plone 127.0.0.1:8443 check inter 5s ssl sni str(plone.example.com) alpn http/1.1')],
  ['ssl in a listen', cfg('server other 127.0.0.1:9443') + 'listen li\n    bind 127.0.0.1:18081\n    server plone 127.0.0.1:8443 ssl\n'],
];
const GOOD: [string, string][] = [
  ['verify none', cfg('server plone 127.0.0.1:8443 ssl verify none')],
  ['a ca-file', cfg('server plone 127.0.0.1:8443 ssl ca-file /etc/ssl/certs/ca-certificates.crt')],
  ['ssl-server-verify none in global', cfg('server plone 127.0.0.1:8443 ssl', { global: '    ssl-server-verify none\n' })],
  ['default-server verify none in defaults', cfg('server plone 127.0.0.1:8443 ssl', { defaults: '    default-server verify none\n' })],
  ['default-server verify none in the backend', cfg('server plone 127.0.0.1:8443 ssl', { backend: '    default-server verify none\n' })],
  ['no-ssl after ssl', cfg('server plone 127.0.0.1:8443 ssl no-ssl')],
  ['a disabled backend', cfg('server plone 127.0.0.1:8443 ssl', { backend: '    disabled\n' })],
  ['no ssl at all', cfg('server plone 127.0.0.1:8080 check')],
];

const errors = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR);

describe('haproxy server ssl without a CA file', () => {
  for (const [name, text] of BAD) {
    it(`refuses: ${name}, on 'ssl'`, () => {
      const d = errors(text);
      assert.deepEqual(d.map((x) => x.code), ['missing-argument']);
      const line = text.split('\n')[d[0].range.start.line];
      assert.equal(line.slice(d[0].range.start.character, d[0].range.end.character), 'ssl');
      assert.match(String(d[0].message), /ca-file.*verify none/);
    });
  }
  for (const [name, text] of GOOD) {
    it(`accepts: ${name}`, () => assert.deepEqual(errors(text), []));
  }
  it('haproxy -c 2.6 agrees, and its alert merges with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('server-ssl-');
    try {
      const run = checker.run;
      for (const [name, text] of BAD) {
        const r = run(text);
        assert.equal(r.status, 1, name);
        const alert = /ALERT.*? : config : \[[^\]]+:(\d+)\] : (.*verify is enabled.*)/.exec(r.stderr)!;
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const [name, text] of GOOD) assert.ok([0, 2].includes(run(text).status ?? -1), name);
    } finally {
      checker.remove();
    }
  });
});
