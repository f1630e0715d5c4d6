/**
 * "Buildout: Choose Template Owner": a template used by several sections or profiles is
 * rendered by the main buildout.cfg's section unless the user picks another. The pick is the
 * `buildout.templateOwner` setting, so it lasts, can be shared, and reaches the server like
 * any setting (it re-validates open documents; hover, completion and rendering follow).
 * A language status item on templates names the owner in effect and opens the pick when
 * there is a choice; a context key puts the command in the template's title menu then.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { TemplateOwnersRequest } from '../../server/src/lsp/protocol';
import { requireClient } from './commands';
import { CONTEXT_KEYS } from './contextKeys';
import type { CommandProvider, ExtensionShell } from './shell';
import {
  CHOOSE_TEMPLATE_OWNER_COMMAND, chosenOwner, ownerPickItems, templateSettingKey, withOwnerChoice, type OwnersAnswer,
} from './templateOwnerChoice';

const SETTING = 'templateOwner';

/** Where the template's choice is written: its workspace folder's settings, else the user's (absolute key). */
function settingScope(template: vscode.Uri) {
  const folder = vscode.workspace.getWorkspaceFolder(template);
  const key = templateSettingKey(template.fsPath, folder?.uri.fsPath);
  const config = vscode.workspace.getConfiguration('buildout', folder?.uri ?? template);
  const info = config.inspect<Record<string, string>>(SETTING);
  // A multi-root workspace keeps per-folder values; a single folder's are the workspace's.
  const target = !folder ? vscode.ConfigurationTarget.Global
    : vscode.workspace.workspaceFile ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const stored = target === vscode.ConfigurationTarget.Global ? info?.globalValue
    : target === vscode.ConfigurationTarget.WorkspaceFolder ? info?.workspaceFolderValue : info?.workspaceValue;
  const chosen = chosenOwner(config.get<Record<string, string>>(SETTING), key, template.fsPath);
  return { config, key, target, stored, chosen };
}

async function askOwners(shell: ExtensionShell, template: vscode.Uri): Promise<OwnersAnswer> {
  const client = await requireClient(shell);
  return client.sendRequest(TemplateOwnersRequest.type, { uri: template.toString() });
}

/**
 * Shows the pick and records it. Resolves with the owner now in effect (`profile.cfg:section`),
 * or undefined when the user dismissed the pick.
 */
async function pickAndRecord(template: vscode.Uri, owners: OwnersAnswer): Promise<string | undefined> {
  const scope = settingScope(template);
  const items = ownerPickItems(owners, scope.chosen);
  const picked = await vscode.window.showQuickPick(items, {
    title: `Which buildout section renders ${path.basename(template.fsPath)}?`,
    placeHolder: 'Hover, completion, diagnostics, Show Generated Config and Start use this section',
  });
  if (!picked) return undefined;
  await scope.config.update(SETTING, withOwnerChoice(scope.stored, scope.key, picked.value), scope.target);
  return picked.value ?? owners.candidates[0];
}

/**
 * The owner "Show Generated Config" and "HAProxy: Start" render a template with: the recorded
 * choice, else (several owners, none chosen yet) the user's pick, which is recorded so the
 * editor's features show the same section. `cancelled` when the user dismissed the pick;
 * `owner` undefined when the server knows no owner (rendering then says why). With `ask`
 * false (the check on save) there is never a pick: the owner in effect is used.
 */
export async function ownerForRender(shell: ExtensionShell, template: vscode.Uri, ask = true): Promise<{ owner?: string; cancelled?: boolean }> {
  const owners = await askOwners(shell, template);
  if (!ask || owners.candidates.length <= 1 || settingScope(template).chosen) return { owner: owners.current };
  const owner = await pickAndRecord(template, owners);
  return owner ? { owner } : { cancelled: true };
}

export function createTemplateOwnerView(shell: ExtensionShell): CommandProvider & { refresh(): Promise<void> } {
  const item = vscode.languages.createLanguageStatusItem('buildout.templateOwner', { language: 'haproxy', scheme: 'file', pattern: '**/*.in' });
  item.name = 'Buildout template owner';
  item.text = 'Rendered by …';
  const disposables: vscode.Disposable[] = [item];
  let generation = 0;

  async function refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const client = shell.client();
    const mine = ++generation;
    const isTemplate = doc?.uri.scheme === 'file' && doc.languageId === 'haproxy' && /\.in$/i.test(doc.fileName);
    if (!doc || !isTemplate || !client?.isRunning()) {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.severalTemplateOwners, false);
      return;
    }
    try {
      const owners = await client.sendRequest(TemplateOwnersRequest.type, { uri: doc.uri.toString() });
      if (mine !== generation) return;
      const several = owners.candidates.length > 1;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.severalTemplateOwners, several);
      item.text = owners.current ? `Rendered by ${owners.current}` : 'No buildout section renders this template';
      item.detail = several
        ? `${owners.candidates.length} sections use this template${settingScope(doc.uri).chosen ? ' (chosen in buildout.templateOwner)' : ''}`
        : undefined;
      item.command = several ? { command: CHOOSE_TEMPLATE_OWNER_COMMAND, title: 'Choose', arguments: [doc.uri] } : undefined;
      item.severity = owners.current ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    } catch (err) {
      shell.output.warn(`Could not ask the owners of ${doc.uri.fsPath}: ${String(err)}`);
    }
  }

  disposables.push(
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // The server sees the new setting a moment after VS Code reports it.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('buildout')) setTimeout(() => void refresh(), 200);
    }),
    // A saved profile may add or drop a section that renders the template.
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.languageId === 'buildout') void refresh();
    }),
  );

  return {
    refresh,
    commands: {
      [CHOOSE_TEMPLATE_OWNER_COMMAND]: async (resource?: unknown) => {
        const template = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
        if (!template || template.scheme !== 'file') throw new Error('open a buildout template (e.g. templates/haproxy.conf.in) first.');
        const owners = await askOwners(shell, template);
        const name = vscode.workspace.asRelativePath(template, false);
        if (owners.candidates.length === 0) {
          throw new Error(`no collective.recipe.template or slapos.recipe.template section of the workspace's profiles uses ${name} as its input.`);
        }
        if (owners.candidates.length === 1) {
          void vscode.window.showInformationMessage(`${name} is rendered by ${owners.candidates[0]} only: there is nothing to choose.`);
          return owners.candidates[0];
        }
        const owner = await pickAndRecord(template, owners);
        if (owner) shell.output.info(`${name} is now rendered by ${owner} (buildout.templateOwner).`);
        return owner;
      },
    },
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
