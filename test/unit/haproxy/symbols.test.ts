import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/service/haproxy/features/symbols';
import { foldingRanges } from '../../../server/src/service/haproxy/features/folding';
import { contextFor } from './fixtures/featureContext';

const CFG = `# main config
# second comment line
global
    maxconn 100

defaults
    mode http
frontend www
    bind :80
    acl is_api path_beg /api
    use_backend api if is_api
    default_backend api
.if defined(EXTRA)
    http-request deny
    http-request auth
.else
    http-request allow
    http-request return status 200
.endif
backend api
    server s1 10.0.0.1:80 check
    server-template web 3 10.0.1.1:80
userlist admins
    user bob password x
`;

describe('haproxy document symbols', () => {
  const symbols = documentSymbols(contextFor(CFG));

  it('lists every section with its name and range', () => {
    assert.deepEqual(symbols.map((s) => s.name), ['global', 'defaults', 'frontend www', 'backend api', 'userlist admins']);
    const fe = symbols[2];
    assert.equal(fe.kind, SymbolKind.Interface);
    assert.equal(fe.range.start.line, 7);
    assert.equal(fe.range.end.line, 18);
    assert.deepEqual([fe.selectionRange.start.character, fe.selectionRange.end.character], [9, 12]);
  });

  it('gives proxies their binds, ACLs, backend rules and servers as children', () => {
    assert.deepEqual(symbols[2].children!.map((c) => `${c.detail?.split(' ')[0]}:${c.name}`), [
      'bind::80', 'acl:is_api', 'use_backend:api if is_api', 'default_backend:api',
    ]);
    assert.deepEqual(symbols[3].children!.map((c) => c.name), ['s1', 'web']);
    assert.equal(symbols[3].children![0].kind, SymbolKind.Field);
    assert.deepEqual(symbols[4].children!.map((c) => c.name), ['bob']);
  });

  it('keeps every child range inside its parent range', () => {
    for (const s of symbols) {
      for (const c of s.children ?? []) {
        assert.ok(c.range.start.line >= s.range.start.line && c.range.end.line <= s.range.end.line, `${c.name} in ${s.name}`);
      }
    }
  });
});

describe('haproxy folding ranges', () => {
  const ranges = foldingRanges(contextFor(CFG));
  const has = (start: number, end: number, kind?: string) =>
    ranges.some((r) => r.startLine === start && r.endLine === end && r.kind === kind);

  it('folds sections from header to last statement', () => {
    assert.ok(has(2, 3), 'global');
    assert.ok(has(7, 18), 'frontend');
    assert.ok(has(19, 21), 'backend');
    assert.ok(has(5, 6), 'defaults');
  });

  it('folds each branch of .if/.else blocks and runs of comments', () => {
    assert.ok(has(12, 14), '.if branch');
    assert.ok(has(15, 17), '.else branch');
    assert.ok(has(0, 1, FoldingRangeKind.Comment), 'comment run');
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });
});
