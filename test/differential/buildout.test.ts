/**
 * Differential tests: the real zc.buildout 2.13.2 (Debian's python3-zc.buildout, driven by
 * tools/buildout-reference/resolve.py) and our resolver in '2.13' mode must agree on every
 * section's options, errors, part order and rendered templates.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDiskHost } from '../../server/src/node/diskHost';
import { templateSections } from '../../server/src/service/buildout/render/render';
import { ParseCache } from '../../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../../server/src/service/buildout/resolver/profile';
import { CASES } from './profiles';
import { compare, PYTHON, runReference } from './reference';

let workdir = '';

let available: Error | true | undefined;
/** Fails the calling test (counted as a failure) when the reference buildout is missing. */
function requireBuildout(): void {
  if (available === undefined) {
    try {
      execFileSync(PYTHON, ['-c', 'import collections, collections.abc; collections.MutableMapping = collections.abc.MutableMapping; import zc.buildout.buildout'], { stdio: 'pipe' });
      available = true;
    } catch (e) {
      available = new Error(`The differential tests need Debian's python3-zc.buildout (2.13.2) importable by ${PYTHON} (apt-get install python3-zc.buildout): ${(e as Error).message}`);
    }
  }
  if (available !== true) throw available;
}

before(() => {
  workdir = mkdtempSync(join(tmpdir(), 'buildout-diff-'));
});

after(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

describe('resolver (2.13 mode) agrees with zc.buildout 2.13.2', () => {
  CASES.forEach((c, index) => {
    it(c.name, () => {
      requireBuildout();
      const dir = join(workdir, `case${index}`);
      for (const [rel, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const root = join(dir, 'buildout.cfg');
      const home = homeFor(dir, c);
      compare(root, runReference(root, c.templates ?? [], undefined, home), c.expectLoadError === true, '2.13', home);
    });
  });
});

/** A temp HOME with `.buildout/default.cfg`, when the case has user defaults. */
function homeFor(dir: string, c: { userDefaults?: string }): string | undefined {
  if (c.userDefaults === undefined) return undefined;
  const home = join(dir, '.home');
  mkdirSync(join(home, '.buildout'), { recursive: true });
  writeFileSync(join(home, '.buildout', 'default.cfg'), c.userDefaults);
  return home;
}

describe('resolver (2.13 mode) agrees with zc.buildout 2.13.2 on the example workspace', () => {
  const root = join(__dirname, '../../examples/plone-buildout/buildout.cfg');
  it('examples/plone-buildout', { skip: !existsSync(root) && 'example workspace absent' }, () => {
    requireBuildout();
    const host = createDiskHost({ offline: () => true });
    const templates = templateSections(resolveProfile(host, root, { mergeMode: '2.13', userDefaults: false }, new ParseCache()));
    compare(root, runReference(root, templates), false);
  });
});

/**
 * The '3.1' merge mode against a zc.buildout 3.x source tree, when one is available locally:
 * BUILDOUT3_SRC=/path/to/buildout/src (a checkout of github.com/buildout/buildout at tag 3.3 or
 * later). Not run in CI, which only has Debian's 2.13.2.
 */
describe('resolver (3.1 mode) agrees with zc.buildout 3.x (BUILDOUT3_SRC)', { skip: !process.env.BUILDOUT3_SRC && 'BUILDOUT3_SRC not set' }, () => {
  CASES.forEach((c, index) => {
    it(c.name, () => {
      requireBuildout();
      const dir = join(workdir, `v3-case${index}`);
      for (const [rel, text] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const root = join(dir, 'buildout.cfg');
      const home = homeFor(dir, c);
      compare(root, runReference(root, c.templates ?? [], process.env.BUILDOUT3_SRC, home), c.expectLoadError === true, '3.1', home);
    });
  });
});
