// The same in-host suite through @vscode/test-cli's own mocha runner (what `npm run test:vscode`
// runs in a downloaded VS Code), here inside code-server: proves the bundle also registers its
// cases with mocha's globals. Outcome: the exit code, and mocha's "N passing / N failing" lines
// that the extension host's console forwards to the page.
import { join } from 'node:path';
import { existsSync, cpSync } from 'node:fs';
import { copyWorkspace } from '../lib/workspace.mjs';
import { openWorkbench } from '../lib/workbench.mjs';

const STEP = 'test-cli mocha runner passes the in-host suite';

export default {
  name: 'in-host-mocha',
  title: 'in-host tests via @vscode/test-cli runner (mocha)',
  steps: [STEP],

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir);
    cpSync(join(ctx.root, 'test/vscode/fixtures'), join(folder, 'e2e-fixtures'), { recursive: true });
    const options = {
      mochaOpts: { ui: 'bdd', timeout: 60_000, reporter: 'spec', color: false },
      files: [join(ctx.root, 'dist/test/suite.js')], preload: [], colorDefault: false,
    };
    return {
      folder, skipVsix: true, smokeDriver: true,
      env: { VSCODE_TEST_OPTIONS: JSON.stringify(options) },
    };
  },

  async run({ t, page, server, folder, root, consoleLines }) {
    const runner = join(root, 'node_modules/@vscode/test-cli/out/runner.cjs');
    await t.step(STEP, async () => {
      if (!existsSync(runner)) throw new Error(`${runner} missing (npm ci)`);
      const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
      const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(runner)]];
      const all = [];
      page.on('console', (msg) => all.push(msg.text()));
      let resolveExit;
      const exited = new Promise((resolve) => { resolveExit = resolve; });
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
      await openWorkbench(page, server.url, folder, 'buildout.cfg', `&payload=${encodeURIComponent(JSON.stringify(payload))}`);
      const code = await Promise.race([exited,
        new Promise((_, reject) => setTimeout(() => reject(new Error('mocha run did not finish in 180 s')), 180_000))]);
      consoleLines.push(...all);
      // The spec reporter's lines arrive as format strings plus arguments, e.g.
      // "  %d passing (%s) 9 6s" and "    ✔ %s (%dms) <title> 41".
      const passing = all.filter((l) => l.includes('✔')).length;
      const failing = /%d failing\S* (\d+)/.exec(all.join('\n'))?.[1] ?? '0';
      if (code !== 0 || passing === 0) throw new Error(`exit code ${code}; ${passing} passing, ${failing} failing`);
      return `exit code 0; ${passing} passing, ${failing} failing`;
    });
  },
};
