import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind, type Range, type TextEdit } from 'vscode-languageserver-types';
import {
  RenameError, doRename, documentHighlights, findDefinition, findReferences, prepareRename,
} from '../../../server/src/service/haproxy/features/navigation';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';

const CFG = `frontend www
    acl is_api path_beg /api
    use_backend api if is_api
    use_backend api if !is_api METH_POST
    default_backend app
backend api
    server s1 10.0.0.1:80
    server s2 10.0.0.2:80 track s1
    server-template web 1-3 10.0.1.1:80
backend app
    server a1 10.0.0.3:80 track api/s1
    acl is_api path_beg /x
    http-request deny if is_api
    server b1 10.0.0.4:80 track api/web2
`;

const at = (marker: string, occurrence = 1) => {
  // Place the cursor inside the n-th occurrence of `marker` (one character in).
  let idx = -1;
  for (let i = 0; i < occurrence; i++) idx = CFG.indexOf(marker, idx + 1);
  assert.ok(idx >= 0, `marker ${marker}`);
  return contextAt(CFG.slice(0, idx + 1) + '|' + CFG.slice(idx + 1));
};
const lines = (ranges: { range: Range }[] | Range[]) =>
  ranges.map((r) => ('range' in r ? r.range : r).start.line);
const textOf = (r: Range) => CFG.split('\n')[r.start.line].slice(r.start.character, r.end.character);

function applyAll(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .reduce((t, e) => applyEdit(t, e), text);
}

describe('haproxy navigation', () => {
  it('goes from a use_backend target to the backend header', () => {
    const { ctx, position } = at('api if');
    const defs = findDefinition(ctx, position);
    assert.deepEqual(lines(defs), [5]);
    assert.equal(textOf(defs[0].range), 'api');
    assert.equal(defs[0].uri, ctx.uri);
  });

  it('scopes ACLs to their own proxy', () => {
    const { ctx, position } = at('is_api\n    use_backend api if !');
    assert.deepEqual(lines(findReferences(ctx, position, true)), [1, 2, 3]);
    assert.deepEqual(lines(findReferences(ctx, position, false)), [2, 3]);
    const other = at('is_api', 5);
    assert.deepEqual(lines(findReferences(other.ctx, other.position, true)), [11, 12]);
  });

  it('resolves servers in the current or the named proxy', () => {
    const local = at('s1\n    server-template');
    assert.deepEqual(lines(findDefinition(local.ctx, local.position)), [6]);
    const remote = at('api/s1');
    const def = findDefinition(remote.ctx, { line: remote.position.line, character: remote.position.character + 4 });
    assert.deepEqual(lines(def), [6]);
    const s1 = at('s1 10.0.0.1');
    assert.deepEqual(lines(findReferences(s1.ctx, s1.position, false)), [7, 10]);
  });

  it('highlights definitions as writes and references as reads', () => {
    const { ctx, position } = at('app\nbackend api');
    const hl = documentHighlights(ctx, position);
    assert.deepEqual(hl.map((h) => [h.range.start.line, h.kind]), [[4, DocumentHighlightKind.Read], [9, DocumentHighlightKind.Write]]);
  });

  it('renames a backend everywhere, including track proxy/server', () => {
    const { ctx, position } = at('api\n    server s1');
    assert.equal(textOf(prepareRename(ctx, position)!), 'api');
    const edit = doRename(ctx, position, 'api-v2')!;
    const out = applyAll(CFG, edit.changes![ctx.uri]);
    assert.match(out, /use_backend api-v2 if is_api\n/);
    assert.match(out, /^backend api-v2$/m);
    assert.match(out, /track api-v2\/s1/);
    assert.match(out, /track api-v2\/web2/);
    assert.doesNotMatch(out, /use_backend api /);
  });

  it('renames a server-template prefix and keeps the generated numbers', () => {
    const { ctx, position } = at('web 1-3');
    const out = applyAll(CFG, doRename(ctx, position, 'node')!.changes![ctx.uri]);
    assert.match(out, /server-template node 1-3/);
    assert.match(out, /track api\/node2/);
    const ref = at('web2');
    assert.equal(prepareRename(ref.ctx, { line: ref.position.line, character: ref.position.character + 1 }), null);
  });

  it('rejects invalid new names and non-names', () => {
    const { ctx, position } = at('app\nbackend api');
    assert.throws(() => doRename(ctx, position, 'bad name'), RenameError);
    assert.throws(() => doRename(ctx, position, 'x/y'), RenameError);
    const kw = at('default_backend');
    assert.equal(prepareRename(kw.ctx, kw.position), null);
    assert.deepEqual(findDefinition(kw.ctx, kw.position), []);
  });

  it('does not offer to rename an undefined reference', () => {
    const { ctx, position } = contextAt('frontend f\n    use_backend no|pe\n');
    assert.equal(prepareRename(ctx, position), null);
    assert.deepEqual(findDefinition(ctx, position), []);
  });
});
