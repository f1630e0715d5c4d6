/**
 * A section condition naming something buildout's globals lack raises NameError inside
 * zc.buildout's parser, which stops loading (measured with 2.13.2: `[s:python311]` →
 * "NameError: name 'python311' is not defined"). buildout ≥ 3 defines python37 … python315.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { ParseCache } from '../../../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';
import { never, settings } from './exampleWorkspace';

const resolve = (files: Record<string, string>, mode: '2.13' | '3.1') =>
  resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: mode, userDefaults: false }, new ParseCache());

describe('a condition that raises NameError stops loading', () => {
  it('python311 in 2.13 mode: the load error is NameError\'s text, at the condition', () => {
    const p = resolve({ '/w/buildout.cfg': '[buildout]\nparts =\n[s:python311]\nv = 1\n' }, '2.13');
    assert.equal(p.loadError?.message, "name 'python311' is not defined");
    assert.equal(p.loadError?.range?.start.line, 2);
  });
  it('python311 in 3.1 mode is a known name (no error)', () => {
    const p = resolve({ '/w/buildout.cfg': '[buildout]\nparts =\n[s:python311]\nv = 1\n' }, '3.1');
    assert.equal(p.loadError, undefined);
    assert.deepEqual(p.resolveSection('s').options, { v: '1' });
  });
  it('in an extended file too, and before parsing errors of earlier lines (those are raised only at the end)', () => {
    const p = resolve({
      '/w/buildout.cfg': '[buildout]\nextends = base.cfg\nparts =\n',
      '/w/base.cfg': '[a]\nnot an option\n[s:python_version >= "3.8"]\nv = 1\n',
    }, '2.13');
    assert.equal(p.loadError?.message, "name 'python_version' is not defined");
  });
  it('a short-circuited unknown name is never looked up', () => {
    const p = resolve({ '/w/buildout.cfg': '[buildout]\nparts =\n[s:windows and python311]\nv = 1\n' }, '2.13');
    assert.equal(p.loadError, undefined);
    assert.deepEqual(p.sectionNames().includes('s'), false);
  });
  it('the editor shows it as an error on the condition, not as an unevaluated condition', () => {
    const text = '[buildout]\nparts =\n[s:python399]\nv = 1\n';
    const service = createBuildoutService(createMemoryHost({ '/w/buildout.cfg': text }), ['/w']);
    const d = service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, text), settings, never);
    const err = d.find((x) => x.code === 'parse-error');
    assert.ok(err, JSON.stringify(d));
    assert.equal(err.range.start.line, 2);
    assert.match(String(err.message), /NameError: name 'python399' is not defined/);
    assert.ok(!d.some((x) => x.code === 'unevaluated-condition'), JSON.stringify(d));
  });
});
