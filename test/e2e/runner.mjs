// Runs the end-to-end scenarios, each in its own fresh code-server (own user data, own
// extensions dir with the packaged .vsix installed, own process group) and its own browser
// context. Prints one line per step and, last, "N passed, N failed".
//
//   node test/e2e/runner.mjs --vsix FILE [--only name,name] [--screenshots DIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startCodeServer, installVsix, assertToolsInstalled } from './lib/codeServer.mjs';
import { launchBrowser, newPage } from './lib/browser.mjs';
import { Steps } from './lib/steps.mjs';
import { processesOfRun, describeProcesses } from './lib/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    only: { type: 'string' },
    screenshots: { type: 'string' },
    tools: { type: 'string', default: process.env.E2E_TOOLS_DIR ?? join(root, '.e2e/tools') },
    work: { type: 'string', default: join(root, '.e2e/runs') },
    out: { type: 'string', default: join(root, 'test-results/e2e') },
  },
});

const scenarioFiles = [
  'haproxy-file.mjs',
  'buildout-template.mjs',
  'buildout-editor-features.mjs',
  'start-haproxy.mjs',
  'first-user.mjs',
  'restricted-mode.mjs',
  'in-host.mjs',
  'in-host-mocha.mjs',
];

async function main() {
  for (const k of ['tools', 'work', 'out', 'vsix', 'screenshots']) if (opts[k]) opts[k] = resolve(opts[k]);
  if (opts.screenshots) mkdirSync(opts.screenshots, { recursive: true });
  assertToolsInstalled(opts.tools);
  const only = opts.only ? opts.only.split(',') : undefined;
  const scenarios = [];
  for (const f of scenarioFiles) {
    // A scenario's name is its file name, so --only can pick files without importing the rest.
    if (only && !only.includes(f.replace(/\.mjs$/, ''))) continue;
    scenarios.push((await import(`./scenarios/${f}`)).default);
  }
  mkdirSync(opts.out, { recursive: true });
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  const summary = [];
  try {
    for (const scenario of scenarios) {
      const started = Date.now();
      const r = await runScenario(browser, scenario);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      passed += r.passed;
      failed += r.failed;
      summary.push({ scenario: scenario.name, ...r, seconds });
      console.log(`# ${scenario.name}: ${r.passed} passed, ${r.failed} failed in ${seconds} s`);
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2));
  return { passed, failed };
}

async function runScenario(browser, scenario) {
  console.log(`# ${scenario.name}: ${scenario.title}`);
  const runId = randomUUID();
  const runDir = join(opts.work, `${scenario.name}-${runId.slice(0, 8)}`);
  mkdirSync(runDir, { recursive: true });
  const t = new Steps(scenario.name, opts.out, undefined);
  const consoleLines = [];
  let server;
  let context;
  const ctx = { root, runDir, runId, t, opts, screenshots: opts.screenshots, consoleLines };
  try {
    const prepared = await scenario.prepare(ctx);
    Object.assign(ctx, prepared);
    const extensionsDir = join(runDir, 'extensions');
    if (!prepared.skipVsix) {
      await t.step('install the packaged .vsix into a fresh extensions dir', async () => {
        if (!opts.vsix) throw new Error('no --vsix given');
        const out = installVsix({ tools: opts.tools, vsix: opts.vsix, extensionsDir, userDataDir: join(runDir, 'user-data') });
        if (!/successfully installed/i.test(out)) throw new Error(out);
        return out.trim().split('\n').pop();
      });
    }
    server = await startCodeServer({
      tools: opts.tools, runDir, runId, extensionsDir,
      trust: prepared.trust ?? true, smokeDriver: !!prepared.smokeDriver,
      settings: prepared.settings, machineSettings: prepared.machineSettings, env: prepared.env,
    });
    ctx.server = server;
    ({ context, page: ctx.page } = await newPage(browser, consoleLines));
    t.page = ctx.page;
    await scenario.run(ctx);
  } catch (err) {
    t.record('scenario crashed', false, String(err?.stack ?? err));
    if (ctx.page) { try { await ctx.page.screenshot({ path: join(opts.out, `${scenario.name}-failure.png`) }); } catch { /* ignore */ } }
  } finally {
    try { await context?.close(); } catch { /* ignore */ }
    if (server) {
      const { leftovers, stillRunning } = await server.stop();
      t.record('nothing left running after code-server stops', leftovers.length === 0,
        leftovers.length ? `left over (killed by pid): ${leftovers.join(' | ')}` : 'process group empty');
      if (stillRunning?.length) console.log(`  WARNING still running: ${describeProcesses(stillRunning)}`);
    }
    try { await scenario.cleanup?.(ctx); } catch { /* ignore */ }
    writeFileSync(join(opts.out, `${scenario.name}-console.log`), consoleLines.join('\n'));
    if (!process.env.E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
  }
  const leftover = processesOfRun(runId);
  if (leftover.length) t.record('no process of this run survives', false, describeProcesses(leftover));
  return t.finish(scenario.steps);
}

main().then(
  ({ passed, failed }) => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  },
  (err) => {
    console.error(err?.stack ?? err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
