/** The `resolve` and `render` CLI subcommands over an in-memory host. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCommand } from '../../../server/src/cli/renderCommand';
import { resolveCommand } from '../../../server/src/cli/resolveCommand';
import type { CliIO } from '../../../server/src/cli/io';
import { createMemoryHost } from '../../../server/src/service/common/host';

const FILES = {
  '/w/buildout.cfg': '[buildout]\nextends = base.cfg\nparts = conf\n[conf]\nrecipe = collective.recipe.template\ninput = ${buildout:directory}/t.in\noutput = /tmp/out\nport = 8080\n',
  '/w/base.cfg': '[inst]\naddr = 127.0.0.1:${:port}\nport = 8081\n[broken]\nv = ${nope:x}\n',
  '/w/t.in': 'bind :${port}\nserver i ${inst:addr}\n',
};

async function run(cmd: typeof resolveCommand, args: string[], files: Record<string, string> = FILES) {
  let out = '';
  let err = '';
  const io: CliIO = { cwd: '/w', host: createMemoryHost(files), stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
  const code = await cmd(args, io);
  return { code, out, err };
}

describe('haproxy-buildout resolve', () => {
  it('prints JSON with sections and errors', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', '--json', '--no-user-defaults']);
    const json = JSON.parse(r.out) as { sections: Record<string, Record<string, string>>; errors: Array<{ section?: string; message: string }> };
    assert.equal(json.sections.inst.addr, '127.0.0.1:8081');
    assert.equal(json.sections.buildout.directory, '/w');
    // With the position of the failing ${…} (1-based) and check's code.
    assert.deepEqual(json.errors, [{ section: 'broken', message: "The referenced section, 'nope', was not defined.", file: '/w/base.cfg', line: 5, column: 5, code: 'undefined-section' }]);
    assert.equal(r.code, 1);
  });

  it('prints one option value', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'inst:addr', '--merge-mode', '2.13']);
    assert.equal(r.out, '127.0.0.1:8081\n');
    assert.equal(r.code, 0);
  });

  it('applies command-line assignments last', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'inst:port=9000', 'inst:addr']);
    assert.equal(r.out, '127.0.0.1:9000\n');
    const rendered = await run(renderCommand, ['buildout.cfg', 'conf:port=1']);
    assert.equal(rendered.out, 'bind :1\nserver i 127.0.0.1:8081\n');
  });

  it('rejects bad arguments', async () => {
    assert.equal((await run(resolveCommand, ['--merge-mode', '4'])).code, 2);
    assert.equal((await run(resolveCommand, [])).code, 2);
  });

  it('reports a missing profile like buildout', async () => {
    const r = await run(resolveCommand, ['nothere.cfg']);
    assert.match(r.err, /Couldn't open \/w\/nothere\.cfg/);
    assert.equal(r.code, 1);
  });
});

describe('haproxy-buildout render', () => {
  it('prints exactly the generated file', async () => {
    const r = await run(renderCommand, ['buildout.cfg']);
    assert.equal(r.out, 'bind :8080\nserver i 127.0.0.1:8081\n');
    assert.equal(r.code, 0);
  });

  it('fails with the recipe error and the template position', async () => {
    const r = await run(renderCommand, ['buildout.cfg', 'conf'], { ...FILES, '/w/t.in': 'a\nexport ${HOME}\n' });
    // `check`'s format: relative to the working directory, 1-based line:col, severity, code.
    assert.equal(r.err, 't.in:2:8: error: Referenced option does not exist: conf HOME [undefined-option]\n');
    assert.equal(r.code, 1);
  });
});
