import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import { buildNameIndex, type NameSymbol } from '../../../server/src/service/haproxy/features/nameIndex';

const CONFIG = `global
    log ring@buf local0
defaults base
    mode http
    acl internal src 10.0.0.0/8
    http-request deny if !internal
frontend www from base
    bind :80
    acl is_api path_beg /api
    acl is_admin path_beg /admin
    acl auth_ok http_auth(admins)
    http-request auth if is_admin !auth_ok
    use_backend api if is_api || { hdr(host) -m str api.local } or METH_POST
    use_backend %[req.hdr(host),lower]
    use_backend "static"
    default_backend app
    http-request cache-use mycache
    filter cache mycache
    errorfiles myerrors
backend app
    server a1 127.0.0.1:8080 check resolvers dns
    server a2 127.0.0.1:8081 track a1
    server-template web 1-3 127.0.0.1:9000
    use-server a2 if { always_true }
    stick-table type ip size 1m peers mypeers
backend api
    server s1 127.0.0.1:8082 track app/a1
    server s1 127.0.0.1:8083
    http-request set-var(txn.n) nbsrv(app)
    acl up srv_is_up(app/web2)
listen static
    bind :81
    server x 127.0.0.1:1
userlist admins
    user a password x
peers mypeers
    peer p1 127.0.0.1:1024
resolvers dns
    nameserver n1 127.0.0.1:53
cache mycache
    total-max-size 4
http-errors myerrors
    errorfile 503 /dev/null
ring buf
    size 32764
backend app
    server a1 127.0.0.1:1
`;

const lineOf = (s: NameSymbol) => s.range.start.line;
const text = (s: NameSymbol) => CONFIG.split('\n')[s.range.start.line].slice(s.range.start.character, s.range.end.character);

describe('haproxy name index', () => {
  const idx = buildNameIndex(parseHaproxy(CONFIG));

  it('is memoised per parsed document', () => {
    const doc = parseHaproxy(CONFIG);
    assert.equal(buildNameIndex(doc), buildNameIndex(doc));
  });

  it('records proxy definitions (duplicates kept) with the name range', () => {
    const apps = idx.definitions('backend', 'app');
    assert.deepEqual(apps.map(lineOf), [19, 45]);
    assert.equal(text(apps[0]), 'app');
    assert.deepEqual(idx.definitions('backend', 'static').map((d) => d.kind), ['listen']);
    assert.deepEqual(idx.definitions('defaults').map((d) => d.name), ['base']);
  });

  it('resolves use_backend/default_backend and skips dynamic names', () => {
    const refs = idx.references('backend').filter((r) => r.via === 'use_backend' || r.via === 'default_backend');
    assert.deepEqual(refs.map((r) => r.name), ['api', 'static', 'app']);
    const quoted = refs[1];
    assert.equal(text(quoted), 'static');
    assert.equal(idx.resolve(quoted)[0].kind, 'listen');
  });

  it('scopes ACL references to their section and skips anonymous and predefined ACLs', () => {
    const names = idx.references('acl').filter((r) => r.section.name?.value === 'www').map((r) => r.name);
    assert.deepEqual(names, ['is_admin', 'auth_ok', 'is_api']);
    const internal = idx.references('acl', 'internal');
    assert.equal(internal.length, 1);
    assert.equal(idx.resolve(internal[0])[0].section.kind, 'defaults');
    const notRef = idx.references('acl', 'auth_ok')[0];
    assert.equal(text(notRef), 'auth_ok');
  });

  it('resolves servers in the enclosing or named proxy, including server-template names', () => {
    const track = idx.references('server').filter((r) => r.via === 'track');
    assert.deepEqual(track.map((r) => [r.name, r.proxy]), [['a1', undefined], ['a1', 'app']]);
    assert.equal(idx.resolve(track[0])[0].range.start.line, 20);
    assert.deepEqual(idx.resolve(track[1]).map(lineOf), [20, 46]);
    const web2 = idx.references('server', 'web2')[0];
    assert.equal(idx.resolve(web2)[0].name, 'web');
    assert.equal(text(web2), 'web2');
    assert.equal(idx.resolve(idx.references('server', 'a2')[0])[0].range.start.line, 21);
  });

  it('records references to named sections', () => {
    assert.deepEqual(idx.references('userlist').map((r) => r.name), ['admins']);
    assert.deepEqual(idx.references('peers').map((r) => r.name), ['mypeers']);
    assert.deepEqual(idx.references('resolvers').map((r) => r.name), ['dns']);
    assert.deepEqual(idx.references('cache').map((r) => r.via), ['http-request cache-use', 'filter cache']);
    assert.deepEqual(idx.references('http-errors').map((r) => r.name), ['myerrors']);
    assert.deepEqual(idx.references('ring').map(text), ['buf']);
    assert.deepEqual(idx.references('defaults').map((r) => r.name), ['base']);
    assert.equal(idx.references('backend', 'app').filter((r) => r.via === 'nbsrv').length, 1);
    for (const r of idx.symbols.filter((s) => s.role === 'reference')) {
      assert.ok(idx.resolve(r).length > 0, `unresolved ${r.kind} ${r.name} on line ${lineOf(r)}`);
    }
  });

  it('finds the symbol under a position and its related occurrences', () => {
    const s = idx.at({ line: 12, character: 17 });
    assert.equal(s?.name, 'api');
    assert.deepEqual(idx.related(s!).map(lineOf), [12, 25]);
    assert.equal(idx.at({ line: 12, character: 3 }), undefined);
    const def = idx.definitions('acl', 'is_admin')[0];
    assert.deepEqual(idx.referencesTo(def).map(lineOf), [11]);
  });

  it('reports duplicate proxies and servers but not frontend/backend pairs or repeated ACLs', () => {
    const dups = idx.duplicates().map((g) => g.map((d) => `${d.kind}:${d.name}@${lineOf(d)}`));
    assert.deepEqual(dups.sort(), [['backend:app@19', 'backend:app@45'], ['server:s1@26', 'server:s1@27']].sort());
    const fb = buildNameIndex(parseHaproxy('frontend x\nbackend x\nlisten y\nfrontend y\nacl a src 1\n'));
    assert.deepEqual(fb.duplicates().map((g) => g.map((d) => d.kind)), [['listen', 'frontend']]);
  });

  it('does not read a quoted "if" as the start of a condition', () => {
    const i = buildNameIndex(parseHaproxy('frontend f\n  http-request set-header X "if" foo\n'));
    assert.deepEqual(i.references('acl'), []);
  });

  it('leaves an undefined reference unresolved', () => {
    const i = buildNameIndex(parseHaproxy('frontend f\n  use_backend nope if missing\n'));
    assert.equal(i.resolve(i.references('backend', 'nope')[0]).length, 0);
    assert.equal(i.resolve(i.references('acl', 'missing')[0]).length, 0);
  });
});
