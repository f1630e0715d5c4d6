/**
 * `${:x}` written in a macro base resolves in the sections that use it (`<=`); buildout never
 * initialises a base that `parts` does not list. SlapOS writes `url = …gcc-${:version}…` in
 * `[gcc-common]` and `version` in each `[gcc-N] <= gcc-common`: no error on the base.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

function validate(text: string) {
  const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': text }), ['/w']);
  return service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, text), settings, never).map((d) => `${d.code}@${d.range.start.line}: ${d.message}`);
}

const BASE = '[gcc-common]\nrecipe = slapos.recipe.cmmi\nurl = https://ftp.gnu.org/gcc-${:version}/gcc-${:version}.tar.xz\n';

test('${:x} in a macro base, defined by its users', () => {
  const d = validate('[buildout]\nparts = gcc-10\n' + BASE + '[gcc-10]\n<= gcc-common\nversion = 10.5.0\n');
  assert.deepEqual(d, []);
});

test('a user two levels down defines it', () => {
  const d = validate('[buildout]\nparts = gcc\n' + BASE + '[gcc-mid]\n<= gcc-common\n[gcc]\n<= gcc-mid\nversion = 12\n');
  assert.deepEqual(d, []);
});

test('no user defines it: still reported, on the base, naming the users', () => {
  const d = validate('[buildout]\nparts = gcc-10\n' + BASE + '[gcc-10]\n<= gcc-common\n');
  assert.ok(d.some((x) => /^undefined-option@4: .*gcc-common version.*gcc-10/.test(x)), d.join('\n'));
  // The user itself fails in buildout: reported where the user is.
  assert.ok(d.some((x) => /gcc-10/.test(x)), d.join('\n'));
});

test('a base listed in parts is initialised by buildout: its own ${:x} must resolve there', () => {
  const d = validate('[buildout]\nparts = gcc-common gcc-10\n' + BASE + '[gcc-10]\n<= gcc-common\nversion = 10\n');
  assert.ok(d.some((x) => /^undefined-option@4: Referenced option does not exist: gcc-common version/.test(x)), d.join('\n'));
});

test('${:x} in a section nothing uses (a macro offered to other profiles) is information', () => {
  const d = validate('[buildout]\nparts =\n[perl-wrapper]\nrecipe = slapos.recipe.template\ninline = -I ${:inc}\noutput = /tmp/w\n');
  const inc = d.find((x) => /perl-wrapper inc/.test(x));
  assert.ok(inc, d.join('\n'));
  assert.match(inc, /never initialises|no part/);
  const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': '[buildout]\nparts =\n[perl-wrapper]\nrecipe = slapos.recipe.template\ninline = -I ${:inc}\noutput = /tmp/w\n' }), ['/w']);
  const sev = service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, '[buildout]\nparts =\n[perl-wrapper]\nrecipe = slapos.recipe.template\ninline = -I ${:inc}\noutput = /tmp/w\n'), settings, never).find((x) => /inc/.test(String(x.message)))?.severity;
  assert.equal(sev, 3);
  // Listed as a part, it is an error again.
  assert.ok(validate('[buildout]\nparts = perl-wrapper\n[perl-wrapper]\nrecipe = slapos.recipe.template\ninline = -I ${:inc}\noutput = /tmp/w\n').some((x) => /^undefined-option@4: Referenced option does not exist: perl-wrapper inc$/.test(x)));
});

test('${:_profile_base_location_} in a macro base stays information', () => {
  const d = validate('[buildout]\nparts = a\n[base]\nrecipe = slapos.recipe.build:download\nurl = ${:_profile_base_location_}/x\n[a]\n<= base\n');
  assert.ok(d.some((x) => /slapos\.buildout/.test(x)), d.join('\n'));
});
