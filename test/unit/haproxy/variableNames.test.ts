/**
 * Variable names of set-var / set-var-fmt / unset-var actions and of the global set-var. Every
 * BAD line is refused by the real haproxy -c (checked below when installed), every GOOD one
 * accepted; each located alert merges with our finding, and the quick fix gives a name HAProxy takes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { diagnose, ERROR, makeContext } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (line: string, global = '') => `global\n${global}defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:18080\n    ${line}\n    default_backend be\nbackend be\n    server s 127.0.0.1:80\n`;
const LINE = 8;

/** [rule line, the flagged text, the suggested name]. */
const BAD: [string, string, string | undefined][] = [
  ['http-request set-var(host) req.hdr(host)', 'host', 'txn.host'],
  ['http-request set-var(txn.my-host) req.hdr(host)', 'txn.my-host', 'txn.my_host'],
  ['http-request set-var(txn.) req.hdr(host)', 'txn.', undefined],
  ['http-request set-var(TXN.host,ifnotexists) req.hdr(host)', 'TXN.host', 'txn.host'],
  ['http-request unset-var(host)', 'host', 'txn.host'],
  ['http-request set-var-fmt(host) %[src]', 'host', 'txn.host'],
  ['http-response set-var(res.x-y) res.hdr(x)', 'res.x-y', 'res.x_y'],
  ['tcp-request content set-var(ip) src', 'ip', 'txn.ip'],
  ['http-request set-var(ptxn.x) src', 'ptxn.x', undefined],
];
const GOOD = [
  'http-request set-var(txn.host) req.hdr(host)', 'http-request set-var(txn.host,ifnotexists) req.hdr(host)', 'http-request unset-var(req.x)',
  'http-request set-var(sess.a.b_c9) src', 'http-request set-var(proc.count) int(1)', 'tcp-request content set-var(sess.ip) src',
  'http-request set-header X-Var %[var(txn.host)]', 'http-request set-var("${VAR}") src',
];

describe('haproxy variable names', () => {
  for (const [line, flagged, fix] of BAD) {
    it(`'${line}' flags '${flagged}'`, () => {
      const text = cfg(line);
      const d = diagnose(text, { version: '2.6' }).filter((x) => x.severity === ERROR);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['invalid-variable-name', LINE]]);
      assert.equal(text.split('\n')[LINE].slice(d[0].range.start.character, d[0].range.end.character), flagged);
      assert.deepEqual((d[0].data as { suggestions?: string[] } | undefined)?.suggestions?.[0], fix);
    });
  }
  for (const line of GOOD) {
    it(`'${line}' is not reported`, () => assert.deepEqual(diagnose(cfg(line), { version: '2.6' }).filter((x) => x.severity === ERROR), []));
  }
  it('checks the global set-var, and takes the parent scopes from 3.1 on', () => {
    const g = diagnose(cfg('http-request set-var(txn.a) src', '    set-var count int(1)\n'), { version: '2.6' }).filter((x) => x.severity === ERROR);
    assert.deepEqual(g.map((x) => [x.code, x.range.start.line]), [['invalid-variable-name', 1]]);
    assert.deepEqual(diagnose(cfg('http-request set-var(ptxn.x) src'), { version: '3.2' }).filter((x) => x.code === 'invalid-variable-name'), []);
  });
  it('the quick fix writes the scope in', () => {
    const text = cfg('http-request set-var(host) req.hdr(host)');
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const d = diags.find((x) => x.code === 'invalid-variable-name')!;
    const fix = getCodeActions(ctx, d.range, diags).find((a) => a.diagnostics?.[0] === d)!;
    const fixed = fix.edit!.changes![ctx.uri].reduce((t, e) => applyEdit(t, e), text);
    assert.match(fixed, /http-request set-var\(txn\.host\) req\.hdr\(host\)/);
    assert.deepEqual(diagnose(fixed, { version: '2.6' }).filter((x) => x.severity === ERROR), []);
  });
  it('haproxy -c 2.6 refuses each bad line, accepts each good one, and its alerts merge with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('var-names-', { env: { VAR: 'txn.v' } });
    try {
      const run = checker.run;
      for (const [line] of BAD) {
        const text = cfg(line);
        const r = run(text);
        assert.equal(r.status, 1, line);
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        const alert = /parsing \[[^\]]+:(\d+)\] : (.*)/.exec(r.stderr)!;
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const line of GOOD) assert.ok([0, 2].includes(run(cfg(line)).status ?? -1), line);
      assert.equal(run(cfg('http-request set-var(txn.a) src', '    set-var count int(1)\n')).status, 1);
    } finally {
      checker.remove();
    }
  });
});
