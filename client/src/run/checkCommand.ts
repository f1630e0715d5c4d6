/**
 * "HAProxy: Check Configuration" (and the check on save): `haproxy -c` on the config the user
 * edits (rendered for templates), findings in the Problems panel, a one-line summary.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCheck } from '../../../server/src/node/haproxy/checkRunner';
import { configBytes } from '../../../server/src/node/haproxy/session';
import type { ConfigSource } from './configSource';
import type { ChosenBinary } from './binaryChoice';
import { revealFirst, type HaproxyCheckDiagnostics } from './diagnostics';
import { notify } from './notify';

export interface CheckDeps {
  log: vscode.LogOutputChannel;
  diagnostics: HaproxyCheckDiagnostics;
  /** Directory for the checked copy (the extension's workspace storage). */
  checkDir: string;
}

export async function checkSource(deps: CheckDeps, source: ConfigSource, binary: ChosenBinary, quiet: boolean): Promise<void> {
  // A copy, so unsaved edits are checked; HAProxy names this path in its messages.
  const file = path.join(deps.checkDir, source.baseName);
  mkdirSync(path.dirname(file), { recursive: true });
  // Encoded as the recipe writes it (output-encoding), so haproxy -c reads the same bytes.
  writeFileSync(file, configBytes(source.text, source.outputEncoding));
  const result = await runCheck(binary.path, file, { cwd: source.cwd });
  const diags = deps.diagnostics.show(source, result.problems, file);
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const warnings = diags.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = result.timedOut
    ? 'haproxy -c did not finish in time.'
    : result.valid
      ? `configuration is valid${warnings ? ` (${plural(warnings, 'warning')})` : ''}${result.noListener ? ', but it has no listener (HAProxy would not start)' : ''}.`
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  deps.log.info(`haproxy -c ${source.sourceUri.fsPath}: ${summary}`);
  if (quiet) return;
  if (result.valid && diags.length === 0) void vscode.window.showInformationMessage(`HAProxy: ${summary}`);
  else notify(result.valid ? 'warning' : 'error', summary, ['Go to First'], () => void revealFirst(source.sourceUri, diags));
}
