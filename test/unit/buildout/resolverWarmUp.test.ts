// The resolver warm-up run at server start: its graph must resolve cleanly (otherwise it would
// warm error paths instead of the normal ones) and it must leave no trace in later resolutions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';
import { WARM_UP_ROUNDS, warmUpResolver } from '../../../server/src/service/buildout/resolver/warmUp';

describe('resolver warm-up', () => {
  it('resolves every section of its graph in both merge modes without an error', () => {
    const { sections, errors } = warmUpResolver(2);
    assert.deepEqual(errors, []);
    // Two rounds (one per mode) of a root, three profiles, a macros file and 12 components.
    assert.ok(sections > 40, `only ${sections} sections resolved`);
  });

  it('leaves the default parse cache alone: a profile at the same path resolves from its own text', () => {
    warmUpResolver(WARM_UP_ROUNDS);
    const host = createMemoryHost({ '/warm-up/buildout.cfg': '[buildout]\nparts =\n[mine]\nx = ${buildout:directory}/y\n' });
    const p = resolveProfile(host, '/warm-up/buildout.cfg', { mergeMode: '2.13', userDefaults: false });
    assert.deepEqual(p.sectionNames().filter((n) => n !== 'buildout' && n !== 'versions'), ['mine']);
    assert.deepEqual(p.getValue('mine', 'x'), { ok: true, value: '/warm-up/y' });
  });
});
