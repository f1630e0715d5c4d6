// Scenario a: an HAProxy config in a real workbench — language mode, completion in two
// contexts, hover, a diagnostic in the Problems panel, a quick fix applied.
import { join } from 'node:path';
import { copyWorkspace } from '../lib/workspace.mjs';
import {
  openWorkbench, openFile, languageMode, gotoPosition, suggestLabels, hoverText, problemRow,
  applyQuickFix, positionOf, editorLineText, sel,
} from '../lib/workbench.mjs';

const S = {
  open: 'workbench opens the workspace',
  mode: 'haproxy.cfg opens in language mode HAProxy',
  keywords: 'completion: proxy keywords in a backend',
  options: 'completion: option names after "option", accepted into the line',
  hover: 'hover on a keyword explains it',
  diagnostic: 'Problems panel lists the removed keyword appsession',
  quickFix: 'quick fix "did you mean" replaces the typo timout',
};

export default {
  name: 'haproxy-file',
  title: 'HAProxy config: language mode, completion, hover, diagnostics, quick fix',
  steps: Object.values(S),

  async prepare(ctx) {
    const folder = copyWorkspace(join(ctx.root, 'test/e2e/fixtures/haproxy-workspace'), ctx.runDir);
    return {
      folder,
      // Completion opens only on Ctrl+Space, so the list the test reads is the one it asked for.
      settings: { 'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.suggestOnTriggerCharacters': false },
    };
  },

  async run({ t, page, server, folder, screenshots }) {
    const cfg = join(folder, 'haproxy.cfg');
    await t.step(S.open, () => openWorkbench(page, server.url, folder, 'haproxy.cfg'));
    await t.step(S.mode, async () => {
      await openFile(page, 'haproxy.cfg', 'appsession');
      return languageMode(page, 'HAProxy');
    });

    const lastServer = positionOf(cfg, 'server instance2');
    await t.step(S.keywords, async () => {
      await gotoPosition(page, lastServer.line, lastServer.column);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('http-re');
      const labels = await suggestLabels(page, 'http-request');
      if (screenshots) await page.screenshot({ path: join(screenshots, 'completion.png') });
      if (labels.includes('httpchk')) throw new Error(`option names offered as keywords: ${labels}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+K'); // delete the typed line again
      return labels.join(', ');
    });

    await t.step(S.options, async () => {
      await gotoPosition(page, lastServer.line, lastServer.column);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('option httpch');
      const labels = await suggestLabels(page, 'httpchk');
      if (labels.includes('http-request')) throw new Error(`keywords offered after "option": ${labels}`);
      await page.locator(`${sel.suggestRow}.focused`, { hasText: 'httpchk' }).waitFor();
      await page.keyboard.press('Enter');
      await page.locator(sel.suggestRow).first().waitFor({ state: 'hidden' });
      const line = await editorLineText(page, 'option httpchk');
      if (!/^\s*option httpchk\b/.test(line)) throw new Error(`line after accepting: "${line}"`);
      await page.keyboard.press('Control+Shift+K');
      return `${labels.join(', ')} → "${line.trim()}"`;
    });

    await t.step(S.hover, async () => {
      const at = positionOf(cfg, 'balance roundrobin');
      await gotoPosition(page, at.line, at.column + 2);
      const text = await hoverText(page, 'balance');
      if (text.length < 40) throw new Error(`hover too short to explain anything: "${text}"`);
      await page.keyboard.press('Escape');
      return text;
    });

    await t.step(S.diagnostic, async () => {
      const row = await problemRow(page, 'appsession');
      return row;
    });

    await t.step(S.quickFix, async () => {
      const at = positionOf(cfg, 'timout check');
      await gotoPosition(page, at.line, at.column + 1);
      const applied = await applyQuickFix(page, 'timeout', async () => {
        if (screenshots) await page.screenshot({ path: join(screenshots, 'diagnostics-quick-fix.png') });
      });
      const line = await editorLineText(page, 'check 5s');
      if (!/^\s*timeout check 5s/.test(line)) throw new Error(`line after the fix: "${line}"`);
      await page.locator(sel.markersRow, { hasText: 'timout' }).first().waitFor({ state: 'detached' });
      return `${applied} → "${line.trim()}"`;
    });
  },
};
