/**
 * The differential tests' link to the real zc.buildout: run the reference driver
 * (tools/buildout-reference/resolve.py) on a profile and compare its answer with our resolver's
 * (section list, each section's options or error, the part order or its error, rendered
 * templates or their error). Used by buildout.test.ts and adversarial.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createDiskHost } from '../../server/src/node/diskHost';
import { renderTemplate } from '../../server/src/service/buildout/render/render';
import { ParseCache } from '../../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../../server/src/service/buildout/resolver/profile';

/** Debian's interpreter (not a pyenv one on PATH); overridable for other layouts. */
export const PYTHON = process.env.BUILDOUT_REFERENCE_PYTHON ?? '/usr/bin/python3';
const DRIVER = join(__dirname, '../../tools/buildout-reference/resolve.py');

export interface Reference {
  load_error: string | null;
  sections: Record<string, { options?: Record<string, string>; error?: string }>;
  parts: string[] | null;
  parts_error: string | null;
  renders: Record<string, { text?: string; error?: string }>;
}

export function runReference(root: string, templates: string[], buildoutSrc?: string, home?: string): Reference {
  const args = [...(buildoutSrc ? ['--buildout-src', buildoutSrc] : []), ...(home ? ['--user-defaults'] : []), root, ...templates];
  const env = home ? { ...process.env, HOME: home } : process.env;
  const out = execFileSync(PYTHON, [DRIVER, ...args], { cwd: dirname(root), encoding: 'utf8', timeout: 60_000, env });
  return JSON.parse(out) as Reference;
}

export function compare(root: string, ref: Reference, expectLoadError: boolean, mergeMode: '2.13' | '3.1' = '2.13', home?: string): void {
  assert.equal(ref.load_error !== null, expectLoadError, `zc.buildout load error: ${ref.load_error}`);
  const disk = createDiskHost({ offline: () => true });
  const host = { ...disk, homeDirectory: () => home ?? disk.homeDirectory?.() };
  const profile = resolveProfile(host, root, { mergeMode, userDefaults: home !== undefined }, new ParseCache());
  if (ref.load_error !== null) {
    assert.equal(profile.loadError?.message, ref.load_error, 'load error');
    return;
  }
  assert.equal(profile.loadError, undefined, `unexpected load error: ${profile.loadError?.message.slice(0, 300)}`);
  assert.deepEqual([...profile.sectionNames()].sort(), Object.keys(ref.sections).sort(), 'section names');
  for (const [name, expected] of Object.entries(ref.sections)) {
    const mine = profile.resolveSection(name);
    if (mergeMode === '3.1' && name === 'versions') {
      // The `>=` pin is the running zc.buildout's version, which the resolver cannot know.
      delete expected.options?.['zc.buildout'];
      delete mine.options['zc.buildout'];
    }
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
    const r = renderTemplate(profile, name, { readBytes: (p) => disk.readBytes!(p) });
    if (expected.error !== undefined) assert.equal(r.error?.message, expected.error, `render error of [${name}]`);
    else assert.equal(r.text, expected.text, `rendered [${name}]`);
  }
}
