// Keyboard-first helpers for the VS Code workbench served by code-server. Every wait is on a
// selector or a condition, never a fixed sleep. Selectors were checked against Code 1.139.
import { readFileSync } from 'node:fs';

export const sel = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  languageStatus: '[id="status.editor.mode"]',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  markersRow: '.markers-panel .monaco-list-row',
  actionWidgetRow: '.action-widget .monaco-list-row',
  notification: '.notifications-toasts .notification-toast',
};

/**
 * Loads the workbench on `folder` and waits until the explorer lists `expectEntry` (a file or
 * folder at the top of the workspace): only then is the remote file system connected.
 * `query` adds URL parameters (e.g. the smoke-driver payload).
 */
export async function openWorkbench(page, baseUrl, folder, expectEntry, query = '') {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}${query}`);
  await page.locator(sel.workbench).waitFor();
  await page.locator(sel.explorerRow, { hasText: expectEntry }).first().waitFor();
}

/** Quick Open by path; waits until the editor shows `expectText` from the file. */
export async function openFile(page, relPath, expectText) {
  await page.keyboard.press('Control+P');
  const input = page.locator(`${sel.quickInput} input`);
  await input.waitFor();
  await input.pressSequentially(relPath);
  const base = relPath.split('/').pop();
  await page.locator(sel.quickInputRow, { hasText: base }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(sel.quickInput).waitFor({ state: 'hidden' });
  await page.locator('.tab.active', { hasText: base }).waitFor();
  if (expectText) await page.locator(sel.editorLines, { hasText: expectText }).first().waitFor();
}

export async function languageMode(page, expected) {
  const item = page.locator(sel.languageStatus, { hasText: expected });
  await item.waitFor();
  return (await item.innerText()).trim();
}

/**
 * Runs a palette command by its title as the palette shows it, e.g. "HAProxy: Start". The palette
 * sometimes drops the first keystrokes while it opens, so a missing row gets one clean retry.
 */
export async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator(`${sel.quickInput} input`);
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator(sel.quickInputRow, { hasText: title }).first();
    const found = await row.waitFor({ timeout: attempt === 1 ? 10_000 : 15_000 }).then(() => true, () => false);
    if (found) break;
    await page.keyboard.press('Escape');
    await page.locator(sel.quickInput).waitFor({ state: 'hidden' });
    if (attempt === 2) throw new Error(`the command palette does not offer "${title}"`);
  }
  await page.keyboard.press('Enter');
  await page.locator(sel.quickInput).waitFor({ state: 'hidden' });
}

/** Puts the cursor at 1-based line/column with Go to Line (Ctrl+G accepts "line:col"). */
export async function gotoPosition(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator(`${sel.quickInput} input`);
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(sel.quickInput).waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
}

export async function focusEditor(page) {
  // The editor text area takes keyboard input; clicking it would also move the cursor.
  await page.locator('.editor-instance .monaco-editor textarea').first().focus();
}

/** Opens completion at the cursor and returns the visible labels once `expectLabel` shows. */
export async function suggestLabels(page, expectLabel) {
  await page.keyboard.press('Control+Space');
  await page.locator(sel.suggestRow, { hasText: expectLabel }).first().waitFor();
  const labels = await page.locator(`${sel.suggestRow} .label-name`).allInnerTexts();
  return labels.map((l) => l.trim());
}

/**
 * Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once `expectText` shows.
 * A hover asked while the language server is still loading the workspace comes back empty and
 * VS Code does not ask again, so the hover is re-requested (bounded), as a user would.
 */
export async function hoverText(page, expectText, timeoutMs = 30_000) {
  const hover = page.locator(sel.hover, { hasText: expectText }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const shown = await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (shown) return (await hover.innerText()).trim();
    if (Date.now() > deadline) throw new Error(`no hover containing "${expectText}" within ${timeoutMs / 1000} s`);
    await page.keyboard.press('Escape');
  }
}

/** Opens the Problems panel and returns the text of the row containing `expectText`. */
export async function problemRow(page, expectText) {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator(sel.markersRow, { hasText: expectText }).first();
  await row.waitFor();
  return (await row.innerText()).trim();
}

/** Opens quick fixes at the cursor (Ctrl+.) and applies the one whose title contains `title`. */
export async function applyQuickFix(page, title, beforeApply) {
  const row = page.locator(sel.actionWidgetRow, { hasText: title }).first();
  // Code actions are computed when asked: asked before the diagnostic arrived, the answer is
  // "no code actions", so ask again (bounded) until the fix is offered.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await row.waitFor({ timeout: 7_000 }).then(() => true, () => false);
    if (shown) break;
    if (attempt === 4) throw new Error(`no quick fix containing "${title}" offered`);
    await page.keyboard.press('Escape');
  }
  const text = (await row.innerText()).trim();
  await beforeApply?.();
  await row.click();
  await page.locator(sel.actionWidgetRow).first().waitFor({ state: 'hidden' });
  return text;
}

/** 1-based line and column of the first occurrence of `needle` (optionally after `after`). */
export function positionOf(file, needle, after) {
  const text = readFileSync(file, 'utf8');
  const from = after ? text.indexOf(after) : 0;
  const offset = text.indexOf(needle, Math.max(0, from));
  if (offset < 0) throw new Error(`${needle} not found in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Text of 1-based `line` as the editor renders it (non-breaking spaces normalised). */
export async function editorLineText(page, needle) {
  const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: needle }).first();
  await line.waitFor();
  return (await line.innerText()).replace(/\u00a0/g, ' ');
}
