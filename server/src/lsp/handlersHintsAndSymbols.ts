/**
 * LSP wiring of two features that look past the current line: inlay hints with resolved
 * buildout values (`textDocument/inlayHint`) and workspace symbols (`workspace/symbol`).
 * Like handlers.ts: fetch the document and its settings, call the facade, run inside runSafe.
 *
 * A template's hints show values set in the profiles, so an edit of a profile (or a settings or
 * file change) makes them stale without any change to the template: `InlayHintRefresher` asks
 * the client to request them again, debounced like validation.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { InlayHint, SymbolInformation } from 'vscode-languageserver-types';
import type { HandlerDeps } from './handlers';
import { formatError, runSafe } from './runner';

/** After a profile edit, the template's hints are refreshed once typing pauses. */
const REFRESH_DELAY_MS = 400;

export function registerInlayHintAndWorkspaceSymbolHandlers(deps: HandlerDeps): void {
  const { connection, documents, service } = deps;
  const logger = { error: (m: string) => connection.console.error(m) };

  connection.languages.inlayHint.on((p, token) =>
    runSafe<InlayHint[]>(logger, async () => {
      if (!documents.get(p.textDocument.uri)) return [];
      const settings = await deps.settingsFor(p.textDocument.uri);
      // Read the document after the wait (a language switch may have replaced it), as handlers.ts does.
      return deps.settle(() => {
        const doc = documents.get(p.textDocument.uri);
        return doc ? service.provideInlayHints(doc, p.range, settings, token) : [];
      }, token);
    }, [], `Error while computing inlay hints for ${p.textDocument.uri}`, token));

  connection.onWorkspaceSymbol((p, token: CancellationToken) =>
    runSafe<SymbolInformation[]>(logger, async () => {
      const open = await Promise.all(documents.all().map(async (document) => ({ document, settings: await deps.settingsFor(document.uri) })));
      const settings = await deps.settingsFor(deps.workspaceScope?.() ?? open[0]?.document.uri ?? '');
      return deps.settle(() => service.findWorkspaceSymbols(p.query, open, settings, token), token);
    }, [], `Error while computing workspace symbols for '${p.query}'`, token));
}

/** Asks the client to re-request inlay hints (when it supports `workspace/inlayHint/refresh`). */
export class InlayHintRefresher {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection, private readonly supported: () => boolean) {}

  schedule(delayMs = REFRESH_DELAY_MS): void {
    if (!this.supported()) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connection.languages.inlayHint.refresh()
        .catch((err: unknown) => this.connection.console.error(formatError('Refreshing inlay hints failed', err)));
    }, delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
