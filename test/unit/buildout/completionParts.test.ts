/**
 * Part names after `parts =`: every section buildout can install — also those that get their
 * recipe through `<=` (the usual `[instance2] <= instance1` of a Plone buildout) — with
 * sections that only serve as macros last; after `parts -=` only listed parts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { withCursor } from '../../helpers/cursor';
import { settings, never } from './exampleWorkspace';

const BASE = '[instance-base]\nrecipe = plone.recipe.zope2instance\nhttp-address = ${:port}\nport = 1\n[instance1]\n<= instance-base\nport = 8081\n[instance2]\n<= instance-base\nport = 8082\n[haproxy-build]\nrecipe = plone.recipe.haproxy\n[ports]\na = 1\n';

function complete(marked: string) {
  const c = withCursor(marked);
  const files = { '/w/base.cfg': BASE, '/w/buildout.cfg': c.text };
  const service = createBuildoutService(createMemoryHost(files), ['/w']);
  const list = service.complete(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, c.text), c.position, settings, never);
  return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

test('parts: sections with a recipe from a macro are offered, macro bases last', () => {
  const labels = complete('[buildout]\nextends = base.cfg\nparts =\n    haproxy-build\n    |\n');
  assert.ok(labels.includes('instance1') && labels.includes('instance2'), labels.join(', '));
  assert.ok(!labels.includes('haproxy-build'), 'already listed');
  assert.ok(!labels.includes('ports'), 'no recipe');
  assert.equal(labels[labels.length - 1], 'instance-base', labels.join(', '));
});

test('parts -=: only the listed parts', () => {
  const labels = complete('[buildout]\nextends = base.cfg\nparts = haproxy-build instance1\nparts -= |\n');
  assert.deepEqual(labels.sort(), ['haproxy-build', 'instance1']);
});

test('keys and values inside a part whose recipe comes through <=', () => {
  const keys = complete('[buildout]\nextends = base.cfg\nparts =\n[instance3]\n<= instance-base\nz|\n');
  assert.ok(keys.includes('zcml') && keys.includes('eggs'), keys.join(', '));
  const values = complete('[buildout]\nextends = base.cfg\nparts =\n[instance3]\n<= instance-base\ndebug-mode = |\n');
  assert.deepEqual(values.sort(), ['false', 'true']);
});

test('after <=: sections to use as a macro, not [buildout] or the section itself', () => {
  const labels = complete('[buildout]\nextends = base.cfg\nparts =\n[instance3]\n<= |\n');
  assert.ok(labels.includes('instance-base') && labels.includes('instance1'), labels.join(', '));
  assert.ok(!labels.includes('buildout') && !labels.includes('instance3'), labels.join(', '));
});
