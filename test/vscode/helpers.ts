// Helpers for tests that run inside the extension host (code-server or VS Code desktop).
import * as vscode from 'vscode';

/** The opened workspace: the example buildout, with test/vscode/fixtures copied to e2e-fixtures/. */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host tests need an opened workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openDocument(...segments: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Position of the first `needle` in `doc`, moved `delta` characters to the right. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + delta);
}

/**
 * Retries `check` until it stops throwing: the language server starts asynchronously after the
 * first document opens, so early requests may legitimately come back empty.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function completionLabels(doc: vscode.TextDocument, at: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider', doc.uri, at);
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export async function hoverMarkdown(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Waits until the diagnostics of `doc` contain one that `match` accepts, and returns it. */
export function diagnosticMatching(doc: vscode.TextDocument, match: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic> {
  return eventually(() => {
    const all = vscode.languages.getDiagnostics(doc.uri);
    const found = all.find(match);
    if (!found) throw new Error(`no matching diagnostic; have: ${all.map((d) => d.message).join(' | ') || 'none'}`);
    return found;
  });
}

export async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export function codeOf(d: vscode.Diagnostic): string {
  if (d.code === undefined) return '';
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
