/**
 * Pushes diagnostics: after an edit, waits for a pause in typing (debounce) before running
 * the validator, drops results for a document version that is no longer current, and
 * clears the diagnostics of closed documents.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { formatError } from './runner';

export const VALIDATION_DELAY_MS = 400;

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly validate: (doc: TextDocument) => Promise<Diagnostic[]>,
    private readonly delayMs = VALIDATION_DELAY_MS,
  ) {}

  /** Validate after the debounce delay (edits), or on the next tick (open). */
  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri);
    }, immediate ? 0 : this.delayMs));
  }

  scheduleAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async run(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    try {
      const diagnostics = await this.validate(doc);
      const current = this.documents.get(uri);
      // A newer edit arrived while validating: its own run will publish.
      if (!current || current.version !== version) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (err) {
      this.connection.console.error(formatError(`Error while validating ${uri}`, err));
    }
  }
}
