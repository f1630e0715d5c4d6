import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { diagnose, ERROR, makeContext } from './diagnosticsHelpers';

/**
 * HAProxy compares keywords, option names and `mode`/`balance` values case-sensitively:
 * haproxy -c 2.6.12 refuses `MODE http` ("unknown keyword 'MODE'"), `option HTTPLOG`
 * ("unknown option 'HTTPLOG'"), `mode HTTP` ("unknown proxy mode 'HTTP'").
 */
const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const cfg = (line: string) => `${D}backend be\n    ${line}\n    server s 127.0.0.1:1\n`;

describe('haproxy keyword case', () => {
  for (const [line, code] of [['MODE http', 'unknown-keyword'], ['Balance roundrobin', 'unknown-keyword'], ['option HTTPCHK', 'unknown-keyword'], ['TIMEOUT server 5s', 'unknown-keyword'], ['mode HTTP', 'unknown-value'], ['balance HDR(host)', 'unknown-value']] as const) {
    it(`'${line}' is an error with the lower-case quick fix`, () => {
      const text = cfg(line);
      const ctx = makeContext(text);
      const diags = validate(ctx);
      const errors = diags.filter((d) => d.severity === ERROR);
      assert.deepEqual(errors.map((d) => d.code), [code], JSON.stringify(errors));
      const fix = getCodeActions(ctx, errors[0].range, diags).find((a) => a.isPreferred);
      assert.ok(fix);
      const fixed = (fix.edit!.changes![ctx.uri]).reduce((t, e) => applyEdit(t, e), text);
      assert.equal(fixed, cfg(line.replace(/^\S+/, (w) => (w === 'option' || w === 'mode' || w === 'balance' ? w : w.toLowerCase())).replace(/ (\S+)/, (m, w: string) => (line.startsWith('option') || line.startsWith('mode ') || line.startsWith('balance ') ? ' ' + w.replace(/^[^(]+/, (x) => x.toLowerCase()) : m))));
      assert.deepEqual(diagnose(fixed, { version: '2.6' }).filter((d) => d.severity === ERROR), []);
    });
  }
  it('flags a capitalised section keyword on its header', () => {
    const d = diagnose(`${D}Backend be\n    server s 127.0.0.1:1\n`, { version: '2.6' }).filter((x) => x.severity === ERROR);
    assert.deepEqual(d.map((x) => `${x.code}@${x.range.start.line}`), ['unknown-keyword@5']);
    assert.deepEqual((d[0].data as { suggestions: string[] }).suggestions, ['backend']);
  });
  it('mixed case inside arguments stays valid (set-var names, header values)', () => {
    const text = `${D}frontend fe\n    bind :80\n    http-request set-var(txn.MyVar) str(X)\n    http-request set-header X-Forwarded-Proto HTTPS\n    default_backend be\nbackend be\n    server s 127.0.0.1:1\n`;
    assert.deepEqual(diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR), []);
  });
});
