import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { doHover } from '../../../server/src/service/haproxy/features/hover';
import { summaryMarkdown } from '../../../server/src/service/haproxy/features/entryDocs';
import { ConfigurationTxtDocs, createLocalDocsProvider, entryName, indexConfigurationTxt } from '../../../server/src/node/localDocs';
import type { LocalDocsProvider } from '../../../server/src/service/haproxy/context';
import { contextAt } from './fixtures/featureContext';

function hover(marked: string, opts: Parameters<typeof contextAt>[1] = {}) {
  const { ctx, position, text } = contextAt(marked, opts);
  const h = doHover(ctx, position);
  if (!h) return undefined;
  const value = (h.contents as { value: string }).value;
  const r = h.range!;
  const covered = text.split('\n')[r.start.line].slice(r.start.character, r.end.character);
  return { value, covered };
}

describe('haproxy hover: knowledge entries', () => {
  it('shows syntax, sections and a link to the target version for a keyword', () => {
    const h = hover('backend app\n    bal|ance roundrobin\n', { version: '2.8' })!;
    assert.match(h.value, /\*\*balance\*\*/);
    assert.match(h.value, /```haproxy\nbalance </);
    assert.match(h.value, /Allowed in: .*backend/);
    assert.match(h.value, /https:\/\/docs\.haproxy\.org\/2\.8\/configuration\.html#/);
    assert.equal(h.covered, 'balance');
  });

  it('escapes placeholders written in plain text, leaving code spans as they are', () => {
    const h = hover('frontend fe\n    acl h req.h|dr(host) -m found\n')!;
    assert.match(h.value, /the one at \\<occ>\)/);
    assert.doesNotMatch(h.value, /[^\\]<occ>\)/);
    // Inside the fenced syntax block nothing is escaped.
    assert.match(h.value, /```haproxy\nreq\.hdr\(\[<name>/);
    assert.equal(summaryMarkdown('set `<var>` to <expr>, then `a<b` <c>'), 'set `<var>` to \\<expr>, then `a<b` \\<c>');
  });

  it('covers both words of a multi-word keyword', () => {
    const h = hover('defaults\n    timeout cli|ent 30s\n')!;
    assert.match(h.value, /\*\*timeout client\*\*/);
    assert.equal(h.covered, 'timeout client');
    const o = hover('backend app\n    opt|ion httpchk GET /\n')!;
    assert.equal(o.covered, 'option httpchk');
  });

  it('explains a removed keyword with the version and its replacement', () => {
    const h = hover('backend app\n    appses|sion JSESSIONID len 52 timeout 3h\n', { version: '2.6' })!;
    assert.match(h.value, /Removed in 1\.6/);
    assert.match(h.value, /use `/);
  });

  it('tells the global grace from the removed proxy grace by the section', () => {
    const misplaced = hover('peers p\n    gra|ce 10s\n', { version: '2.6' })!;
    assert.doesNotMatch(misplaced.value, /[Rr]emoved/);
    assert.match(misplaced.value, /Allowed in: global/);
    assert.match(misplaced.value, /Not allowed in a `peers` section/);
    assert.match(hover('backend app\n    gra|ce 10s\n', { version: '2.6' })!.value, /Removed in 2\.5/);
    assert.doesNotMatch(hover('global\n    gra|ce 10s\n', { version: '2.6' })!.value, /[Rr]emoved/);
  });

  it('notes a keyword written in a section that does not allow it', () => {
    const h = hover('frontend www\n    bal|ance roundrobin\n')!;
    assert.match(h.value, /Not allowed in a `frontend` section/);
  });

  it('documents actions, server options, fetches, converters and log-format aliases', () => {
    const action = hover('frontend www\n    http-request set-hea|der X-A b\n')!.value;
    assert.match(action, /\*\*set-header\*\* — action/);
    assert.match(action, /Usable in: .*`http-request`/);
    assert.match(hover('backend app\n    server s1 10.0.0.1:80 che|ck\n')!.value, /\*\*check\*\* — server option/);
    const fetch = hover('frontend www\n    acl a req.h|dr(host),lower -m str x\n')!;
    assert.match(fetch.value, /sample fetch/);
    assert.equal(fetch.covered, 'req.hdr');
    const conv = hover('frontend www\n    acl a req.hdr(host),low|er -m str x\n')!;
    assert.match(conv.value, /\*\*lower\*\* — converter/);
    assert.equal(conv.covered, 'lower');
    const alias = hover('frontend www\n    log-format "%c|i:%cp"\n')!;
    assert.match(alias.value, /log-format alias/);
    assert.equal(alias.covered, 'ci');
  });

  it('names the keyword of an enumerated value', () => {
    const h = hover('backend app\n    balance round|robin\n')!;
    assert.match(h.value, /`roundrobin` — a value of \*\*balance\*\*/);
    assert.match(h.value, /`leastconn`/);
    assert.equal(h.covered, 'roundrobin');
  });

  it('documents a predefined ACL used in a condition', () => {
    const h = hover('frontend www\n    http-request deny if METH_P|OST\n')!;
    assert.match(h.value, /predefined ACL/);
    assert.equal(h.covered, 'METH_POST');
  });

  it('leaves buildout substitutions and environment variables alone', () => {
    assert.equal(hover('frontend www\n    bind ${haproxy:a|ddress}:80\n', { isTemplate: true }), undefined);
    assert.equal(hover('frontend www\n    bind "${SR|C}:80"\n'), undefined);
  });

  it('documents a section header and returns null on comments and blank lines', () => {
    assert.match(hover('front|end www\n')!.value, /— section/);
    assert.equal(hover('frontend www\n    # bal|ance\n'), undefined);
    assert.equal(hover('frontend www\n|\n'), undefined);
  });
});

describe('haproxy hover: names', () => {
  const cfg = 'frontend www\n    acl is_api path_beg /api\n    use_backend api if is_api\nbackend api\n    server s1 10.0.0.1:80\n    server s2 10.0.0.2:80 track s1\n';
  it('shows the definition of a backend reference with its line number', () => {
    const h = hover(cfg.replace('use_backend api', 'use_backend a|pi'))!;
    assert.match(h.value, /backend `api`\*\* — defined on line 4/);
    assert.match(h.value, /backend api/);
  });
  it('shows ACL and server definitions and marks undefined references', () => {
    assert.match(hover(cfg.replace('if is_api', 'if is_|api'))!.value, /acl is_api path_beg \/api/);
    assert.match(hover(cfg.replace('track s1', 'track s|1'))!.value, /server s1 10\.0\.0\.1:80/);
    assert.match(hover('frontend f\n    use_backend nop|e\n')!.value, /not defined in this file/);
  });
});

describe('haproxy hover: local configuration.txt', () => {
  const fake: LocalDocsProvider = {
    version: '2.6',
    lookup: (name) => (name === 'balance' ? { text: 'balance <algorithm>\n  local text', path: '/x/configuration.txt', line: 42 } : undefined),
  };
  it('appends the local excerpt, marked with its origin and version', () => {
    const h = hover('backend app\n    bal|ance roundrobin\n', { localDocs: fake })!;
    assert.match(h.value, /From your local configuration\.txt \(HAProxy 2\.6\), line 42/);
    assert.match(h.value, /local text/);
    const none = hover('backend app\n    mo|de http\n', { localDocs: fake })!;
    assert.doesNotMatch(none.value, /local configuration/);
  });

  it('indexes entries per chapter and skips prose paragraphs', () => {
    const text = [
      'Title', '', '1. Intro', '--------', '', 'This is prose that talks about balance and more words here.',
      'Second prose line.', '', '4.2. Keywords', '-------------', '',
      'balance <algorithm>', '  Pick a server.', '', '  More text.', '',
      'option httpchk', 'option httpchk <uri>', '  Checks.', '',
      'http-request set-header <name> <fmt>', '', '  Sets a header.', '',
      '5.1. Bind options', '-----------------', '', 'crt <cert>', '  A certificate.', '',
      '7.3.6. Fetches', '--------------', '', 'req.hdr([<name>]) : string', '  A header.', '',
    ].join('\n');
    const idx = indexConfigurationTxt(text);
    const names = idx.entries.map((e) => `${e.chapter}:${e.names.join('|')}`);
    assert.deepEqual(names, ['4.2:balance', '4.2:option httpchk', '4.2:http-request set-header', '5.1:crt', '7.3.6:req.hdr']);
    assert.equal(entryName('timeout client <timeout>'), 'timeout client');
    assert.equal(entryName('src : ip'), 'src');
  });

  const debian = '/usr/share/doc/haproxy/configuration.txt.gz';
  it('reads the real Debian configuration.txt.gz', { skip: !existsSync(debian) && 'no Debian haproxy docs here' }, () => {
    const docs = createLocalDocsProvider([debian])!;
    assert.ok(docs instanceof ConfigurationTxtDocs);
    assert.match(docs.version ?? '', /^\d+\.\d+$/);
    const balance = docs.lookup('balance', '4.2')!;
    assert.match(balance.text, /^balance <algorithm>/);
    assert.ok(balance.text.split('\n').length <= 61);
    assert.match(docs.lookup('option httpchk', '4.2')!.text, /^option httpchk/);
    assert.match(docs.lookup('crt', '5.1')!.text, /^crt </);
    assert.match(docs.lookup('lower', '7.3.1')!.text, /^lower/);
    assert.match(docs.lookup('http-request set-header', '4.3')?.text ?? docs.lookup('set-header', '4.3')!.text, /set-header/);
    assert.equal(docs.lookup('no-such-keyword-xyz', '4.2'), undefined);
  });

  it('returns nothing for a missing file', () => {
    assert.equal(createLocalDocsProvider(['/nonexistent/configuration.txt.gz']), undefined);
    assert.equal(new ConfigurationTxtDocs('/nonexistent/x.txt').lookup('balance'), undefined);
  });
});
