/**
 * Applies the server's "these files are buildout profiles" notices: `.cfg` files reached
 * through `extends` get the `buildout` language, now if open and later when opened.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SetLanguageNotification } from '../../server/src/lsp/protocol';

export function handleLanguageSwitch(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  const wanted = new Map<string, string>();

  async function apply(doc: vscode.TextDocument): Promise<void> {
    const languageId = wanted.get(doc.uri.toString());
    if (!languageId || doc.languageId === languageId) return;
    try {
      await vscode.languages.setTextDocumentLanguage(doc, languageId);
      output.info(`${doc.uri.fsPath} is a zc.buildout profile: language set to ${languageId}`);
    } catch (err) {
      output.warn(`Could not set the language of ${doc.uri.fsPath}: ${String(err)}`);
    }
  }

  const subscriptions: vscode.Disposable[] = [
    client.onNotification(SetLanguageNotification.type, (params) => {
      for (const uri of params.uris) wanted.set(vscode.Uri.parse(uri).toString(), params.languageId);
      for (const doc of vscode.workspace.textDocuments) void apply(doc);
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void apply(doc)),
  ];
  return vscode.Disposable.from(...subscriptions);
}
