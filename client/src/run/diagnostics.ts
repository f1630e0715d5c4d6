/**
 * `haproxy -c` findings in the Problems panel, on the lines of the file the user edits
 * (through the template line map for rendered templates). One collection, source "haproxy -c".
 * A finding that one of the language server's diagnostics already reports on the same line
 * (same problem: unknown/removed keyword, missing backend …) is not shown a second time; the
 * rule is mergeFindings.ts. It is applied again whenever the server's diagnostics change.
 */
import * as vscode from 'vscode';
import type { CheckFinding } from '../../../server/src/node/haproxy/checkOutput';
import { locateFindings, mapThroughTemplate, type LocatedFinding } from '../../../server/src/node/haproxy/locateFindings';
import { dropCoveredFindings, type OwnDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import type { ConfigSource } from './configSource';
import { setCoveredFindings } from './haproxyWording';

const SOURCE = 'haproxy -c';

/** The language server's diagnostics of a document (everything but our own collection). */
function serverDiagnostics(uri: vscode.Uri): OwnDiagnostic[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source !== SOURCE)
    .map((d) => ({ line: d.range.start.line, code: typeof d.code === 'object' ? d.code.value : d.code }));
}

export class HaproxyCheckDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  /**
   * Every located finding per document, those found covered so far, and the server diagnostics
   * last compared with. A covered finding stays hidden until the next check: when the user fixes
   * the problem our diagnostic goes away, and HAProxy's stale copy must not come back.
   */
  private readonly findings = new Map<string, { uri: vscode.Uri; all: vscode.Diagnostic[]; hidden: Set<vscode.Diagnostic>; against: string }>();
  private readonly watcher = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const uri of e.uris) {
      const entry = this.findings.get(uri.toString());
      // Our own collection.set fires this event too: only a change of the server's set matters.
      if (entry && JSON.stringify(serverDiagnostics(uri)) !== entry.against) this.apply(entry.uri);
    }
  });

  private apply(uri: vscode.Uri): void {
    const entry = this.findings.get(uri.toString());
    if (!entry) return;
    const ours = serverDiagnostics(uri);
    entry.against = JSON.stringify(ours);
    const { covered } = dropCoveredFindings(entry.all.map((d) => ({ line: d.range.start.line, message: d.message, d })), ours);
    for (const c of covered) entry.hidden.add(c.d);
    this.collection.set(uri, entry.all.filter((d) => !entry.hidden.has(d)));
    // Not lost: the server's diagnostic that covers a hidden finding shows HAProxy's words.
    setCoveredFindings(uri, entry.all.filter((d) => entry.hidden.has(d)));
  }

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
      d.source = SOURCE;
      return d;
    });
    this.findings.set(source.sourceUri.toString(), { uri: source.sourceUri, all: diags, hidden: new Set(), against: '' });
    this.apply(source.sourceUri);
    // All of them, shown or covered: "jump to the first error" still lands on the right line.
    return diags;
  }

  clear(uri?: vscode.Uri): void {
    if (uri) {
      this.findings.delete(uri.toString());
      this.collection.delete(uri);
      setCoveredFindings(uri, []);
    } else {
      for (const entry of this.findings.values()) setCoveredFindings(entry.uri, []);
      this.findings.clear();
      this.collection.clear();
    }
  }

  dispose(): void {
    this.watcher.dispose();
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
