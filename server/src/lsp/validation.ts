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

interface Pending {
  /** A timeout (edits) or an immediate (opens). */
  timer: NodeJS.Timeout | NodeJS.Immediate;
  /** An open's run (no debounce) for this document version. */
  immediate: boolean;
  version: number | undefined;
}

export class ValidationScheduler {
  private readonly timers = new Map<string, Pending>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly validate: (doc: TextDocument) => Promise<Diagnostic[]>,
    private readonly delayMs = VALIDATION_DELAY_MS,
  ) {}

  /** Validate after the debounce delay (edits), or on the next tick (open). */
  schedule(uri: string, immediate = false): void {
    const version = this.documents.get(uri)?.version;
    const pending = this.timers.get(uri);
    // TextDocuments fires onDidChangeContent right after onDidOpen for the same version: that
    // must not turn the open's immediate run into a debounced one (it cost 400 ms per open).
    // The run reads the document and its settings when it fires, so it covers this request too.
    if (!immediate && pending?.immediate && pending.version === version) return;
    this.cancel(uri);
    const fire = () => {
      this.timers.delete(uri);
      void this.run(uri);
    };
    // An open runs right after the current event-loop turn (setTimeout 0 waits at least 1 ms).
    const timer = immediate ? setImmediate(fire) : setTimeout(fire, this.delayMs);
    this.timers.set(uri, { timer, immediate, version });
  }

  scheduleAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) stopTimer(t);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const t of this.timers.values()) stopTimer(t);
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
      // A language switch reopens the document (a new object, often the same version): the
      // result for the old language must not overwrite the new run's.
      if (!current || current !== doc || current.version !== version) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (err) {
      this.connection.console.error(formatError(`Error while validating ${uri}`, err));
    }
  }
}

function stopTimer(p: Pending): void {
  if (p.immediate) clearImmediate(p.timer as NodeJS.Immediate);
  else clearTimeout(p.timer as NodeJS.Timeout);
}
