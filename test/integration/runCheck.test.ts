/**
 * `haproxy -c` with the real binary: the messages are parsed and placed on the right lines,
 * including through a template line map. Skipped when /usr/sbin/haproxy is absent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCheck } from '../../server/src/node/haproxy/checkRunner';
import { locateFindings, mapThroughTemplate } from '../../server/src/node/haproxy/locateFindings';
import { inferLineMap } from '../../server/src/node/haproxy/lineMap';
import { HAPROXY, SKIP_NO_HAPROXY, tempDir } from './runHelpers';

const TIMEOUTS = ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s'];

describe('haproxy -c diagnostics (real haproxy)', { skip: SKIP_NO_HAPROXY, timeout: 30_000 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  before(() => (tmp = tempDir()));
  after(() => tmp.cleanup());

  async function check(name: string, text: string) {
    const file = path.join(tmp.dir, name);
    writeFileSync(file, text);
    const result = await runCheck(HAPROXY, file, { cwd: tmp.dir });
    return { result, located: locateFindings(result.findings, text, file), lines: text.split('\n') };
  }

  it('accepts a valid config (exit 0) with no problems', async () => {
    const { result } = await check('ok.cfg', [...TIMEOUTS, 'frontend fe', '    bind 127.0.0.1:1', ''].join('\n'));
    assert.deepEqual([result.exitCode, result.valid, result.problems.length], [0, true, 0]);
  });

  it('places an unknown keyword on its line and word', async () => {
    const { result, located, lines } = await check('unknown.cfg', ['global', '    maxconn 10', '    frobnicate on', ''].join('\n'));
    assert.equal(result.valid, false);
    assert.equal(located.length, 1);
    assert.equal(located[0].severity, 'error');
    assert.equal(lines[located[0].line].slice(located[0].startColumn, located[0].endColumn), 'frobnicate');
    assert.match(located[0].message, /unknown keyword 'frobnicate' in 'global' section/);
  });

  it('puts line-less missing backends on the default_backend / use_backend line of the proxy', async () => {
    const text = [...TIMEOUTS, 'frontend fe', '    bind 127.0.0.1:1', '    use_backend nosuch2 if { path_beg /x }',
      '    default_backend nosuch', 'backend be', '    server s 127.0.0.1:2', ''].join('\n');
    const { result, located, lines } = await check('missing.cfg', text);
    assert.equal(result.valid, false);
    const errs = located.filter((l) => l.severity === 'error');
    assert.deepEqual(errs.map((e) => [lines[e.line].trim(), lines[e.line].slice(e.startColumn, e.endColumn), e.placement]), [
      ['default_backend nosuch', 'nosuch', 'proxy'],
      ['use_backend nosuch2 if { path_beg /x }', 'nosuch2', 'proxy'],
    ]);
  });

  it('keeps multi-line warnings whole and places them on the proxy header (valid, exit 0)', async () => {
    const text = ['frontend fe', '    bind 127.0.0.1:1', '    default_backend be', 'backend be', '    server s 127.0.0.1:2', ''].join('\n');
    const { result, located } = await check('timeouts.cfg', text);
    assert.equal(result.exitCode, 0);
    const warns = located.filter((l) => l.severity === 'warning');
    assert.deepEqual(warns.map((w) => w.line), [0, 3]);
    assert.ok(warns.every((w) => w.message.split('\n').length >= 3 && /non-zero value/.test(w.message)));
  });

  it('reports the missing LF on the last line', async () => {
    const { result, located } = await check('nolf.cfg', 'global\n    maxconn 1');
    assert.equal(result.valid, false);
    assert.equal(located[0].line, 1);
    assert.match(located[0].message, /Missing LF on last line/);
  });

  it('maps findings in a rendered template back to the template lines', async () => {
    const template = ['global', '    maxconn ${haproxy-config:maxconn}', '', ...TIMEOUTS.slice(0), '', 'frontend zeocluster',
      '    bind ${haproxy-config:frontend-host}:${haproxy-config:frontend-port}', '    ${haproxy-config:extra}',
      '    default_backend zope', '', 'backend zope', '    balance roundrobin', '    server instance1 ${instance1:http-address} check', ''].join('\n');
    // What collective.recipe.template would write (the `extra` option spans two lines).
    const rendered = template
      .replace('${haproxy-config:maxconn}', '256')
      .replace('${haproxy-config:frontend-host}:${haproxy-config:frontend-port}', '127.0.0.1:8001')
      .replace('    ${haproxy-config:extra}', '    option httplog\n    appsession __ac len 32 timeout 1d')
      .replace('${instance1:http-address}', '127.0.0.1:8081')
      .replace('balance roundrobin', 'balance roundrobinx');
    const { result, located } = await check('rendered.cfg', rendered);
    assert.equal(result.valid, false);
    const mapped = mapThroughTemplate(located, inferLineMap(template, rendered), rendered, template);
    const tLines = template.split('\n');
    const byLine = mapped.map((m) => [tLines[m.line].trim(), m.unmapped]);
    assert.deepEqual(byLine, [
      ['${haproxy-config:extra}', false],
      ['balance roundrobin', false],
    ]);
    assert.match(mapped[0].message, /appsession/);
    assert.match(mapped[1].message, /balance only supports/);
  });
});
