/**
 * `bind … ssl` without a certificate. Each BAD line is refused by the real haproxy -c (checked
 * below when installed, where the alert merges with our finding); each GOOD line is accepted
 * (certificate files are left out: those lines are checked here only, not given to haproxy -c).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (line: string, section = 'frontend fe', extra = '') => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n${section}\n    ${line}\n${extra}    default_backend be\nbackend be\n    server s 127.0.0.1:80\n`;
const LINE = 6;

const BAD = ['bind 127.0.0.1:8443 ssl', 'bind 127.0.0.1:8443 ssl alpn h2,http/1.1', 'bind :8443,:9443 ssl no-sslv3 ciphers HIGH', 'bind 127.0.0.1:8443 ssl generate-certificates'];
/** Accepted by haproxy -c without files. */
const GOOD_RUN = ['bind 127.0.0.1:8443 ssl strict-sni', 'bind 127.0.0.1:8443 name ssl', 'bind 127.0.0.1:8080'];
/** Need certificate files (or a newer HAProxy) to be accepted: checked here only. */
const GOOD = ['bind :443 ssl crt /etc/haproxy/site.pem', 'bind :443 ssl crt-list /etc/haproxy/list.txt', 'bind :443 crt /etc/haproxy/site.pem ssl', 'bind "${ADDR}" ssl'];

describe('haproxy bind ssl without a certificate', () => {
  for (const line of BAD) {
    it(`'${line}' is missing-argument on 'ssl'`, () => {
      const text = cfg(line);
      const d = diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['missing-argument', LINE]]);
      assert.equal(text.split('\n')[LINE].slice(d[0].range.start.character, d[0].range.end.character), 'ssl');
    });
  }
  for (const line of [...GOOD_RUN, ...GOOD]) {
    it(`'${line}' is not reported`, () => assert.deepEqual(diagnose(cfg(line), { version: '2.6' }).filter((x) => x.severity === ERROR), []));
  }
  it('is silent in a disabled frontend (left alone on purpose) and in a backend (where HAProxy ignores bind)', () => {
    assert.deepEqual(diagnose(cfg('bind 127.0.0.1:8443 ssl', 'frontend fe', '    disabled\n'), { version: '2.6' }).filter((x) => x.code === 'missing-argument'), []);
    const be = `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nbackend be\n    bind 127.0.0.1:8443 ssl\n    server s 127.0.0.1:80\n`;
    assert.deepEqual(diagnose(be, { version: '2.6' }).filter((x) => x.code === 'missing-argument'), []);
  });
  it('3.x default-crt provides the certificate', () => {
    assert.deepEqual(diagnose(cfg('bind :443 ssl default-crt /etc/haproxy/site.pem'), { version: '3.2' }).filter((x) => x.code === 'missing-argument'), []);
  });
  it('haproxy -c 2.6 refuses each bad line, accepts the others, and its alert merges with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('bind-ssl-');
    try {
      const run = checker.run;
      for (const line of BAD) {
        const text = cfg(line);
        const r = run(text);
        assert.equal(r.status, 1, line);
        const alert = /ALERT.*? : config : (.*no SSL certificate specified.*\[[^\]]+:(\d+)\].*)/.exec(r.stderr)!;
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        assert.ok(coveringDiagnostic({ line: Number(alert[2]) - 1, message: alert[1] }, ours), alert[1]);
      }
      for (const line of GOOD_RUN) assert.ok([0, 2].includes(run(cfg(line)).status ?? -1), line);
    } finally {
      checker.remove();
    }
  });
});
