// collective.recipe.template's input-encoding / output-encoding in the editor: the template is
// rendered as the recipe decodes it, and a decode/encode failure is shown on the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost, type FileSystemHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { ROOT, exampleFiles, never, settings } from './exampleWorkspace';

const TPL = `${ROOT}/templates/haproxy.conf.in`;
const PROFILE = `${ROOT}/profiles/haproxy.cfg`;

/** The example workspace, with the template's bytes on disk given explicitly (other files are UTF-8). */
function workspace(templateBytes: Uint8Array, profileExtra = '') {
  const files = exampleFiles();
  files[PROFILE] = files[PROFILE].replace('maxconn = 256\n', `maxconn = 256\n${profileExtra}`);
  const asUtf8 = new TextDecoder('utf-8', { ignoreBOM: true }).decode(templateBytes);
  files[TPL] = asUtf8;
  const memory = createMemoryHost(files);
  const host: FileSystemHost = {
    ...memory,
    readBytes: (p) => (p === TPL ? templateBytes : files[p] !== undefined ? new TextEncoder().encode(files[p]) : undefined),
    isInvalidUtf8: (p) => p === TPL && asUtf8.includes('\uFFFD'),
  };
  const service = createBuildoutService(host, [ROOT]);
  const open = (text = asUtf8) => TextDocument.create(`file://${TPL}`, 'haproxy', 1, text);
  return { service, open, text: asUtf8 };
}

/** The example template with the seed's typo fixed (so it renders). */
function exampleTemplate(): string {
  return exampleFiles()[TPL].replace('${haproxy-conf:maxconn}', '${haproxy-config:maxconn}');
}

/** The example template with a Latin-1 comment line inserted after the first line. */
function latin1Template(): Uint8Array {
  const original = exampleTemplate();
  const nl = original.indexOf('\n') + 1;
  const head = new TextEncoder().encode(original.slice(0, nl));
  const tail = new TextEncoder().encode(original.slice(nl));
  const comment = Uint8Array.from([...'# caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x0a]));
  return Uint8Array.from([...head, ...comment, ...tail]);
}

test('a Latin-1 template read as UTF-8 (the default) is an error at the byte, with the recipe\'s message', () => {
  const { service, open } = workspace(latin1Template());
  const doc = open();
  const diags = service.validateTemplate(doc, settings, never).filter((d) => d.code === 'template-encoding');
  assert.equal(diags.length, 1, JSON.stringify(diags));
  assert.deepEqual(diags[0].range.start, { line: 1, character: 5 });
  assert.match(String(diags[0].message), /\[haproxy-config\] fails: 'utf-8' codec can't decode byte 0xe9 in position \d+: invalid continuation byte\. .*input-encoding/);
  const r = service.render(doc, settings);
  assert.equal(r.text, undefined);
  assert.match(r.errors.join('\n'), /codec can't decode byte 0xe9/);
});

test('input-encoding = latin-1 renders the template as the recipe decodes it, without errors', () => {
  const { service, open } = workspace(latin1Template(), 'input-encoding = latin-1\n');
  const doc = open();
  assert.deepEqual(service.validateTemplate(doc, settings, never).filter((d) => d.code === 'template-encoding'), []);
  const r = service.render(doc, settings);
  assert.deepEqual(r.errors, []);
  assert.match(r.text!, /^# café$/m);
  assert.match(r.text!, /bind 127\.0\.0\.1:8001/);
});

test('an unsaved editor buffer is rendered as typed; the bytes on disk still decide decode errors', () => {
  const { service, open, text } = workspace(latin1Template(), 'input-encoding = latin-1\n');
  const edited = open(text.replace('# caf\uFFFD', '# edited'));
  const r = service.render(edited, settings);
  assert.deepEqual(r.errors, []);
  assert.match(r.text!, /^# edited$/m);
  assert.doesNotMatch(r.text!, /café/);
});

test('output-encoding = ascii fails on a substituted non-ASCII value, shown at its ${…}', () => {
  const bytes = new TextEncoder().encode(exampleTemplate());
  const { service, open } = workspace(bytes, 'output-encoding = ascii\nfrontend-host = hôte\n');
  const doc = open();
  const diags = service.validateTemplate(doc, settings, never).filter((d) => d.code === 'template-encoding');
  assert.equal(diags.length, 1, JSON.stringify(diags));
  assert.match(String(diags[0].message), /'ascii' codec can't encode character '\\xf4' in position \d+: ordinal not in range\(128\)/);
  assert.match(doc.getText(diags[0].range), /^\$/);
});

test('a valid UTF-8 template with default encodings reports nothing', () => {
  const bytes = new TextEncoder().encode(exampleTemplate());
  const { service, open } = workspace(bytes);
  const doc = open();
  assert.deepEqual(service.validateTemplate(doc, settings, never), []);
  assert.deepEqual(service.render(doc, settings).errors, []);
});

test('the render result names the section\'s output-encoding (Start and Check write the files in it)', () => {
  const { service, open } = workspace(latin1Template(), 'input-encoding = latin-1\noutput-encoding = latin-1\n');
  const r = service.render(open(), settings);
  assert.deepEqual(r.errors, []);
  assert.equal(r.outputEncoding, 'latin-1');
  const plain = workspace(new TextEncoder().encode(exampleTemplate()));
  assert.equal(plain.service.render(plain.open(), settings).outputEncoding, undefined, 'no output-encoding: the recipe default (utf-8)');
});
