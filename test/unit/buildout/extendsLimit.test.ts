/**
 * The resolver's size guards on the extends graph (include cap in 3.1 mode, nesting depth) are
 * not missing files: the editor reports them under their own stable code, `extends-limit`, so
 * users can tell them apart (and configure them) from `missing-extends`/`extends-cycle`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

function validate(files: Record<string, string>, path: string) {
  const service = createBuildoutService(createMemoryHost(files), ['/w']);
  return service.validate(TextDocument.create(`file://${path}`, 'buildout', 1, files[path]), settings, never);
}

describe('extends-limit diagnostics', () => {
  it('gives the 3.1 include cap its own code on the root profile', () => {
    const N = 60;
    const files: Record<string, string> = {};
    for (let i = 0; i < N; i++) {
      const ext = i === 0 ? '' : [i - 1, i - 3].filter((j) => j >= 0).map((j) => `f${j}.cfg`).join(' ');
      files[`/w/f${i}.cfg`] = `[buildout]\n${ext ? `extends = ${ext}\n` : ''}parts += p${i}\n[p${i}]\nrecipe = x\n`;
    }
    files['/w/buildout.cfg'] = `[buildout]\nextends = f${N - 1}.cfg\n`;
    const diags = validate(files, '/w/buildout.cfg');
    const cap = diags.find((d) => String(d.message).startsWith('The extends graph expands to more than'));
    assert.ok(cap, diags.map((d) => d.message).join('\n'));
    assert.equal(cap.code, 'extends-limit');
    assert.ok(!diags.some((d) => d.code === 'missing-extends'), 'nothing is missing');
  });

  it('reports extends nested deeper than the resolver follows as extends-limit, not a cycle, on the root', () => {
    const N = 1500;
    const files: Record<string, string> = {};
    for (let i = 0; i < N; i++) files[`/w/d${i}.cfg`] = `[buildout]\n${i + 1 < N ? `extends = d${i + 1}.cfg\n` : ''}x${i} = ${i}\n`;
    files['/w/buildout.cfg'] = `[buildout]\nextends = d0.cfg\nparts =\n`;
    const diags = validate(files, '/w/buildout.cfg');
    assert.ok(!diags.some((d) => d.code === 'extends-cycle'), diags.map((d) => `${d.code}: ${d.message}`).join('\n'));
    const deep = diags.find((d) => d.code === 'extends-limit');
    assert.ok(deep, 'the root profile says the graph was cut: ' + diags.map((d) => `${d.code}: ${d.message}`).join('\n'));
    assert.deepEqual(deep.range.start, { line: 1, character: 10 });
    assert.doesNotMatch(String(deep.message), /Recursive file include/, 'that wording is for real cycles');
    assert.match(String(deep.message), /nested too deep/);
  });

  it('follows a chain as deep as zc.buildout 2.13.2 loads (979 files) and still reports a real cycle as one', () => {
    const N = 979;
    const files: Record<string, string> = {};
    for (let i = 0; i < N; i++) files[`/w/d${i}.cfg`] = `[buildout]\n${i + 1 < N ? `extends = d${i + 1}.cfg\n` : ''}x${i} = ${i}\n`;
    files['/w/buildout.cfg'] = `[buildout]\nextends = d0.cfg\nparts =\n`;
    const diags = validate(files, '/w/buildout.cfg');
    assert.ok(!diags.some((d) => d.code === 'extends-limit' || d.code === 'extends-cycle'), diags.map((d) => `${d.code}: ${d.message}`).join('\n'));
    const cyclic = validate({ '/w/buildout.cfg': '[buildout]\nextends = a.cfg\n', '/w/a.cfg': '[buildout]\nextends = buildout.cfg\n' }, '/w/buildout.cfg');
    const cycle = cyclic.find((d) => d.code === 'extends-cycle');
    assert.ok(cycle, cyclic.map((d) => `${d.code}: ${d.message}`).join('\n'));
    assert.match(String(cycle.message), /Recursive file include/);
  });
});
