import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import { tokenizeLine } from '../../../server/src/service/haproxy/parser/tokenizer';

describe('haproxy tokenizer', () => {
  it('splits words, keeps quoted parts together and strips a trailing comment', () => {
    const t = tokenizeLine('  http-request set-header X-A "a b"\'c\' # note');
    assert.deepEqual(t.tokens.map((x) => x.value), ['http-request', 'set-header', 'X-A', 'a bc']);
    assert.equal(t.tokens[3].quoted, true);
    assert.equal(t.comment?.text, '# note');
    assert.equal(t.tokens[0].start, 2);
  });
  it('processes backslash escapes, including an escaped space and #', () => {
    const t = tokenizeLine('stats realm Haproxy\\ statistics \\#x');
    assert.deepEqual(t.tokens.map((x) => x.value), ['stats', 'realm', 'Haproxy statistics', '#x']);
    assert.equal(t.comment, undefined);
  });
  it('keeps buildout substitutions whole and records them', () => {
    const t = tokenizeLine('bind ${haproxy-config:frontend-host}:${haproxy-config:frontend-port}');
    assert.equal(t.tokens.length, 2);
    const refs = t.tokens[1].buildoutRefs!;
    assert.deepEqual(refs.map((r) => [r.section, r.option]), [['haproxy-config', 'frontend-host'], ['haproxy-config', 'frontend-port']]);
    assert.equal(refs[0].start, 5);
  });
  it('treats ${NAME} inside double quotes as an environment variable, not a buildout ref', () => {
    const t = tokenizeLine('bind "${ADDR-127.0.0.1}:8080"');
    assert.equal(t.tokens[1].buildoutRefs, undefined);
    assert.deepEqual(t.tokens[1].envVars?.map((e) => [e.name, e.defaultValue]), [['ADDR', '127.0.0.1']]);
  });
  it('reports an unterminated quote instead of throwing', () => {
    const t = tokenizeLine('log-format "%ci:%cp');
    assert.equal(t.errors?.[0].code, 'lex-unterminated-quote');
  });
});

describe('haproxy parser', () => {
  it('groups statements into sections regardless of indentation', () => {
    const doc = parseHaproxy('global\n  maxconn 100\nfrontend fe\n  bind :80\n  backend be\n  server s1 127.0.0.1:8080\n');
    assert.deepEqual(doc.sections.map((s) => [s.kind, s.name?.value, s.startLine, s.endLine]), [
      ['global', undefined, 0, 1], ['frontend', 'fe', 2, 3], ['backend', 'be', 4, 5],
    ]);
    assert.equal(doc.endsWithNewline, true);
    assert.equal(doc.lineCount, 6);
  });
  it('notices a missing final newline', () => {
    const doc = parseHaproxy('global\n  daemon');
    assert.equal(doc.endsWithNewline, false);
    assert.equal(doc.lineCount, 2);
    assert.equal(doc.lastLineLength, 8);
  });
  it('knows the 3.4 healthcheck section', () => {
    const doc = parseHaproxy('healthcheck hc1\n    type httpchk\nbackend be\n    server s1 127.0.0.1:80 check healthcheck hc1\n');
    assert.deepEqual(doc.sections.map((s) => [s.kind, s.name?.value, s.body.length]), [['healthcheck', 'hc1', 1], ['backend', 'be', 1]]);
    assert.equal(doc.preamble.length, 0);
  });
  it('records conditional directives', () => {
    const doc = parseHaproxy('.if defined(X)\nglobal\n.endif\n');
    assert.deepEqual(doc.directives.map((d) => d.name), ['.if', '.endif']);
  });
});
