/**
 * validate() and getCodeActions() must never throw or hang: random and mutated configurations,
 * binary junk, a 1 MB line, and a 20,000-line configuration whose work must grow linearly
 * (counted in knowledge lookups, not timed: speed is measured by the benchmarks in bench/).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { makeContext } from './diagnosticsHelpers';
import { rng } from '../../helpers/fuzz';

const SAMPLE = `global
    maxconn 100
    log 127.0.0.1 local0
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
.if version_atleast(2.4)
frontend fe
    bind :80,127.0.0.1:81 accept-proxy
    acl api path_beg /api
    http-request deny if { src 10.0.0.0/8 } !api
    use_backend be if api
    use_backend %[req.hdr(host),lower]
    default_backend be
.endif
backend be
    balance roundrobin
    server s1 127.0.0.1:8080 check inter 2s track be/s2
    server s2 \${cfg:addr} weight 1
    stick-table type ip size 1m expire 30s
userlist u
    user a insecure-password b
`;

const PIECES = ['{', '}', '"', "'", '\\', '${', '%[', ':', ',', '(', ')', '#', ' if ', ' unless ', '!', '.if', '.elseif', '.endif', 'server', 'bind', 'backend', 'frontend x', 'listen', 'defaults', 'timeout', 'option', 'no ', '\t', '\r', '\n', '\u0000', '\uFFFF', '\uD800'];

function mutate(text: string, r: () => number): string {
  const chars = [...text];
  const n = 1 + Math.floor(r() * 20);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(r() * (chars.length + 1));
    const op = r();
    if (op < 0.4) chars.splice(pos, 1 + Math.floor(r() * 5));
    else if (op < 0.8) chars.splice(pos, 0, PIECES[Math.floor(r() * PIECES.length)]);
    else chars.splice(pos, 0, String.fromCharCode(Math.floor(r() * 0x10000)));
  }
  return chars.join('');
}

function runAll(text: string, version: '2.6' | '3.2' = '2.6', template = false): void {
  const ctx = makeContext(text, version, template);
  const diags = validate(ctx);
  for (const d of diags) {
    assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, JSON.stringify(d));
    assert.equal(typeof d.message, 'string');
  }
  const whole = { start: { line: 0, character: 0 }, end: { line: ctx.parsed.lineCount, character: 0 } };
  getCodeActions(ctx, whole, diags);
}

function bigConfig(n: number): string {
  const lines = ['global', '    maxconn 5000', 'defaults', '    mode http', '    timeout client 30s', '    timeout server 30s', '    timeout connect 5s'];
  let i = 0;
  while (lines.length < n) {
    lines.push(`frontend fe${i}`, `    bind :${10000 + (i % 50000)}`, `    acl a${i} path_beg /p${i}`, `    http-request set-header X-A %[req.hdr(host),lower] if a${i}`, `    use_backend be${i} if a${i}`, `    default_backend be${i}`);
    lines.push(`backend be${i}`, '    balance roundrobin', `    server s${i} 127.0.0.1:${8000 + (i % 1000)} check inter 2s`, `    server t${i} 127.0.0.1:${9000 + (i % 1000)} track be${i}/s${i}`);
    i++;
  }
  return lines.join('\n') + '\n';
}

describe('haproxy diagnostics robustness', () => {
  it('never throws on 400 mutated configurations', () => {
    const r = rng(42);
    for (let i = 0; i < 400; i++) {
      const text = mutate(SAMPLE, r);
      assert.doesNotThrow(() => runAll(text, i % 2 ? '2.6' : '3.2', i % 3 === 0), `seed 42 iteration ${i}`);
    }
  });
  it('never throws on binary junk and odd inputs', () => {
    const r = rng(7);
    const junk: string[] = ['', '\n', '\r\n\r\n', '#', '"', '\\', '.if', '.endif', '${', '}{', 'frontend', 'backend\n  server', '\u0000\u0001\u0002', '\uFEFFglobal\n'];
    for (let i = 0; i < 50; i++) {
      let s = '';
      const len = Math.floor(r() * 2000);
      for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(r() * 256));
      junk.push(s);
    }
    for (const j of junk) assert.doesNotThrow(() => runAll(j));
  });
  it('handles a 1 MB line without hanging', () => {
    const text = `global\n    log ${'a'.repeat(1 << 20)}\nfrontend fe\n    bind :80 ${'x '.repeat(200000)}\n`;
    const ctx = makeContext(text);
    const t0 = performance.now();
    const diags = validate(ctx);
    getCodeActions(ctx, { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, diags);
    assert.ok(Array.isArray(diags));
    // Hang guard only; speed is measured in bench/.
    assert.ok(performance.now() - t0 < 10_000);
  });
  it('validates a 20,000-line configuration with work linear in its size', () => {
    // Work is counted as calls into the knowledge base (every keyword, option, fetch and
    // converter check goes through it): a quadratic scan would multiply the count by 4, not 2.
    const counted = (n: number) => {
      const ctx = makeContext(bigConfig(n));
      let calls = 0;
      const kb = new Proxy(ctx.kb, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? (...args: unknown[]) => (calls++, v.apply(target, args)) : v;
        },
      });
      const diags = validate({ ...ctx, kb });
      return { calls, diags };
    };
    const full = counted(20000);
    const half = counted(10000);
    assert.deepEqual(full.diags.filter((x) => x.severity === 1).slice(0, 3), []);
    assert.deepEqual(half.diags.filter((x) => x.severity === 1).slice(0, 3), []);
    assert.ok(half.calls > 10000, `the validator consults the knowledge per line (${half.calls} calls)`);
    const ratio = full.calls / half.calls;
    assert.ok(ratio > 1.8 && ratio < 2.2, `not linear: ${half.calls} → ${full.calls} knowledge calls`);
  });
});
