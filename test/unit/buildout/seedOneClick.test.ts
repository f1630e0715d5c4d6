/**
 * The handbook (seed) exactly: the template uses ${haproxy-conf:maxconn}, the section is
 * [haproxy-config] and it defines no maxconn. One click must leave a template that resolves:
 * the preferred fix changes the section name and adds the missing option to the section.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdit } from '../../helpers/cursor';
import { exampleService, ROOT, settings, never } from './exampleWorkspace';

const TPL = 'templates/haproxy.conf.in';
const PROFILE = `${ROOT}/profiles/haproxy.cfg`;

test('seed typo with no maxconn in [haproxy-config]: the preferred fix renames the section and adds the option', () => {
  const { files } = exampleService();
  const noMaxconn = files[PROFILE].replace(/^maxconn = 256\n/m, '');
  assert.notEqual(noMaxconn, files[PROFILE]);
  const { service, open } = exampleService({ [PROFILE]: noMaxconn });
  const doc = open(TPL);
  const diags = service.validateTemplate(doc, settings, never);
  const d = diags.find((x) => x.code === 'undefined-section');
  assert.ok(d, JSON.stringify(diags));
  const fix = service.codeActions(doc, d.range, { diagnostics: [d] }, settings).find((a) => a.isPreferred);
  assert.ok(fix);
  assert.match(fix.title, /haproxy-config/);
  assert.match(fix.title, /maxconn/);
  const changes = fix.edit!.changes!;
  const template = applyEdit(doc.getText(), changes[doc.uri][0]);
  const profileEdits = changes[`file://${PROFILE}`];
  assert.equal(profileEdits?.length, 1, JSON.stringify(changes));
  const profile = applyEdit(noMaxconn, profileEdits[0]);
  assert.match(profile, /^\[haproxy-config\]\nmaxconn = \n/m);
  const after = exampleService({ [PROFILE]: profile, [`${ROOT}/${TPL}`]: template });
  assert.deepEqual(after.service.validateTemplate(after.open(TPL), settings, never).map((x) => x.message), []);
});

test('an undefined option of an existing section: a fix adds it to the section', () => {
  const { files } = exampleService();
  const { service, open } = exampleService({ [`${ROOT}/${TPL}`]: files[`${ROOT}/${TPL}`].replace('${haproxy-conf:maxconn}', '${haproxy-config:nbthread}') });
  const doc = open(TPL);
  const d = service.validateTemplate(doc, settings, never).find((x) => x.code === 'undefined-option');
  assert.ok(d);
  const add = service.codeActions(doc, d.range, { diagnostics: [d] }, settings).find((a) => /Add 'nbthread'/.test(a.title));
  assert.ok(add, 'an add-option fix');
  const edit = add.edit!.changes![`file://${PROFILE}`][0];
  assert.match(applyEdit(files[PROFILE], edit), /^\[haproxy-config\]\nnbthread = \n/m);
});
