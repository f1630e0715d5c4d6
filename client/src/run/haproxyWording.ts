/**
 * Keeps HAProxy's own words visible when a `haproxy -c` finding is not listed because one of
 * the language server's diagnostics already reports the same problem (mergeFindings.ts): the
 * server's diagnostic gets the finding as related information ("haproxy -c: …"), shown under
 * it in the Problems panel and in its hover. Wired as the language client's diagnostics
 * middleware, and re-applied when a check hides new findings.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { withHaproxyWording } from '../../../server/src/node/haproxy/mergeFindings';

/** Findings of the last check that the server's diagnostics cover, per document URI. */
const covered = new Map<string, readonly vscode.Diagnostic[]>();
/** The server's diagnostics as published, per document URI (before the notes are added). */
const published = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
let target: LanguageClient | undefined;

function annotate(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const findings = covered.get(uri.toString());
  if (!findings?.length) return diagnostics;
  return withHaproxyWording(
    diagnostics,
    findings.map((f) => ({ line: f.range.start.line, message: f.message, f })),
    (d) => ({ line: d.range.start.line, code: typeof d.code === 'object' ? d.code.value : d.code }),
    (x) => new vscode.Location(uri, x.f.range),
    (d, related) => {
      // Same prototype and fields: the client's ProtocolDiagnostic keeps `data`, which the
      // server's quick fixes read back.
      const copy = Object.assign(Object.create(Object.getPrototypeOf(d) as object) as vscode.Diagnostic, d);
      copy.relatedInformation = related.map((r) => new vscode.DiagnosticRelatedInformation(r.location, r.message));
      return copy;
    },
  );
}

/** The language client middleware: every publication of the server gets the notes. */
export const haproxyWordingMiddleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    published.set(uri.toString(), { uri, diagnostics });
    next(uri, annotate(uri, diagnostics));
  },
};

/** The client whose diagnostics collection gets the notes when a check finishes. */
export function attachHaproxyWording(client: LanguageClient): vscode.Disposable {
  target = client;
  return { dispose: () => { if (target === client) target = undefined; } };
}

/** Called by the `haproxy -c` collection: these findings of `uri` are covered (hidden). */
export function setCoveredFindings(uri: vscode.Uri, findings: readonly vscode.Diagnostic[]): void {
  const key = uri.toString();
  const before = covered.get(key) ?? [];
  if (before.length === findings.length && before.every((f, i) => f === findings[i])) return;
  if (findings.length) covered.set(key, findings);
  else covered.delete(key);
  const last = published.get(key);
  const collection = target?.diagnostics;
  if (last && collection) collection.set(last.uri, annotate(last.uri, last.diagnostics));
}
