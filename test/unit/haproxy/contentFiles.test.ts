/**
 * `missing-file` for the content files HAProxy reads while it parses: `errorfile` (defaults,
 * proxies, http-errors), the file of an `http-request`/`http-response` `return` rule and
 * `lua-load`. haproxy -c 2.6.12 refuses a missing one ("error opening file", "cannot open").
 * Files live in a temporary directory and are seen through the real disk host; every BAD and
 * GOOD configuration also goes through the real haproxy -c when installed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskHost } from '../../../server/src/node/diskHost';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { codesAt, ERROR, makeContext } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const D = mkdtempSync(join(tmpdir(), 'content-files-'));
const PAGE = `${D}/503.http`;
const LUA = `${D}/noop.lua`;
const DEF = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const fe = (...lines: string[]) => `${DEF}frontend fe\n    bind 127.0.0.1:18080\n${lines.map((l) => `    ${l}\n`).join('')}    default_backend be\nbackend be\n    server s 127.0.0.1:8080\n`;

/** [what, config, missing-file lines (1-based)]: haproxy -c refuses each. */
const BAD: [string, string, number[]][] = [
  ['errorfile in defaults', `${DEF}    errorfile 503 ${D}/nosuch.http\n${fe().slice(DEF.length)}`, [6]],
  ['errorfile in a disabled backend', `${fe()}    disabled\n    errorfile 503 ${D}/nosuch.http\n`, [12]],
  ['errorfile in http-errors', `${fe()}http-errors site\n    errorfile 503 ${D}/nosuch.http\n`, [12]],
  ['return file', fe(`http-request return status 200 content-type text/plain file ${D}/nosuch.txt if { path /x }`), [8]],
  ['return lf-file after a header', fe(`http-request return status 200 hdr X-File file lf-file ${D}/nosuch.txt`), [8]],
  ['return errorfile', fe(`http-request return errorfile ${D}/nosuch.http`), [8]],
  ['lua-load', `global\n    lua-load ${D}/nosuch.lua\n${fe()}`, [2]],
];
const GOOD: [string, string][] = [
  ['existing errorfile and return file', `${fe(`errorfile 503 ${PAGE}`, `http-request return status 200 content-type text/plain file ${PAGE} if { path /x }`)}`],
  ['existing lua-load', `global\n    lua-load ${LUA}\n${fe()}`],
  ['return with a string, whose header value is "file"', fe('http-request return status 200 content-type text/plain hdr X-Kind file string ok')],
];

const host = createDiskHost({ offline: () => true });
const check = (text: string) => validate({ ...makeContext(text), host });

describe('haproxy missing error pages, response files and Lua scripts', () => {
  before(() => {
    writeFileSync(PAGE, 'HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ndown\n');
    writeFileSync(LUA, '-- nothing to register\n');
  });
  after(() => rmSync(D, { recursive: true, force: true }));

  for (const [what, text, lines] of BAD) {
    it(`${what}: missing-file@${lines.join(',')}`, () => {
      const errors = check(text).filter((d) => d.severity === ERROR);
      assert.deepEqual(codesAt(errors), lines.map((l) => `missing-file@${l}`), JSON.stringify(errors));
      const line = text.split('\n')[lines[0] - 1];
      assert.match(line.slice(errors[0].range.start.character, errors[0].range.end.character), /^\/.*nosuch\.\w+$/);
    });
  }
  for (const [what, text] of GOOD) {
    it(`accepts ${what}`, () => assert.deepEqual(check(text).filter((d) => d.severity === ERROR), []));
  }
  it('does not judge relative paths, and reports nothing without a host', () => {
    assert.deepEqual(check(fe('errorfile 503 errors/nosuch.http')).filter((d) => d.code === 'missing-file'), []);
    assert.deepEqual(validate(makeContext(BAD[0][1])).filter((d) => d.code === 'missing-file'), []);
  });
  it('haproxy -c 2.6 refuses every BAD configuration and accepts every GOOD one', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('content-files-');
    try {
      for (const [what, text, lines] of BAD) {
        const r = checker.run(text);
        assert.equal(r.status, 1, `${what}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`\\[[^\\]]+:${lines[0]}\\] : .*(?:error opening file|cannot open) '?[^ ']*nosuch`), what);
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
