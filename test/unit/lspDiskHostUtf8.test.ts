// The disk host flags files whose bytes are not UTF-8 (zc.buildout on Python 3 cannot read them),
// and the buildout service turns the flag into an error on the extends line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDiskHost } from '../../server/src/node/diskHost';
import { createBuildoutService } from '../../server/src/service/buildout/index';
import { never, settings } from './buildout/exampleWorkspace';

test('disk host: invalid UTF-8 is flagged (text decoded with U+FFFD), valid UTF-8 is not; invalidate re-reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-utf8-'));
  const latin1 = join(dir, 'latin1.cfg');
  const utf8 = join(dir, 'utf8.cfg');
  writeFileSync(latin1, Buffer.from('[a]\n# caf\xe9\nx = 1\n', 'latin1'));
  writeFileSync(utf8, '[a]\n# café ✓\nx = 1\n');
  const host = createDiskHost({ urlCacheDir: join(dir, 'cache') });
  assert.equal(host.isInvalidUtf8?.(latin1), true);
  assert.equal(host.readFile(latin1), '[a]\n# caf\uFFFD\nx = 1\n');
  assert.equal(host.isInvalidUtf8?.(utf8), false);
  assert.equal(host.readFile(utf8), '[a]\n# café ✓\nx = 1\n');
  assert.equal(host.isInvalidUtf8?.(join(dir, 'missing.cfg')), false);
  // An open document does not change what is on disk (what buildout reads).
  host.setOverlay(latin1, '[a]\n# café\nx = 1\n');
  assert.equal(host.isInvalidUtf8?.(latin1), true);
  host.setOverlay(latin1, undefined);
  writeFileSync(latin1, '[a]\n# café\nx = 1\n');
  assert.equal(host.isInvalidUtf8?.(latin1), true, 'memoised until invalidated');
  host.invalidate(latin1);
  assert.equal(host.isInvalidUtf8?.(latin1), false);
});

test('buildout service over the disk host: the extends line reaching a Latin-1 profile is an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-utf8-ws-'));
  const root = join(dir, 'buildout.cfg');
  const rootText = '[buildout]\nextends = base.cfg\nparts =\n';
  writeFileSync(root, rootText);
  writeFileSync(join(dir, 'base.cfg'), Buffer.from('[buildout]\n# caf\xe9 latin-1 comment\n[x]\na = 1\n', 'latin1'));
  const service = createBuildoutService(createDiskHost({ urlCacheDir: join(dir, 'cache') }), [dir]);
  const d = service.validate(TextDocument.create(`file://${root}`, 'buildout', 1, rootText), settings, never).filter((x) => x.code === 'invalid-utf8');
  assert.deepEqual(d.map((x) => [x.range.start.line, x.range.start.character]), [[1, 10]]);
  assert.equal(d[0].message, `${join(dir, 'base.cfg')} is not valid UTF-8; zc.buildout cannot read it (UnicodeDecodeError). Save it as UTF-8.`);
});
