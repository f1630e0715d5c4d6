// What the .vsix ships (.vscodeignore is a whitelist): everything the manifest and the README
// point at, and not the files the installed extension never uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rules = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}

/** Last matching rule wins, as in .gitignore-style files; `!` re-includes. */
function shipped(path: string): boolean {
  let included = true;
  for (const rule of rules) {
    const negated = rule.startsWith('!');
    if (globToRegExp((negated ? rule.slice(1) : rule).replace(/^\.\//, '')).test(path)) included = negated;
  }
  return included;
}

const rel = (p: string) => p.replace(/^\.\//, '');

test('the matcher follows the whitelist: excluded by default, re-included by !rules', () => {
  assert.equal(shipped('server/src/main.ts'), false);
  assert.equal(shipped('package.json'), true);
});

test('every file the manifest points at is shipped', () => {
  const c = pkg.contributes;
  const files = [
    pkg.main,
    ...c.languages.map((l: { configuration: string }) => l.configuration),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.snippets.map((s: { path: string }) => s.path),
  ];
  for (const f of files) assert.ok(shipped(rel(f)), `${f} is referenced by package.json but not shipped`);
  assert.ok(shipped('dist/server.js'), 'the language server');
  assert.ok(shipped('media/statusPage.js') && shipped('media/statusPage.css'), 'the status page assets');
});

test('every image the README shows is shipped (relative links are resolved inside the package)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((u) => !/^https?:/.test(u));
  assert.ok(images.length > 0, 'the README shows screenshots');
  for (const img of images) assert.ok(shipped(rel(img)), `README shows ${img}, which .vscodeignore does not ship`);
});

test('sources, tests, source maps and the CLI bundle stay out of the package', () => {
  for (const p of ['client/src/extension.ts', 'test/unit/x.test.ts', 'dist/client.js.map', 'dist/cli.js', 'node_modules/x/index.js', '.e2e/tools/x']) {
    assert.equal(shipped(p), false, p);
  }
});
