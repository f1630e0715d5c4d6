import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { renderTemplate } from '../../../server/src/service/buildout/render/render';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

const files = {
  '/w/buildout.cfg': '[buildout]\nparts = t\n[t]\nrecipe = collective.recipe.template\ninput = t.in\noutput = out\nport = 80\nhosts = a\n  b\n[i]\naddr = 127.0.0.1:8080\n',
  '/w/t.in': 'bind :${port}\nserver ${i:addr}\nhosts ${hosts} end\nc = $${t:port}\n',
};

describe('template rendering', () => {
  it('renders like collective.recipe.template with a source map', () => {
    const r = renderTemplate(resolveProfile(createMemoryHost(files), '/w/buildout.cfg'), 't');
    assert.equal(r.text, 'bind :80\nserver 127.0.0.1:8080\nhosts a\nb end\nc = $80\n');
    assert.deepEqual(r.lineMap, [0, 1, 2, 2, 3, 4]);
    const span = r.spans.find((s) => s.option === 'addr')!;
    assert.deepEqual(span.templateRange, { start: { line: 1, character: 7 }, end: { line: 1, character: 16 } });
    assert.deepEqual(span.outputRange, { start: { line: 1, character: 7 }, end: { line: 1, character: 21 } });
    assert.equal(span.section, 'i');
  });

  it('fails on shell-style ${HOME} like the recipe', () => {
    const r = renderTemplate(resolveProfile(createMemoryHost({ ...files, '/w/t.in': 'x ${HOME}\n' }), '/w/buildout.cfg'), 't');
    assert.equal(r.error?.message, 'Referenced option does not exist: t HOME');
    assert.equal(r.error?.range?.start.character, 2);
  });
});
