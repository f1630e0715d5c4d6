import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { resolveCompletion } from '../../../server/src/service/haproxy/features/completion/resolve';
import { doHover } from '../../../server/src/service/haproxy/features/hover';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';

/**
 * ACL-only keywords (`path_beg`, `hdr_sub`, `url_dom` … : a fetch with its match method, §7.3
 * "ACL derivatives") are what most Plone front-ends write (`acl manage path_beg /manage`): they
 * must be offered where an ACL criterion starts and explained on hover.
 */
const FE = 'frontend www\n    bind 127.0.0.1:8080\n';

function complete(marked: string) {
  const { ctx, position, text } = contextAt(marked, { version: '2.6' });
  const items = doComplete(ctx, position).items.map(resolveCompletion);
  const pick = (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no '${label}' among ${items.length} items`);
    return item;
  };
  return { items, labels: items.map((i) => i.label), pick, resultText: (l: string) => applyEdit(text, pick(l).textEdit as TextEdit) };
}

describe('haproxy ACL-only keywords', () => {
  it('are offered as the criterion of an acl line, with the fetches', () => {
    const c = complete(`${FE}    acl manage path_b|\n`);
    assert.ok(c.labels.includes('path_beg') && c.labels.includes('path') && c.labels.includes('hdr_sub'));
    assert.equal(c.resultText('path_beg'), `${FE}    acl manage path_beg\n`);
    assert.match(String(c.pick('path_beg').documentation && (c.pick('path_beg').documentation as { value: string }).value), /path_beg/);
  });

  it('are offered as the first word of an anonymous { … } ACL', () => {
    const c = complete(`${FE}    http-request deny if { hdr_b| }\n`);
    assert.ok(c.labels.includes('hdr_beg'));
  });

  it('are not offered in a sample expression (they are no fetches there)', () => {
    const c = complete(`${FE}    http-request set-header X %[|]\n`);
    assert.ok(c.labels.includes('path'));
    assert.ok(!c.labels.includes('path_beg'));
  });

  it('explain themselves on hover', () => {
    const { ctx, position } = contextAt(`${FE}    acl manage pa|th_beg /manage\n`, { version: '2.6' });
    const h = doHover(ctx, position);
    assert.ok(h, 'a hover');
    const value = (h.contents as { value: string }).value;
    assert.match(value, /path_beg/);
    assert.match(value, /docs\.haproxy\.org\/2\.6\//);
    assert.equal(h.range?.start.character, 15);
    const inBraces = contextAt(`${FE}    http-request deny if { hdr_s|ub(host) -i admin }\n`, { version: '2.6' });
    assert.ok(doHover(inBraces.ctx, inBraces.position), 'hover inside { … }');
  });

  it('have an own-words summary naming their fetch and match method (no generic fallback)', () => {
    const { ctx } = contextAt(`${FE}    acl x pa|th_beg /x\n`, { version: '2.6' });
    const all = ctx.kb.aclKeywords?.() ?? [];
    assert.ok(all.length > 50);
    for (const e of all) assert.doesNotMatch(e.summary, /^Sample fetch `/, e.name);
    const pathBeg = all.find((e) => e.name === 'path_beg')!;
    assert.match(pathBeg.summary, /`path -m beg`/);
    assert.match(all.find((e) => e.name === 'cook_sub')!.summary, /`req\.cook -m sub`/);
  });
});
