/**
 * "HAProxy: Show Generated Config": asks the server to render the active template (as the
 * buildout recipe would) and shows the result read-only through a virtual document scheme.
 */
import * as vscode from 'vscode';
import { RenderTemplateRequest } from '../../server/src/lsp/protocol';
import { requireClient } from './commands';
import { renderFailure } from './renderFailure';
import { ownerForRender } from './templateOwner';
import type { CommandProvider, ExtensionShell } from './shell';

export const SHOW_GENERATED_COMMAND = 'haproxy.showGeneratedConfig';
export const GENERATED_SCHEME = 'haproxy-generated';

export function createGeneratedConfigView(shell: ExtensionShell): CommandProvider {
  const contents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
  };
  const disposables: vscode.Disposable[] = [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, provider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === GENERATED_SCHEME) contents.delete(d.uri.toString());
    }),
  ];

  return {
    commands: {
      [SHOW_GENERATED_COMMAND]: async (resource?: vscode.Uri) => {
        const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
        if (!uri) throw new Error('open a HAProxy template (e.g. haproxy.conf.in) or a buildout profile first.');
        const client = await requireClient(shell);
        // A template renders with the owner the editor's features use (chosen, or picked now).
        const chosen = await ownerForRender(shell, uri);
        if (chosen.cancelled) return;
        let result = await client.sendRequest(RenderTemplateRequest.type, { uri: uri.toString(), owner: chosen.owner });
        // A profile with several template sections: which one to show.
        if (!chosen.owner && result.alternatives && result.alternatives.length > 1) {
          const owner = await vscode.window.showQuickPick(result.alternatives, { title: 'Several sections render this template: pick one' });
          if (!owner) return;
          result = await client.sendRequest(RenderTemplateRequest.type, { uri: uri.toString(), owner });
        }
        if (result.text === undefined) throw renderFailure(result, uri);
        for (const e of result.errors) shell.output.warn(`${uri.fsPath}: ${e}`);
        const name = (result.output ?? uri.path.replace(/\.in$/, '')).split('/').pop() ?? 'haproxy.cfg';
        const virtual = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: '/' + name, query: uri.toString() });
        contents.set(virtual.toString(), result.text);
        changed.fire(virtual);
        let doc = await vscode.workspace.openTextDocument(virtual);
        if (doc.languageId !== 'haproxy') doc = await vscode.languages.setTextDocumentLanguage(doc, 'haproxy');
        await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      },
    },
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
