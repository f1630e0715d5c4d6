/**
 * Runs bench/buildout.ts the way the server runs the service: bundled by esbuild into one CommonJS
 * file (as esbuild.mjs builds dist/server.js). Under tsx every module export is a getter and every
 * closure is named at creation (keepNames), which costs the resolver about a third more time.
 *
 *   node bench/buildout/bundled.mjs [components]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'buildout-bench-bundle-'));
const outfile = join(out, 'buildout.cjs');
await build({ entryPoints: [join(benchDir, 'buildout.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
// --expose-gc: bench/buildout.ts collects the previous phase's garbage before each phase starts.
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, BENCH_DIR: benchDir } });
rmSync(out, { recursive: true, force: true });
process.exit(r.status ?? 1);
