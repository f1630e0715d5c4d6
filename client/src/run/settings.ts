/**
 * The run settings (contributed in package.json under `haproxy.run.*`, plus the machine-scoped
 * `haproxy.executablePath`). Read fresh on every use, never cached.
 */
import * as vscode from 'vscode';

export interface RunSettings {
  executablePath: string | undefined;
  writeOutputToRecipePath: boolean;
  addStatsListener: boolean;
  checkOnSave: boolean;
  reloadOnSave: boolean;
  statsRefreshSeconds: number;
  startTimeoutSeconds: number;
}

export function readRunSettings(scope?: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration('haproxy', scope);
  const exe = c.get<string | null>('executablePath');
  return {
    executablePath: typeof exe === 'string' && exe.trim() ? exe.trim() : undefined,
    writeOutputToRecipePath: c.get<boolean>('run.writeOutputToRecipePath', false),
    addStatsListener: c.get<boolean>('run.addStatsListener', true),
    checkOnSave: c.get<boolean>('run.checkOnSave', true),
    reloadOnSave: c.get<boolean>('run.reloadOnSave', false),
    statsRefreshSeconds: clamp(c.get<number>('run.statsRefreshSeconds', 2), 1, 3600),
    startTimeoutSeconds: clamp(c.get<number>('run.startTimeoutSeconds', 10), 1, 120),
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
