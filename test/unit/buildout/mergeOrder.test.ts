/**
 * Option order after `_update_section` (zc.buildout 2.13.2, measured with
 * tools/buildout-reference/resolve.py): the increments of the extending section are applied in
 * sorted key order, and names the section did not assign itself are appended in that order, so
 * `b += 1` then `a += 2` over a base with `z` gives z, a, b (what hover lists and `Options.keys()`
 * iterates), not the order they are written in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { ParseCache } from '../../../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

function keysOf(files: Record<string, string>, section: string, mode: '2.13' | '3.1'): string[] {
  const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: mode, userDefaults: false }, new ParseCache());
  return [...(p.getSection(section)?.options.keys() ?? [])];
}

describe('merge order of increments', () => {
  it('orders a section made only of increments like buildout (sorted, not as written)', () => {
    const files = {
      '/w/a.cfg': '[buildout]\nparts =\n\n[s]\nz = 1\n',
      '/w/buildout.cfg': '[buildout]\nextends = a.cfg\n\n[s]\nb += 1\na += 2\n',
    };
    assert.deepEqual(keysOf(files, 's', '2.13'), ['z', 'a', 'b']);
  });

  it('appends names added by += / -= in sorted order, after the section\'s own keys', () => {
    const files = {
      '/w/a.cfg': '[buildout]\nparts =\n\n[s]\nz = 1\nm = x\n  y\n',
      '/w/buildout.cfg': '[buildout]\nextends = a.cfg\n\n[s]\nb += 1\nq = 2\na += 2\nm -= y\n',
    };
    assert.deepEqual(keysOf(files, 's', '2.13'), ['z', 'm', 'q', 'a', 'b']);
  });

  it('gives the same order when the increments apply to one another (general algorithm)', () => {
    const files = {
      '/w/a.cfg': '[buildout]\nparts =\n\n[s]\nz = 1\n',
      '/w/buildout.cfg': '[buildout]\nextends = a.cfg\n\n[s]\nb += 1\na += 2\na -= 3\n',
    };
    assert.deepEqual(keysOf(files, 's', '2.13'), ['z', 'a', 'b']);
  });
});
