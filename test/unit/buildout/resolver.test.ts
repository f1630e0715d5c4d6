import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

const SIBLINGS = {
  '/w/buildout.cfg': '[buildout]\nextends = a.cfg b.cfg\nparts =\n[s]\nx += root\n',
  '/w/a.cfg': '[s]\nx = a\n',
  '/w/b.cfg': '[buildout]\nextends = c.cfg\n[s]\nx += b\n',
  '/w/c.cfg': '[s]\ny = 1\n',
};

describe('buildout resolver', () => {
  it('merges sibling increments differently in 2.13 and 3.1', () => {
    const host = createMemoryHost(SIBLINGS);
    assert.deepEqual(resolveProfile(host, '/w/buildout.cfg', { mergeMode: '3.1' }).getValue('s', 'x'), { ok: true, value: 'a\nb\nroot' });
    // 2.13 (#176): b.cfg is merged over c.cfg on its own, `x +=` finds no base there and the
    // resulting '\nb' then replaces a.cfg's value.
    const p213 = resolveProfile(host, '/w/buildout.cfg', { mergeMode: '2.13' });
    assert.deepEqual(p213.getValue('s', 'x'), { ok: true, value: '\nb\nroot' });
  });

  it('keeps history with files and operations', () => {
    const p = resolveProfile(createMemoryHost(SIBLINGS), '/w/buildout.cfg');
    const x = p.getSection('s')!.options.get('x')!;
    assert.deepEqual(x.history.map((h) => [h.operation, h.file]), [['SET', '/w/a.cfg'], ['ADD', '/w/b.cfg'], ['ADD', '/w/buildout.cfg']]);
    assert.equal(x.definition?.file, '/w/buildout.cfg');
  });

  it('reports buildout errors with positions', () => {
    const host = createMemoryHost({ '/w/buildout.cfg': '[buildout]\nextends = nothere.cfg\n[a]\nx = ${b:y}\n[b]\ny = ${a:x}\nz = ${ok:nope}\n[ok]\n' });
    const p = resolveProfile(host, '/w/buildout.cfg');
    assert.equal(p.errors[0].message, "[Errno 2] No such file or directory: '/w/nothere.cfg'");
    assert.deepEqual(p.errors[0].range?.start, { line: 1, character: 10 });
    const c = p.getValue('a', 'x');
    assert.ok(!c.ok && c.error.message === 'Circular reference in substitutions.\n');
    const m = p.getValue('b', 'z');
    assert.ok(!m.ok && m.error.message === 'Referenced option does not exist: ok nope' && m.error.range?.start.line === 6);
  });

  it('resolves macros in the using section and computed recipe options', () => {
    const host = createMemoryHost({
      '/w/buildout.cfg': '[buildout]\nparts =\n[base]\naddr = ${:port}\nname = ${:_buildout_section_name_}\n[i1]\n<= base\nport = 1\n[hp]\nrecipe = plone.recipe.haproxy\n[t]\nbin = ${hp:location}/sbin\n',
    });
    const p = resolveProfile(host, '/w/buildout.cfg');
    assert.deepEqual(p.getValue('i1', 'addr'), { ok: true, value: '1' });
    assert.deepEqual(p.getValue('i1', 'name'), { ok: true, value: 'i1' });
    assert.deepEqual(p.getValue('t', 'bin'), { ok: true, value: '/w/parts/hp/sbin' });
    assert.equal(p.getValue('hp', 'location').ok && (p.getValue('hp', 'location') as { computed?: boolean }).computed, true);
  });

  it('uses ~/.buildout/default.cfg unless disabled', () => {
    const host = createMemoryHost({ '/h/.buildout/default.cfg': '[buildout]\neggs-directory = /cache/eggs\n', '/w/buildout.cfg': '[buildout]\nparts =\n' }, '/h');
    assert.deepEqual(resolveProfile(host, '/w/buildout.cfg').getValue('buildout', 'eggs-directory'), { ok: true, value: '/cache/eggs' });
    assert.deepEqual(resolveProfile(host, '/w/buildout.cfg', { userDefaults: false }).getValue('buildout', 'eggs-directory'), { ok: true, value: '/w/eggs' });
  });

  it('continues without unavailable URL extends', () => {
    const host = { ...createMemoryHost({ '/w/buildout.cfg': '[buildout]\nextends = https://example.invalid/v.cfg\nparts =\n[a]\nx = 1\n' }), readUrl: () => undefined };
    const p = resolveProfile(host, '/w/buildout.cfg');
    assert.equal(p.errors[0].kind, 'url-unavailable');
    assert.deepEqual(p.getValue('a', 'x'), { ok: true, value: '1' });
  });

  it('lists references with ranges', () => {
    const p = resolveProfile(createMemoryHost({ '/w/buildout.cfg': '[buildout]\nparts =\n[a]\nx = ${b:y} $${no:ref} ${:z}\n' }), '/w/buildout.cfg');
    const refs = p.references().map((r) => [r.section, r.option, r.range.start.character]);
    assert.deepEqual(refs, [['b', 'y', 4], ['a', 'z', 22]]);
  });
});
