/**
 * A profile that extends a URL the editor could not read (offline, not cached, unreachable)
 * loses whatever that file defines; references to it are then not certain errors. They are
 * warnings that name the URL, so the one real cause stands out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

test('references that the unreadable URL may define are warnings naming the URL', () => {
  const text = '[buildout]\nextends = https://dist.plone.org/release/6.0-latest/versions.cfg\nparts = p\n[p]\nrecipe = x\nv = ${versions:Plone}\nw = ${nosuch:x}\n[local]\nk = 1\nr = ${local:nope}\n';
  const files = { '/w/buildout.cfg': text };
  const service = createBuildoutService(createMemoryHost(files), ['/w']);
  const d = service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, text), settings, never);
  const url = d.find((x) => x.code === 'url-unavailable');
  assert.ok(url, JSON.stringify(d));
  const opt = d.find((x) => x.code === 'undefined-option' && /versions Plone/.test(String(x.message)));
  assert.ok(opt, JSON.stringify(d));
  assert.equal(opt.severity, 2, 'warning');
  assert.match(String(opt.message), /6\.0-latest\/versions\.cfg/);
  const sec = d.find((x) => x.code === 'undefined-section');
  assert.equal(sec?.severity, 2);
  // [local] is written here, and the URL's sections only add options to it… it may still.
  // A clean graph keeps these errors.
  const clean = '[buildout]\nparts = p\n[p]\nrecipe = x\nv = ${versions:Plone}\n';
  const d2 = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': clean }), ['/w'])
    .validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, clean), settings, never);
  assert.equal(d2.find((x) => x.code === 'undefined-option')?.severity, 1);
});
