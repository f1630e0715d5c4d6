import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBuildout } from '../../../server/src/service/buildout/parser/parser';
import { postProcessValue, pyRepr } from '../../../server/src/service/buildout/parser/pyText';

describe('buildout parser', () => {
  it('keeps operators, keys and positions', () => {
    const f = parseBuildout('[buildout]\nparts += a\n  b\n=> dep\n[m]\n<= base\n', '/p/b.cfg');
    const [b, m] = f.sections;
    assert.equal(b.name, 'buildout');
    assert.deepEqual(b.nameRange, { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } });
    const parts = b.options[0];
    assert.equal(parts.key, 'parts +');
    assert.equal(parts.name, 'parts');
    assert.equal(parts.operator, '+=');
    assert.equal(parts.value, 'a\nb');
    assert.equal(parts.endLine, 2);
    assert.deepEqual(parts.valueRanges[1], { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } });
    assert.equal(b.options[1].key, '<part-dependencies>');
    assert.equal(m.options[0].operator, '<=');
    assert.equal(m.options[0].key, '<');
  });

  it('treats only column-0 # and ; as comments', () => {
    const f = parseBuildout('[s]\nparts = a # b\nblock =\n    x\n    # y\n# z\n', '/p/b.cfg');
    assert.equal(f.sections[0].options[0].value, 'a # b');
    assert.equal(f.sections[0].options[1].value, 'x\n# y');
  });

  it('applies block mode whitespace rules', () => {
    assert.equal(postProcessValue('\n    a\n      b\n\n    c'), 'a\n  b\n\nc');
    const f = parseBuildout('[s]\nx = a\n   \n   b\n', '/p/b.cfg');
    assert.equal(f.sections[0].options[0].value, 'a\nb');
  });

  it('reports parse errors with buildout wording', () => {
    const f = parseBuildout('[buildout]\nparts =\nfoo\n', '/p/b.cfg');
    assert.equal(f.fatalError, "File contains parsing errors: /p/b.cfg\n\t[line  3]: 'foo\\n'");
    const g = parseBuildout('x = 1\n[s]\n', '/p/b.cfg');
    assert.equal(g.fatalError, "File contains no section headers.\nfile: /p/b.cfg, line: 1\n'x = 1\\n'");
  });

  it('evaluates conditions and ignores false sections', () => {
    const f = parseBuildout('[s]\n[a:windows]\nx = 1\n[b:linux and python3]\ny = 2\n[c:os.getenv("X")]\nz = 3\n', '/p/b.cfg');
    assert.equal(f.sections[1].active, false);
    assert.equal(f.sections[1].options[0].active, false);
    assert.equal(f.sections[2].active, true);
    assert.equal(f.sections[3].condition?.result, 'unknown');
    assert.equal(f.warnings.length, 1);
    assert.equal(f.fatalError, undefined);
    // Like buildout: a false first section leaves no current section, so its options are an error.
    const g = parseBuildout('[a:windows]\nx = 1\n', '/p/b.cfg');
    assert.match(g.fatalError ?? '', /^File contains no section headers\./);
  });

  it('finds extends entries with ranges', () => {
    const f = parseBuildout('[buildout]\nextends = a.cfg\n    sub/b.cfg\n', '/p/b.cfg');
    assert.deepEqual(f.extends.map((e) => [e.value, e.range.start.line, e.range.start.character]), [['a.cfg', 1, 10], ['sub/b.cfg', 2, 4]]);
  });

  it('reprs like Python', () => {
    assert.equal(pyRepr("it's"), `"it's"`);
    assert.equal(pyRepr('a\tb\x01é\u2028'), "'a\\tb\\x01é\\u2028'");
  });
});
