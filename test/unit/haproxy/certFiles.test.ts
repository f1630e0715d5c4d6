/**
 * Certificate, CA and revocation files that do not exist (`missing-file`). HAProxy opens them
 * while it reads the configuration, so haproxy -c refuses a missing one. The files live in a
 * temporary directory (the corpus's test-only certificate copied in); validate() sees them
 * through the real disk host (server/src/node/diskHost.ts), as the server and the CLI do, and
 * every BAD and GOOD configuration also goes through the real haproxy -c when installed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskHost } from '../../../server/src/node/diskHost';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { codesAt, ERROR, makeContext } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const CERTS = join(__dirname, '..', '..', 'fixtures', 'haproxy-corpus', 'valid', 'certs');
const D = mkdtempSync(join(tmpdir(), 'cert-files-'));
const T = '    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const DEF = `defaults\n    mode http\n${T}`;
const fe = (bind: string) => `${DEF}frontend fe\n    ${bind}\n    default_backend be\nbackend be\n    server s1 127.0.0.1:8080\n`;
const be = (...lines: string[]) => `${DEF}frontend fe\n    bind 127.0.0.1:18080\n    default_backend be\nbackend be\n${lines.map((l) => `    ${l}\n`).join('')}`;
const SITE = `${D}/certs/site.pem`;
const CA = `${D}/certs/ca.crt`;

/** [what, config, the missing-file lines (1-based)]: haproxy -c refuses each. */
const BAD: [string, string, number[]][] = [
  ['bind crt', fe(`bind 127.0.0.1:18443 ssl crt ${D}/nosuch.pem`), [7]],
  ['bind crt without ssl', fe(`bind 127.0.0.1:18443 crt ${D}/nosuch.pem`), [7]],
  ['bind crt-list', fe(`bind 127.0.0.1:18443 ssl crt ${SITE} crt-list ${D}/nosuch.list`), [7]],
  ['bind ca-file', fe(`bind 127.0.0.1:18443 ssl crt ${SITE} ca-file ${D}/nosuch.crt verify optional`), [7]],
  ['bind ca-verify-file', fe(`bind 127.0.0.1:18443 ssl crt ${SITE} ca-verify-file ${D}/nosuch.crt`), [7]],
  ['bind crl-file', fe(`bind 127.0.0.1:18443 ssl crt ${SITE} ca-file ${CA} verify optional crl-file ${D}/nosuch.crl`), [7]],
  ['bind crt under crt-base', `global\n    crt-base ${D}/certs\n${fe('bind 127.0.0.1:18443 ssl crt nosuch.pem')}`, [9]],
  ['server ca-file', be(`server s1 127.0.0.1:8443 ssl ca-file ${D}/nosuch.crt`), [10]],
  ['server ca-file without ssl', be(`server s1 127.0.0.1:8443 ca-file ${D}/nosuch.crt`), [10]],
  ['server ca-file in a disabled backend', be('disabled', `server s1 127.0.0.1:8443 ssl ca-file ${D}/nosuch.crt`), [11]],
  ['server crl-file', be(`server s1 127.0.0.1:8443 ssl ca-file ${CA} crl-file ${D}/nosuch.crl`), [10]],
  ['server ssl crt', be(`server s1 127.0.0.1:8443 ssl verify none crt ${D}/nosuch.pem`), [10]],
  ['server check-ssl crt', be(`server s1 127.0.0.1:8443 check check-ssl verify none crt ${D}/nosuch.pem`), [10]],
  ['server-template ca-file', be(`server-template s 1-2 127.0.0.1:8443 ssl ca-file ${D}/nosuch.crt`), [10]],
  ['default-server ca-file', be(`default-server ca-file ${D}/nosuch.crt`, 'server s1 127.0.0.1:8443'), [10]],
  ['default-server ca-file in defaults', `defaults\n    mode http\n${T}    default-server ca-file ${D}/nosuch.crt\n${be('server s1 127.0.0.1:8443').slice(DEF.length)}`, [6]],
  ['server ca-file under ca-base', `global\n    ca-base ${D}/certs\n${be('server s1 127.0.0.1:8443 ssl ca-file nosuch.crt')}`, [12]],
];

/**
 * A `crt` inherited from `default-server`: reported on the server lines that load it (where
 * haproxy -c names them), on the server's name.
 */
const INHERITED: [string, string, number[]][] = [
  ['inherited crt with default-server ssl', be(`default-server ssl verify none crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443'), [11]],
  ['inherited crt, ssl on the server', be(`default-server crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443 ssl verify none'), [11]],
  ['inherited crt with default-server check-ssl', be(`default-server check-ssl verify none crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443'), [11]],
  ['inherited crt from the defaults section', `defaults\n    mode http\n${T}    default-server ssl verify none crt ${D}/nosuch.pem\n${be('server s1 127.0.0.1:8443').slice(DEF.length)}`, [11]],
  ['inherited crt from defaults, ssl from the backend', `defaults\n    mode http\n${T}    default-server crt ${D}/nosuch.pem\n${be('default-server ssl verify none', 'server s1 127.0.0.1:8443').slice(DEF.length)}`, [12]],
  ['inherited crt on a server-template', be(`default-server ssl verify none crt ${D}/nosuch.pem`, 'server-template s 2 127.0.0.1:8443'), [11]],
  ['a later default-server crt replaces the first', be(`default-server ssl verify none crt ${SITE}`, `default-server crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443'), [12]],
  ['inherited crt under crt-base', `global\n    crt-base ${D}/certs\n${be('default-server ssl verify none crt nosuch.pem', 'server s1 127.0.0.1:8443')}`, [13]],
];

/** Configurations haproxy -c accepts and we must not flag. */
const GOOD: [string, string][] = [
  ['existing crt, ca-file and crt-base/ca-base', `global\n    crt-base ${D}/certs\n    ca-base ${D}/certs\n${fe('bind 127.0.0.1:18443 ssl crt site.pem ca-file ca.crt verify optional')}`],
  ['a directory as crt', fe(`bind 127.0.0.1:18443 ssl crt ${D}/only`)],
  ['a missing crt with its .rsa bundle member', fe(`bind 127.0.0.1:18443 ssl crt ${D}/bundle/site.pem`)],
  ['ca-file @system-ca', be('server s1 127.0.0.1:8443 ssl ca-file @system-ca')],
  ['server crt without ssl (never loaded)', be(`server s1 127.0.0.1:8443 crt ${D}/nosuch.pem`)],
  ['server ssl crt in a disabled backend', be('disabled', `server s1 127.0.0.1:8443 ssl verify none crt ${D}/nosuch.pem`)],
  ['default-server crt with no server', be(`default-server ssl verify none crt ${D}/nosuch.pem`)],
  ['ca-sign-file (not opened by haproxy -c)', fe(`bind 127.0.0.1:18443 ssl crt ${SITE} ca-sign-file ${D}/nosuch.crt`)],
  ['default-server crt without ssl anywhere', be(`default-server crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443 check')],
  ['default-server crt, then default-server no-ssl', be(`default-server ssl verify none crt ${D}/nosuch.pem`, 'default-server no-ssl', 'server s1 127.0.0.1:8443')],
  ['a crt of its own replaces the inherited one', be(`default-server ssl verify none crt ${D}/nosuch.pem`, `server s1 127.0.0.1:8443 crt ${SITE}`)],
  ['inherited crt in a disabled backend', be('disabled', `default-server ssl verify none crt ${D}/nosuch.pem`, 'server s1 127.0.0.1:8443')],
  ['a default-server below the server', be('server s1 127.0.0.1:8443 ssl verify none', `default-server crt ${D}/nosuch.pem`)],
  ['a new defaults section starts afresh', `defaults\n    mode http\n${T}    default-server crt ${D}/nosuch.pem\n${be('server s1 127.0.0.1:8443 ssl verify none')}`],
  ['a crt-base after the bind line does not apply', `${fe(`bind 127.0.0.1:18443 ssl crt ${SITE}`)}global\n    crt-base ${D}/nowhere\n`],
];

/** Relative paths without a base depend on haproxy's working directory: never judged. */
const UNJUDGED = [
  fe('bind 127.0.0.1:18443 ssl crt certs/nosuch.pem'),
  `global\n    crt-base certs\n${fe('bind 127.0.0.1:18443 ssl crt nosuch.pem')}`,
  fe('bind 127.0.0.1:18443 ssl crt "${CERT_DIR}/site.pem"'),
  be('server s1 127.0.0.1:8443 ssl ca-file ca/nosuch.crt'),
];

const host = createDiskHost({ offline: () => true });
const check = (text: string) => validate({ ...makeContext(text), host });

describe('haproxy missing certificate and CA files', () => {
  before(() => {
    for (const d of ['certs', 'only', 'bundle']) mkdirSync(join(D, d), { recursive: true });
    copyFileSync(join(CERTS, 'test-only-site.pem'), SITE);
    copyFileSync(join(CERTS, 'test-only-ca.crt'), CA);
    copyFileSync(join(CERTS, 'test-only-site.pem'), join(D, 'only', 'site.pem'));
    copyFileSync(join(CERTS, 'test-only-site.pem'), join(D, 'bundle', 'site.pem.rsa'));
  });
  after(() => rmSync(D, { recursive: true, force: true }));

  for (const [what, text, lines] of BAD) {
    it(`${what}: missing-file@${lines.join(',')}`, () => {
      const errors = check(text).filter((d) => d.severity === ERROR);
      assert.deepEqual(codesAt(errors), lines.map((l) => `missing-file@${l}`), JSON.stringify(errors));
      const line = text.split('\n')[lines[0] - 1];
      assert.match(line.slice(errors[0].range.start.character, errors[0].range.end.character), /nosuch/);
      assert.match(String(errors[0].message), /nosuch\.\w+' does not exist: HAProxy cannot (?:load|read)/);
    });
  }
  for (const [what, text, lines] of INHERITED) {
    it(`${what}: missing-file@${lines.join(',')} on the server`, () => {
      const errors = check(text).filter((d) => d.severity === ERROR);
      assert.deepEqual(codesAt(errors), lines.map((l) => `missing-file@${l}`), JSON.stringify(errors));
      const line = text.split('\n')[lines[0] - 1];
      assert.match(line.slice(errors[0].range.start.character, errors[0].range.end.character), /^s1?$/);
      assert.match(String(errors[0].message), /nosuch\.pem' does not exist: HAProxy cannot load the certificate this server inherits from 'default-server' \(line \d+\)/);
    });
  }
  for (const [what, text] of GOOD) {
    it(`accepts ${what}`, () => assert.deepEqual(check(text).filter((d) => d.severity === ERROR), []));
  }
  it('does not judge paths relative to the working directory, nor paths known later', () => {
    for (const text of UNJUDGED) assert.deepEqual(check(text).filter((d) => d.code === 'missing-file'), [], text);
  });
  it('reports nothing without a host (text-only callers)', () => {
    assert.deepEqual(validate(makeContext(BAD[0][1])).filter((d) => d.code === 'missing-file'), []);
  });
  it('haproxy -c 2.6 refuses every BAD configuration and accepts every GOOD one', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('cert-files-');
    try {
      for (const [what, text] of [...BAD, ...INHERITED]) {
        const r = checker.run(text);
        assert.equal(r.status, 1, `${what}: ${r.stderr}`);
        assert.match(r.stderr, /unable to stat SSL certificate from file '[^']*nosuch|unable to load [^ ]*nosuch|cannot open file '[^']*nosuch/, what);
        // Where HAProxy names the line, its alert lands on the line we flag.
        const at = /\[[^\]]+:(\d+)\]/.exec(r.stderr);
        if (at) assert.ok(check(text).some((d) => d.code === 'missing-file' && d.range.start.line === Number(at[1]) - 1), what);
      }
      for (const [what, text] of GOOD) {
        const r = checker.run(text);
        assert.ok([0, 2].includes(r.status ?? -1), `${what}: ${r.stderr}`);
      }
    } finally {
      checker.remove();
    }
  });
});
