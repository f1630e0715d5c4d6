// Step bookkeeping for one scenario: each step is a checked assertion with a time. The first
// failing step takes a screenshot and ends the scenario; the steps it did not reach count as
// failed (never as passed), so a broken feature cannot hide behind an early failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class Steps {
  constructor(scenario, outDir, page) {
    this.scenario = scenario;
    this.outDir = outDir;
    this.page = page;
    this.results = [];
    this.failed = false;
    mkdirSync(outDir, { recursive: true });
  }

  /** Runs `fn` as step `name` unless an earlier step failed. Returns fn's value. */
  async step(name, fn) {
    if (this.failed) {
      this.results.push({ name, ok: false, ms: 0, error: 'not reached (an earlier step failed)' });
      console.log(`  not ok  ${this.scenario} › ${name} (not reached)`);
      return undefined;
    }
    const start = Date.now();
    try {
      const value = await fn();
      const ms = Date.now() - start;
      const detail = typeof value === 'string' ? value : '';
      this.results.push({ name, ok: true, ms, detail });
      console.log(`  ok      ${this.scenario} › ${name} (${ms} ms)${detail ? ` — ${oneLine(detail)}` : ''}`);
      return value;
    } catch (err) {
      const ms = Date.now() - start;
      this.failed = true;
      const shot = join(this.outDir, `${this.scenario}-failure.png`);
      try { await this.page?.screenshot({ path: shot }); } catch { /* page may be gone */ }
      const notes = await this.visibleNotifications();
      this.results.push({ name, ok: false, ms, error: String(err?.stack ?? err), notifications: notes });
      console.log(`  not ok  ${this.scenario} › ${name} (${ms} ms)\n          ${oneLine(String(err?.message ?? err))}`
        + `${notes.length ? `\n          notifications: ${oneLine(notes.join(' | '))}` : ''}\n          screenshot: ${shot}`);
      return undefined;
    }
  }

  /** The workbench's notification toasts: an extension's error message usually explains a failure. */
  async visibleNotifications() {
    try {
      const texts = await this.page?.locator('.notifications-toasts .notification-toast').allInnerTexts({ timeout: 1000 });
      return (texts ?? []).map((t) => t.replace(/\s+/g, ' ').trim());
    } catch {
      return [];
    }
  }

  /** Records an outcome computed elsewhere (e.g. the in-host suite's own counts). */
  record(name, ok, detail = '', ms = 0) {
    this.results.push({ name, ok, ms, detail });
    console.log(`  ${ok ? 'ok    ' : 'not ok'}  ${this.scenario} › ${name}${detail ? ` — ${oneLine(detail)}` : ''}`);
  }

  /** Counts every planned step: the ones not reached because of a crash count as failed. */
  finish(plannedNames) {
    for (const name of plannedNames ?? []) {
      if (!this.results.some((r) => r.name === name)) {
        this.results.push({ name, ok: false, ms: 0, error: 'not reached' });
        console.log(`  not ok  ${this.scenario} › ${name} (not reached)`);
      }
    }
    writeFileSync(join(this.outDir, `${this.scenario}.json`), JSON.stringify(this.results, null, 2));
    return {
      passed: this.results.filter((r) => r.ok).length,
      failed: this.results.filter((r) => !r.ok).length,
    };
  }
}

export function oneLine(s, max = 220) {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
