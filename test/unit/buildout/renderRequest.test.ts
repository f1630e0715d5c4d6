// The answer to `haproxy/renderTemplate` through the facade the server calls: asked for a
// profile (buildout.cfg) it names the template its section renders (`input`) and maps the
// output lines back onto that template (`lineMap`), as it does when asked for the template;
// a failed render still names the template and the section, so the client can open it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createLanguageService } from '../../../server/src/service/languageService';
import { exampleFiles, ROOT, settings } from './exampleWorkspace';

const TEMPLATE = `${ROOT}/templates/haproxy.conf.in`;
const HAPROXY_PROFILE = `${ROOT}/profiles/haproxy.cfg`;

/** The example workspace; `fixed` repairs the template's deliberate `haproxy-conf:` typo. */
function example(fixed: boolean, changes: Record<string, string> = {}) {
  const files = exampleFiles();
  if (fixed) files[TEMPLATE] = files[TEMPLATE].replace('haproxy-conf:', 'haproxy-config:');
  Object.assign(files, changes);
  const service = createLanguageService({ host: createMemoryHost(files), workspaceRoots: [ROOT] });
  const open = (path: string, lang: string) => TextDocument.create(`file://${path}`, lang, 1, files[path]);
  return { service, files, open };
}

/** Each rendered line maps to the template line that produced it (same text once `${…}` are substituted). */
function assertMapsOntoTemplate(text: string, lineMap: number[], template: string): void {
  const out = text.split('\n');
  const src = template.split('\n');
  assert.equal(lineMap.length, out.length);
  const maxconn = out.findIndex((l) => /^\s*maxconn 256$/.test(l));
  assert.ok(maxconn >= 0, text);
  assert.match(src[lineMap[maxconn]], /maxconn \$\{haproxy-config:maxconn\}/);
  const bind = out.findIndex((l) => /bind 127\.0\.0\.1:8001/.test(l));
  assert.match(src[lineMap[bind]], /bind \$\{frontend-host\}:\$\{frontend-port\}/);
  for (let i = 0; i < out.length; i++) {
    if (!out[i].includes('$') && !src[lineMap[i]].includes('$')) assert.equal(out[i], src[lineMap[i]], `line ${i}`);
  }
}

describe('haproxy/renderTemplate for a profile', () => {
  it('names the template the section renders and maps the output onto it', () => {
    const { service, files, open } = example(true);
    const r = service.renderTemplate(open(`${ROOT}/buildout.cfg`, 'buildout'), settings);
    assert.ok(r.text, JSON.stringify(r.errors));
    assert.equal(r.section, 'haproxy-config');
    assert.equal(r.input, TEMPLATE);
    assert.ok(r.lineMap);
    assertMapsOntoTemplate(r.text, r.lineMap, files[TEMPLATE]);
  });

  it('answers as the request for the template itself does', () => {
    const { service, open } = example(true);
    const viaProfile = service.renderTemplate(open(`${ROOT}/buildout.cfg`, 'buildout'), settings);
    const viaTemplate = service.renderTemplate(open(TEMPLATE, 'haproxy'), settings);
    assert.equal(viaTemplate.input, viaProfile.input);
    assert.deepEqual(viaTemplate.lineMap, viaProfile.lineMap);
    assert.equal(viaTemplate.text, viaProfile.text);
  });

  it('prefers the section rendering a HAProxy config over an earlier template section, and takes a picked owner', () => {
    const other = `${ROOT}/templates/supervisord.conf.in`;
    const profile = exampleFiles()[HAPROXY_PROFILE].replace('[haproxy-build]',
      '[supervisor-config]\nrecipe = collective.recipe.template\ninput = ${buildout:directory}/templates/supervisord.conf.in\noutput = ${buildout:directory}/etc/supervisord.conf\n\n[haproxy-build]');
    const { service, open } = example(true, { [HAPROXY_PROFILE]: profile, [other]: '[supervisord]\nlogfile = ${buildout:directory}/var/log/supervisord.log\n' });
    const doc = open(`${ROOT}/buildout.cfg`, 'buildout');
    const r = service.renderTemplate(doc, settings);
    assert.equal(r.section, 'haproxy-config');
    assert.equal(r.input, TEMPLATE);
    assert.deepEqual(r.alternatives, ['supervisor-config']);
    // The quick pick sends a section back; an earlier run's owner is `profile:section`.
    for (const owner of ['supervisor-config', `${ROOT}/buildout.cfg:supervisor-config`]) {
      const picked = service.renderTemplate(doc, settings, owner);
      assert.equal(picked.section, 'supervisor-config', owner);
      assert.equal(picked.input, other, owner);
      assert.equal(picked.lineMap?.length, picked.text?.split('\n').length, owner);
    }
  });

  it('still names the template and the section when rendering fails', () => {
    const { service, open } = example(false);
    const r = service.renderTemplate(open(`${ROOT}/buildout.cfg`, 'buildout'), settings);
    assert.equal(r.text, undefined);
    assert.match(r.errors.join('\n'), /haproxy-conf/);
    assert.equal(r.section, 'haproxy-config');
    assert.equal(r.input, TEMPLATE);
    assert.equal(r.lineMap, undefined);
  });
});

describe('haproxy/renderTemplate for a template', () => {
  it('names the template when rendering fails', () => {
    const { service, open } = example(false);
    const r = service.renderTemplate(open(TEMPLATE, 'haproxy'), settings);
    assert.equal(r.text, undefined);
    assert.equal(r.section, 'haproxy-config');
    assert.equal(r.input, TEMPLATE);
  });

  it('names the template when no section renders it', () => {
    const stray = `${ROOT}/templates/stray.conf.in`;
    const { service, open } = example(true, { [stray]: 'global\n    maxconn ${x:y}\n' });
    const r = service.renderTemplate(open(stray, 'haproxy'), settings);
    assert.equal(r.text, undefined);
    assert.equal(r.input, stray);
    assert.match(r.errors[0], /No collective\.recipe\.template/);
  });
});
