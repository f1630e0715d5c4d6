import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { doRename, findDefinition, findReferences } from '../../../server/src/service/haproxy/features/navigation';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';
import { DEFAULTS, diagnose } from './diagnosticsHelpers';

const CFG = `${DEFAULTS}frontend www
    bind 127.0.0.1:8080
    default_backend zope
backend zope
    server s1 127.0.0.1:8081
listen stats
    bind 127.0.0.1:8404
    stats enable
    stats scope www
    stats scope zope
    stats scope .
`;

/** The context with the cursor one character into the n-th occurrence of `marker`. */
function at(marker: string, occurrence = 1) {
  let idx = -1;
  for (let i = 0; i < occurrence; i++) idx = CFG.indexOf(marker, idx + 1);
  assert.ok(idx >= 0, marker);
  return contextAt(CFG.slice(0, idx + 1) + '|' + CFG.slice(idx + 1));
}
const lineOf = (marker: string) => CFG.slice(0, CFG.indexOf(marker)).split('\n').length - 1;

describe('haproxy stats scope', () => {
  it('goes to the proxy it names, frontend or backend', () => {
    const fe = at('www\n    stats scope zope');
    assert.deepEqual(findDefinition(fe.ctx, fe.position).map((l) => l.range.start.line), [lineOf('frontend www')]);
    const be = at('zope\n    stats scope .');
    assert.deepEqual(findDefinition(be.ctx, be.position).map((l) => l.range.start.line), [lineOf('backend zope\n    server')]);
  });
  it('is listed among the references of the proxy', () => {
    const def = at('zope\n    server');
    const refs = findReferences(def.ctx, def.position, false).map((l) => l.range.start.line);
    assert.deepEqual(refs, [lineOf('default_backend zope'), lineOf('stats scope zope')]);
  });
  it('follows a rename of the proxy', () => {
    const def = at('www\n    bind');
    const edit = doRename(def.ctx, def.position, 'public')!;
    const out = [...edit.changes![def.ctx.uri]].sort((a, b) => b.range.start.line - a.range.start.line)
      .reduce((t, e: TextEdit) => applyEdit(t, e), CFG);
    assert.match(out, /frontend public\n/);
    assert.match(out, /stats scope public\n/);
  });
  it('reports no unknown name, as haproxy -c accepts any name there', () => {
    const text = CFG.replace('stats scope www', 'stats scope nosuchproxy');
    assert.deepEqual(diagnose(text).map((d) => d.code), []);
  });
});
