import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatsCsv, parseStatsJson, normaliseState } from '../../server/src/node/haproxy/stats';
import { findStatsEndpoints, prepareConfig, DEFAULT_STATS_URI } from '../../server/src/node/haproxy/configPrep';
import { parseHaproxy } from '../../server/src/service/haproxy/parser/parser';

// A `;csv` answer of haproxy 2.6.12, trimmed to the columns up to `status` plus a few more
// (the parser looks columns up by name, so fewer columns must work as well).
const CSV = [
  '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,addr,',
  'fe,FRONTEND,,,3,7,9980,42,0,0,0,0,2,,,,,OPEN,,,,,,,,,1,1,0,,,,0,0,0,0,,,',
  'zope,instance1,0,0,1,2,2,20,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,12,0,,1,2,1,,0,,2,0,,0,L7OK,127.0.0.1:8081,',
  'zope,instance2,0,0,0,1,2,9,0,0,,0,,4,1,0,0,DOWN,1,1,0,3,1,5,5,,1,2,2,,0,,2,0,,0,L4CON,127.0.0.1:8082,',
  'zope,instance3,0,0,0,0,2,0,0,0,,0,,0,0,0,0,MAINT,1,1,0,0,0,5,5,,1,2,3,,0,,2,0,,0,,127.0.0.1:8083,',
  'zope,BACKEND,0,0,1,3,998,29,0,0,0,0,,4,1,0,0,UP,2,2,0,,0,12,0,,1,2,0,,0,,1,0,,0,,,',
  '',
].join('\n');

describe('stats CSV and JSON', () => {
  it('groups frontends, backends and servers with states, sessions and errors', () => {
    const s = parseStatsCsv(CSV);
    assert.deepEqual(s.frontends.map((f) => [f.proxy, f.state, f.sessions.current, f.sessions.total, f.errors.request]), [
      ['fe', 'OPEN', 3, 42, 2],
    ]);
    assert.equal(s.backends.length, 1);
    const be = s.backends[0];
    assert.equal(be.row.state, 'UP');
    assert.deepEqual(be.servers.map((x) => [x.name, x.state, x.checkStatus, x.address]), [
      ['instance1', 'UP', 'L7OK', '127.0.0.1:8081'],
      ['instance2', 'DOWN', 'L4CON', '127.0.0.1:8082'],
      ['instance3', 'MAINT', undefined, '127.0.0.1:8083'],
    ]);
    assert.deepEqual(be.servers[1].errors, { request: 0, connection: 4, response: 1 });
    assert.equal(be.servers[0].sessions.limit, 2);
  });

  it('rejects a page that is not the CSV', () => {
    assert.throws(() => parseStatsCsv('<html>Statistics Report</html>'), /no "# pxname/);
  });

  it('normalises composite states', () => {
    assert.equal(normaliseState('DOWN 1/2'), 'DOWN');
    assert.equal(normaliseState('MAINT (via zope/instance1)'), 'MAINT');
    assert.equal(normaliseState('no check'), 'no check');
    assert.equal(normaliseState('???'), 'unknown');
  });

  it('reads the typed JSON form', () => {
    const f = (objType: string, proxyId: number, id: number, name: string, value: unknown) => ({
      objType, proxyId, id, field: { pos: 0, name }, processNum: 1, tags: {}, value: { type: 'str', value },
    });
    const json = JSON.stringify([[
      f('Frontend', 2, 0, 'pxname', 'fe'), f('Frontend', 2, 0, 'svname', 'FRONTEND'), f('Frontend', 2, 0, 'status', 'OPEN'), f('Frontend', 2, 0, 'scur', 5),
      f('Backend', 3, 0, 'pxname', 'be'), f('Backend', 3, 0, 'svname', 'BACKEND'), f('Backend', 3, 0, 'status', 'DOWN'),
      f('Server', 3, 1, 'pxname', 'be'), f('Server', 3, 1, 'svname', 's1'), f('Server', 3, 1, 'status', 'DOWN'), f('Server', 3, 1, 'econ', 7),
    ]]);
    const s = parseStatsJson(json);
    assert.deepEqual(s.frontends.map((x) => [x.proxy, x.sessions.current]), [['fe', 5]]);
    assert.deepEqual(s.backends.map((b) => [b.row.proxy, b.row.state, b.servers.map((x) => [x.name, x.errors.connection])]), [
      ['be', 'DOWN', [['s1', 7]]],
    ]);
  });
});

describe('finding and adding the stats page', () => {
  it('finds the seed-style stats on the frontend, with defaults and a wildcard bind', () => {
    const eps = findStatsEndpoints([
      'defaults', '  mode http', '  stats enable', '  stats uri /haproxy-status',
      'frontend zeocluster', '  bind :8001', '  default_backend zope',
      'backend zope', '  server i1 127.0.0.1:8081', '',
    ].join('\n'));
    assert.deepEqual(eps.map((e) => [e.url, e.section, e.line]), [['http://127.0.0.1:8001/haproxy-status', 'zeocluster', 4]]);
  });

  it('uses the default URI, skips tcp mode and ssl binds, keeps stats auth', () => {
    const eps = findStatsEndpoints([
      'listen tcpstats', '  mode tcp', '  bind 127.0.0.1:9000', '  stats enable',
      'listen s', '  bind 127.0.0.1:9443 ssl crt /x.pem', '  bind [::1]:9001', '  stats auth admin:secret', '',
    ].join('\n'));
    assert.deepEqual(eps.map((e) => [e.url, e.auth]), [[`http://[::1]:9001${DEFAULT_STATS_URI}`, 'admin:secret']]);
  });

  it('follows default_backend to a backend that serves stats', () => {
    const eps = findStatsEndpoints(['frontend f', '  bind 127.0.0.2:8404', '  default_backend st', 'backend st', '  stats uri /s', ''].join('\n'));
    assert.deepEqual(eps.map((e) => e.url), ['http://127.0.0.2:8404/s']);
  });

  it('leaves a config with stats alone', () => {
    const text = 'listen st\n  bind 127.0.0.1:1\n  stats uri /st\n';
    const p = prepareConfig(text, { addStatsListener: true, freePort: 1234 });
    assert.equal(p.text, text);
    assert.equal(p.stats?.added, false);
  });

  it('appends a loopback listener (also after a last line without LF) and says so', () => {
    const text = 'frontend fe\n  bind :80\n  default_backend be\nbackend vscode-haproxy-stats\n  server s 127.0.0.1:1';
    const p = prepareConfig(text, { addStatsListener: true, freePort: 40123 });
    assert.equal(p.stats?.url, 'http://127.0.0.1:40123/stats');
    assert.equal(p.stats?.added, true);
    assert.match(p.notes[0], /added listener 'vscode-haproxy-stats-2' on http:\/\/127\.0\.0\.1:40123\/stats/);
    const doc = parseHaproxy(p.text);
    const added = doc.sections.find((s) => s.name?.value === 'vscode-haproxy-stats-2');
    assert.ok(added);
    assert.equal(added.startLine, p.stats?.line);
    const binds = added.body.filter((s) => s.tokens[0]?.value === 'bind').map((s) => s.tokens[1].value);
    assert.deepEqual(binds, ['127.0.0.1:40123']);
    assert.ok(p.text.startsWith(text + '\n'), 'original lines unchanged, so line numbers still match');
    assert.equal(p.addedFromLine, 5);
    assert.deepEqual(findStatsEndpoints(p.text).map((e) => e.url), ['http://127.0.0.1:40123/stats']);
  });

  it('adds nothing when the setting is off', () => {
    const p = prepareConfig('frontend fe\n  bind :80\n', { addStatsListener: false, freePort: 1 });
    assert.equal(p.stats, undefined);
    assert.match(p.notes[0], /addStatsListener is off/);
  });
});
