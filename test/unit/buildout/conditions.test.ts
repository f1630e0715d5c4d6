import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PLATFORM, evaluateCondition } from '../../../server/src/service/buildout/parser/conditions';

const ev = (e: string, mode: '2.13' | '3.1' = '3.1') => evaluateCondition(e, mode).result;

describe('section conditions', () => {
  it('evaluates buildout globals and sys.platform', () => {
    assert.equal(ev('linux'), true);
    assert.equal(ev('windows'), false);
    assert.equal(ev('sys.platform == "linux"'), true);
    assert.equal(ev("platform.system() == 'Linux' and bits64"), true);
    assert.equal(ev('not (macosx or windows)'), true);
    assert.equal(ev('"linux" in sys.platform'), true);
    assert.equal(ev('sys.version_info >= (3, 8)'), true);
    assert.equal(ev('python311', '2.13'), 'unknown');
    assert.equal(ev('python311', '3.1'), true);
  });
  it('evaluates PEP 508 markers in 3.1 mode only', () => {
    assert.equal(ev('python_version >= "3.8"'), true);
    assert.equal(ev('python_version < "3.10"'), false);
    assert.equal(ev('sys_platform == "win32"'), false);
    assert.equal(ev('python_version >= "3.8"', '2.13'), 'unknown');
    assert.equal(ev('"linux" in sys_platform'), true);
    // zc.buildout 3.3 (measured): a literal on both sides is an error, not a marker.
    assert.equal(ev('"#" in "a#b"'), 'unknown');
    assert.equal(ev('"#" in "a#b"', '2.13'), true);
  });
  it('never runs code', () => {
    assert.equal(ev('__import__("os").system("x")'), 'unknown');
    assert.equal(ev('open("/etc/passwd")'), 'unknown');
    assert.equal(evaluateCondition('windows', '3.1', { ...DEFAULT_PLATFORM, sysPlatform: 'win32' }).result, true);
  });
  it('evaluates pure str methods, len(), arithmetic and conditional expressions like Python', () => {
    const win = { ...DEFAULT_PLATFORM, sysPlatform: 'win32', osName: 'nt' };
    assert.equal(ev('sys.platform.startswith("win")', '2.13'), false);
    assert.equal(evaluateCondition('sys.platform.startswith("win")', '2.13', win).result, true);
    assert.equal(ev('sys.platform.startswith(("darwin", "linux"))'), true);
    assert.equal(ev("sys.platform.upper().endswith('UX')"), true);
    assert.equal(ev('len(sys.platform) > 100', '2.13'), false);
    assert.equal(ev('len(sys.platform) == 5'), true);
    assert.equal(ev('"x" if python2 else ""', '2.13'), false);
    assert.equal(ev('"x" if python3 else ""', '2.13'), true);
    assert.equal(ev('sys.version_info[:2] >= (3, 8) and sys.version_info.major == 3'), true);
    assert.equal(ev('sys.maxsize > 2**32'), true);
    assert.equal(ev('platform.python_version_tuple()[0] == "3"'), true);
    assert.equal(ev("os.name != 'nt'"), true);
    assert.equal(ev('(3, 8) == [3, 8]'), false); // a tuple never equals a list
    assert.equal(ev('1 < len("ab") <= 2 < 1'), false); // chained comparison
    assert.equal(ev('windows, python3'), false); // buildout wraps the expression in [...][0]
  });
  it('keeps what it cannot evaluate unknown', () => {
    for (const e of ['os.path.exists("/etc")', 're.match("l", sys.platform)', 'sys.platform.frobnicate()', 'open("/x").read()',
      'sys.version.startswith("3")', 'lambda: 1', '[x for x in "ab"]', 'sys.platform.startswith("l", 1)', '1 < "a"']) {
      const out = evaluateCondition(e, '2.13');
      assert.equal(out.result, 'unknown', e);
      assert.equal(out.error, undefined, e);
      assert.match(out.message ?? '', /not evaluated/, e);
    }
  });
  it('survives absurd nesting and length (unknown, never a crash)', () => {
    assert.equal(ev('('.repeat(100000) + '1' + ')'.repeat(100000)), 'unknown');
    assert.equal(ev('not '.repeat(100000) + 'linux'), 'unknown');
    assert.equal(ev(Array(200000).fill('linux').join(' and ')), 'unknown');
    assert.equal(ev(Array(500).fill('linux').join(' and ')), true);
  });
  it('reports the NameError buildout raises for a name its globals lack', () => {
    const out = evaluateCondition('python311', '2.13');
    assert.deepEqual(out.error, { type: 'NameError', message: "name 'python311' is not defined" });
    assert.equal(out.result, 'unknown');
    assert.equal(evaluateCondition('python311', '3.1').error, undefined);
    assert.equal(evaluateCondition('python316', '3.1').error?.message, "name 'python316' is not defined");
    assert.equal(evaluateCondition('python_version >= "3.8"', '2.13').error?.message, "name 'python_version' is not defined");
    // a marker variable next to a Python name is not a marker: buildout 3 evaluates it as Python
    assert.equal(evaluateCondition('python_version >= "3.8" and linux', '3.1').error?.message, "name 'python_version' is not defined");
    // Python short-circuits: the unknown name is never looked up
    assert.deepEqual(evaluateCondition('windows and python311', '2.13'), { result: false });
    assert.deepEqual(evaluateCondition('"x" if linux else nope', '2.13'), { result: true });
  });
});
