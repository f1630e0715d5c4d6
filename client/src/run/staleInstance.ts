/**
 * On activation: a HAProxy recorded in the state file that still runs was left by an extension
 * host that died without stopping it (the watchdog normally prevents that). Offer to stop it.
 */
import * as vscode from 'vscode';
import { detectStale, stopStale } from '../../../server/src/node/haproxy/pidState';

export async function offerToStopStale(stateFile: string, log: vscode.LogOutputChannel): Promise<void> {
  const stale = detectStale(stateFile);
  if (!stale) return;
  log.warn(`A HAProxy started earlier from this workspace is still running (pid ${stale.pid}, ${stale.configFile}).`);
  const c = await vscode.window.showWarningMessage(
    `HAProxy: an instance started earlier from this workspace is still running (pid ${stale.pid}). Stop it?`, 'Stop It', 'Leave Running');
  if (c !== 'Stop It') return;
  const ok = await stopStale(stateFile, stale);
  log.info(ok ? `Stopped the left-over HAProxy (pid ${stale.pid}).` : `Could not stop HAProxy pid ${stale.pid}.`);
}
