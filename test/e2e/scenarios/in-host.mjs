// Scenario d: the in-host suite (test/vscode, bundled to dist/test/suite.js) runs inside
// code-server's extension host through the standard extensionTestsPath, passed in the URL
// payload that code-server honours only with the smoke-test driver enabled. The workbench
// reports the end through window.codeAutomationExit(code); the per-test outcomes come back
// through a JSON file.
import { join } from 'node:path';
import { existsSync, readFileSync, cpSync } from 'node:fs';
import { copyWorkspace } from '../lib/workspace.mjs';
import { openWorkbench } from '../lib/workbench.mjs';

export default {
  name: 'in-host',
  title: 'in-host tests (vscode.execute*Provider, getDiagnostics) via extensionTestsPath',
  steps: ['the in-host suite runs and reports its results'],

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir);
    cpSync(join(ctx.root, 'test/vscode/fixtures'), join(folder, 'e2e-fixtures'), { recursive: true });
    const results = join(ctx.runDir, 'in-host-results.json');
    return {
      folder, results, skipVsix: true, smokeDriver: true,
      env: { E2E_TEST_RESULTS: results },
    };
  },

  async run({ t, page, server, folder, root, results }) {
    const suite = join(root, 'dist/test/suite.js');
    let exitCode;
    await t.step('the in-host suite runs and reports its results', async () => {
      if (!existsSync(suite)) throw new Error(`${suite} not built`);
      const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
      const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(suite)]];
      let resolveExit;
      const exited = new Promise((resolve) => { resolveExit = resolve; });
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
      await openWorkbench(page, server.url, folder, 'buildout.cfg', `&payload=${encodeURIComponent(JSON.stringify(payload))}`);
      exitCode = await Promise.race([
        exited,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the suite did not finish in 180 s')), 180_000)),
      ]);
      if (!existsSync(results)) throw new Error(`the suite exited with ${exitCode} and wrote no results (see the console log)`);
      return `exit code ${exitCode}`;
    });
    if (!existsSync(results)) return;
    for (const o of JSON.parse(readFileSync(results, 'utf8'))) {
      t.record(o.name, o.ok, o.ok ? `${o.ms} ms` : o.error);
    }
    if (exitCode !== 0) t.record('in-host suite exit code is 0', false, `exit code ${exitCode}`);
  },
};
