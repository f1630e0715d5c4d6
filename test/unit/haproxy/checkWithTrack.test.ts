import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { diagnose, ERROR, makeContext } from './diagnosticsHelpers';

/**
 * haproxy -c 2.6.12: "'server be/b' : unable to enable checks and tracking at the same time!"
 * (fatal; the same test in server.c up to 3.4) for `check` together with `track` on one line.
 */
const D = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
const only = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.code === 'check-with-track');

describe('haproxy check-with-track', () => {
  it('flags check and track on the same server line, on the track option', () => {
    const text = `${D}backend be\n    server a 127.0.0.1:80 check\n    server b 127.0.0.1:81 check track a\n    server c 127.0.0.1:82 track a check inter 2s\n`;
    const d = only(text);
    assert.deepEqual(d.map((x) => x.range.start.line), [7, 8]);
    assert.ok(d.every((x) => x.severity === ERROR));
    assert.equal(text.split('\n')[7].slice(d[0].range.start.character, d[0].range.end.character), 'track');
    assert.match(String(d[0].message), /check.*track/);
  });
  it('accepts track alone, track with no-check after check, and a server named "check" being tracked', () => {
    const text = `${D}backend be\n    server check 127.0.0.1:80 check\n    server b 127.0.0.1:81 track check\n    server c 127.0.0.1:82 check no-check track b\n`;
    assert.deepEqual(only(text), []);
    assert.deepEqual(diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR), []);
  });
  it('is the same problem as the haproxy -c finding (merged with its output)', () => {
    const finding = { line: 7, message: "'server be/b' : unable to enable checks and tracking at the same time!" };
    assert.ok(coveringDiagnostic(finding, [{ line: 7, code: 'check-with-track' }]));
  });
  it('offers to drop check (preferred) or the track option, and either fix clears it', () => {
    const text = `${D}backend be\n    server a 127.0.0.1:80 check\n    server b 127.0.0.1:81 check inter 2s track a weight 5\n`;
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const d = diags.find((x) => x.code === 'check-with-track')!;
    const actions = getCodeActions(ctx, d.range, diags).filter((a) => a.diagnostics?.[0] === d);
    assert.deepEqual(actions.map((a) => a.title), ["Remove 'check' (follow the tracked server's state)", "Remove 'track a' (run its own checks)"]);
    assert.equal(actions[0].isPreferred, true);
    const fixed = actions.map((a) => (a.edit!.changes![ctx.uri]).reduce((t, e) => applyEdit(t, e), text));
    assert.match(fixed[0], /server b 127\.0\.0\.1:81 inter 2s track a weight 5\n/);
    assert.match(fixed[1], /server b 127\.0\.0\.1:81 check inter 2s weight 5\n/);
    for (const f of fixed) assert.deepEqual(only(f), []);
  });
});

/**
 * A `check` inherited from `default-server` counts too (haproxy -c 2.6.12 refuses
 * `default-server check` in `defaults` or in the proxy followed by `server b … track a`); a
 * `defaults` without `from` starts afresh, and `no-check` after the track clears it.
 */
describe('haproxy check-with-track through default-server', () => {
  const be = (defaultsExtra: string, body: string[]) => `${D}${defaultsExtra}backend be\n${body.map((l) => `    ${l}\n`).join('')}`;
  it('flags a tracking server below a default-server check, in the proxy or in its defaults', () => {
    const inProxy = be('', ['default-server check inter 2s', 'server a 127.0.0.1:80', 'server b 127.0.0.1:81 track a']);
    assert.deepEqual(only(inProxy).map((x) => [x.range.start.line, x.severity]), [[8, ERROR]]);
    const inDefaults = be('    default-server check\n', ['server a 127.0.0.1:80', 'server b 127.0.0.1:81 track a']);
    assert.deepEqual(only(inDefaults).map((x) => x.range.start.line), [8]);
    const named = `defaults base\n    default-server check\n${be('', []).replace('backend be\n', 'backend be from base\n')}    server a 127.0.0.1:80\n    server b 127.0.0.1:81 track a\n`;
    assert.deepEqual(only(named).length, 1);
  });
  it('accepts no-check on the line, a default-server below the server, a reset by a later defaults', () => {
    assert.deepEqual(only(be('    default-server check\n', ['server a 127.0.0.1:80', 'server b 127.0.0.1:81 track a no-check'])), []);
    assert.deepEqual(only(be('', ['server a 127.0.0.1:80 check', 'server b 127.0.0.1:81 track a', 'default-server check'])), []);
    assert.deepEqual(only(be('    default-server check\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n', ['server a 127.0.0.1:80 check', 'server b 127.0.0.1:81 track a'])), []);
    assert.deepEqual(only(be('', ['default-server check', 'default-server no-check', 'server a 127.0.0.1:80 check', 'server b 127.0.0.1:81 track a'])), []);
  });
  it('offers no-check on the line (preferred), which clears it', () => {
    const text = be('    default-server check\n', ['server a 127.0.0.1:80', 'server b 127.0.0.1:81 track a weight 5']);
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const d = diags.find((x) => x.code === 'check-with-track')!;
    const actions = getCodeActions(ctx, d.range, diags).filter((a) => a.diagnostics?.[0] === d);
    assert.equal(actions[0].title, "Add 'no-check' (follow the tracked server's state)");
    const fixed = actions[0].edit!.changes![ctx.uri].reduce((t, e) => applyEdit(t, e), text);
    assert.match(fixed, /server b 127\.0\.0\.1:81 track a no-check weight 5\n/);
    assert.deepEqual(only(fixed), []);
  });
});

/**
 * haproxy -c 2.6.12: "'server be/b' : unable to use be/a for tracking as it does not have any
 * check nor agent enabled." A tracked server needs `check` or `agent-check` (own or inherited),
 * or must track another server itself.
 */
describe('haproxy track-without-check', () => {
  const tw = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.code === 'track-without-check');
  it('flags tracking a server without checks, on the track value, also across proxies', () => {
    const text = `${D}backend be\n    server a 127.0.0.1:80\n    server b 127.0.0.1:81 track a\nbackend other\n    server c 127.0.0.1:82 track be/a\n`;
    const d = tw(text);
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[7, ERROR], [9, ERROR]]);
    assert.equal(text.split('\n')[9].slice(d[1].range.start.character, d[1].range.end.character), 'be/a');
    assert.match(String(d[0].message), /'be\/a' runs no health check/);
  });
  it('accepts a target with check, agent-check, an inherited check, or a track of its own', () => {
    const ok = `${D}backend be\n    server a 127.0.0.1:80 check\n    server b 127.0.0.1:81 agent-check agent-port 9999\n    server c 127.0.0.1:82 track a\n    server d 127.0.0.1:83 track b\n    server e 127.0.0.1:84 track c\n`
      + 'backend inherits\n    default-server check\n    server f 127.0.0.1:85\n    server g 127.0.0.1:86 track f no-check\n';
    assert.deepEqual(tw(ok), []);
    assert.deepEqual(diagnose(ok, { version: '2.6' }).filter((d) => d.severity === ERROR), []);
  });
  it('leaves unknown targets to undefined-server', () => {
    const text = `${D}backend be\n    server b 127.0.0.1:81 track nowhere\n`;
    assert.deepEqual(tw(text), []);
    assert.ok(diagnose(text, { version: '2.6' }).some((d) => d.code === 'undefined-server'));
  });
  it('is the same problem as the haproxy -c finding', () => {
    const finding = { line: 7, message: "'server be/b' : unable to use be/a for tracking as it does not have any check nor agent enabled." };
    assert.ok(coveringDiagnostic(finding, [{ line: 7, code: 'track-without-check' }]));
  });
});
