/**
 * The parser reuses statements of the previous large text for unchanged leading and trailing
 * lines: the result must equal a parse from scratch, whatever the edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import { tokenizeLine } from '../../../server/src/service/haproxy/parser/tokenizer';
import type { HaproxyDocument } from '../../../server/src/service/haproxy/parser/model';

function bigConfig(n: number): string[] {
  const lines = ['global', '    maxconn 100', ''];
  for (let i = 0; lines.length < n; i++) {
    lines.push(`backend be${i}`, '    balance roundrobin', `    server s${i} 10.0.0.${i % 250}:80 check # web ${i}`, '');
  }
  return lines;
}

/** A parse that cannot reuse anything: the same text with every statement built from its tokens. */
function fromScratch(text: string): HaproxyDocument {
  parseHaproxy('x\n'.repeat(1500)); // replaces the parser's memory with unrelated lines
  return parseHaproxy(text);
}

const edits: [string, (l: string[]) => string[]][] = [
  ['replace one line', (l) => l.map((x, i) => (i === l.length - 5 ? '    server changed 10.1.1.1:81' : x))],
  ['insert a section header', (l) => [...l.slice(0, 10), 'frontend fe', '    bind :80', ...l.slice(10)]],
  ['delete lines', (l) => [...l.slice(0, 20), ...l.slice(23)]],
  ['turn a body line into a header', (l) => l.map((x, i) => (i === 500 ? 'listen moved' : x))],
  ['blank a line', (l) => l.map((x, i) => (i === 7 ? '' : x))],
  ['append at the end', (l) => [...l, 'defaults', '    mode http']],
  ['prepend at the start', (l) => ['# header', ...l]],
  ['turn a section header into a body line (merges two sections)', (l) => l.map((x, i) => (i === 603 && x.startsWith('backend') ? '    retries 3' : x))],
  ['turn a section header into a comment', (l) => l.map((x, i) => (i === 603 && x.startsWith('backend') ? '# backend gone' : x))],
  ['edit the last line', (l) => l.map((x, i) => (i === l.length - 1 ? x + ' # end' : x))],
  ['edit the first section header', (l) => l.map((x, i) => (i === 0 ? 'defaults' : x))],
  ['add a .if block around a middle section', (l) => [...l.slice(0, 603), '.if defined(X)', ...l.slice(603, 607), '.endif', ...l.slice(607)]],
];

for (const [name, edit] of edits) {
  test(`incremental parse equals a parse from scratch: ${name}`, () => {
    const before = bigConfig(1200);
    const after = edit(before);
    parseHaproxy(before.join('\n'));
    const incremental = parseHaproxy(after.join('\n'));
    const scratch = fromScratch(after.join('\n'));
    assert.deepEqual(incremental, scratch);
    // Statements carry their own line number and that line's tokens.
    for (const s of incremental.sections) {
      assert.deepEqual(s.header.tokens, tokenizeLine(after[s.header.line]).tokens);
      for (const st of s.body) assert.deepEqual(st.tokens, tokenizeLine(after[st.line]).tokens);
    }
  });
}

test('a chain of edits (each parse reusing the previous one) stays equal to parses from scratch', () => {
  let lines = bigConfig(1200);
  parseHaproxy(lines.join('\n'));
  for (const [name, edit] of edits) {
    lines = edit(lines);
    const incremental = parseHaproxy(lines.join('\n'));
    // The scratch parse replaces the parser's memory: parse the incremental one again after it.
    const scratch = fromScratch(lines.join('\n'));
    assert.deepEqual(incremental, scratch, name);
    parseHaproxy(lines.join('\n'));
  }
});

test('an edit keeps the Section objects of untouched, unmoved sections and rebuilds the edited one', () => {
  const before = bigConfig(1200);
  const first = parseHaproxy(before.join('\n'));
  const editLine = 601;
  const after = before.map((x, i) => (i === editLine ? '    balance leastconn' : x));
  const second = parseHaproxy(after.join('\n'));
  assert.equal(second.sections.length, first.sections.length);
  let kept = 0;
  for (let i = 0; i < second.sections.length; i++) {
    const s = second.sections[i];
    const edited = editLine >= s.startLine && editLine <= s.endLine;
    assert.equal(s === first.sections[i], !edited, `section ${i} (${s.startLine}-${s.endLine})`);
    if (!edited) kept++;
  }
  assert.ok(kept > 100);
  // A line inserted near the top moves every later section: those are new objects.
  const third = parseHaproxy(['# moved', ...after].join('\n'));
  assert.ok(third.sections.every((s, i) => s !== second.sections[i]));
  assert.deepEqual(third, fromScratch(['# moved', ...after].join('\n')));
});
