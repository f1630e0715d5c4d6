// Entry point of the in-host tests (bundled to dist/test/suite.js by esbuild.mjs).
//
// - code-server / @vscode/test-electron call `run()` (extensionTestsPath). It runs the cases with
//   node:test in this process (`isolation: 'none'`, Node >= 22.8). node:test's stream would end
//   only at process 'beforeExit', which never comes in an extension host, so completion is
//   detected from the single top-level suite's own pass/fail event (nesting 0).
// - @vscode/test-cli loads this file with mocha, which defines global describe/it before the
//   file is required: the cases then register with mocha directly.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCases, type TestApi } from './cases';

const mochaGlobals = globalThis as unknown as Partial<TestApi>;
if (typeof mochaGlobals.describe === 'function' && typeof mochaGlobals.it === 'function') {
  defineCases(mochaGlobals as TestApi);
}

/** Called by the file node:test imports: registers the cases with node:test's runner. */
export function registerWithNodeTest(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeTest = require('node:test') as typeof import('node:test');
  defineCases({ describe: nodeTest.describe, it: nodeTest.it });
}

interface Outcome { name: string; ok: boolean; skipped: boolean; ms: number; error?: string }

export async function run(): Promise<void> {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 8)) {
    throw new Error(`node:test in-process runs need Node >= 22.8; this extension host has ${process.version}`);
  }
  const { run: runTests } = await import('node:test');
  // node:test loads test *files*; this one-line file hands it the cases already bundled here.
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-buildout-tests-'));
  const entry = join(dir, 'entry.cjs');
  writeFileSync(entry, `require(${JSON.stringify(__filename)}).registerWithNodeTest();\n`);

  const outcomes: Outcome[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = runTests({ files: [entry], isolation: 'none', timeout: 120_000 } as Parameters<typeof runTests>[0]);
      const onResult = (ok: boolean) => (ev: any) => {
        if (ev.nesting === 0) { resolve(); return; }
        outcomes.push({
          name: ev.name, ok, skipped: !!(ev.skip || ev.todo), ms: Math.round(ev.details?.duration_ms ?? 0),
          error: ok ? undefined : String(ev.details?.error?.cause?.message ?? ev.details?.error?.message ?? ev.details?.error),
        });
        console.log(`${ok ? 'ok' : 'not ok'} - ${ev.name}${ok ? '' : `: ${outcomes.at(-1)!.error}`}`);
      };
      stream.on('test:pass', onResult(true));
      stream.on('test:fail', onResult(false));
      stream.on('error', reject);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const passed = outcomes.filter((o) => o.ok && !o.skipped).length;
  const failed = outcomes.filter((o) => !o.ok).length;
  const skipped = outcomes.filter((o) => o.skipped).length;
  console.log(`in-host: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  // The e2e runner reads the outcomes from this file (the page only learns the exit code).
  if (process.env.E2E_TEST_RESULTS) writeFileSync(process.env.E2E_TEST_RESULTS, JSON.stringify(outcomes, null, 2));
  if (failed > 0 || passed === 0) throw new Error(`${failed} in-host test(s) failed`);
}
