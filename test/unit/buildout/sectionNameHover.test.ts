/**
 * `${:_buildout_section_name_}` (and `${other:_buildout_section_name_}`) is the name of the
 * section the reference is written in: buildout falls back to it when the option is not set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { withCursor } from '../../helpers/cursor';
import { settings, never } from './exampleWorkspace';

function hover(marked: string) {
  const c = withCursor(marked);
  const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': c.text }), ['/w']);
  const h = service.hover(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, c.text), c.position, settings, never);
  return h ? (h.contents as { value: string }).value : '';
}

test('hover of ${:_buildout_section_name_} shows the section name, not an error', () => {
  const md = hover('[buildout]\nparts =\n[inst]\nloc = /srv/${:_buildout_section_n|ame_}\n');
  assert.match(md, /```\ninst\n```/);
  assert.doesNotMatch(md, /Missing option/);
});

test('${other:_buildout_section_name_} is the name of the section it is written in (buildout quirk)', () => {
  const md = hover('[buildout]\nparts =\n[other]\nx = 1\n[inst]\nloc = ${other:_buildout_section_n|ame_}\n');
  assert.match(md, /```\ninst\n```/);
});
