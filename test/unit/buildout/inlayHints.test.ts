// Inlay hints with resolved values: in profiles (`${section:option}`, `${:option}`) and in templates
// (`${option}` against the owning section), only inside the requested range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { hintLabel, hintText, HINT_VALUE_LENGTH } from '../../../server/src/service/buildout/features/inlayHints';
import { withCursor } from '../../helpers/cursor';
import { ROOT, exampleService, never, settings } from './exampleWorkspace';

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
const tooltip = (h: InlayHint) => (h.tooltip as { value: string }).value;

/** A one-profile workspace; `|` marks where the single expected hint sits (right after a `}`). */
function profile(marked: string, extra: Record<string, string> = {}) {
  const { text, position } = marked.includes('|') ? withCursor(marked) : { text: marked, position: { line: -1, character: -1 } };
  const service = createBuildoutService(createMemoryHost({ [`${ROOT}/buildout.cfg`]: text, ...extra }), [ROOT]);
  const doc = TextDocument.create(`file://${ROOT}/buildout.cfg`, 'buildout', 1, text);
  return { service, doc, position, text };
}

test('a profile reference gets its resolved value after the closing brace, with where it was set', () => {
  const { service, doc, position } = profile('[buildout]\nparts =\n[ports]\nhttp = 8080\n[app]\nbind = 127.0.0.1:${ports:http}|\n');
  const hints = service.inlayHints(doc, WHOLE, settings, never);
  assert.equal(hints.length, 1);
  assert.deepEqual(hints[0].position, position);
  assert.equal(hintText(hints[0]), '= 8080');
  assert.equal(hints[0].paddingLeft, true);
  assert.match(tooltip(hints[0]), /8080/);
  // The value links to the definition that won: `http` of [ports].
  const parts = hints[0].label as { value: string; location?: { uri: string; range: Range } }[];
  assert.equal(parts[0].location?.uri, `file://${ROOT}/buildout.cfg`);
  assert.deepEqual(parts[0].location?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
  assert.match(tooltip(hints[0]), /[Ss]et in buildout\.cfg:4/);
});

test('${:option} resolves in the section it is written in, through other substitutions', () => {
  const { service, doc, position } = profile('[buildout]\nparts =\n[a]\nhost = 10.0.0.1\nport = 81\naddr = ${:host}:${:port}\nurl = http://${:addr}|/\n');
  const hints = service.inlayHints(doc, WHOLE, settings, never);
  const last = hints.find((h) => h.position.line === position.line && h.position.character === position.character);
  assert.ok(last, JSON.stringify(hints));
  assert.equal(hintText(last), '= 10.0.0.1:81');
  assert.deepEqual(hints.map((h) => hintText(h)), ['= 10.0.0.1', '= 81', '= 10.0.0.1:81']);
});

test('${:_buildout_section_name_} shows the section the reference is written in', () => {
  const { service, doc, position } = profile('[buildout]\nparts =\n[web]\nname = ${:_buildout_section_name_}|\n');
  const hints = service.inlayHints(doc, WHOLE, settings, never);
  assert.deepEqual(hints.map((h) => [hintText(h), h.position]), [['= web', position]]);
});

test('multi-line values show their first line and an ellipsis; long values are cut', () => {
  const long = 'x'.repeat(HINT_VALUE_LENGTH + 10);
  const { service, doc } = profile(`[buildout]\nparts =\n[v]\neggs =\n    Plone\n    Pillow\nlong = ${long}\n[w]\na = \${v:eggs}\nb = \${v:long}\n`);
  const hints = service.inlayHints(doc, WHOLE, settings, never);
  assert.deepEqual(hints.map((h) => hintText(h)), ['= Plone…', `= ${'x'.repeat(HINT_VALUE_LENGTH)}…`]);
  // The tooltip has the whole value.
  assert.match(tooltip(hints[0]), /Plone\nPillow/);
  assert.ok(tooltip(hints[1]).includes(long));
  assert.equal(hintLabel(''), '= (empty)');
  assert.equal(hintLabel('\n  a\n'), '= a');
});

test('unresolvable references, syntax errors and inactive sections get no hint', () => {
  const { service, doc } = profile('[buildout]\nparts =\n[a]\nx = ${nosuch:y}\ny = ${a:missing}\nz = ${a}\nself = ${:self}\n[b:False]\nq = ${a:x}\n');
  assert.deepEqual(service.inlayHints(doc, WHOLE, settings, never), []);
});

test('a recipe-computed option is hinted (marked as computed)', () => {
  const { service, doc } = profile('[buildout]\nparts = hb\ndirectory = /srv\n[hb]\nrecipe = plone.recipe.haproxy\nurl = http://x/h.tgz\n[use]\nwhere = ${hb:location}\n');
  const [h] = service.inlayHints(doc, WHOLE, settings, never);
  assert.equal(hintText(h), '= /srv/parts/hb');
  // Nothing written to link to: plain text.
  assert.equal(typeof h.label, 'string');
  assert.match(tooltip(h), /[Cc]omputed/);
});

test('only references ending inside the requested range are resolved', () => {
  const lines = ['[buildout]', 'parts =', '[p]', 'v = 1'];
  for (let i = 0; i < 50; i++) lines.push(`[s${i}]`, `a = \${p:v}${i}`);
  const { service, doc } = profile(lines.join('\n') + '\n|');
  const range: Range = { start: { line: 10, character: 0 }, end: { line: 14, character: 0 } };
  const hints = service.inlayHints(doc, range, settings, never);
  assert.deepEqual(hints.map((h) => h.position.line), [11, 13]);
  // A cancelled request stops resolving.
  assert.deepEqual(service.inlayHints(doc, WHOLE, settings, { isCancellationRequested: true }), []);
});

test('a template resolves against its owning section, exactly as hover does', () => {
  const { service, open } = exampleService();
  const doc = open('templates/haproxy.conf.in');
  const text = doc.getText();
  const hints = service.inlayHintsInTemplate(doc, WHOLE, settings, never);
  const at = (needle: string) => {
    const end = text.indexOf(needle) + needle.length;
    const p = doc.positionAt(end);
    return hints.find((h) => h.position.line === p.line && h.position.character === p.character);
  };
  const labelAt = (needle: string) => {
    const h = at(needle);
    return h && hintText(h);
  };
  // The seed typo `${haproxy-conf:maxconn}` does not resolve: the diagnostic speaks, no hint.
  assert.equal(at('${haproxy-conf:maxconn}'), undefined);
  assert.equal(labelAt('${frontend-host}'), '= 127.0.0.1');
  assert.equal(labelAt('${frontend-port}'), '= 8001');
  assert.match(tooltip(at('${frontend-port}')!), /profiles\/haproxy\.cfg:\d+/);
  const link = (at('${frontend-port}')!.label as { location?: { uri: string } }[])[0].location;
  assert.equal(link?.uri, `file://${ROOT}/profiles/haproxy.cfg`);
  assert.equal(labelAt('${instance1:http-address}'), '= 127.0.0.1:8081');
  assert.equal(labelAt('${instance2:http-address}'), '= 127.0.0.1:8082');
  // The hover of the same reference shows the same value.
  const pos = doc.positionAt(text.indexOf('${instance2:http-address}') + 3);
  assert.match((service.hoverInTemplate(doc, pos, settings, never)!.contents as { value: string }).value, /127\.0\.0\.1:8082/);
  // A range covering only the `bind` line gives its two hints.
  const line = doc.positionAt(text.indexOf('${frontend-host}')).line;
  const some = service.inlayHintsInTemplate(doc, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, settings, never);
  assert.deepEqual(some.map((h) => hintText(h)), ['= 127.0.0.1', '= 8001']);
});

test('a template nobody renders gets no hints', () => {
  const { service } = exampleService();
  const doc = TextDocument.create(`file://${ROOT}/templates/other.conf.in`, 'haproxy', 1, 'global\n    maxconn ${maxconn}\n');
  assert.deepEqual(service.inlayHintsInTemplate(doc, WHOLE, settings, never), []);
});

test('references on continuation lines: the range picks the lines, not the option they belong to', () => {
  const { service, doc } = profile('[buildout]\nparts =\n[p]\nv = 1\nw = 2\n[q]\nlist =\n    ${p:v}\n    ${p:w}\n    ${p:v}${p:w}\n');
  const only = (start: number, end: number) => service.inlayHints(doc, { start: { line: start, character: 0 }, end: { line: end, character: 1000 } }, settings, never)
    .map((h) => `${h.position.line}:${hintText(h)}`);
  assert.deepEqual(only(8, 8), ['8:= 2']);
  assert.deepEqual(only(8, 9), ['8:= 2', '9:= 1', '9:= 2']);
  assert.deepEqual(only(0, 6), []);
});

test('hint labels: blank lines skipped, long lines cut, huge values stay cheap', () => {
  assert.equal(hintLabel('  \n\n  a b  \n'), '= a b');
  assert.equal(hintLabel('a\n\n'), '= a');
  assert.equal(hintLabel('a\n  \n b'), '= a…');
  assert.equal(hintLabel('   '), '= (empty)');
  assert.equal(hintLabel(' '.repeat(10) + 'y'.repeat(HINT_VALUE_LENGTH)), `= ${'y'.repeat(HINT_VALUE_LENGTH)}`);
  assert.equal(hintLabel('z'.repeat(5_000_000)), `= ${'z'.repeat(HINT_VALUE_LENGTH)}…`);
});

test('hint labels: a long indented line and a cut followed by spaces', () => {
  assert.equal(hintLabel(' '.repeat(1000) + 'deep'), '= deep');
  assert.equal(hintLabel('x'.repeat(HINT_VALUE_LENGTH) + '   '), `= ${'x'.repeat(HINT_VALUE_LENGTH)}`);
  assert.equal(hintLabel('x'.repeat(HINT_VALUE_LENGTH) + '  q'), `= ${'x'.repeat(HINT_VALUE_LENGTH)}…`);
});
