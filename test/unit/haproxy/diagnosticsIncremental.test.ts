/**
 * Re-validating an edited document reuses the cached results of unchanged statements
 * (diagnostics/localChecks.ts). Whatever the edit, the diagnostics must be exactly those of a
 * validation from scratch (fresh parse, no cache), in the same order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticSettings } from '../../../server/src/service/haproxy/context';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';

/** A config over the parser's reuse threshold (1,000 lines) with problems of every local family. */
function config(): string[] {
  const lines = [
    'global',
    '    maxconn 100',
    '    nbthread two',
    '',
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 30s',
    '    timeout server 30s',
    '    email-alert from a@b',
    '',
  ];
  for (let i = 0; lines.length < 1400; i++) {
    lines.push(
      `backend be${i}`,
      i % 7 === 0 ? '    balance roundrobn' : '    balance roundrobin',
      i % 11 === 0 ? '    optoin httpchk' : '    option httpchk',
      `    server s${i} 10.0.0.${i % 250}:80${i % 13 === 0 ? '999' : ''} check inter ${i % 17 === 0 ? '2x' : '2s'}`,
      i % 19 === 0 ? `    server s${i} 10.0.1.1:80` : '    timeout check 5s',
      i % 23 === 0 ? '    http-request frobnicate if { pth_beg /x }' : '    http-request deny if { path_beg /admin }',
      i % 29 === 0 ? '    acl bad${buildout:x} path_beg /y "unterminated' : `    acl ok${i} path_beg /ok`,
      '',
      `frontend fe${i}`,
      '    bind :' + (8000 + (i % 1000)),
      `    use_backend be${i} if ok${i}`,
      i % 31 === 0 ? '    use_backend missing if TRUE' : `    default_backend be${i}`,
      i % 37 === 0 ? '    http-request track-sc0 src' : `    http-request track-sc0 src table be${i}`,
      '',
    );
  }
  lines.push('.if version_atleast(9.9)', 'frontend guarded', '    frobnicate', '.endif', '');
  return lines;
}

const docUri = 'file:///incremental/haproxy.cfg';

function run(text: string, uri: string, version: HaproxyVersion, settings?: DiagnosticSettings): Diagnostic[] {
  const document = TextDocument.create(uri, 'haproxy', 1, text);
  return validate({ uri, document, parsed: parseHaproxy(text), kb: getKnowledge(version), isTemplate: false }, settings);
}

let scratchCount = 0;
/** A validation that can reuse nothing: the parser's memory replaced by unrelated lines, a never-seen uri. */
function fromScratch(text: string, version: HaproxyVersion, settings?: DiagnosticSettings): Diagnostic[] {
  parseHaproxy('x\n'.repeat(1500));
  return run(text, `file:///scratch/${scratchCount++}.cfg`, version, settings);
}

type Edit = (l: string[]) => string[];
const at = (i: number, f: (x: string) => string): Edit => (l) => l.map((x, k) => (k === i ? f(x) : x));

const edits: [string, Edit][] = [
  ['replace a line with an unknown keyword', at(200, () => '    frobnicate now')],
  ['fix a broken line', (l) => l.map((x) => (x === '    optoin httpchk' ? '    option httpchk' : x))],
  ['insert a line (later statements move)', (l) => [...l.slice(0, 40), '    retries x', ...l.slice(40)]],
  ['delete lines', (l) => [...l.slice(0, 60), ...l.slice(64)]],
  ['turn a body line into a section header', at(300, () => 'listen moved')],
  ['change a section kind (same body tokens, new context)', (l) => l.map((x, k) => (k > 500 && x.startsWith('backend ') ? x.replace('backend', 'frontend') : x))],
  ['name the defaults section', at(4, () => 'defaults named')],
  ['wrap lines in a false .if block', (l) => [...l.slice(0, 100), '.if version_atleast(9.9)', ...l.slice(100, 120), '.endif', ...l.slice(120)]],
  ['unterminated quote and buildout leftover', at(700, () => '    acl x${a:b} path_beg "oops')],
  ['blank a line', at(15, () => '')],
  ['rename a referenced backend (references elsewhere become undefined)', (l) => l.map((x) => (x === 'backend be5' ? 'backend be5x' : x))],
  ['give a table-less frontend a stick-table', (l) => l.map((x) => (x === 'frontend fe37' ? 'frontend fe37\n    stick-table type ip size 1k' : x)).join('\n').split('\n')],
  ['drop an ACL a condition uses', (l) => l.map((x) => (x === '    acl ok40 path_beg /ok' ? '    acl other40 path_beg /ok' : x))],
  ['append at the end', (l) => [...l, 'backend tail', '    server t 1.2.3.4:99999']],
  ['prepend at the start', (l) => ['# header', ...l]],
];

for (const [name, edit] of edits) {
  test(`incremental diagnostics equal a validation from scratch: ${name}`, () => {
    const before = config();
    const after = edit(before);
    run(before.join('\n'), docUri, '2.6'); // fills the statement cache of this document
    const incremental = run(after.join('\n'), docUri, '2.6');
    const scratch = fromScratch(after.join('\n'), '2.6');
    assert.ok(scratch.length > 20, 'the test config must produce diagnostics');
    assert.ok(scratch.some((d) => d.code === 'undefined-backend'), 'and reference diagnostics');
    assert.ok(scratch.some((d) => d.code === 'undefined-table'), 'and table diagnostics');
    assert.deepEqual(incremental, scratch);
  });
}

test('a chain of edits stays equal to from-scratch results at every step', () => {
  let lines = config();
  run(lines.join('\n'), docUri, '2.6');
  for (const [name, edit] of edits) {
    lines = edit(lines);
    const text = lines.join('\n');
    assert.deepEqual(run(text, docUri, '2.6'), fromScratch(text, '2.6'), name);
  }
});

test('another target version or other severity settings on the same text are not answered from the cache', () => {
  const text = config().join('\n');
  run(text, docUri, '2.6');
  assert.deepEqual(run(text, docUri, '3.0'), fromScratch(text, '3.0'));
  const settings: DiagnosticSettings = { severity: { 'unknown-keyword': 'off', 'invalid-time': 'hint' } };
  const withSettings = run(text, docUri, '3.0', settings);
  assert.deepEqual(withSettings, fromScratch(text, '3.0', settings));
  assert.ok(!withSettings.some((d) => d.code === 'unknown-keyword'));
  assert.ok(withSettings.some((d) => d.code === 'invalid-time' && d.severity === 4));
});
