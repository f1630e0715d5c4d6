/**
 * zc.buildout stops at the first broken file anywhere in the extends graph (a missing file, a
 * cycle, a parse error). The profile the user has open must say so on the extends entry that
 * leads there, even when the broken file is not open.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings, never } from './exampleWorkspace';

function validate(files: Record<string, string>, path: string) {
  const service = createBuildoutService(createMemoryHost(files), ['/w']);
  return service.validate(TextDocument.create(`file://${path}`, 'buildout', 1, files[path]), settings, never)
    .map((d) => ({ code: d.code, line: d.range.start.line, character: d.range.start.character, message: String(d.message) }));
}

describe('errors deeper in the extends graph', () => {
  it('an extends cycle between two extended files shows on the root entry', () => {
    const files = {
      '/w/buildout.cfg': '[buildout]\nextends = base.cfg cyc1.cfg\nparts =\n',
      '/w/base.cfg': '[x]\na = 1\n',
      '/w/cyc1.cfg': '[buildout]\nextends = cyc2.cfg\n',
      '/w/cyc2.cfg': '[buildout]\nextends = cyc1.cfg\n',
    };
    const d = validate(files, '/w/buildout.cfg');
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.equal(d[0].code, 'extends-cycle');
    assert.deepEqual([d[0].line, d[0].character], [1, 19], 'on cyc1.cfg, not base.cfg');
    assert.match(d[0].message, /cyc2\.cfg:2/);
    assert.match(d[0].message, /Recursive file include/);
    // The extended file in the middle says it too (its entry leads to the cycle).
    const mid = validate(files, '/w/cyc1.cfg');
    assert.deepEqual(mid.map((x) => x.code), ['extends-cycle']);
  });

  it('a missing file and a parse error two levels down show on the root entry with their codes', () => {
    const files = {
      '/w/buildout.cfg': '[buildout]\nextends =\n    a.cfg\n    b.cfg\nparts =\n',
      '/w/a.cfg': '[buildout]\nextends = gone.cfg\n',
      '/w/b.cfg': '[buildout]\nextends = c.cfg\n',
      '/w/c.cfg': '[x]\nnot an option line\n',
    };
    const d = validate(files, '/w/buildout.cfg');
    const missing = d.find((x) => x.code === 'missing-extends');
    assert.ok(missing, JSON.stringify(d));
    assert.deepEqual([missing.line, missing.character], [2, 4]);
    assert.match(missing.message, /gone\.cfg/);
    const parse = d.find((x) => x.code === 'parse-error');
    assert.ok(parse, JSON.stringify(d));
    assert.deepEqual([parse.line, parse.character], [3, 4]);
    assert.match(parse.message, /c\.cfg:2/);
    assert.match(parse.message, /File contains parsing errors/);
  });

  it('a clean graph gives nothing', () => {
    const d = validate({ '/w/buildout.cfg': '[buildout]\nextends = a.cfg\nparts =\n', '/w/a.cfg': '[buildout]\nextends = b.cfg\n', '/w/b.cfg': '[y]\nz = 1\n' }, '/w/buildout.cfg');
    assert.deepEqual(d, []);
  });
});
