// Headless Debian Chromium driven by playwright-core (no Playwright browser download).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const candidates = [process.env.E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('chromium not found: apt-get install chromium (or set E2E_CHROMIUM)');
  return found;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page with a fixed viewport; console errors are collected for the scenario's report. */
export async function newPage(browser, consoleLines) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || process.env.E2E_VERBOSE) consoleLines.push(`[${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleLines.push(`[pageerror] ${err.message}`));
  return { context, page };
}
