/**
 * Applies the server's "these files are buildout profiles" notices: `.cfg` files reached
 * through `extends` get the `buildout` language, now if open and later when opened.
 *
 * A document is switched once per time it is open. Changing a document's language closes and
 * reopens it in VS Code; without this rule a user who picks another language for an announced
 * file by hand (e.g. plain text to read it raw) would be switched back at once, and since the
 * server announces the main profile's whole graph at start, that would hold for every file
 * of it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SetLanguageNotification } from '../../server/src/lsp/protocol';

/** A close followed this soon by an open of the same URI is a language change, not a new open. */
const REOPEN_MS = 1000;

export function handleLanguageSwitch(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  const wanted = new Map<string, string>();
  /** URIs switched (or being switched) while they stay open. */
  const handled = new Set<string>();
  const closing = new Map<string, ReturnType<typeof setTimeout>>();

  async function apply(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const languageId = wanted.get(key);
    if (!languageId || doc.languageId === languageId || handled.has(key)) return;
    handled.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, languageId);
      output.info(`${doc.uri.fsPath} is a zc.buildout profile: language set to ${languageId}`);
    } catch (err) {
      handled.delete(key);
      output.warn(`Could not set the language of ${doc.uri.fsPath}: ${String(err)}`);
    }
  }

  const subscriptions: vscode.Disposable[] = [
    client.onNotification(SetLanguageNotification.type, (params) => {
      for (const uri of params.uris) wanted.set(vscode.Uri.parse(uri).toString(), params.languageId);
      for (const doc of vscode.workspace.textDocuments) void apply(doc);
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      const key = doc.uri.toString();
      const pending = closing.get(key);
      if (pending) {
        // The same document in another language: ours, or the user's choice to respect.
        clearTimeout(pending);
        closing.delete(key);
        return;
      }
      void apply(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      if (!handled.has(key)) return;
      clearTimeout(closing.get(key));
      closing.set(key, setTimeout(() => {
        closing.delete(key);
        handled.delete(key);
      }, REOPEN_MS));
    }),
    { dispose: () => closing.forEach((t) => clearTimeout(t)) },
  ];
  return vscode.Disposable.from(...subscriptions);
}
