/**
 * HAProxy's own reg-test configurations as a false-positive corpus, read at test time from a
 * local haproxy/haproxy mirror (they are GPL, so nothing of them is committed). Skipped with a
 * message when the mirror (HAPROXY_MIRROR, default /work/.mirror/haproxy+haproxy/repo) is absent.
 *
 * - 2.6, against the real `haproxy -c` (Debian 2.6.12): every reg-test configuration of v2.6.0
 *   (and every file of examples/ and tests/conf/) that HAProxy accepts must get no error from validate(2.6), and our missing-timeout warnings
 *   must match HAProxy's "missing timeouts" warnings one for one.
 * - 2.8 … 3.4, where no binary is available: the configurations of each release's reg-tests
 *   that the suite starts normally (`-conf`, `-conf-OK`; not `-conf-BAD`) must get no error
 *   from validate() for that version. Odd branches are checked against the next even table
 *   (3.1 → 3.2, 3.3 → 3.4), as the version setting rounds them up.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validate } from '../../server/src/service/haproxy/features/diagnostics/index';
import type { HaproxyVersion } from '../../server/src/service/haproxy/knowledge/types';
import { makeContext } from '../unit/haproxy/diagnosticsHelpers';
import { mirrorPath, plainConfigs, regtestConfigs, type RegtestConfig } from './regtests/extract';

const HAPROXY = '/usr/sbin/haproxy';

function errorsOf(diags: readonly Diagnostic[], c: RegtestConfig): string[] {
  const lines = c.text.split('\n');
  return diags.filter((d) => d.severity === 1)
    .map((d) => `${c.name}:${d.range.start.line + 1}: [${String(d.code)}] ${d.message} | ${lines[d.range.start.line]?.trim()}`);
}

function runCheck(file: string, cwd: string): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(HAPROXY, ['-c', '-f', file], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
    let out = '';
    p.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    p.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    p.on('close', (code) => resolve({ status: code ?? -1, stderr: out }));
    p.on('error', () => resolve({ status: -1, stderr: out }));
  });
}

/** Runs `fn` over `items` with at most `limit` in flight (the machine has 2 cores). */
async function pool<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

describe('HAProxy reg-tests v2.6.0 against haproxy -c 2.6', () => {
  const mirror = mirrorPath('v2.6.0');
  const skip = !mirror
    ? 'no haproxy/haproxy mirror with tag v2.6.0 (set HAPROXY_MIRROR); HAProxy reg-tests are read from it, never committed'
    : !existsSync(HAPROXY) ? `${HAPROXY} is not installed` : false;

  it('configurations HAProxy accepts get no error, and the same missing-timeout warnings', { skip, timeout: 300000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'hx-regtests-'));
    try {
      const scratch = join(work, 'tmp');
      mkdirSync(scratch);
      // Plus the plain files of examples/ and tests/conf/ (run from a scratch directory).
      const configs = [...regtestConfigs(mirror!, 'v2.6.0', { tree: work, scratch }), ...plainConfigs(mirror!, 'v2.6.0')];
      assert.ok(configs.length > 150, `only ${configs.length} configurations extracted`);
      const results = await pool(configs, 3, async (c) => {
        const file = join(scratch, `${configs.indexOf(c)}.cfg`);
        writeFileSync(file, c.text);
        const cwd = join(work, dirname(c.vtc));
        return runCheck(file, existsSync(cwd) ? cwd : scratch);
      });
      const falseErrors: string[] = [];
      const timeoutMismatch: string[] = [];
      let accepted = 0;
      configs.forEach((c, i) => {
        const r = results[i];
        if (r.status !== 0 && r.status !== 2) return;
        accepted++;
        const diags = validate(makeContext(c.text, '2.6'));
        falseErrors.push(...errorsOf(diags, c));
        const theirs = (r.stderr.match(/missing timeouts for/g) ?? []).length;
        const ours = diags.filter((d) => d.code === 'missing-timeout').length;
        if (theirs !== ours) timeoutMismatch.push(`${c.name}: haproxy warns ${theirs}, we warn ${ours}`);
      });
      assert.ok(accepted > 150, `haproxy accepted only ${accepted} of ${configs.length}`);
      assert.deepEqual(falseErrors, [], `${falseErrors.length} errors on configurations haproxy -c accepts`);
      assert.deepEqual(timeoutMismatch, []);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

const NEWER: [string, HaproxyVersion][] = [
  ['v2.8.0', '2.8'], ['v3.0.0', '3.0'], ['v3.1.0', '3.2'], ['v3.2.0', '3.2'], ['v3.3.0', '3.4'], ['v3.4.0', '3.4'],
];

describe('HAProxy reg-tests of newer releases against their version table', () => {
  for (const [tag, version] of NEWER) {
    const mirror = mirrorPath(tag);
    const skip = mirror ? false : `no haproxy/haproxy mirror with tag ${tag} (set HAPROXY_MIRROR); skipping`;
    it(`${tag}: configurations the suite loads get no error for ${version}`, { skip }, () => {
      const configs = regtestConfigs(mirror!, tag).filter((c) => c.kind !== 'conf-BAD');
      assert.ok(configs.length > 150, `only ${configs.length} configurations extracted`);
      const errors = configs.flatMap((c) => errorsOf(validate(makeContext(c.text, version)), c));
      assert.deepEqual(errors, []);
    });
  }
});
