import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createLanguageService, DEFAULT_SETTINGS } from '../../../server/src/service/languageService';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { resolveCompletion } from '../../../server/src/service/haproxy/features/completion/resolve';
import { contextAt } from './fixtures/featureContext';

/** What travels over JSON-RPC: symbol-keyed describers are dropped. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const CONFIG = [
  'frontend www',
  '    acl is_api path_beg /api',
  '    use_backend ',
  'backend app',
  '    server s1 10.0.0.1:80',
  'backend api',
  '',
].join('\n');
const AFTER_USE_BACKEND = { line: 2, character: 16 };

function newService() {
  const service = createLanguageService({ host: createMemoryHost({}), workspaceRoots: ['/w'] });
  const doc = TextDocument.create('file:///w/haproxy.cfg', 'haproxy', 1, CONFIG);
  return { service, doc };
}

describe('haproxy completion resolve', () => {
  it('sends lists without detail or documentation, at names and at keywords', () => {
    for (const marked of ['frontend www\n    use_backend |\nbackend app\n', 'backend app\n    |\n', 'frontend www\n    http-request |\n']) {
      const { ctx, position } = contextAt(marked);
      const items = doComplete(ctx, position).items;
      assert.ok(items.length > 0, marked);
      for (const item of items) {
        assert.equal(item.documentation, undefined, `${item.label} carries documentation`);
        assert.equal(item.detail, undefined, `${item.label} carries a detail`);
        assert.ok(item.textEdit && item.sortText && item.kind, `${item.label} lacks a list field`);
      }
    }
  });

  it('resolves a name item to its definition and a keyword item to its markdown', () => {
    const { ctx, position } = contextAt('frontend www\n    acl is_api path_beg /api\n    use_backend app if |\nbackend app\n');
    const acl = resolveCompletion(doComplete(ctx, position).items.find((i) => i.label === 'is_api')!);
    assert.match(String(acl.detail), /acl defined on line 2/);
    assert.match((acl.documentation as MarkupContent).value, /acl is_api path_beg \/api/);
    const kw = contextAt('backend app\n    bal|\n');
    const balance = resolveCompletion(doComplete(kw.ctx, kw.position).items.find((i) => i.label === 'balance')!);
    assert.match((balance.documentation as MarkupContent).value, /docs\.haproxy\.org/);
  });

  it('through the service: a small data key survives JSON and resolves to the same text as in-process', () => {
    const { service, doc } = newService();
    const list = service.doComplete(doc, AFTER_USE_BACKEND, DEFAULT_SETTINGS);
    const sent = wire(list);
    assert.deepEqual(sent.items.map((i) => i.label).sort(), ['api', 'app']);
    for (const [k, item] of sent.items.entries()) {
      assert.ok(JSON.stringify(item.data).length < 30, JSON.stringify(item.data));
      const resolved = service.resolveCompletion(item);
      assert.deepEqual(resolved, wire(resolveCompletion(list.items[k])));
      assert.match(String(resolved.detail), /backend defined on line (4|6)/);
    }
  });

  it('keeps the last few lists: an item of an old list comes back unchanged', () => {
    const { service, doc } = newService();
    const first = wire(service.doComplete(doc, AFTER_USE_BACKEND, DEFAULT_SETTINGS)).items[0];
    const second = wire(service.doComplete(doc, AFTER_USE_BACKEND, DEFAULT_SETTINGS)).items[0];
    assert.ok(service.resolveCompletion(first).documentation, 'the previous list still resolves');
    for (let i = 0; i < 10; i++) service.doComplete(doc, AFTER_USE_BACKEND, DEFAULT_SETTINGS);
    assert.deepEqual(service.resolveCompletion(first), first);
    assert.deepEqual(service.resolveCompletion(second), second);
    for (const junk of [{ label: 'x' }, { label: 'x', data: 'str' }, { label: 'x', data: { rl: 'a', ri: 0 } }, { label: 'x', data: null }] as CompletionItem[]) {
      assert.deepEqual(service.resolveCompletion(junk), junk);
    }
  });
});

describe('haproxy warm-up', () => {
  it('builds the version tables without changing any later answer', () => {
    const warm = newService();
    const cold = newService();
    for (const version of ['2.6', '3.2'] as const) warm.service.warmUp({ ...DEFAULT_SETTINGS, haproxyVersion: version });
    const bad = TextDocument.create('file:///w/bad.cfg', 'haproxy', 1, CONFIG + 'backend x\n    frobnicate 1\n    use_backend nowhere\n');
    for (const version of ['2.6', '3.2'] as const) {
      const settings = { ...DEFAULT_SETTINGS, haproxyVersion: version };
      assert.deepEqual(warm.service.doValidation(bad, settings), cold.service.doValidation(bad, settings));
    }
    assert.ok(cold.service.doValidation(bad, DEFAULT_SETTINGS).length >= 2);
  });
});
