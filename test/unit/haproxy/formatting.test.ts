import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { format } from '../../../server/src/service/haproxy/features/formatting';
import { tokenizeLine } from '../../../server/src/service/haproxy/parser/tokenizer';
import { applyEdit } from '../../helpers/cursor';
import { contextFor } from './fixtures/featureContext';

function applyAll(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  return sorted.reduce((t, e) => applyEdit(t, e), text);
}

function formatted(text: string, options = { tabSize: 4, insertSpaces: true }, range?: Parameters<typeof format>[2]): string {
  return applyAll(text, format(contextFor(text), options, range));
}

const MESSY = [
  '# global settings',
  '  global   ',
  'maxconn 100',
  '\t\tlog stdout format raw local0  ',
  '',
  '    # the front door',
  '    frontend www',
  '  bind :80',
  '        # route API traffic',
  '  acl is_api path_beg /api   # trailing comment  ',
  '.if defined(WITH_API)',
  '      use_backend api if is_api',
  '   .endif',
  '  http-request set-header X-Spaced "a   b   "   ',
  '  http-request set-header X-Esc a\\ ',
  '',
  '# backends below',
  'backend api',
  '  server s1 127.0.0.1:8080    check   inter 2s',
  '',
].join('\n');

describe('haproxy formatting', () => {
  it('puts headers and directives at column 0, indents bodies and comments (column-0 comments above a header stay), trims trailing blanks', () => {
    const out = formatted(MESSY);
    assert.equal(out, [
      '# global settings',
      'global',
      '    maxconn 100',
      '    log stdout format raw local0',
      '',
      '    # the front door',
      'frontend www',
      '    bind :80',
      '    # route API traffic',
      '    acl is_api path_beg /api   # trailing comment',
      '.if defined(WITH_API)',
      '    use_backend api if is_api',
      '.endif',
      '    http-request set-header X-Spaced "a   b   "',
      '    http-request set-header X-Esc a\\ ',
      '',
      '# backends below',
      'backend api',
      '    server s1 127.0.0.1:8080    check   inter 2s',
      '',
    ].join('\n'));
  });

  it('uses tabs or the tab size from the options', () => {
    assert.equal(formatted('backend b\nserver s 1.1.1.1:1\n', { tabSize: 2, insertSpaces: true }), 'backend b\n  server s 1.1.1.1:1\n');
    assert.equal(formatted('backend b\nserver s 1.1.1.1:1\n', { tabSize: 4, insertSpaces: false }), 'backend b\n\tserver s 1.1.1.1:1\n');
  });

  it('is idempotent and returns no edits for formatted text', () => {
    const once = formatted(MESSY);
    assert.equal(formatted(once), once);
    assert.deepEqual(format(contextFor(once), { tabSize: 4, insertSpaces: true }), []);
  });

  it('never changes the words of any line', () => {
    const samples = [MESSY, 'frontend f\n  bind "${ADDR}:80"   \n  log-format "%ci:%cp [%tr]"\t\n', 'global\r\n  daemon  \r\n', 'backend b\n  acl x hdr(x) -m str "unterminated   \n'];
    for (const text of samples) {
      const out = formatted(text);
      const before = text.split('\n').map((l) => tokenizeLine(l).tokens.map((t) => t.value));
      const after = out.split('\n').map((l) => tokenizeLine(l).tokens.map((t) => t.value));
      assert.deepEqual(after, before);
    }
  });

  it('keeps CRLF line endings and unterminated quotes intact', () => {
    assert.equal(formatted('global\r\n  daemon  \r\n'), 'global\r\n    daemon\r\n');
    const broken = 'backend b\n  acl x hdr(x) -m str "open   \n';
    assert.equal(formatted(broken), 'backend b\n    acl x hdr(x) -m str "open   \n');
  });

  it('formats only the lines of a range', () => {
    const text = 'frontend f\nbind :80\nmode http\nmaxconn 10\n';
    const out = formatted(text, { tabSize: 2, insertSpaces: true }, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    assert.equal(out, 'frontend f\nbind :80\n  mode http\nmaxconn 10\n');
  });
});
