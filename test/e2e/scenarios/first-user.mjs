// Scenario: the README's first run, as a new user meets it — no haproxy.executablePath, no
// bin/haproxy built yet, commands run straight from the palette before any file is open.
// Checks what users hit first: Start/Check offered at once, a command run while the server is
// still starting waits for it and names the template problem, the "bin/haproxy is not built"
// question is asked once (not before every check), the generated config opens read-only
// without a Start button of its own.
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { copyWorkspace } from '../lib/workspace.mjs';
import { openWorkbench, openFile, runCommand, gotoPosition, applyQuickFix, positionOf, sel } from '../lib/workbench.mjs';

const S = {
  open: 'workbench opens the example buildout (no executablePath setting, bin/haproxy not built)',
  offered: '"HAProxy: Start" and "HAProxy: Check Configuration" are in the palette before any file is opened',
  early: 'Check Configuration run at once names the unrenderable template section and buildout\'s reason',
  fix: 'the template typo is fixed with its quick fix and saved',
  askOnce: 'the first check asks once whether to use the system haproxy, then reports the config valid',
  noAskAgain: 'the second check does not ask again',
  generated: 'Show Generated Config opens the rendered file beside, with no Start button on it',
  fromProfile: 'Check Configuration with buildout.cfg active puts haproxy -c findings on the template, not on the profile',
};

const toast = (page, re) => page.locator(sel.notification, { hasText: re }).first();
const oneLine = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();

/** The palette rows for `filter`; like runCommand, a palette that opened empty gets a retry. */
async function paletteRows(page, filter) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator(`${sel.quickInput} input`);
    await input.waitFor();
    await input.fill(`>${filter}`);
    const found = await page.locator(sel.quickInputRow, { hasText: filter }).first()
      .waitFor({ timeout: 8_000 }).then(() => true, () => false);
    const rows = (await page.locator(sel.quickInputRow).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await page.keyboard.press('Escape');
    await page.locator(sel.quickInput).waitFor({ state: 'hidden' });
    if (found || attempt === 3) return rows;
  }
}

async function clearToasts(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator(sel.notification).first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

export default {
  name: 'first-user',
  title: 'First run from the palette: early commands, one binary question, generated config',
  steps: Object.values(S),

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir);
    // No machine settings: haproxy comes from PATH / /usr/sbin like on a user's machine.
    return { folder, settings: process.env.E2E_TRACE ? { 'haproxy.trace.server': 'verbose' } : undefined };
  },

  async run({ t, page, server, folder }) {
    await t.step(S.open, async () => {
      await openWorkbench(page, server.url, folder, 'buildout.cfg');
    });

    await t.step(S.offered, async () => {
      const rows = await paletteRows(page, 'HAProxy');
      for (const want of ['HAProxy: Start', 'HAProxy: Check Configuration']) {
        if (!rows.some((r) => r.startsWith(want))) throw new Error(`palette lacks "${want}": ${rows.join(' | ')}`);
      }
      return rows.join(' | ');
    });

    await t.step(S.early, async () => {
      await runCommand(page, 'HAProxy: Check Configuration');
      const msg = toast(page, /cannot be rendered|not running/);
      await msg.waitFor();
      const text = await oneLine(msg);
      if (/not running/.test(text)) throw new Error(`the command did not wait for the language server: ${text}`);
      if (!/haproxy-config/.test(text) || !/'haproxy-conf'/.test(text)) throw new Error(`message names neither section nor reason: ${text}`);
      if (!/templates\/haproxy\.conf\.in/.test(text)) throw new Error(`message does not name the template: ${text}`);
      await clearToasts(page);
      return text;
    });

    await t.step(S.fix, async () => {
      await openFile(page, 'templates/haproxy.conf.in', 'frontend zeocluster');
      const template = join(folder, 'templates/haproxy.conf.in');
      const at = positionOf(template, 'haproxy-conf:maxconn');
      await gotoPosition(page, at.line, at.column + 2);
      await applyQuickFix(page, 'haproxy-config');
      await page.keyboard.press('Control+S');
      const deadline = Date.now() + 10_000;
      while (!readFileSync(template, 'utf8').includes('${haproxy-config:maxconn}')) {
        if (Date.now() > deadline) throw new Error('the fix did not reach the file on disk');
        await page.waitForTimeout(100); // polling the file on disk
      }
    });

    await t.step(S.askOnce, async () => {
      await clearToasts(page);
      await runCommand(page, 'HAProxy: Check Configuration');
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'does not exist yet' });
      await dialog.waitFor();
      const question = await oneLine(dialog);
      await dialog.locator('.monaco-button', { hasText: /^Use / }).first().click();
      const done = toast(page, /configuration is valid|error/);
      await done.waitFor();
      const text = await oneLine(done);
      if (!/configuration is valid/.test(text)) throw new Error(`check result: ${text}`);
      return `${question} → ${text}`;
    });

    await t.step(S.noAskAgain, async () => {
      await clearToasts(page);
      await runCommand(page, 'HAProxy: Check Configuration');
      const dialog = page.locator('.monaco-dialog-box');
      const done = toast(page, /configuration is valid|error/);
      const first = await Promise.race([
        done.waitFor().then(() => 'toast'),
        dialog.waitFor().then(() => 'dialog'),
      ]);
      if (first === 'dialog') throw new Error(`asked again: ${await oneLine(dialog)}`);
      return oneLine(done);
    });

    await t.step(S.generated, async () => {
      await runCommand(page, 'HAProxy: Show Generated Config');
      const group = page.locator('.editor-group-container.active');
      await group.locator('.tab.active', { hasText: 'haproxy.conf' }).waitFor();
      await group.locator('.view-lines', { hasText: 'maxconn 256' }).first().waitFor();
      const actions = await group.locator('.editor-actions .action-label')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.getAttribute('title') || ''));
      if (actions.some((a) => /^Start\b/.test(a))) throw new Error(`the generated view offers Start: ${actions.join(' | ')}`);
      return `title actions: ${actions.map((a) => a.split('\n')[0]).join(' | ')}`;
    });

    await t.step(S.fromProfile, async () => {
      // A mistake only the real HAProxy reports at check time: a use_backend target that does not exist.
      const template = join(folder, 'templates/haproxy.conf.in');
      writeFileSync(template, readFileSync(template, 'utf8').replace('    default_backend zope\n',
        '    default_backend zope\n    use_backend nowhere if { path_beg /nowhere }\n'));
      await runCommand(page, 'View: Close All Editor Groups');
      await openFile(page, 'buildout.cfg', 'parts');
      await clearToasts(page);
      await runCommand(page, 'HAProxy: Check Configuration');
      const done = toast(page, /error|configuration is valid/);
      await done.waitFor();
      const summary = await oneLine(done);
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator(sel.markersRow);
      await rows.filter({ hasText: 'nowhere' }).first().waitFor();
      const texts = (await rows.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
      if (texts.some((x) => /^buildout\.cfg/.test(x))) throw new Error(`findings placed on buildout.cfg: ${texts.join(' | ')}`);
      if (!texts.some((x) => /^haproxy\.conf\.in/.test(x))) throw new Error(`no findings on the template: ${texts.join(' | ')}`);
      return `${summary} — ${texts.join(' | ')}`;
    });
  },
};
