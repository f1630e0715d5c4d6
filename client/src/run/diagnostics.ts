/**
 * `haproxy -c` findings in the Problems panel, on the lines of the file the user edits
 * (through the template line map for rendered templates). One collection, source "haproxy -c".
 */
import * as vscode from 'vscode';
import type { CheckFinding } from '../../../server/src/node/haproxy/checkOutput';
import { locateFindings, mapThroughTemplate, type LocatedFinding } from '../../../server/src/node/haproxy/locateFindings';
import type { ConfigSource } from './configSource';

export class HaproxyCheckDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('haproxy -c');

  /**
   * Shows the findings of a check of `checkedFile` (which holds `source.text`) on the source.
   * Returns the diagnostics set, for "jump to the first error".
   */
  show(source: ConfigSource, findings: readonly CheckFinding[], checkedFile: string): vscode.Diagnostic[] {
    let located: LocatedFinding[] = locateFindings(findings, source.text, checkedFile);
    if (source.kind === 'template' && source.lineMap && source.templateText !== undefined) {
      located = mapThroughTemplate(located, source.lineMap, source.text, source.templateText);
    }
    const diags = located.map((f) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(f.line, f.startColumn, f.line, Math.max(f.endColumn, f.startColumn)),
        f.message,
        f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
      );
      d.source = 'haproxy -c';
      return d;
    });
    this.collection.set(source.sourceUri, diags);
    return diags;
  }

  clear(uri?: vscode.Uri): void {
    if (uri) this.collection.delete(uri);
    else this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** Opens the document at the first error (or warning) diagnostic. */
export async function revealFirst(uri: vscode.Uri, diags: readonly vscode.Diagnostic[]): Promise<void> {
  const first = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error) ?? diags[0];
  if (!first) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  editor.selection = new vscode.Selection(first.range.start, first.range.end);
  editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
