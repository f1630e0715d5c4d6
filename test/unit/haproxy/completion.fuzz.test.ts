import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { doHover } from '../../../server/src/service/haproxy/features/hover';
import { documentSymbols } from '../../../server/src/service/haproxy/features/symbols';
import { foldingRanges } from '../../../server/src/service/haproxy/features/folding';
import { doRename, findDefinition, findReferences, prepareRename, RenameError } from '../../../server/src/service/haproxy/features/navigation';
import { documentHighlights } from '../../../server/src/service/haproxy/features/highlights';
import { format } from '../../../server/src/service/haproxy/features/formatting';
import { tokenizeLine } from '../../../server/src/service/haproxy/parser/tokenizer';
import { splitLines } from '../../../server/src/service/haproxy/parser/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { contextFor } from './fixtures/featureContext';

/** Every editor feature on random and mutated configurations: no exception, bounded time. */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEED = `global
    log ring@buf local0
defaults base
    mode http
    timeout client 30s
frontend www from base
    bind :80 ssl crt /x.pem alpn h2
    acl is_api path_beg /api
    http-request set-header X-F "%[src,ipmask(24)] %ci"
    use_backend api if is_api !{ src 10.0.0.0/8 } || METH_POST
    default_backend app
backend app
    server-template web 1-3 10.0.0.1:80 check resolvers dns
    server a2 \${instance:host}:8081 track web2
backend api
    server s1 "127.0.0.1:8082" track app/a2
.if defined(X)
    stick-table type ip size 1m peers p
.endif
resolvers dns
    nameserver n1 127.0.0.1:53
`;

const PIECES = ['{', '}', '"', "'", '\\', '#', '%[', ']', '(', ')', ',', '!', ' if ', ' unless ', '${', '$', '/', '\t', '\r', 'ü', '\u0000', 'option ', 'server ', 'backend ', '\n'];

function mutate(text: string, rand: () => number): string {
  let t = text;
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (t.length + 1));
    const op = rand();
    if (op < 0.5) t = t.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + t.slice(at);
    else if (op < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 10));
    else t = t.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + t.slice(at);
  }
  return t;
}

function exercise(text: string, rand: () => number): void {
  const ctx = contextFor(text, { isTemplate: rand() < 0.3 });
  const lines = text.split('\n');
  documentSymbols(ctx);
  foldingRanges(ctx);
  const edits = format(ctx, { tabSize: 1 + Math.floor(rand() * 8), insertSpaces: rand() < 0.7 });
  for (const e of edits) assert.equal(e.range.start.line, e.range.end.line);
  for (let k = 0; k < 12; k++) {
    const line = Math.floor(rand() * (lines.length + 1));
    const character = Math.floor(rand() * ((lines[line]?.length ?? 0) + 2));
    const pos = { line, character };
    const list = doComplete(ctx, pos);
    for (const item of list.items) assert.ok(item.textEdit, 'every item has an edit');
    doHover(ctx, pos);
    findDefinition(ctx, pos);
    findReferences(ctx, pos, true);
    documentHighlights(ctx, pos);
    if (prepareRename(ctx, pos)) {
      try {
        doRename(ctx, pos, rand() < 0.5 ? 'renamed' : 'bad name');
      } catch (e) {
        assert.ok(e instanceof RenameError);
      }
    }
  }
}

describe('haproxy editor features: robustness', () => {
  it('never throw on 300 mutated configurations', () => {
    const rand = rng(20261124);
    for (let i = 0; i < 300; i++) {
      const text = mutate(SEED, rand);
      try {
        exercise(text, rand);
      } catch (e) {
        assert.fail(`case ${i} threw ${(e as Error).stack}\n--- text ---\n${text}`);
      }
    }
  });

  it('never throw on binary junk and keep formatting word-preserving', () => {
    const rand = rng(7);
    for (let i = 0; i < 50; i++) {
      let junk = '';
      const len = Math.floor(rand() * 400);
      for (let j = 0; j < len; j++) junk += String.fromCharCode(Math.floor(rand() * 256));
      exercise(junk, rand);
      const ctx = contextFor(junk);
      // Edits are in LSP positions, where a lone CR also ends a line: apply them as the editor does.
      const out = TextDocument.applyEdits(ctx.document, format(ctx, { tabSize: 4, insertSpaces: true }));
      const words = (s: string) => splitLines(s).map((l) => tokenizeLine(l).tokens.map((t) => t.value));
      assert.deepEqual(words(out), words(junk));
    }
  });

  it('answers on a 1 MB line without hanging', () => {
    const long = 'frontend f\n    http-request set-header X ' + 'a,'.repeat(500_000) + '\n';
    const ctx = contextFor(long);
    const t0 = performance.now();
    doComplete(ctx, { line: 1, character: 1_000_000 });
    doHover(ctx, { line: 1, character: 500_000 });
    format(ctx, { tabSize: 4, insertSpaces: true });
    // Hang guard only (speed is measured in bench/).
    assert.ok(performance.now() - t0 < 10_000);
  });
});
