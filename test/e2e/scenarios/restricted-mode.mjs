// Scenario: an untrusted workspace (workspace trust left on, so the folder opens in Restricted
// Mode). Language features still work, but nothing is executed: "HAProxy: Start" is refused or
// not offered, and the recording `haproxy` first on PATH is never called (not even `haproxy -v`
// for version detection).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { copyWorkspace, editFile } from '../lib/workspace.mjs';
import { makeHaproxyWrapper } from '../lib/haproxyWrapper.mjs';
import { processesOfRun, isHaproxy, describeProcesses } from '../lib/processes.mjs';
import { openWorkbench, openFile, languageMode, gotoPosition, hoverText, positionOf, sel } from '../lib/workbench.mjs';

const S = {
  open: 'untrusted example buildout opens in Restricted Mode',
  mode: 'template still opens in language mode HAProxy',
  hover: 'language features still work: hover resolves ${instance1:http-address}',
  start: '"HAProxy: Start" is refused or not offered',
  nothingRan: 'haproxy was never executed in the untrusted workspace',
};

export default {
  name: 'restricted-mode',
  title: 'Restricted Mode: language features only, no process started',
  steps: Object.values(S),

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir);
    editFile(join(folder, 'templates/haproxy.conf.in'), '${haproxy-conf:maxconn}', '${haproxy-config:maxconn}');
    const wrapper = makeHaproxyWrapper(ctx.runDir);
    return {
      folder, wrapper, trust: false,
      env: { PATH_PREFIX: wrapper.binDir },
      machineSettings: { 'haproxy.executablePath': wrapper.script },
      settings: process.env.E2E_TRACE ? { 'haproxy.trace.server': 'verbose' } : undefined,
    };
  },

  async run({ t, page, server, folder, root, runId, wrapper }) {
    await t.step(S.open, async () => {
      await openWorkbench(page, server.url, folder, 'buildout.cfg');
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    });
    await t.step(S.mode, async () => {
      await openFile(page, 'templates/haproxy.conf.in', 'frontend zeocluster');
      return languageMode(page, 'HAProxy');
    });

    await t.step(S.hover, async () => {
      const at = positionOf(join(folder, 'templates/haproxy.conf.in'), 'instance1:http-address');
      await gotoPosition(page, at.line, at.column + 3);
      const text = await hoverText(page, '127.0.0.1:8081');
      await page.keyboard.press('Escape');
      return text;
    });

    await t.step(S.start, async () => {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const declared = (manifest.contributes?.commands ?? []).find((c) => c.command === 'haproxy.start');
      if (!declared) throw new Error('the extension declares no haproxy.start command yet');
      const title = `${declared.category}: ${declared.title}`;
      await page.keyboard.press('F1');
      const input = page.locator(`${sel.quickInput} input`);
      await input.waitFor();
      await input.fill(`>${title}`);
      const row = page.locator(sel.quickInputRow, { hasText: title }).first();
      const offered = await row.waitFor({ timeout: 5000 }).then(() => true, () => false);
      if (!offered) {
        await page.keyboard.press('Escape');
        return 'command not offered in Restricted Mode';
      }
      await page.keyboard.press('Enter');
      const toast = page.locator(sel.notification, { hasText: /trust|restricted/i }).first();
      await toast.waitFor();
      return (await toast.innerText()).replace(/\s+/g, ' ').trim();
    });

    await t.step(S.nothingRan, async () => {
      const calls = wrapper.invocations();
      const haproxy = processesOfRun(runId).filter(isHaproxy);
      if (calls.length) throw new Error(`haproxy was executed: ${calls.join(' | ')}`);
      if (haproxy.length) throw new Error(`haproxy running:\n${describeProcesses(haproxy)}`);
      return 'no invocation recorded, no haproxy process';
    });
  },
};
