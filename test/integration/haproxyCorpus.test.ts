/**
 * The diagnostics corpus, checked against the real `haproxy -c` (Debian 2.6.12 in CI).
 * - valid/*.cfg: HAProxy accepts them (exit 0, or 2 = "no listener") AND validate() for 2.6
 *   reports no error. This is the "zero false errors" bar.
 * - invalid/*.cfg: the header says what HAProxy does (`# haproxy: error|warning|accepted`) and
 *   which code we must report on which line (`# expect: code@line[, code@line]`).
 * The haproxy half is skipped (with a message) when /usr/sbin/haproxy is not installed; the
 * validate() half always runs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContext } from '../unit/haproxy/diagnosticsHelpers';
import { validate } from '../../server/src/service/haproxy/features/diagnostics/index';

const HAPROXY = '/usr/sbin/haproxy';
const haveHaproxy = existsSync(HAPROXY);
const SKIP = haveHaproxy ? false : `${HAPROXY} is not installed (CI installs Debian's haproxy 2.6); skipping the real-haproxy half`;
const ROOT = join(__dirname, '..', 'fixtures', 'haproxy-corpus');

function runHaproxy(dir: string, file: string): { status: number; stderr: string } {
  // Relative paths in the configs (maps, error files) resolve from the fixture directory.
  const r = spawnSync(HAPROXY, ['-c', '-f', file], { cwd: dir, encoding: 'utf8', timeout: 20000 });
  return { status: r.status ?? -1, stderr: `${r.stderr}${r.stdout}` };
}

function cfgFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.cfg')).sort();
}

describe('haproxy corpus: valid configurations', () => {
  const dir = join(ROOT, 'valid');
  for (const file of cfgFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    it(`${file}: haproxy -c accepts it`, { skip: SKIP }, () => {
      const r = runHaproxy(dir, file);
      assert.ok(r.status === 0 || r.status === 2, `haproxy -c exit ${r.status}:\n${r.stderr}`);
    });
    it(`${file}: validate() (2.6) reports no error`, () => {
      const errors = validate(makeContext(text, '2.6')).filter((d) => d.severity === 1);
      assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message}`), []);
    });
  }
});

describe('haproxy corpus: broken configurations', () => {
  const dir = join(ROOT, 'invalid');
  for (const file of cfgFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const expect = /^# expect: (.+)$/m.exec(text)?.[1].split(',').map((s) => s.trim()) ?? [];
    const outcome = /^# haproxy: (error|warning|accepted)$/m.exec(text)?.[1] ?? 'error';
    it(`${file}: haproxy -c ${outcome === 'error' ? 'rejects it' : outcome === 'warning' ? 'warns' : 'accepts it silently'}`, { skip: SKIP }, () => {
      const r = runHaproxy(dir, file);
      if (outcome === 'error') assert.equal(r.status, 1, r.stderr);
      else assert.ok(r.status === 0 || r.status === 2, `exit ${r.status}:\n${r.stderr}`);
      if (outcome === 'warning') assert.match(r.stderr, /\[WARNING\]/);
    });
    it(`${file}: validate() reports ${expect.join(', ')}`, () => {
      assert.ok(expect.length > 0, 'fixture has no "# expect:" header');
      const got = validate(makeContext(text, '2.6')).map((d) => `${String(d.code)}@${d.range.start.line + 1}`);
      for (const e of expect) assert.ok(got.includes(e), `expected ${e}, got ${got.join(', ') || 'nothing'}`);
    });
  }
});
