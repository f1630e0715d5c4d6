/**
 * A language status item showing which HAProxy version's keywords apply to the active file
 * (setting, `haproxy -v` of the local binary, or the default), with a quick pick to switch
 * that writes `haproxy.version` to the workspace settings.
 */
import * as vscode from 'vscode';
import { EffectiveVersionRequest, VersionChangedNotification, type EffectiveVersionResult } from '../../server/src/lsp/protocol';
import type { CommandProvider, ExtensionShell } from './shell';

export const SELECT_VERSION_COMMAND = 'haproxy.selectVersion';
const SUPPORTED = ['2.6', '2.8', '3.0', '3.2', '3.4'];

function describe(r: EffectiveVersionResult): string {
  if (r.source === 'setting') return 'from the haproxy.version setting';
  if (r.source === 'binary') return `detected: ${r.binary ?? 'haproxy'} ${r.detected ?? ''}`.trim();
  return 'default (no setting, no haproxy binary found)';
}

export function createVersionStatus(shell: ExtensionShell): CommandProvider & { refresh(): Promise<void> } {
  const item = vscode.languages.createLanguageStatusItem('haproxy.version', { language: 'haproxy', scheme: 'file' });
  item.name = 'HAProxy version';
  item.text = 'HAProxy';
  item.command = { command: SELECT_VERSION_COMMAND, title: 'Switch version' };
  const disposables: vscode.Disposable[] = [item];

  async function refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = shell.client();
    if (!editor || editor.document.languageId !== 'haproxy' || !client?.isRunning()) return;
    try {
      const r = await client.sendRequest(EffectiveVersionRequest.type, { uri: editor.document.uri.toString() });
      item.text = `HAProxy ${r.version}`;
      item.detail = describe(r);
      item.severity = vscode.LanguageStatusSeverity.Information;
    } catch (err) {
      shell.output.warn(`Could not ask the HAProxy version: ${String(err)}`);
    }
  }

  disposables.push(
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('haproxy.version')) setTimeout(() => void refresh(), 200);
    }),
  );
  // Registered before the client starts: the client queues it until the connection exists.
  const client = shell.client();
  if (client) disposables.push(client.onNotification(VersionChangedNotification.type, () => void refresh()));

  return {
    refresh,
    commands: {
      [SELECT_VERSION_COMMAND]: async () => {
        const current = vscode.workspace.getConfiguration('haproxy', vscode.window.activeTextEditor?.document.uri).get<string | null>('version');
        const picks: (vscode.QuickPickItem & { value: string | undefined })[] = [
          // `picked` shows nothing in a single-choice pick: the description says which one is in effect.
          { label: 'Detect automatically', description: `haproxy -v of the local binary, else 3.2${current ? '' : ' (current setting)'}`, value: undefined },
          ...SUPPORTED.map((v) => ({ label: `HAProxy ${v}`, value: v, description: v === current ? 'current setting' : undefined })),
        ];
        const choice = await vscode.window.showQuickPick(picks, { title: 'HAProxy version for keywords and diagnostics' });
        if (!choice) return;
        const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration('haproxy').update('version', choice.value ?? null, target);
        await refresh();
      },
    },
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
