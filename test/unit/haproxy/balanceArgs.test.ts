import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { diagnose, ERROR, makeContext } from './diagnosticsHelpers';

/** haproxy -c 2.6.12 refuses each of BAD and accepts each of GOOD. */
const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const cfg = (line: string) => `${D}backend be\n    ${line}\n    server s 127.0.0.1:1\n`;
const BAD: [string, string][] = [
  ['balance hdr', 'unknown-value'], ['balance hdr()', 'unknown-value'], ['balance HDR(host)', 'unknown-value'], ['balance Roundrobin', 'unknown-value'],
  ['balance rdp-cookie()', 'unknown-value'], ['balance hash', 'missing-argument'], ['balance url_param', 'missing-argument'],
];
const GOOD = ['balance hdr(host)', 'balance rdp-cookie', 'balance url_param userid', 'balance url_param userid check_post', 'balance random', 'balance random(3)', 'balance hash req.hdr(host)', 'balance source', 'balance uri whole depth 2'];

describe('haproxy balance arguments', () => {
  for (const [line, code] of BAD) {
    it(`'${line}' is an error (${code})`, () => {
      const d = diagnose(cfg(line), { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => x.code), [code], JSON.stringify(d));
    });
  }
  it('offers the lower-case spelling as a quick fix', () => {
    const text = cfg('balance HDR(host)');
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const d = diags.find((x) => x.code === 'unknown-value')!;
    const fix = getCodeActions(ctx, d.range, diags).find((a) => a.isPreferred)!;
    assert.equal(fix.title, "Change to 'hdr(host)'");
  });
  it('accepted forms are clean', () => {
    for (const line of GOOD) assert.deepEqual(diagnose(cfg(line), { version: '2.6' }).map((x) => x.code), [], line);
  });
});
