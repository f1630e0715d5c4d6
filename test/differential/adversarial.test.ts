/**
 * The adversarial profiles (adversarialProfiles.ts) against the real zc.buildout 2.13.2, with
 * the same comparison as buildout.test.ts (reference.ts): section list, each section's options or error, the
 * part order or its error, rendered templates or their error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADVERSARIAL } from './adversarialProfiles';
import { compare, runReference } from './reference';

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
      compare(root, runReference(root, c.templates ?? []), c.expectLoadError === true);
    });
  });
});
