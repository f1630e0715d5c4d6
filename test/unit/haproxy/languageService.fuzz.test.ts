/**
 * Every HAProxy feature, through the language service facade the server calls, on random,
 * mutated and hostile configurations: no exception escapes, every answer is well formed
 * (ranges inside the document), and formatting never changes a word. Inputs come from a
 * seeded PRNG; a failure prints the seed that replays it (see test/helpers/fuzz.ts).
 * No timing is asserted: termination is the property, with a generous hang guard.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createLanguageService, DEFAULT_SETTINGS, UserFacingError, type DocumentSettings, type LanguageService } from '../../../server/src/service/languageService';
import { tokenizeLine } from '../../../server/src/service/haproxy/parser/tokenizer';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import {
  assertRangeInside, assertRangeInside as assertRangeInsideOf, binaryJunk, forEachCase, int, lineLengths, mutate, mutateOnce, pick, randomPositions, type Rand,
} from '../../helpers/fuzz';

const HANG_GUARD = { timeout: 120_000 };

const UNRELATED = Array.from({ length: 1200 }, (_, i) => `# unrelated ${i}`).join('\n');

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const VALID = `# a realistic configuration
global
    log 127.0.0.1:514 local0
    maxconn 4000
    stats socket /run/haproxy.sock mode 660 level admin
defaults web
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 30s
    timeout server 30s
userlist admins
    user admin insecure-password secret
frontend www from web
    bind :80
    bind :443 ssl crt /etc/ssl/site.pem alpn h2,http/1.1
    acl is_api path_beg /api
    acl is_admin http_auth(admins)
    http-request auth realm x if !is_admin { path_beg /admin }
    http-request set-header X-Forwarded-Proto https if { ssl_fc }
    http-request set-var(txn.host) req.hdr(host),lower
    use_backend api if is_api METH_POST || { var(txn.host) -m str api.example.com }
    default_backend plone
backend plone
    balance leastconn
    option httpchk GET /ok
    server-template inst 1-4 127.0.0.1:8080 check inter 2s
    server z1 127.0.0.1:8081 check track plone/inst1
    stick-table type ip size 1m expire 10m peers mypeers
backend api
    server a1 "127.0.0.1:9000" check
    http-response set-header Cache-Control no-cache
.if version_atleast(2.4)
    http-request return status 200 content-type text/plain string ok if { path /ping }
.elif defined(X)
.else
.endif
peers mypeers
    peer p1 127.0.0.1:10000
resolvers dns
    nameserver n1 127.0.0.1:53
cache c1
    total-max-size 4
listen stats
    bind 127.0.0.1:8404
    stats enable
    stats uri /stats
`;

const WORDS = ['frontend ', 'backend ', 'listen ', 'server ', 'bind ', 'acl ', 'use_backend ', 'default_backend ', 'option ', 'timeout ',
  'http-request ', 'track ', 'if ', '{ ', ' }', '%[src]', 'req.hdr(', 'path_beg', 'plone', 'api', 'inst1', 'admins', '${haproxy:bind}',
  '"unterminated', "'", 'no option ', 'defaults ', 'global', 'from ', '.if ', '.endif', '.else', 'crt ', 'ssl ', 'check'];

const FILES: Record<string, string> = {
  '/w/buildout.cfg': '[buildout]\nparts = haproxy-conf\n[haproxy]\nbind = :8080\n[haproxy-conf]\nrecipe = collective.recipe.template\ninput = templates/haproxy.cfg.in\noutput = ${buildout:directory}/etc/haproxy.cfg\n',
  '/w/templates/haproxy.cfg.in': 'frontend fe\n    bind ${haproxy:bind}\n',
};

/**
 * A service as the server sets it up: open documents overlay the disk (here a memory map),
 * and an edit invalidates what depends on the file.
 */
function newService(): { service: LanguageService; open(uri: string, version: number, text: string): TextDocument } {
  const files = new Map(Object.entries(FILES));
  const memory = createMemoryHost(FILES);
  const host = { ...memory, readFile: (p: string) => files.get(p), exists: (p: string) => files.has(p) || memory.exists(p) };
  const service = createLanguageService({ host, workspaceRoots: ['/w'] });
  return {
    service,
    open(uri, version, text) {
      const path = uri.slice('file://'.length);
      files.set(path, text);
      service.invalidate(path);
      return TextDocument.create(uri, 'haproxy', version, text);
    },
  };
}

/**
 * The words of every line (how the formatting invariant compares texts): HAProxy's own word
 * split, and for lines past the tokenizer's 1 MB cap a plain split on blanks.
 */
function wordsByLine(text: string): string[] {
  return text.split('\n').map((l) => (l.length < 1 << 20 ? tokenizeLine(l).tokens.map((t) => t.text) : l.split(/[ \t\f\v\r]+/).filter(Boolean)).join('\u0001'));
}

/** The first line whose words differ, or undefined (keeps failure messages readable). */
function firstWordChange(before: string, after: string): string | undefined {
  const a = wordsByLine(before);
  const b = wordsByLine(after);
  if (a.length !== b.length) return `line count ${a.length} → ${b.length}`;
  const i = a.findIndex((w, k) => w !== b[k]);
  return i < 0 ? undefined : `line ${i}: ${JSON.stringify(a[i].slice(0, 200))} → ${JSON.stringify(b[i].slice(0, 200))}`;
}

function checkRangesOf(items: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[], lengths: number[], what: string): void {
  for (const item of items) assertRangeInsideOf(item.range, lengths, what);
}
const checkRanges = checkRangesOf;

/** Runs every feature on a document and checks the shape of each answer. */
function exercise(service: LanguageService, doc: TextDocument, settings: DocumentSettings, r: Rand, positions = 8): void {
  const text = doc.getText();
  const lengths = lineLengths(text);
  const same = (loc: { uri: string }) => loc.uri === doc.uri;

  const diagnostics: Diagnostic[] = service.doValidation(doc, settings);
  for (const d of diagnostics) {
    assertRangeInside(d.range, lengths, `diagnostic ${d.code}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `diagnostic ${d.code} has a message`);
  }
  const whole = { start: { line: 0, character: 0 }, end: { line: lengths.length, character: 0 } };
  for (const action of service.getCodeActions(doc, whole, { diagnostics }, settings)) {
    for (const edits of Object.values(action.edit?.changes ?? {})) checkRanges(edits, lengths, `code action ${action.title}`);
  }
  const symbols = service.findDocumentSymbols(doc, settings);
  const walk = (list: typeof symbols) => {
    for (const s of list) {
      assertRangeInside(s.range, lengths, `symbol ${s.name}`);
      assertRangeInside(s.selectionRange, lengths, `symbol selection ${s.name}`);
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  for (const f of service.getFoldingRanges(doc, settings)) {
    assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lengths.length, `folding ${JSON.stringify(f)}`);
  }
  checkRanges(service.findDocumentLinks(doc, settings), lengths, 'document link');
  const options = { tabSize: 1 + int(r, 8), insertSpaces: r() < 0.7 };
  checkFormatting(service, doc, settings, options, undefined);
  const a = int(r, lengths.length);
  const b = a + int(r, 5);
  checkFormatting(service, doc, settings, options, { start: { line: a, character: 0 }, end: { line: b, character: int(r, 4) } });

  for (const position of randomPositions(text, r, positions)) {
    // Positions past a line's end (an editor racing an edit) must not throw; only answers to
    // positions inside the document are checked for their ranges.
    const inside = position.line < lengths.length && position.character <= lengths[position.line];
    const checkRanges = inside ? checkRangesOf : () => undefined;
    const assertRangeInside = inside ? assertRangeInsideOf : () => undefined;
    const completion = service.doComplete(doc, position, settings);
    for (const item of completion.items) {
      assert.ok(typeof item.label === 'string' && item.label.length > 0, 'completion label');
      const edit = item.textEdit;
      if (edit && 'range' in edit) assertRangeInside(edit.range, lengths, `completion ${item.label}`);
    }
    const hover = service.doHover(doc, position, settings);
    if (hover?.range) assertRangeInside(hover.range, lengths, 'hover');
    checkRanges(service.findDefinition(doc, position, settings).filter(same), lengths, 'definition');
    checkRanges(service.findReferences(doc, position, settings, r() < 0.5).filter(same), lengths, 'references');
    checkRanges(service.findDocumentHighlights(doc, position, settings), lengths, 'highlight');
    const prepared = service.prepareRename(doc, position, settings);
    if (prepared) {
      assertRangeInside(prepared.range, lengths, 'prepareRename');
      try {
        const edit = service.doRename(doc, position, pick(r, ['renamed', 'x_1', 'bad name', '', 'ü']), settings);
        checkRanges(edit?.changes?.[doc.uri] ?? [], lengths, 'rename');
      } catch (e) {
        assert.ok(e instanceof UserFacingError, `rename threw ${(e as Error).stack}`);
      }
    }
  }
}

function checkFormatting(service: LanguageService, doc: TextDocument, settings: DocumentSettings, options: { tabSize: number; insertSpaces: boolean }, range: Parameters<LanguageService['format']>[1]): void {
  const text = doc.getText();
  const edits = service.format(doc, range, options, settings);
  const lengths = lineLengths(text);
  checkRanges(edits, lengths, 'formatting edit');
  const sorted = [...edits].sort((x, y) => doc.offsetAt(x.range.start) - doc.offsetAt(y.range.start));
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(doc.offsetAt(sorted[i - 1].range.end) <= doc.offsetAt(sorted[i].range.start), 'formatting edits do not overlap');
  }
  const formatted = TextDocument.applyEdits(doc, edits);
  const change = firstWordChange(text, formatted);
  assert.equal(change, undefined, `formatting never changes a word: ${change}`);
  if (range === undefined) {
    // Formatting is idempotent: a formatted document needs no further edits.
    const again = TextDocument.create(doc.uri, 'haproxy', doc.version + 1, formatted);
    const more = service.format(again, undefined, options, settings);
    assert.equal(more.length, 0, `formatting twice changes nothing more: ${JSON.stringify(more.slice(0, 3))}`);
  }
}

function settingsFor(r: Rand): DocumentSettings {
  return { ...DEFAULT_SETTINGS, haproxyVersion: pick(r, ['2.6', '2.8', '3.0', '3.2', '3.4'] as const) };
}

describe('haproxy language service: fuzz over every feature', () => {
  it('diagnostics of an edited template describe the edited text, not the previous version', () => {
    // Found by the fuzzer: the rendered template was taken from the buildout workspace before
    // it had seen the edit, so HAProxy diagnostics lagged one edit behind (ranges off the lines).
    const { service, open } = newService();
    const uri = 'file:///w/templates/haproxy.cfg.in';
    const first = service.doValidation(open(uri, 1, 'frontend fe\n    bind ${haproxy:bind}\n'), DEFAULT_SETTINGS);
    assert.deepEqual(first.filter((d) => /frobnicate/.test(messageOf(d))), []);
    const second = service.doValidation(open(uri, 2, 'frontend fe\n    bind ${haproxy:bind}\n    frobnicate 1\n'), DEFAULT_SETTINGS);
    assert.deepEqual(second.filter((d) => /frobnicate/.test(messageOf(d))).map((d) => d.range.start.line), [2]);
    const third = service.doValidation(open(uri, 3, 'frontend fe\n    bind ${haproxy:bind}\n'), DEFAULT_SETTINGS);
    assert.deepEqual(third.filter((d) => /frobnicate/.test(messageOf(d))), []);
  });

  it('line ends: a lone CR ends a line as in the editor; CRLF ranges stop before the CR', () => {
    // Found by the fuzzer: the parser split on LF only, so after a lone CR every range was on
    // the wrong line; an unterminated quote in a CRLF file reached past the end of its line.
    const { service, open } = newService();
    const text = 'global\r    frobnicate 1\nfrontend fe\r\n    bind ":80\r\n';
    const doc = open('file:///cr/haproxy.cfg', 1, text);
    const diagnostics = service.doValidation(doc, DEFAULT_SETTINGS);
    const lengths = lineLengths(text);
    for (const d of diagnostics) assertRangeInside(d.range, lengths, String(d.code));
    // HAProxy drops the text after a lone CR (haproxy -c 2.6.12 does not see `frobnicate`): one
    // lone-carriage-return warning at the CR, no unknown-keyword error on the dropped line.
    assert.deepEqual(diagnostics.filter((d) => /frobnicate/.test(messageOf(d))).map((d) => [d.code, d.range.start]), [['lone-carriage-return', { line: 0, character: 6 }]]);
    const quote = diagnostics.find((d) => /quote/i.test(messageOf(d)));
    assert.ok(quote, JSON.stringify(diagnostics));
    assert.deepEqual(quote.range.end, { line: 3, character: 13 });
  });

  it('mutated valid configurations (lines deleted, duplicated, swapped, half-typed; stray characters)', HANG_GUARD, () => {
    const { service, open } = newService();
    let version = 0;
    forEachCase('mutated config', 1000, 150, (r, i, note) => {
      const text = mutate(VALID, r, 8, WORDS);
      note(text);
      const uri = i % 4 === 0 ? 'file:///w/templates/haproxy.cfg.in' : `file:///w/conf${i % 3}/haproxy.cfg`;
      exercise(service, open(uri, ++version, text), settingsFor(r), r);
    });
  });

  it('a long-lived service answers edit after edit exactly as a fresh one (caches and incremental parsing)', HANG_GUARD, () => {
    // The parser re-uses unchanged statements of large texts (>= 1000 lines) and diagnostics
    // are cached per statement: after any sequence of edits, the answers must be those of a
    // service that sees the text for the first time.
    const blocks: string[] = [];
    for (let i = 0; blocks.length < 1300; i++) blocks.push(...VALID.split('\n').map((l) => l.replace(/\b(www|plone|api|admins|mypeers|dns|c1|stats)\b/g, `$1${i}`)));
    let text = blocks.join('\n');
    const { service, open } = newService();
    forEachCase('edit sequence', 1500, 40, (r, i, note) => {
      text = mutateOnce(text, r, WORDS);
      note(text);
      const settings = DEFAULT_SETTINGS;
      const live = open('file:///w/live/haproxy.cfg', i + 1, text);
      const fresh = newService().open('file:///w/live/haproxy.cfg', 1, text);
      const strip = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${messageOf(d)}`).sort();
      const position = randomPositions(text, r, 1)[0];
      const liveDiagnostics = strip(service.doValidation(live, settings));
      const liveHover = service.doHover(live, position, settings);
      // The parser remembers the last large text it parsed: parse an unrelated one first, so
      // the fresh service really starts from scratch.
      parseHaproxy(UNRELATED);
      const other = newService().service;
      assert.deepEqual(liveDiagnostics, strip(other.doValidation(fresh, settings)));
      assert.deepEqual(liveHover, other.doHover(fresh, position, settings));
    });
  });

  it('random configurations built from keywords and special characters', HANG_GUARD, () => {
    const { service, open } = newService();
    forEachCase('random config', 2000, 100, (r, i, note) => {
      const lines: string[] = [];
      const count = int(r, 40);
      for (let k = 0; k < count; k++) {
        let line = r() < 0.6 ? '    ' : '';
        const words = int(r, 7);
        for (let w = 0; w < words; w++) line += pick(r, WORDS) + (r() < 0.3 ? pick(r, ['{', '}', '"', '\\', '#', ',', '(', ')', '%[', ']']) : '');
        lines.push(line);
      }
      const text = lines.join(r() < 0.2 ? '\r\n' : '\n');
      note(text);
      exercise(service, open(i % 5 === 0 ? 'file:///w/templates/haproxy.cfg.in' : `file:///r/${i}.cfg`, i + 1, text), settingsFor(r), r);
    });
  });

  it('binary junk and non-UTF-8 bytes decoded the ways a host may decode them', HANG_GUARD, () => {
    const { service, open } = newService();
    forEachCase('binary junk', 3000, 40, (r, i, note) => {
      const bytes = Buffer.from(binaryJunk(r, int(r, 3000)), 'latin1');
      // The editor sends strings; the disk host decodes files as UTF-8 (invalid bytes become
      // U+FFFD); a Latin-1 view keeps every byte as one character.
      const text = i % 2 === 0 ? bytes.toString('utf8') : bytes.toString('latin1');
      note(text);
      exercise(service, open(`file:///junk/${i}/haproxy.cfg`, 1, text), DEFAULT_SETTINGS, r, 4);
    });
  });

  it('a 1 MB line and a deeply nested condition', HANG_GUARD, () => {
    const { service, open } = newService();
    forEachCase('huge line', 4000, 1, (r, _i, note) => {
      const line = '    http-request set-header X ' + '%[req.hdr(host),lower,'.repeat(20_000) + ']'.repeat(20_000) + ' if ' + '{ '.repeat(50_000) + 'src' + ' }'.repeat(50_000);
      const text = `frontend fe\n${line}\n    bind :80 ${'ssl '.repeat(100_000)}\n    acl ${'x'.repeat(1 << 20)} src\nbackend b\n    server s 127.0.0.1:80\n`;
      note(text.slice(0, 200));
      assert.ok(text.length > 1 << 20);
      exercise(service, open('file:///big/line.cfg', 1, text), DEFAULT_SETTINGS, r, 6);
    });
  });

  it('a 10 MB configuration: diagnostics, symbols, folding, formatting and a hover answer', HANG_GUARD, () => {
    const { service, open } = newService();
    const parts: string[] = ['global', '    maxconn 100', 'defaults', '    mode http', '    timeout client 1s', '    timeout server 1s', '    timeout connect 1s'];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const block = `backend be${i}\n    balance roundrobin\n    http-request set-header X-Id ${i} if { path_beg /p${i} }\n    server s${i} 127.0.0.1:${1024 + (i % 60000)} check\n`;
      parts.push(block);
      size += block.length;
    }
    const text = parts.join('\n');
    const doc = open('file:///big/haproxy.cfg', 1, text);
    const settings = DEFAULT_SETTINGS;
    const diagnostics = service.doValidation(doc, settings);
    assert.ok(Array.isArray(diagnostics));
    const symbols = service.findDocumentSymbols(doc, settings);
    assert.ok(symbols.length > 50_000, `${symbols.length} symbols`);
    assert.ok(service.getFoldingRanges(doc, settings).length > 50_000);
    const edits = service.format(doc, undefined, { tabSize: 4, insertSpaces: true }, settings);
    assert.deepEqual(edits, [], 'the generated file is already formatted');
    const last = doc.lineCount - 2;
    assert.ok(service.doHover(doc, { line: last, character: 6 }, settings) !== undefined);
    assert.ok(service.doComplete(doc, { line: last, character: 4 }, settings).items.length > 0);
  });
});
