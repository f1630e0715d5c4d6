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
});
