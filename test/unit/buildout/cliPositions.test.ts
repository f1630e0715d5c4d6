/**
 * `resolve`/`render` errors carry the position buildout's failure comes from (the `${…}`, the
 * `<=` line, the section header, the `parts` word), in `check`'s `file:line:col: error: … [code]`
 * format, so a problem matcher reads every line. zc.buildout itself prints no position.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCommand } from '../../../server/src/cli/renderCommand';
import { resolveCommand } from '../../../server/src/cli/resolveCommand';
import type { CliIO } from '../../../server/src/cli/io';
import { createMemoryHost } from '../../../server/src/service/common/host';

const PROFILE = [
  '[buildout]', //                              1
  'extends = base.cfg', //                      2
  'parts = conf nosuch', //                     3
  '[conf]', //                                  4
  'recipe = collective.recipe.template', //     5
  'output = /tmp/out', //                       6
  '[uses-b]', //                                7
  'v = ${b:k}', //                              8
  '[noinput]', //                               9
  'recipe = collective.recipe.template', //    10
  'input = ${buildout:directory}/gone.in', //  11
  'output = /tmp/o', //                        12
  '[m1]', //                                   13
  '<= m2', //                                  14
  '[m2]', //                                   15
  '<= m1', //                                  16
  '[norecipe]', //                             17
  'x = 1', //                                  18
  '',
].join('\n');
const BASE = [
  '[b]', //                 1
  'k = 1', //               2
  'c = ${:c2}', //          3
  'c2 = ${:c}', //          4
  '[other]', //             5
  'w = ${nosec:x}', //      6
  'y = ${b:nope}', //       7
  '',
].join('\n');
const FILES = { '/w/buildout.cfg': PROFILE, '/w/base.cfg': BASE };

async function run(cmd: typeof resolveCommand, args: string[], files: Record<string, string> = FILES) {
  let out = '';
  let err = '';
  const io: CliIO = { cwd: '/w', host: createMemoryHost(files), stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
  const code = await cmd(args, io);
  return { code, out, err: err.split('\n').filter(Boolean) };
}

const LINE = /^[^:\s]+:\d+:\d+: error: .+ \[[a-z-]+\]$/;

describe('CLI error positions', () => {
  it('resolve: a circular reference met through another section points at the ${…} in the cycle', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'uses-b', '--no-user-defaults']);
    assert.deepEqual(r.err, ['base.cfg:4:6: error: Circular reference in substitutions. [circular-reference]']);
    assert.equal(r.code, 1);
  });

  it('resolve: every error line has file:line:col and a code', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', '--no-user-defaults']);
    for (const l of r.err) assert.match(l, LINE);
    assert.ok(r.err.includes("base.cfg:6:5: error: The referenced section, 'nosec', was not defined. [undefined-section]"), r.err.join('\n'));
    assert.ok(r.err.includes("buildout.cfg:14:1: error: Infinite extending loop 'm1' [macro-error]"), r.err.join('\n'));
    // buildout stops at `parts`: the listed part without a section, at its word.
    assert.ok(r.err.includes("buildout.cfg:3:14: error: The referenced section, 'nosuch', was not defined. [undefined-part]"), r.err.join('\n'));
  });

  it('resolve --json carries the positions and codes too', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'uses-b', '--json', '--no-user-defaults']);
    const json = JSON.parse(r.out) as { errors: Array<Record<string, unknown>> };
    assert.deepEqual(json.errors, [{ section: 'uses-b', message: 'Circular reference in substitutions.\n', file: '/w/base.cfg', line: 4, column: 6, code: 'circular-reference' }]);
  });

  it('resolve: a part without recipe points at its header', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', '--no-user-defaults'], { ...FILES, '/w/buildout.cfg': PROFILE.replace('parts = conf nosuch', 'parts = norecipe') });
    assert.ok(r.err.includes('buildout.cfg:17:1: error: Missing option: norecipe:recipe [part-without-recipe]'), r.err.join('\n'));
  });

  it('resolve: a section named on the command line that does not exist names the profile at 1:1', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'zz', '--no-user-defaults']);
    assert.deepEqual(r.err, ["buildout.cfg:1:1: error: The referenced section, 'zz', was not defined. [undefined-section]"]);
  });

  it('render: recipe errors point at the section header or the option', async () => {
    const header = await run(renderCommand, ['buildout.cfg', 'conf', '--no-user-defaults']);
    assert.deepEqual(header.err, ['buildout.cfg:4:1: error: No input file, inline template, or URL specified. [template-input-sources]']);
    const input = await run(renderCommand, ['buildout.cfg', 'noinput', '--no-user-defaults']);
    assert.deepEqual(input.err, ["buildout.cfg:11:9: error: Input file '/w/gone.in' does not exist. [missing-template]"]);
    const unknown = await run(renderCommand, ['buildout.cfg', 'zz', '--no-user-defaults']);
    assert.deepEqual(unknown.err, ["buildout.cfg:1:1: error: The referenced section, 'zz', was not defined. [undefined-section]"]);
    assert.equal(unknown.code, 1);
    // A section that renders nothing is a usage error (exit 2), like naming no section among several.
    const notTemplate = await run(renderCommand, ['buildout.cfg', 'uses-b', '--no-user-defaults']);
    assert.match(notTemplate.err[0], /^haproxy-buildout render: section 'uses-b' does not use collective\.recipe\.template/);
    assert.equal(notTemplate.code, 2);
  });
});

describe('resolve reports the template failure bin/buildout stops at', () => {
  it('the handbook typo in the example template fails the haproxy-config part', async () => {
    const { exampleFiles } = await import('./exampleWorkspace');
    const files = exampleFiles();
    let out = '';
    let err = '';
    const io: CliIO = { cwd: '/ws', host: createMemoryHost(files), stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
    const code = await resolveCommand(['buildout.cfg', '--no-user-defaults'], io);
    assert.equal(err, "templates/haproxy.conf.in:6:13: error: The referenced section, 'haproxy-conf', was not defined. [undefined-section]\n");
    assert.match(out, /\[haproxy-config\]/, 'the sections are still printed');
    assert.equal(code, 1);
    const fixed = { ...files, '/ws/templates/haproxy.conf.in': files['/ws/templates/haproxy.conf.in'].replace('haproxy-conf:', 'haproxy-config:') };
    err = '';
    const ok = await resolveCommand(['buildout.cfg', '--no-user-defaults'], { ...io, host: createMemoryHost(fixed) });
    assert.equal(err, '');
    assert.equal(ok, 0);
  });
});

describe('resolve of one template section', () => {
  it('reports the recipe failure of that section with its options', async () => {
    const { exampleFiles } = await import('./exampleWorkspace');
    let out = '';
    let err = '';
    const io: CliIO = { cwd: '/ws', host: createMemoryHost(exampleFiles()), stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
    const code = await resolveCommand(['buildout.cfg', 'haproxy-config', '--no-user-defaults'], io);
    assert.match(err, /^templates\/haproxy\.conf\.in:6:13: error: The referenced section, 'haproxy-conf', was not defined\. \[undefined-section\]\n$/);
    assert.match(out, /^maxconn = 256$/m);
    assert.equal(code, 1);
  });
});
