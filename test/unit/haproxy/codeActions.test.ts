import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { DEFAULTS, makeContext } from './diagnosticsHelpers';

function fixesFor(text: string, code: string, version: '2.6' | '3.0' | '3.2' = '2.6'): { actions: CodeAction[]; apply: (a: CodeAction) => string; diag: Diagnostic } {
  const ctx = makeContext(text, version);
  const diags = validate(ctx);
  const diag = diags.find((d) => d.code === code);
  assert.ok(diag, `no ${code} in ${JSON.stringify(diags.map((d) => d.code))}`);
  const actions = getCodeActions(ctx, diag.range, diags).filter((a) => a.diagnostics?.[0] === diag);
  const apply = (a: CodeAction) => {
    const edits = [...(a.edit?.changes?.[ctx.uri] ?? [])].sort((x, y) => y.range.start.line - x.range.start.line || y.range.start.character - x.range.start.character);
    return edits.reduce((t, e) => applyEdit(t, e), text);
  };
  return { actions, apply, diag };
}

describe('haproxy quick fixes', () => {
  it('replaces an unknown server option by the suggestion', () => {
    const text = `${DEFAULTS}backend be\n    server s1 127.0.0.1:80 chek\n`;
    const { actions, apply } = fixesFor(text, 'unknown-server-option');
    assert.equal(actions[0].title, "Change to 'check'");
    assert.equal(actions[0].isPreferred, true);
    assert.equal(apply(actions[0]), text.replace('chek', 'check'));
  });
  it('replaces an unknown backend name by the closest backend', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    default_backend zopee\nbackend zope\n    server s 127.0.0.1:80\n`;
    const { actions, apply } = fixesFor(text, 'undefined-backend');
    assert.equal(apply(actions[0]), text.replace('zopee', 'zope'));
    const after = validate(makeContext(apply(actions[0]))).filter((d) => d.code === 'undefined-backend');
    assert.deepEqual(after, []);
  });
  it('replaces an unknown option and an unknown keyword', () => {
    const t1 = `${DEFAULTS}frontend fe\n    bind :80\n    option httplg\n`;
    const f1 = fixesFor(t1, 'unknown-option');
    assert.equal(f1.apply(f1.actions[0]), t1.replace('httplg', 'httplog'));
    const t2 = `${DEFAULTS}frontend fe\n    bind :80\n    maxconm 10\n`;
    const f2 = fixesFor(t2, 'unknown-keyword');
    assert.equal(f2.apply(f2.actions[0]), t2.replace('maxconm', 'maxconn'));
  });
  it('turns redispatch into option redispatch and clitimeout into timeout client', () => {
    const t1 = `${DEFAULTS}backend be\n    redispatch   # keep\n    server s 127.0.0.1:80\n`;
    const f1 = fixesFor(t1, 'removed-keyword');
    assert.equal(f1.apply(f1.actions[0]), t1.replace('redispatch', 'option redispatch'));
    const t2 = 'defaults\n    clitimeout 5000\n';
    const f2 = fixesFor(t2, 'removed-keyword');
    assert.equal(f2.apply(f2.actions[0]), 'defaults\n    timeout client 5000\n');
  });
  it('rewrites a plain reqadd into http-request add-header, but not a regex rule', () => {
    const t1 = `${DEFAULTS}frontend fe\n    bind :80\n    reqadd X-Proto:\\ https if { ssl_fc }\n`;
    const f1 = fixesFor(t1, 'removed-keyword');
    assert.equal(f1.apply(f1.actions[0]), t1.replace('reqadd X-Proto:\\ https', 'http-request add-header X-Proto https'));
    const t2 = `${DEFAULTS}frontend fe\n    bind :80\n    reqrep ^Host:\\ (.*) Host:\\ \\1\n`;
    assert.deepEqual(fixesFor(t2, 'removed-keyword').actions, []);
  });
  it('adds the missing timeouts to the proxy, or to its defaults section', () => {
    const text = 'defaults\n    mode http\n    timeout client 5s\nbackend be\n\tserver s 127.0.0.1:80\n';
    const { actions, apply } = fixesFor(text, 'missing-timeout');
    assert.equal(actions.length, 2);
    assert.equal(apply(actions[0]), 'defaults\n    mode http\n    timeout client 5s\nbackend be\n\ttimeout connect 5s\n\ttimeout server 30s\n\tserver s 127.0.0.1:80\n');
    const fixed = apply(actions[1]);
    assert.equal(fixed, 'defaults\n    mode http\n    timeout client 5s\n    timeout connect 5s\n    timeout server 30s\nbackend be\n\tserver s 127.0.0.1:80\n');
    assert.deepEqual(validate(makeContext(fixed)).filter((d) => d.code === 'missing-timeout'), []);
  });
  it('adds a final newline', () => {
    const text = 'global\n    daemon';
    const { actions, apply } = fixesFor(text, 'missing-final-newline');
    assert.equal(apply(actions[0]), 'global\n    daemon\n');
  });
  it('suggests .elif for .elseif', () => {
    const text = '.if defined(X)\n.elseif defined(Y)\n.endif\n';
    const { actions, apply } = fixesFor(text, 'unknown-directive');
    assert.equal(apply(actions[0]), '.if defined(X)\n.elif defined(Y)\n.endif\n');
  });
  it('quotes a header value written with an unquoted space, and the result is clean', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    http-response set-header X-Frame-Options SAME ORIGIN if { path /x }\n    default_backend be\nbackend be\n`;
    const { actions, apply } = fixesFor(text, 'extra-argument');
    assert.equal(actions[0].title, 'Quote the value: "SAME ORIGIN"');
    const fixed = apply(actions[0]);
    assert.equal(fixed, text.replace('SAME ORIGIN', '"SAME ORIGIN"'));
    assert.deepEqual(validate(makeContext(fixed)).filter((d) => d.severity === 1), []);
    // No quoting fix where joining the words is not the evident intent.
    const replace = fixesFor(`${DEFAULTS}frontend fe\n    bind :80\n    http-request replace-uri ^/a /b /c\n`, 'extra-argument');
    assert.deepEqual(replace.actions, []);
  });
  it('ignores diagnostics from other sources and outside the range', () => {
    const ctx = makeContext('global\n    daemon');
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'other', code: 'missing-final-newline' };
    assert.deepEqual(getCodeActions(ctx, foreign.range, [foreign]), []);
    const diags = validate(ctx);
    assert.deepEqual(getCodeActions(ctx, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diags), []);
  });
});

describe('haproxy quick fixes: renamed actions', () => {
  it('offers the new name of a deprecated action (set-mark → set-fc-mark in 3.0+)', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    http-request set-mark 2\n`;
    const { actions, apply, diag } = fixesFor(text, 'deprecated-keyword', '3.2');
    assert.equal(diag.severity, 2);
    assert.equal(apply(actions[0]), text.replace('set-mark', 'set-fc-mark'));
  });
});
