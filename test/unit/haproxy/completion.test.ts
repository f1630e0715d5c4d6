import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { resolveCompletion } from '../../../server/src/service/haproxy/features/completion/resolve';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';

function complete(marked: string, opts: Parameters<typeof contextAt>[1] = {}) {
  const { ctx, position, text } = contextAt(marked, opts);
  // Detail and documentation come from completionItem/resolve (the list itself is light).
  const items = doComplete(ctx, position).items.map(resolveCompletion);
  const labels = items.map((i) => i.label);
  const pick = (label: string): CompletionItem => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no item '${label}' among: ${labels.slice(0, 40).join(' ')}`);
    return item;
  };
  const resultText = (label: string) => applyEdit(text, pick(label).textEdit as TextEdit);
  return { items, labels, pick, resultText };
}

describe('haproxy completion: statement starts', () => {
  it('offers section headers at column 0 and replaces the typed prefix', () => {
    const c = complete('global\n    daemon\nfront|\n');
    assert.equal(c.resultText('frontend'), 'global\n    daemon\nfrontend \n');
    assert.ok(c.labels.includes('backend'));
    assert.ok(c.pick('frontend').sortText! < c.pick('daemon').sortText!, 'headers sort first at column 0');
  });

  it('offers only keywords allowed in the current section', () => {
    const be = complete('backend app\n    |\n');
    assert.ok(be.labels.includes('balance'));
    assert.ok(!be.labels.includes('bind'), 'bind is not allowed in a backend');
    assert.ok(!be.labels.includes('daemon'), 'global keywords are not offered in a backend');
    const fe = complete('frontend www\n    |\n');
    assert.ok(fe.labels.includes('bind'));
    assert.ok(!fe.labels.includes('balance'));
  });

  it('groups multi-word keywords and completes their next word', () => {
    const first = complete('backend app\n    opt|\n');
    const option = first.pick('option');
    assert.equal(option.command?.command, 'editor.action.triggerSuggest');
    assert.equal(first.resultText('option'), 'backend app\n    option \n');
    const second = complete('backend app\n    option http|\n');
    assert.ok(second.labels.includes('httpchk'));
    assert.equal(second.resultText('httpchk'), 'backend app\n    option httpchk\n');
    const timeouts = complete('defaults\n    timeout |\n');
    assert.ok(timeouts.labels.includes('client') && timeouts.labels.includes('server') && timeouts.labels.includes('connect'));
  });

  it('never offers removed keywords and tags deprecated ones', () => {
    const c = complete('backend app\n    |\n', { version: '3.2' });
    assert.ok(!c.labels.includes('appsession'));
    assert.ok(!c.labels.includes('reqadd'));
    for (const item of c.items) {
      if (item.tags?.includes(CompletionItemTag.Deprecated)) assert.match(String(item.detail), /deprecated/);
    }
  });

  it('gives every item a kind, detail, markdown documentation and a text edit', () => {
    const c = complete('frontend www\n    |\n');
    for (const item of c.items) {
      assert.ok(item.kind, `${item.label} has no kind`);
      assert.ok(item.detail, `${item.label} has no detail`);
      assert.ok(item.textEdit, `${item.label} has no text edit`);
      assert.ok(item.documentation, `${item.label} has no documentation`);
    }
    for (const other of [complete('backend app\n    balance |\n'), complete('backend app\n    option |\n'), complete('global\n    log 127.0.0.1:514 |\n')]) {
      for (const item of other.items) assert.ok(item.documentation && item.detail && item.kind && item.textEdit, `${item.label} lacks a field`);
    }
    const doc = c.pick('bind').documentation as { kind: string; value: string };
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /docs\.haproxy\.org\/3\.2\//);
  });
});

describe('haproxy completion: arguments', () => {
  it('completes enumerated values: balance algorithms and modes', () => {
    const b = complete('backend app\n    balance r|\n');
    assert.equal(b.resultText('roundrobin'), 'backend app\n    balance roundrobin\n');
    assert.ok(b.labels.includes('leastconn'));
    const m = complete('defaults\n    mode |\n');
    assert.ok(m.labels.includes('http') && m.labels.includes('tcp'));
  });

  it('completes actions after http-request', () => {
    const c = complete('frontend www\n    http-request set-h|\n');
    assert.equal(c.resultText('set-header'), 'frontend www\n    http-request set-header\n');
    assert.ok(c.labels.includes('deny'));
  });

  it('completes bind and server options after the address, skipping used ones', () => {
    const bind = complete('frontend www\n    bind :443 |\n');
    assert.ok(bind.labels.includes('ssl'));
    const srv = complete('backend app\n    server s1 10.0.0.1:8080 check |\n');
    assert.ok(!srv.labels.includes('check'), 'check is already used');
    assert.ok(srv.labels.includes('inter'));
    const none = complete('backend app\n    server s1 |\n');
    assert.deepEqual(none.labels, [], 'the address is not completed');
  });

  it('completes backend names after use_backend/default_backend', () => {
    const cfg = 'frontend www\n    default_backend a|\nbackend app\n    server s 1.1.1.1:80\nbackend api\nlisten stats\n';
    const c = complete(cfg);
    assert.deepEqual([...c.labels].sort(), ['api', 'app', 'stats']);
    assert.equal(c.resultText('api').split('\n')[1], '    default_backend api');
    assert.match(String(c.pick('app').detail), /line 3/);
  });

  it('sends a filtered, incomplete list when there are thousands of names', () => {
    const backends = Array.from({ length: 3000 }, (_, i) => `backend be${i}\n    server s 1.1.1.1:80\n`).join('');
    const { ctx, position } = contextAt('frontend www\n    use_backend be12|\n' + backends);
    const list = doComplete(ctx, position);
    assert.equal(list.isIncomplete, true);
    assert.ok(list.items.length <= 1000);
    assert.ok(list.items.some((i) => i.label === 'be12'));
    assert.ok(list.items.some((i) => i.label === 'be1234'));
    assert.ok(!list.items.some((i) => i.label === 'be7'));
  });

  it('completes ACL names and predefined ACLs after if/unless, skipping a leading !', () => {
    const cfg = 'frontend www\n    acl is_api path_beg /api\n    use_backend api if !is|\nbackend api\nfrontend other\n    acl foreign src 1.2.3.4\n';
    const c = complete(cfg);
    assert.ok(c.labels.includes('is_api'));
    assert.ok(!c.labels.includes('foreign'), 'ACLs of another proxy are not visible');
    assert.ok(c.labels.includes('TRUE'));
    assert.equal(c.resultText('is_api').split('\n')[2], '    use_backend api if !is_api');
  });

  it('completes fetches in ACLs and anonymous ACLs, converters after a comma', () => {
    const acl = complete('frontend www\n    acl a pa|\n');
    assert.ok(acl.labels.includes('path'));
    assert.equal(acl.resultText('path').split('\n')[1], '    acl a path');
    const anon = complete('frontend www\n    http-request deny if { |\n');
    assert.ok(anon.labels.includes('src'));
    const conv = complete('frontend www\n    acl h req.hdr(host),low|\n');
    assert.ok(conv.labels.includes('lower'));
    assert.equal(conv.resultText('lower').split('\n')[1], '    acl h req.hdr(host),lower');
  });

  it('completes inside %[…] in a quoted log-format string', () => {
    const f = complete('frontend www\n    log-format "%ci %[sr|"\n');
    assert.equal(f.resultText('src').split('\n')[1], '    log-format "%ci %[src"');
    const c = complete('frontend www\n    http-request set-header X-Host "%[req.hdr(host),|]"\n');
    assert.ok(c.labels.includes('lower'));
    assert.ok(!c.labels.includes('src'));
  });

  it('completes servers after track and names after resolvers / fetch arguments', () => {
    const cfg = 'backend app\n    server a1 10.0.0.1:80 check\n    server a2 10.0.0.2:80 track |\nbackend other\n    server o1 10.0.0.3:80\nresolvers dns\n    nameserver n 1.1.1.1:53\nuserlist admins\n';
    const t = complete(cfg);
    assert.ok(t.labels.includes('a1'));
    assert.ok(t.labels.includes('other/o1'));
    const r = complete(cfg.replace('track |', 'resolvers |'));
    assert.deepEqual(r.labels, ['dns']);
    const u = complete(cfg.replace('    server a2 10.0.0.2:80 track |', '    acl ok http_auth(|)'));
    assert.deepEqual(u.labels, ['admins']);
  });

  it('completes log targets, ring names, facilities and levels', () => {
    const cfg = 'global\n    log |\nring buf\n    size 32764\n';
    assert.ok(complete(cfg).labels.includes('ring@buf'));
    const ring = complete(cfg.replace('log |', 'log ring@b|'));
    assert.deepEqual(ring.labels, ['buf']);
    assert.equal(ring.resultText('buf').split('\n')[1], '    log ring@buf');
    assert.ok(complete(cfg.replace('log |', 'log 127.0.0.1:514 |')).labels.includes('local0'));
    const level = complete(cfg.replace('log |', 'log 127.0.0.1:514 local0 |'));
    assert.ok(level.labels.includes('notice'));
    assert.ok(!level.labels.includes('local0'));
  });

  it('offers defaults names after "from" on a proxy header', () => {
    const c = complete('defaults base\n    mode http\nfrontend www from |\n');
    assert.deepEqual(c.labels, ['base']);
  });
});

describe('haproxy completion: where it stays quiet', () => {
  it('returns nothing inside a comment or inside a buildout substitution', () => {
    assert.deepEqual(complete('frontend www\n    # opt|\n').labels, []);
    assert.deepEqual(complete('frontend www\n    bind ${haproxy:addr|}\n', { isTemplate: true }).labels, []);
    assert.deepEqual(complete('frontend www\n    bind ${hap|\n', { isTemplate: true }).labels, []);
  });

  it('still completes HAProxy words next to a closed substitution in a template', () => {
    const c = complete('backend app\n    server s1 ${instance:address} |\n', { isTemplate: true });
    assert.ok(c.labels.includes('check'));
  });
});
