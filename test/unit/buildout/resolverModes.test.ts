/** zc.buildout ≥ 3.1.1 rules (no reference implementation installed: checked against the HISTORY entries). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

const value = (files: Record<string, string>, s: string, o: string, mergeMode: '2.13' | '3.1', home?: string) => {
  const r = resolveProfile(createMemoryHost(files, home), '/w/buildout.cfg', { mergeMode }).getValue(s, o);
  return r.ok ? r.value : `ERROR ${r.error.message}`;
};

describe('merge modes', () => {
  it('concatenates repeated += of one file in 3.1 (#656), last wins in 2.13', () => {
    const files = { '/w/buildout.cfg': '[buildout]\nparts =\n[s]\nx = a\nx += b\nx += c\n' };
    assert.equal(value(files, 's', 'x', '3.1'), 'a\nb\nc');
    // 2.13 (measured): a section no base defines keeps its increments as keys: x = a, "x +" = c.
    assert.equal(value(files, 's', 'x', '2.13'), 'a');
    assert.equal(value(files, 's', 'x +', '2.13'), 'c');
    const based = { ...files, '/w/buildout.cfg': '[buildout]\nextends = b.cfg\nparts =\n[s]\nx = a\nx += b\nx += c\n', '/w/b.cfg': '[s]\n' };
    assert.equal(value(based, 's', 'x', '2.13'), 'a\nc');
  });

  it('lets a later = drop earlier increments in 3.1', () => {
    const files = { '/w/buildout.cfg': '[buildout]\nparts =\n[s]\nx += b\nx = fresh\n' };
    assert.equal(value(files, 's', 'x', '3.1'), 'fresh');
  });

  it('turns a leading += into an assignment in 3.1 (#641)', () => {
    const files = { '/w/buildout.cfg': '[buildout]\nparts =\n[s]\nx += a\ny -= b\n' };
    assert.equal(value(files, 's', 'x', '3.1'), 'a');
    assert.equal(value(files, 's', 'y', '3.1'), '');
    assert.equal(value(files, 's', 'x', '2.13'), 'ERROR Missing option: s:x');
  });

  it('applies user defaults first in 2.13 and at the extends leaf in 3.1', () => {
    const files = {
      '/h/.buildout/default.cfg': '[s]\nx += from-home\n',
      '/w/buildout.cfg': '[buildout]\nextends = base.cfg\nparts =\n',
      '/w/base.cfg': '[s]\nx = base\n',
    };
    // 2.13: home's `x +=` has no base yet ('\nfrom-home'), then base.cfg's x = base replaces it.
    assert.equal(value(files, 's', 'x', '2.13', '/h'), 'base');
    // 3.1: the defaults are merged under the leaf, whose `x = base` then wins as well.
    assert.equal(value(files, 's', 'x', '3.1', '/h'), 'base');
    const inc = { ...files, '/w/base.cfg': '[s]\nx += base\n', '/h/.buildout/default.cfg': '[s]\nx = home\n' };
    assert.equal(value(inc, 's', 'x', '3.1', '/h'), 'home\nbase');
    assert.equal(value(inc, 's', 'x', '2.13', '/h'), 'home\nbase');
  });

  // Expected values measured with zc.buildout 3.3 run from its source tree (tools/buildout-reference/resolve.py --buildout-src).
  it('agrees with zc.buildout 3.3 on increments, diamonds and markers', () => {
    const one = { '/w/buildout.cfg': '[buildout]\nparts =\n[s]\nx = a\nx += b\nx += c\n[t]\ny += only\nz -= gone\n[u]\nk += 1\nk = reset\n' };
    assert.deepEqual(['x'].map((o) => value(one, 's', o, '3.1')), ['a\nb\nc']);
    assert.deepEqual([value(one, 't', 'y', '3.1'), value(one, 't', 'z', '3.1'), value(one, 'u', 'k', '3.1')], ['only', '', 'reset']);
    const diamond = { '/w/buildout.cfg': '[buildout]\nextends = b.cfg c.cfg\nparts =\n', '/w/b.cfg': '[buildout]\nextends = d.cfg\n', '/w/c.cfg': '[buildout]\nextends = d.cfg\n', '/w/d.cfg': '[s]\nx += d\n' };
    assert.equal(value(diamond, 's', 'x', '3.1'), 'd\nd'); // one application per include path
    const markers = { '/w/buildout.cfg': '[buildout]\nparts =\n[s]\na = 1\n[s:python_version >= "3.8"]\nb = 2\n[s:sys_platform == "win32"]\nc = 3\n[s:platform_system == "Linux" and python_version < "4"]\nd = 4\n[s:python311]\ne = 5\n' };
    const p = resolveProfile(createMemoryHost(markers), '/w/buildout.cfg', { mergeMode: '3.1' });
    assert.deepEqual(p.resolveSection('s').options, { a: '1', b: '2', d: '4', e: '5' });
  });
});
