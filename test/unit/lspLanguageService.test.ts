// The language-service facade: language detection rules, version mapping, the parse cache
// per (uri, version), and dispatch between HAProxy and buildout features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../server/src/service/common/host';
import {
  createLanguageService, DEFAULT_SETTINGS, detectLanguage, nearestSupportedVersion, uriToPath,
} from '../../server/src/service/languageService';

test('detectLanguage: names first, never unrelated .cfg files', () => {
  assert.equal(detectLanguage('/p/haproxy.cfg', 'global\n'), 'haproxy');
  assert.equal(detectLanguage('/p/haproxy.conf', ''), 'haproxy');
  assert.equal(detectLanguage('/p/haproxy-prod.cfg', ''), 'haproxy');
  assert.equal(detectLanguage('/p/site.haproxy', ''), 'haproxy');
  assert.equal(detectLanguage('/p/templates/haproxy.conf.in', 'global\n    maxconn ${maxconn}\n'), 'haproxy');
  assert.equal(detectLanguage('/p/templates/haproxy.cfg.in', ''), 'haproxy');
  assert.equal(detectLanguage('/p/buildout.cfg', ''), 'buildout');
  assert.equal(detectLanguage('/p/dev.cfg', '# dev\n[buildout]\nextends = buildout.cfg\n'), 'buildout');
  // A buildout profile that happens to be called haproxy.cfg (common in Plone buildouts) is
  // buildout once a known profile extends it; alone, its name says HAProxy.
  const plonePart = '# HAProxy parts\n[haproxy-build]\nrecipe = plone.recipe.haproxy\n';
  assert.equal(detectLanguage('/p/profiles/haproxy.cfg', plonePart, true), 'buildout');
  assert.equal(detectLanguage('/p/profiles/haproxy.cfg', plonePart), 'haproxy');
  // Content decides for other names.
  assert.equal(detectLanguage('/etc/lb/main.cfg', 'global\n    daemon\n'), 'haproxy');
  assert.equal(detectLanguage('/p/setup.cfg', '[metadata]\nname = x\n'), undefined);
  assert.equal(detectLanguage('/p/tox.ini', '[tox]\nenvlist = py3\n'), undefined);
  assert.equal(detectLanguage('/p/notes.txt', 'hello\n'), undefined);
  assert.equal(detectLanguage('/p/other.conf.in', 'key=value\n'), undefined);
});

test('detectLanguage: a [section] first line alone does not make a .cfg a buildout profile', () => {
  assert.equal(detectLanguage('/p/setup.cfg', '[metadata]\nname = x\n', true), undefined);
  assert.equal(detectLanguage('/p/tox.cfg', '[tox]\nenvlist = py3\n'), undefined);
  assert.equal(detectLanguage('/p/mypy.cfg', '[mypy]\nstrict = True\n'), undefined);
  assert.equal(detectLanguage('/p/lb.cfg', '# load balancer\nglobal\n    daemon\nfrontend fe\n    bind :80\n'), 'haproxy');
  // Even when a profile names it in extends, a file that reads like HAProxy stays HAProxy.
  assert.equal(detectLanguage('/p/lb.cfg', 'frontend fe\n    bind :80\n', true), 'haproxy');
  assert.equal(detectLanguage('/p/buildout.cfg', '[versions]\nx = 1\n'), 'buildout');
  assert.equal(detectLanguage('/p/dev.cfg', '[buildout]\nparts =\n'), 'buildout');
  // Asked lazily: only when name and first line do not decide.
  let asked = 0;
  const reached = () => (asked++, true);
  assert.equal(detectLanguage('/p/buildout.cfg', '', reached), 'buildout');
  assert.equal(detectLanguage('/p/lb.cfg', 'global\n', reached), 'haproxy');
  assert.equal(asked, 0);
  assert.equal(detectLanguage('/p/versions.cfg', '[versions]\nzope = 5\n', reached), 'buildout');
  assert.equal(asked, 1);
});

test('the service detects a profile reached only through extends of a known profile', () => {
  const host = createMemoryHost({
    '/w/buildout.cfg': '[buildout]\nextends = profiles/base.cfg\nparts =\n',
    '/w/profiles/base.cfg': '[buildout]\nextends = versions.cfg haproxy.cfg\n',
    '/w/profiles/versions.cfg': '[versions]\nzc.buildout = 2.13.2\n',
    '/w/profiles/haproxy.cfg': '[haproxy-build]\nrecipe = plone.recipe.haproxy\n',
    '/w/profiles/other.cfg': '[versions]\nzope = 5\n',
    '/w/tox.cfg': '[tox]\nenvlist = py3\n',
  });
  const service = createLanguageService({ host, workspaceRoots: ['/w'] });
  const read = (p: string) => host.readFile(p) ?? '';
  assert.equal(service.detectLanguage('/w/profiles/versions.cfg', read('/w/profiles/versions.cfg')), 'buildout');
  assert.equal(service.detectLanguage('/w/profiles/haproxy.cfg', read('/w/profiles/haproxy.cfg')), 'buildout');
  assert.equal(service.detectLanguage('/w/profiles/other.cfg', read('/w/profiles/other.cfg')), undefined, 'no profile extends it');
  assert.equal(service.detectLanguage('/w/tox.cfg', read('/w/tox.cfg')), undefined);
});

test('nearestSupportedVersion maps binary versions to a supported table', () => {
  assert.equal(nearestSupportedVersion('2.6.12'), '2.6');
  assert.equal(nearestSupportedVersion('2.6.12-1+deb12u4'), '2.6');
  assert.equal(nearestSupportedVersion('3.0'), '3.0');
  assert.equal(nearestSupportedVersion('3.4.1'), '3.4');
  assert.equal(nearestSupportedVersion('banana'), undefined);
});

test('uriToPath decodes file URIs', () => {
  assert.equal(uriToPath('file:///home/u/my%20site/haproxy.cfg'), '/home/u/my site/haproxy.cfg');
});

test('parse cache: one model per (uri, version, HAProxy version)', () => {
  const service = createLanguageService({ host: createMemoryHost({}) });
  const v1 = TextDocument.create('file:///w/haproxy.cfg', 'haproxy', 1, 'global\n    maxconn 10\n');
  const a = service.haproxyContext(v1, DEFAULT_SETTINGS);
  assert.equal(service.haproxyContext(v1, DEFAULT_SETTINGS), a, 'same version → same parsed model');
  const v2 = TextDocument.update(v1, [{ text: 'global\n    maxconn 20\n' }], 2);
  const b = service.haproxyContext(v2, DEFAULT_SETTINGS);
  assert.notEqual(b, a);
  assert.equal(b.parsed.sections[0].body[0].tokens[1].value, '20');
  const old = service.haproxyContext(v2, { ...DEFAULT_SETTINGS, haproxyVersion: '2.6' });
  assert.equal(old.kb.version, '2.6');
  assert.equal(b.kb.version, DEFAULT_SETTINGS.haproxyVersion);
  service.documentClosed(v2.uri);
  assert.notEqual(service.haproxyContext(v2, DEFAULT_SETTINGS), b, 'closing forgets the model');
});

test('templates: *.in files are templates, their ${…} are not leftovers', () => {
  const service = createLanguageService({ host: createMemoryHost({}) });
  const text = 'global\n    maxconn ${haproxy-conf:maxconn}\n';
  const template = TextDocument.create('file:///w/templates/haproxy.conf.in', 'haproxy', 1, text);
  const plain = TextDocument.create('file:///w/haproxy.cfg', 'haproxy', 1, text);
  assert.equal(service.isTemplate(template), true);
  assert.equal(service.isTemplate(plain), false);
  const leftover = (d: TextDocument) => service.doValidation(d, DEFAULT_SETTINGS).some((x) => /\$\{/.test(String(x.message)));
  assert.equal(leftover(plain), true, 'a leftover ${…} in a plain config is reported');
  assert.equal(leftover(template), false, 'but not as a leftover in a template');
});

test('buildout documents never reach the HAProxy features', () => {
  const service = createLanguageService({ host: createMemoryHost({}) });
  const doc = TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, '[buildout]\nparts =\nbalance = roundrobin\n');
  const diags = service.doValidation(doc, DEFAULT_SETTINGS);
  assert.ok(!diags.some((d) => d.source === 'haproxy' || /keyword/i.test(String(d.code ?? ''))), JSON.stringify(diags));
  assert.deepEqual(service.format(doc, undefined, { tabSize: 4, insertSpaces: true }, DEFAULT_SETTINGS), []);
});
