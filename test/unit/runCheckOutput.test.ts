import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckOutput, significantFindings } from '../../server/src/node/haproxy/checkOutput';
import { locateFindings, mapThroughTemplate } from '../../server/src/node/haproxy/locateFindings';
import { inferLineMap, templateLinePattern } from '../../server/src/node/haproxy/lineMap';
import { classifyFailure } from '../../server/src/node/haproxy/startErrors';
import { parseVersionOutput } from '../../server/src/node/haproxy/binary';
import { parseShowProc } from '../../server/src/node/haproxy/masterCli';

// Output captured from Debian's haproxy 2.6.12 (`haproxy -c -f …`).
const BANNER = '[NOTICE]   (6378) : haproxy version is 2.6.12-1+deb12u4\n[NOTICE]   (6378) : path to executable is /usr/sbin/haproxy\n';

describe('haproxy -c output parser', () => {
  it('locates an unknown keyword and drops the banner and summary lines', () => {
    const out = BANNER +
      "[ALERT]    (6378) : config : parsing [a.cfg:12] : unknown keyword 'frobnicate' in 'frontend' section\n" +
      '[ALERT]    (6378) : config : Error(s) found in configuration file : a.cfg\n' +
      '[ALERT]    (6378) : config : Fatal errors found in configuration.\n';
    const all = parseCheckOutput(out, ['a.cfg']);
    assert.equal(all.length, 5);
    const probs = significantFindings(all);
    assert.equal(probs.length, 1);
    assert.equal(probs[0].severity, 'error');
    assert.equal(probs[0].file, 'a.cfg');
    assert.equal(probs[0].line, 12);
    assert.equal(probs[0].message, "unknown keyword 'frobnicate' in 'frontend' section");
  });

  it('reads line-less missing backend errors with proxy, keyword and target', () => {
    const out = BANNER +
      "[ALERT]    (6486) : config : Proxy 'fe': unable to find required default_backend: 'nosuch'.\n" +
      "[ALERT]    (6486) : config : Proxy 'fe': unable to find required use_backend: 'nosuch2'.\n";
    const [a, b] = significantFindings(parseCheckOutput(out));
    assert.equal(a.line, undefined);
    assert.deepEqual([a.proxy, a.keyword, a.target], ['fe', 'default_backend', 'nosuch']);
    assert.deepEqual([b.proxy, b.keyword, b.target], ['fe', 'use_backend', 'nosuch2']);
  });

  it('joins "   | " continuation lines to their warning and names the proxy', () => {
    const out = BANNER +
      "[WARNING]  (6383) : config : missing timeouts for frontend 'fe'.\n" +
      '   | While not properly invalid, you will certainly encounter various problems\n' +
      '   | with such a configuration. To fix this, please ensure that all following\n' +
      "   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.\n" +
      "[WARNING]  (6383) : config : missing timeouts for backend 'be'.\n" +
      '   | While not properly invalid, you will certainly encounter various problems\n' +
      'Warnings were found.\nConfiguration file is valid\n';
    const probs = significantFindings(parseCheckOutput(out));
    assert.equal(probs.length, 2);
    assert.equal(probs[0].severity, 'warning');
    assert.equal(probs[0].proxy, 'fe');
    assert.equal(probs[0].message.split('\n').length, 4);
    assert.match(probs[0].message, /timeouts are set to a non-zero value/);
    assert.equal(probs[1].proxy, 'be');
  });

  it('handles the missing-LF alert, a doubled location and the caret echo lines', () => {
    const out =
      '[ALERT]    (1) : config : parsing [nolf.cfg:2]: Missing LF on last line, file might have been truncated at position 12.\n' +
      "[ALERT]    (1) : config : [s.cfg:13] : parsing [s.cfg:13] : 'server' not allowed because frontend 'fe' has no backend capability.\n" +
      '[ALERT]    (1) : config : parsing [d.cfg:8]: unmatched brace in environment variable name at position 12:\n' +
      '  bind "${haproxy:ip}:18080"\n' +
      '         ^\n';
    const [lf, srv, brace] = parseCheckOutput(out);
    assert.deepEqual([lf.file, lf.line], ['nolf.cfg', 2]);
    assert.match(lf.message, /^Missing LF on last line/);
    assert.equal(srv.line, 13);
    assert.match(srv.message, /^'server' not allowed/);
    assert.equal(brace.line, 8);
    assert.equal(brace.text.split('\n').length, 3, 'caret lines stay with their alert');
  });

  it('prefers a known config file over an address in brackets', () => {
    const [f] = parseCheckOutput('[ALERT]    (9) : Binding [p.cfg:7] for frontend fe: cannot bind socket (Address already in use) for [127.0.0.1:18090]\n', ['p.cfg']);
    assert.deepEqual([f.file, f.line], ['p.cfg', 7]);
    const [g] = parseCheckOutput('[ALERT]    (9) : Server be/s1 at [127.0.0.1:8080] is DOWN\n', ['p.cfg']);
    assert.equal(g.file, '127.0.0.1', 'without a known file the first match is taken');
  });

  it('never throws on garbage and keeps unknown lines as notices', () => {
    const f = parseCheckOutput('random text\n\u0000\n[ALERT] broken prefix\n');
    assert.ok(f.every((x) => x.severity === 'notice'));
    assert.equal(significantFindings(f).length, 0);
  });
});

describe('placing findings in the config', () => {
  const cfg = [
    'defaults',
    '    mode http',
    'frontend fe',
    '    bind 127.0.0.1:18080',
    '    default_backend nosuch',
    '    use_backend nosuch2 if { path_beg /x }',
    '    frobnicate now',
    'backend be',
    '    server s1 127.0.0.1:1',
    '',
  ].join('\n');

  it('narrows a reported line to the quoted word', () => {
    const f = parseCheckOutput("[ALERT]    (1) : config : parsing [x.cfg:7] : unknown keyword 'frobnicate' in 'frontend' section\n");
    const [loc] = locateFindings(f, cfg, 'x.cfg');
    assert.deepEqual([loc.line, loc.startColumn, loc.endColumn, loc.placement], [6, 4, 14, 'reported']);
  });

  it('puts line-less backend errors on the referencing line of the proxy', () => {
    const f = parseCheckOutput(
      "[ALERT]    (1) : config : Proxy 'fe': unable to find required default_backend: 'nosuch'.\n" +
        "[ALERT]    (1) : config : Proxy 'fe': unable to find required use_backend: 'nosuch2'.\n" +
        "[WARNING]  (1) : config : missing timeouts for backend 'be'.\n",
    );
    const [a, b, c] = locateFindings(f, cfg, 'x.cfg');
    assert.deepEqual([a.line, cfg.split('\n')[a.line].slice(a.startColumn, a.endColumn), a.placement], [4, 'nosuch', 'proxy']);
    assert.deepEqual([b.line, cfg.split('\n')[b.line].slice(b.startColumn, b.endColumn)], [5, 'nosuch2']);
    assert.deepEqual([c.line, cfg.split('\n')[c.line].slice(c.startColumn, c.endColumn)], [7, 'be']);
  });

  it('ignores findings about another file', () => {
    const f = parseCheckOutput("[ALERT]    (1) : config : parsing [other.cfg:2] : unknown keyword 'x' in 'global' section\n");
    assert.equal(locateFindings(f, cfg, 'x.cfg').length, 0);
  });
});

describe('template line maps', () => {
  const template = [
    'global',
    '    maxconn ${haproxy-conf:maxconn}',
    'frontend fe',
    '    bind ${frontend-host}:${frontend-port}',
    '    ${extra-lines}',
    '    default_backend zope',
    'backend zope',
    '    server i1 ${instance1:http-address} check',
    '',
  ].join('\n');
  const rendered = [
    'global',
    '    maxconn 256',
    'frontend fe',
    '    bind 127.0.0.1:8001',
    '    option httplog',
    'log 127.0.0.1 local0',
    'monitor-uri /ping',
    '    default_backend zope',
    'backend zope',
    '    server i1 127.0.0.1:8081 check',
    '',
  ].join('\n');

  it('aligns rendered lines, multi-line values included', () => {
    assert.deepEqual(inferLineMap(template, rendered), [0, 1, 2, 3, 4, 4, 4, 5, 6, 7, 8]);
  });

  it('aligns $${…} whether the recipe keeps it (slapos) or substitutes after the $ (collective)', () => {
    const t = ['frontend fe', '    http-request set-var(txn.x) str("$${HOME}")', '    bind ${h:p}', 'backend b', ''].join('\n');
    const slapos = ['frontend fe', '    http-request set-var(txn.x) str("${HOME}")', '    bind :80', 'backend b', ''].join('\n');
    const collective = ['frontend fe', '    http-request set-var(txn.x) str("$/root")', '    bind :80', 'backend b', ''].join('\n');
    assert.deepEqual(inferLineMap(t, slapos), [0, 1, 2, 3, 4]);
    assert.deepEqual(inferLineMap(t, collective), [0, 1, 2, 3, 4]);
    assert.equal(templateLinePattern('    str("$${HOME}")').exact.test('    str("/root")'), false, 'the $ itself stays');
  });

  it('maps a finding to the template line, keeping columns only on verbatim lines', () => {
    const located = locateFindings(
      parseCheckOutput(
        "[ALERT]    (1) : config : parsing [r.cfg:7] : unknown keyword 'monitor-uri' in 'frontend' section\n" +
          "[ALERT]    (1) : config : parsing [r.cfg:8] : unknown keyword 'default_backend' in 'frontend' section\n" +
          "[WARNING]  (1) : config : parsing [r.cfg:10] : a line the template did not produce\n",
      ),
      rendered,
      'r.cfg',
    );
    const map = inferLineMap(template, rendered);
    map[9] = -1; // as for the lines of a stats listener we append
    const mapped = mapThroughTemplate(located, map, rendered, template);
    assert.equal(mapped[0].line, 4);
    assert.equal(mapped[0].startColumn, 4, 'whole template line when the text differs');
    assert.equal(mapped[0].endColumn, '    ${extra-lines}'.length);
    assert.deepEqual([mapped[1].line, mapped[1].startColumn, mapped[1].endColumn], [5, 4, 19]);
    assert.equal(mapped[2].unmapped, true, 'a line without template origin is flagged, not lost');
    assert.match(mapped[2].message, /generated line 10/);
  });
});

describe('start failures, versions, show proc', () => {
  it('recognises address in use and a privileged port', () => {
    const inUse = classifyFailure(
      ['[ALERT]    (6532) : Binding [p.cfg:7] for frontend fe: cannot bind socket (Address already in use) for [127.0.0.1:18090]'],
      { code: 1 },
    );
    assert.equal(inUse.kind, 'address-in-use');
    assert.equal(inUse.address, '127.0.0.1:18090');
    const perm = classifyFailure(
      ['[ALERT]    (1) : Binding [p.cfg:7] for frontend fe: cannot bind socket (Permission denied) for [0.0.0.0:80]'],
      { code: 1 },
    );
    assert.equal(perm.kind, 'permission-denied');
    assert.match(perm.message, /port ≥ 1024 \(e\.g\. 8080\)/);
  });

  it('explains a worker that cannot drop to the user/group of global (captured as nobody)', () => {
    const f = classifyFailure([
      '[NOTICE]   (11711) : New worker (11713) forked',
      '[NOTICE]   (11711) : Loading success.',
      '[ALERT]    (11713) : [/usr/sbin/haproxy.main()] Cannot set gid 105.',
      '[WARNING]  (11711) : Current worker (11713) exited with code 1 (Exit)',
      '[ALERT]    (11711) : exit-on-failure: killing every processes with SIGTERM',
      '[WARNING]  (11711) : All workers exited. Exiting... (1)',
    ], { code: 1 });
    assert.equal(f.kind, 'permission-denied');
    assert.match(f.message, /cannot switch to the group set in 'global' \(gid 105\).*Remove them for a local run/);
  });

  it('reports config errors, then the exit code and last lines', () => {
    const cfg = classifyFailure(["[ALERT]    (1) : config : parsing [g.cfg:15] : unknown keyword 'frob' in 'listen' section"], { code: 1 });
    assert.equal(cfg.kind, 'config');
    assert.match(cfg.message, /line 15.*frob/);
    const crash = classifyFailure(['[NOTICE]   (1) : New worker (2) forked', 'something odd'], { code: null, signal: 'SIGSEGV' });
    assert.equal(crash.kind, 'exited');
    assert.match(crash.message, /killed by SIGSEGV[\s\S]*something odd/);
  });

  it('parses haproxy -v and show proc', () => {
    assert.deepEqual(parseVersionOutput('HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/\n'), {
      full: '2.6.12-1+deb12u4', branch: '2.6', major: 2, minor: 6,
    });
    assert.equal(parseVersionOutput('bash: haproxy: command not found'), undefined);
    const p = parseShowProc(
      '#<PID>          <type>          <reloads>       <uptime>        <version>      \n' +
        '7425            master          2 [failed: 1]   0d00h00m02s     2.6.12-1+deb12u4\n# workers\n' +
        '7518            worker          1               0d00h00m01s     2.6.12-1+deb12u4\n# programs\n\n',
    );
    assert.deepEqual([p.master?.pid, p.master?.reloads, p.master?.failedReloads], [7425, 2, 1]);
    assert.deepEqual(p.workers.map((w) => w.pid), [7518]);
  });
});
