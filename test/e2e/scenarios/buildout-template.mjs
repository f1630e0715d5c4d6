// Scenario b: the example Plone buildout — in templates/haproxy.conf.in a `${…}` hover shows the
// value buildout would substitute, and the handbook's typo `${haproxy-conf:maxconn}` is flagged
// and fixed with one quick fix.
import { join } from 'node:path';
import { copyWorkspace } from '../lib/workspace.mjs';
import {
  openWorkbench, openFile, languageMode, gotoPosition, problemRow, applyQuickFix,
  positionOf, editorLineText, sel,
} from '../lib/workbench.mjs';

/**
 * Asks for the hover once (Ctrl+K Ctrl+I) and waits, bounded, for it to show `expectText`. No
 * re-request: the server computes the owner and the value on demand, so one answer must be
 * right. VS Code does not ask again once a provider is registered, so the caller first waits
 * until the language client is running and has the template (its diagnostics are drawn).
 */
async function hoverOnce(page, expectText, timeoutMs = 20_000) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator(sel.hover, { hasText: expectText }).first();
  await hover.waitFor({ timeout: timeoutMs });
  return (await hover.innerText()).trim();
}

/** The error squiggle of the template's typo: the server has the template, its providers are registered. */
const serverHasTemplate = (page) =>
  page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });

const S = {
  open: 'workbench opens the example buildout',
  mode: 'templates/haproxy.conf.in opens in language mode HAProxy',
  hover: 'hover on ${instance1:http-address} shows the resolved 127.0.0.1:8081',
  diagnostic: 'Problems panel flags the undefined section haproxy-conf',
  quickFix: 'quick fix changes haproxy-conf to haproxy-config',
  hoverFixed: 'hover on the fixed reference shows maxconn 256',
};

export default {
  name: 'buildout-template',
  title: 'Buildout template: resolved value on hover, undefined-section typo fixed by quick fix',
  steps: Object.values(S),

  async prepare(ctx) {
    return { folder: copyWorkspace(join(ctx.root, 'examples/plone-buildout'), ctx.runDir) };
  },

  async run({ t, page, server, folder, screenshots }) {
    const template = join(folder, 'templates/haproxy.conf.in');
    // Positions come from the file as copied: after the quick fix the editor may save it (then
    // 'haproxy-conf:maxconn' is no longer on disk), and the fix keeps the typo's start column.
    const typoAt = positionOf(template, 'haproxy-conf:maxconn');
    await t.step(S.open, () => openWorkbench(page, server.url, folder, 'buildout.cfg'));
    await t.step(S.mode, async () => {
      await openFile(page, 'templates/haproxy.conf.in', 'frontend zeocluster');
      return languageMode(page, 'HAProxy');
    });

    await t.step(S.hover, async () => {
      const at = positionOf(template, 'instance1:http-address');
      // Only a client that has not started yet cannot answer (the extension host activates it
      // seconds after the workbench shows on a busy machine): wait for that, not for a retry.
      await serverHasTemplate(page);
      await gotoPosition(page, at.line, at.column + 3);
      const text = await hoverOnce(page, '127.0.0.1:8081');
      if (screenshots) await page.screenshot({ path: join(screenshots, 'hover-resolved-value.png') });
      await page.keyboard.press('Escape');
      return text;
    });

    // 'haproxy-conf' not followed by 'ig': the row must name the wrong section, not the right one.
    const wrongSection = /haproxy-conf(?!ig)/;
    await t.step(S.diagnostic, () => problemRow(page, wrongSection));

    await t.step(S.quickFix, async () => {
      await gotoPosition(page, typoAt.line, typoAt.column + 2);
      const applied = await applyQuickFix(page, 'haproxy-config', async () => {
        if (screenshots) await page.screenshot({ path: join(screenshots, 'buildout-quick-fix.png') });
      });
      const line = await editorLineText(page, 'maxconn $');
      if (!line.includes('${haproxy-config:maxconn}')) throw new Error(`line after the fix: "${line}"`);
      await page.locator(sel.markersRow, { hasText: wrongSection }).first().waitFor({ state: 'detached' });
      return `${applied} → "${line.trim()}"`;
    });

    await t.step(S.hoverFixed, async () => {
      await gotoPosition(page, typoAt.line, typoAt.column + 2);
      const text = await hoverOnce(page, '256');
      await page.keyboard.press('Escape');
      return text;
    });
  },
};
