// Scenario c: "HAProxy: Start" in the example buildout (typo fixed by its quick fix and saved) — the webview shows the
// statistics page listing both Zope instances as servers; "HAProxy: Stop" leaves no haproxy.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { copyWorkspace } from '../lib/workspace.mjs';
import { freePort } from '../lib/codeServer.mjs';
import { startFakeInstances } from '../lib/fakeZope.mjs';
import { makeHaproxyWrapper } from '../lib/haproxyWrapper.mjs';
import { waitForProcesses, isHaproxy, isServingHaproxy, describeProcesses } from '../lib/processes.mjs';
import { openWorkbench, openFile, runCommand, gotoPosition, applyQuickFix, positionOf, sel } from '../lib/workbench.mjs';

const S = {
  open: 'workbench opens the example buildout',
  fix: 'the template typo is fixed with its quick fix and saved',
  start: '"HAProxy: Start" runs haproxy from the extension',
  stats: 'webview shows the statistics page with instance1 and instance2',
  rawPage: "webview's raw tab shows HAProxy's own stats page with both servers",
  stop: '"HAProxy: Stop" leaves no haproxy process',
};

/** Gives the example's [ports] table free ports, so parallel runs on this machine never collide. */
function assignPorts(buildoutCfg, ports) {
  let text = readFileSync(buildoutCfg, 'utf8');
  for (const [name, port] of Object.entries(ports)) {
    const re = new RegExp(`^${name} = \\d+$`, 'm');
    if (!re.test(text)) throw new Error(`[ports] ${name} not found in ${buildoutCfg}`);
    text = text.replace(re, `${name} = ${port}`);
  }
  writeFileSync(buildoutCfg, text);
}

async function until(condition, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Text of the first frame (webviews nest iframes) that contains every one of `needles`. */
async function frameTextWith(page, needles, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue; // the editor itself shows the same names
      try {
        const text = await frame.locator('body').innerText({ timeout: 1000 });
        if (needles.every((n) => text.includes(n))) return text;
      } catch { /* frame navigating or detached */ }
    }
    if (Date.now() > deadline) throw new Error(`no frame shows ${needles.join(' + ')}`);
    await page.waitForTimeout(250); // polling interval between frame scans, not a fixed wait for a result
  }
}

export default {
  name: 'start-haproxy',
  title: 'HAProxy: Start / Stop from the palette, stats page in the webview',
  steps: Object.values(S),

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir);
    const zope = await startFakeInstances(['instance1', 'instance2']);
    const haproxyPort = await freePort();
    assignPorts(join(folder, 'buildout.cfg'), {
      haproxy: haproxyPort, instance1: zope.instances[0].port, instance2: zope.instances[1].port,
    });
    const wrapper = makeHaproxyWrapper(ctx.runDir);
    // Both on PATH and as the (machine-scoped) setting, so every way of finding haproxy hits it.
    return {
      folder, zope, haproxyPort, wrapper,
      env: { PATH_PREFIX: wrapper.binDir },
      machineSettings: { 'haproxy.executablePath': wrapper.script },
      settings: process.env.E2E_TRACE ? { 'haproxy.trace.server': 'verbose' } : undefined,
    };
  },

  async cleanup(ctx) {
    await ctx.zope?.close();
  },

  async run({ t, page, server, folder, runId, haproxyPort, wrapper, screenshots }) {
    await t.step(S.open, async () => {
      await openWorkbench(page, server.url, folder, 'buildout.cfg');
      await openFile(page, 'templates/haproxy.conf.in', 'frontend zeocluster');
    });

    // As a user would: fix the handbook typo with the quick fix, then save.
    await t.step(S.fix, async () => {
      const template = join(folder, 'templates/haproxy.conf.in');
      const at = positionOf(template, 'haproxy-conf:maxconn');
      await gotoPosition(page, at.line, at.column + 2);
      await applyQuickFix(page, 'haproxy-config');
      await page.keyboard.press('Control+S');
      await until(() => readFileSync(template, 'utf8').includes('${haproxy-config:maxconn}'), 10_000,
        'the fix did not reach the file on disk');
    });

    await t.step(S.start, async () => {
      await runCommand(page, 'HAProxy: Start');
      // Either haproxy appears, or the extension says why not (toasts hide after a while, so
      // they are collected while waiting).
      const seen = new Set();
      const procs = await waitForProcesses(runId, (l) => {
        void page.locator(sel.notification).allInnerTexts().then((texts) => texts.forEach((x) => seen.add(x.replace(/\s+/g, ' ').trim())), () => {});
        return l.some(isServingHaproxy);
      }, 20_000);
      const haproxy = procs.filter(isServingHaproxy);
      if (!haproxy.length) throw new Error(`no haproxy process appeared within 20 s; notifications: ${[...seen].join(' | ') || 'none'}`);
      // Positive control for the Restricted Mode scenario: the recording wrapper is the binary used.
      if (!wrapper.invocations().length) throw new Error('haproxy ran, but not the configured haproxy.executablePath');
      return `${describeProcesses(haproxy)}; invocations: ${wrapper.invocations().join(' | ')}`;
    });

    await t.step(S.stats, async () => {
      const text = await frameTextWith(page, ['instance1', 'instance2', 'zope'], 30_000);
      // The same servers, read straight from HAProxy: both instances answer their health checks.
      const csv = await (await fetch(`http://127.0.0.1:${haproxyPort}/haproxy-status;csv`, { signal: AbortSignal.timeout(5000) })).text();
      const rows = csv.split('\n').filter((l) => /^zope,instance[12],/.test(l));
      if (rows.length !== 2) throw new Error(`stats CSV lists ${rows.length} zope servers:\n${csv}`);
      if (screenshots) await page.screenshot({ path: join(screenshots, 'status-page.png') });
      return `${text.length} chars in the webview; ${rows.map((r) => r.split(',').slice(1, 2).concat(r.split(',')[17]).join(' ')).join(', ')}`;
    });

    await t.step(S.rawPage, async () => {
      // The status panel's "Stats page" tab embeds HAProxy's HTML page in an iframe.
      const deadline = Date.now() + 20_000;
      for (let clicked = false; !clicked;) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const tab = frame.locator('#tab-page');
          if (await tab.count().catch(() => 0)) { await tab.click(); clicked = true; break; }
        }
        if (!clicked && Date.now() > deadline) throw new Error('no "Stats page" tab in the webview');
        if (!clicked) await page.waitForTimeout(250); // polling interval while the webview loads
      }
      const text = await frameTextWith(page, ['Statistics Report', 'instance1', 'instance2'], 20_000);
      if (screenshots) await page.screenshot({ path: join(screenshots, 'status-page-raw.png') });
      return text.split('\n').find((l) => l.includes('Statistics Report'))?.trim() ?? '';
    });

    await t.step(S.stop, async () => {
      await runCommand(page, 'HAProxy: Stop');
      const left = await waitForProcesses(runId, (l) => !l.some(isHaproxy), 10_000);
      const haproxy = left.filter(isHaproxy);
      if (haproxy.length) throw new Error(`still running:\n${describeProcesses(haproxy)}`);
      return 'no haproxy process of this run';
    });
  },
};
