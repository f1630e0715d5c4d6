// Template features on the example workspace: templates/haproxy.conf.in owned by [haproxy-config].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { applyEdit } from '../../helpers/cursor';
import { ROOT, exampleService, never, posOf, settings } from './exampleWorkspace';

const TPL = 'templates/haproxy.conf.in';

test('the seed typo ${haproxy-conf:maxconn} is flagged and fixed in one click', () => {
  const { service, open } = exampleService();
  const doc = open(TPL);
  assert.equal(service.templateOwner(`${ROOT}/${TPL}`, settings), 'buildout.cfg:haproxy-config');
  const diags = service.validateTemplate(doc, settings, never);
  assert.equal(diags.length, 1, JSON.stringify(diags));
  const [d] = diags;
  assert.equal(d.code, 'undefined-section');
  assert.equal(doc.getText(d.range), 'haproxy-conf');
  const actions = service.codeActions(doc, d.range, { diagnostics: diags }, settings);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, 'a preferred quick fix');
  const edits = fix.edit!.changes![doc.uri];
  const fixed = applyEdit(doc.getText(), edits[0]);
  assert.match(fixed, /maxconn \$\{haproxy-config:maxconn\}/);
  // After the fix the template is clean and renders.
  const after = exampleService({ [`${ROOT}/${TPL}`]: fixed });
  assert.deepEqual(after.service.validateTemplate(after.open(TPL), settings, never), []);
  const r = after.service.render(after.open(TPL), settings);
  assert.deepEqual(r.errors, []);
  assert.match(r.text!, /^\s+maxconn 256$/m);
  assert.match(r.text!, /bind 127\.0\.0\.1:8001/);
  assert.match(r.text!, /server instance2 127\.0\.0\.1:8082 /);
});

test('hover shows the fully substituted value and the chain of definitions', () => {
  const { service, open } = exampleService();
  const doc = open(TPL);
  const text = doc.getText();
  const h = service.hoverInTemplate(doc, posOf(text, '${instance2:http-address}', 14), settings, never);
  assert.ok(h);
  const md = (h.contents as { value: string }).value;
  assert.match(md, /127\.0\.0\.1:8082/);
  assert.match(md, /profiles\/base\.cfg:\d+/);
  // `${frontend-port}` is `${haproxy-config:frontend-port}`, which is `${ports:haproxy}`.
  const h2 = service.hoverInTemplate(doc, posOf(text, '${frontend-port}', 4), settings, never);
  const md2 = (h2!.contents as { value: string }).value;
  assert.match(md2, /8001/);
  assert.match(md2, /haproxy-config:frontend-port/);
  assert.equal(service.hoverInTemplate(doc, posOf(text, 'balance roundrobin'), settings, never), null);
});

test('completion of options of the owning section and of sections inside ${', () => {
  const { service, open, files } = exampleService();
  const text = files[`${ROOT}/${TPL}`].replace('    spread-checks 3', '    spread-checks ${fro');
  const doc = open(TPL, text);
  const list = service.completeInTemplate(doc, posOf(text, '${fro', 5), settings, never);
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('frontend-host'), labels.join(','));
  assert.ok(labels.includes('instance1'), 'section names too');
  const text2 = files[`${ROOT}/${TPL}`].replace('    spread-checks 3', '    spread-checks ${instance1:');
  const list2 = service.completeInTemplate(open(TPL, text2), posOf(text2, '${instance1:', 12), settings, never);
  const l2 = list2.items.map((i) => i.label);
  assert.ok(l2.includes('http-address') && l2.includes('location'), l2.join(','));
});

test('definition jumps from the template into the profile', () => {
  const { service, open } = exampleService();
  const doc = open(TPL);
  const locs = service.definitionInTemplate(doc, posOf(doc.getText(), '${frontend-host}', 4), settings);
  assert.equal(locs[0].uri, `file://${ROOT}/profiles/haproxy.cfg`);
  const sec = service.definitionInTemplate(doc, posOf(doc.getText(), '${instance1:http-address}', 4), settings);
  assert.equal(sec[0].uri, `file://${ROOT}/buildout.cfg`);
});

test('${HOME} in a collective.recipe.template template is reported; $${…} is no escape', () => {
  const { service, open, files } = exampleService();
  const text = files[`${ROOT}/${TPL}`].replace('    spread-checks 3', () => '    spread-checks 3\n    chroot ${HOME}\n    x $${ports:haproxy}');
  const diags = service.validateTemplate(open(TPL, text), settings, never);
  const codes = diags.map((d) => d.code);
  assert.ok(codes.includes('shell-variable-in-template'), codes.join(','));
  assert.ok(codes.includes('dollar-dollar-in-template'), codes.join(','));
});

test('mapping HAProxy diagnostics from the rendered text back to the template', () => {
  const { service, files } = exampleService();
  const fixed = files[`${ROOT}/${TPL}`].replace('haproxy-conf:', 'haproxy-config:');
  const after = exampleService({ [`${ROOT}/${TPL}`]: fixed });
  const r = after.service.renderForHaproxy(`${ROOT}/${TPL}`, settings);
  assert.ok(r.render && r.text);
  const lines = r.text!.split('\n');
  const line = lines.findIndex((l) => l.includes('server instance2'));
  const col = lines[line].indexOf('127.0.0.1:8082');
  const mapped = service.mapRenderedDiagnostics(r.render!, [{ range: { start: { line, character: col }, end: { line, character: col + 14 } }, message: 'bad address' }]);
  const tplLines = fixed.split('\n');
  assert.equal(tplLines[mapped[0].range.start.line].slice(mapped[0].range.start.character, mapped[0].range.end.character), '${instance2:http-address}');
  assert.match(String(mapped[0].message), /instance2:http-address/);
});

test('the example template, with the typo fixed, renders to a config HAProxy accepts', { skip: !existsSync('/usr/sbin/haproxy') && 'no /usr/sbin/haproxy' }, () => {
  const { files } = exampleService();
  const fixed = files[`${ROOT}/${TPL}`].replace('${haproxy-conf:maxconn}', '${haproxy-config:maxconn}');
  const { service, open } = exampleService({ [`${ROOT}/${TPL}`]: fixed });
  const r = service.render(open(TPL), settings);
  assert.deepEqual(r.errors, []);
  const dir = mkdtempSync(join(tmpdir(), 'example-haproxy-'));
  try {
    const cfg = join(dir, 'haproxy.conf');
    writeFileSync(cfg, r.text!);
    const check = spawnSync('/usr/sbin/haproxy', ['-c', '-f', cfg], { encoding: 'utf8', timeout: 10000 });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rendering uses the unsaved text of the template', () => {
  const { service, open, files } = exampleService();
  const unsaved = files[`${ROOT}/${TPL}`].replace('${haproxy-conf:maxconn}', '${maxconn}');
  const r = service.render(open(TPL, unsaved), settings);
  assert.deepEqual(r.errors, []);
  assert.match(r.text!, /maxconn 256/);
  const again = service.renderForHaproxy(`${ROOT}/${TPL}`, settings);
  assert.match(again.text!, /maxconn 256/);
});

test('a template used by two profiles: the main one answers, the hover names the other', () => {
  const section = (name: string, port: string) => `[${name}]\nrecipe = collective.recipe.template\ninput = \${buildout:directory}/t.in\noutput = \${buildout:directory}/${name}.conf\nport = ${port}\n`;
  const files = {
    '/m/buildout.cfg': '[buildout]\nparts = prod\n\n' + section('prod', '80'),
    '/m/staging.cfg': '[buildout]\nparts = stage\n\n' + section('stage', '8080'),
    '/m/t.in': 'bind :${port}\n',
  };
  const service = createBuildoutService(createMemoryHost(files), ['/m']);
  const doc = TextDocument.create('file:///m/t.in', 'haproxy', 1, files['/m/t.in']);
  const h = service.hoverInTemplate(doc, { line: 0, character: 9 }, settings, never);
  const md = (h!.contents as { value: string }).value;
  assert.match(md, /```\n80\n```/);
  assert.match(md, /also used by staging\.cfg:stage/);
  assert.deepEqual(service.templateCandidates('/m/t.in', settings), ['buildout.cfg:prod', 'staging.cfg:stage']);
  const chosen = { ...settings, buildout: { ...settings.buildout, templateOwner: { 't.in': 'staging.cfg:stage' } } };
  const h2 = service.hoverInTemplate(doc, { line: 0, character: 9 }, chosen, never);
  assert.match((h2!.contents as { value: string }).value, /```\n8080\n```/);
});

test('references from a template reach the profile and the other template uses', () => {
  const { service, open } = exampleService();
  const doc = open(TPL);
  const refs = service.referencesInTemplate(doc, posOf(doc.getText(), '${instance1:http-address}', 14), settings, true);
  const where = refs.map((l) => l.uri.slice(`file://${ROOT}/`.length)).sort();
  // Declaration in profiles/base.cfg (macro family), the two template uses.
  assert.deepEqual(where, ['profiles/base.cfg', 'templates/haproxy.conf.in', 'templates/haproxy.conf.in']);
  assert.deepEqual(service.referencesInTemplate(doc, posOf(doc.getText(), 'balance'), settings, true), []);
});
