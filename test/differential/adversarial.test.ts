/**
 * The adversarial profiles (adversarialProfiles.ts) against the real zc.buildout 2.13.2, with
 * the same comparison as buildout.test.ts: section list, each section's options or error, the
 * part order or its error, rendered templates or their error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDiskHost } from '../../server/src/node/diskHost';
import { renderTemplate } from '../../server/src/service/buildout/render/render';
import { ParseCache } from '../../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../../server/src/service/buildout/resolver/profile';
import { ADVERSARIAL } from './adversarialProfiles';

const PYTHON = process.env.BUILDOUT_REFERENCE_PYTHON ?? '/usr/bin/python3';
const DRIVER = join(__dirname, '../../tools/buildout-reference/resolve.py');

interface Reference {
  load_error: string | null;
  sections: Record<string, { options?: Record<string, string>; error?: string }>;
  parts: string[] | null;
  parts_error: string | null;
  renders: Record<string, { text?: string; error?: string }>;
}

let workdir = '';
before(() => { workdir = mkdtempSync(join(tmpdir(), 'buildout-adv-')); });
after(() => { if (workdir) rmSync(workdir, { recursive: true, force: true }); });

describe('adversarial profiles: resolver (2.13 mode) agrees with zc.buildout 2.13.2', () => {
  ADVERSARIAL.forEach((c, index) => {
    it(c.name, c.todo ? { todo: c.todo } : {}, () => {
      const dir = join(workdir, `case${index}`);
      for (const [rel, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const root = join(dir, 'buildout.cfg');
      const out = execFileSync(PYTHON, [DRIVER, root, ...(c.templates ?? [])], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const ref = JSON.parse(out) as Reference;
      assert.equal(ref.load_error !== null, c.expectLoadError === true, `zc.buildout load error: ${ref.load_error}`);
      const profile = resolveProfile(createDiskHost({ offline: () => true }), root, { mergeMode: '2.13', userDefaults: false }, new ParseCache());
      if (ref.load_error !== null) {
        assert.equal(profile.loadError?.message, ref.load_error, 'load error');
        return;
      }
      assert.equal(profile.loadError, undefined, `unexpected load error: ${profile.loadError?.message.slice(0, 300)}`);
      assert.deepEqual([...profile.sectionNames()].sort(), Object.keys(ref.sections).sort(), 'section names');
      for (const [name, expected] of Object.entries(ref.sections)) {
        const mine = profile.resolveSection(name);
        if (expected.error !== undefined) assert.equal(mine.error?.message, expected.error, `error of [${name}]`);
        else {
          assert.equal(mine.error, undefined, `[${name}] failed: ${mine.error?.message}`);
          assert.deepEqual(mine.options, expected.options, `options of [${name}]`);
        }
      }
      const parts = profile.parts();
      assert.equal(parts.error?.message ?? null, ref.parts_error, 'parts error');
      if (ref.parts_error === null) assert.deepEqual(parts.parts, ref.parts, 'part order');
      for (const [name, expected] of Object.entries(ref.renders)) {
        const r = renderTemplate(profile, name);
        if (expected.error !== undefined) assert.equal(r.error?.message, expected.error, `render error of [${name}]`);
        else assert.equal(r.text, expected.text, `rendered [${name}]`);
      }
    });
  });
});
