import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { BuildoutWorkspace, type ProfileResolver } from '../../../server/src/service/buildout/workspace/workspace';
import { resolveView } from '../../../server/src/service/buildout/workspace/resolvedView';

const TEMPLATE_SECTION = (name: string) => `[${name}]\nrecipe = collective.recipe.template\ninput = \${buildout:directory}/templates/haproxy.conf.in\noutput = \${buildout:directory}/etc/${name}.conf\n`;

function files(): Record<string, string> {
  return {
    '/w/buildout.cfg': '[buildout]\nextends = profiles/common.cfg\nparts = conf\n\n' + TEMPLATE_SECTION('conf'),
    '/w/profiles/common.cfg': '[ports]\nhaproxy = 8001\n',
    '/w/staging.cfg': '[buildout]\nparts = staging-conf\n\n' + TEMPLATE_SECTION('staging-conf'),
    '/w/templates/haproxy.conf.in': 'global\n    maxconn ${maxconn}\n',
    '/w/setup.cfg': '[metadata]\nname = x\n',
    '/w/haproxy.cfg': 'global\n    maxconn 10\n',
  };
}

function counting(): { resolver: ProfileResolver; calls: string[] } {
  const calls: string[] = [];
  return { calls, resolver: (host, root, options, parse) => { calls.push(root); return resolveView(host, root, options, parse); } };
}

test('known profiles and detection through extends; never setup.cfg or HAProxy files', () => {
  const ws = new BuildoutWorkspace(createMemoryHost(files()), ['/w'], resolveView);
  assert.deepEqual(ws.knownProfiles(), ['/w/buildout.cfg', '/w/staging.cfg']);
  assert.equal(ws.mainProfile(), '/w/buildout.cfg');
  assert.ok(ws.isProfile('/w/profiles/common.cfg'));
  assert.ok(!ws.isProfile('/w/setup.cfg'));
  assert.ok(!ws.isProfile('/w/haproxy.cfg'));
  assert.deepEqual(ws.reachedFrom('/w/buildout.cfg'), ['/w/profiles/common.cfg']);
});

test('template ownership: main buildout.cfg first, every candidate listed, the user can choose', () => {
  const ws = new BuildoutWorkspace(createMemoryHost(files()), ['/w'], resolveView);
  const tpl = '/w/templates/haproxy.conf.in';
  assert.deepEqual(ws.templateCandidates(tpl).map((c) => ws.ownerLabel(c)), ['buildout.cfg:conf', 'staging.cfg:staging-conf']);
  assert.equal(ws.templateOwner(tpl)?.section, 'conf');
  assert.equal(ws.templateOwner(tpl, 'staging.cfg:staging-conf')?.section, 'staging-conf');
  ws.setOptions({ templateOwner: { 'templates/haproxy.conf.in': 'staging.cfg:staging-conf' } });
  assert.equal(ws.templateOwner(tpl)?.profile, '/w/staging.cfg');
  // A choice that names no candidate falls back to the main profile's.
  assert.equal(ws.templateOwner(tpl, 'nope.cfg:x')?.section, 'conf');
  assert.equal(ws.templateOwner('/w/other.in'), undefined);
});

test('an edit re-resolves only the graphs containing the file', () => {
  const host = createMemoryHost(files());
  const { resolver, calls } = counting();
  const ws = new BuildoutWorkspace(host, ['/w'], resolver);
  ws.profile('/w/buildout.cfg');
  ws.profile('/w/staging.cfg');
  ws.profile('/w/buildout.cfg');
  assert.deepEqual(calls, ['/w/buildout.cfg', '/w/staging.cfg'], 'cached');
  calls.length = 0;
  ws.setDocumentText('/w/profiles/common.cfg', '[ports]\nhaproxy = 9000\n');
  ws.profile('/w/buildout.cfg');
  ws.profile('/w/staging.cfg');
  assert.deepEqual(calls, ['/w/buildout.cfg'], 'staging.cfg does not extend common.cfg');
  assert.deepEqual(ws.profile('/w/buildout.cfg').value('ports', 'haproxy'), { ok: true, value: '9000' });
  // The same text again is no change.
  calls.length = 0;
  ws.setDocumentText('/w/profiles/common.cfg', '[ports]\nhaproxy = 9000\n');
  ws.profile('/w/buildout.cfg');
  assert.deepEqual(calls, []);
  // Closing the document brings back the disk version.
  ws.documentClosed('/w/profiles/common.cfg');
  assert.deepEqual(ws.profile('/w/buildout.cfg').value('ports', 'haproxy'), { ok: true, value: '8001' });
});

test('creating a missing extended file invalidates the graph that wanted it', () => {
  const f = files();
  f['/w/buildout.cfg'] = f['/w/buildout.cfg'].replace('profiles/common.cfg', 'profiles/common.cfg profiles/later.cfg');
  const map: Record<string, string> = { ...f };
  const base = createMemoryHost(map);
  // A host whose contents can change (like the disk).
  const host = { ...base, readFile: (p: string) => map[p], exists: (p: string) => p in map || base.exists(p) };
  const ws = new BuildoutWorkspace(host, ['/w'], resolveView);
  const before = ws.profile('/w/buildout.cfg');
  assert.ok([...before.files.values()].some((pf) => pf.extends.some((e) => e.error?.kind === 'missing-file')));
  map['/w/profiles/later.cfg'] = '[later]\nx = 1\n';
  ws.fileChanged('/w/profiles/later.cfg');
  assert.deepEqual(ws.profile('/w/buildout.cfg').value('later', 'x'), { ok: true, value: '1' });
});

test('finding template owners resolves no graph when no profile names the file', () => {
  const { resolver, calls } = counting();
  const ws = new BuildoutWorkspace(createMemoryHost(files()), ['/w'], resolver);
  assert.deepEqual(ws.templateCandidates('/w/haproxy.cfg'), []);
  assert.deepEqual(calls, []);
  assert.equal(ws.templateCandidates('/w/templates/haproxy.conf.in').length, 2);
  // Editing a profile updates the index without a rescan: the new owner is found.
  ws.setDocumentText('/w/staging.cfg', '[buildout]\nparts =\n');
  assert.deepEqual(ws.templateCandidates('/w/templates/haproxy.conf.in').map((c) => c.section), ['conf']);
});
