/**
 * Watches the files the `missing-file` checks looked at (certificates, CA files, error pages,
 * Lua scripts — absolute paths, often outside the workspace such as /etc/ssl/…), so that a
 * document is validated again when one appears or disappears, without an edit.
 *
 * The language service reports the paths after each validation (FileSystemHost
 * `referencedFilesChecked`); this keeps them per document and asks the client for one
 * `workspace/didChangeWatchedFiles` registration covering all of them: a LSP 3.17 relative
 * pattern per file (base = its directory, pattern = its name), creations and deletions only.
 * The registration is replaced only when the set of paths changes, after the current turn
 * (a validation burst of many documents makes one request), never per keystroke otherwise.
 * The events arrive through the server's existing didChangeWatchedFiles handler.
 */
import { DidChangeWatchedFilesNotification, WatchKind, type Disposable, type FileSystemWatcher } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';

/** Guards the client against a configuration naming thousands of files (one watcher each). */
export const MAX_WATCHED_FILES = 500;

export interface WatchRegistrar {
  /** Registers the watchers; the result unregisters them. */
  register(watchers: FileSystemWatcher[]): Promise<Disposable>;
  log(message: string): void;
}

/** The registrar over a real connection. */
export function connectionRegistrar(connection: {
  client: { register(type: typeof DidChangeWatchedFilesNotification.type, options: { watchers: FileSystemWatcher[] }): Promise<Disposable> };
  console: { error(m: string): void };
}): WatchRegistrar {
  return {
    register: (watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
    log: (m) => connection.console.error(m),
  };
}

export class ReferencedFileWatch {
  private readonly byDocument = new Map<string, readonly string[]>();
  /** The paths of the registration in place (or being made). */
  private registeredKey = '';
  private registration: Promise<Disposable | undefined> | undefined;
  private scheduled = false;
  private disposed = false;

  /** `enabled`: the client accepts dynamic registration with relative patterns. */
  constructor(private readonly registrar: WatchRegistrar, private readonly enabled: () => boolean) {}

  /** The paths one validation of `uri` looked at (replaces what it looked at before). */
  update(uri: string, paths: readonly string[]): void {
    const before = this.byDocument.get(uri);
    if (paths.length === 0) {
      if (!before) return;
      this.byDocument.delete(uri);
    } else {
      if (before && sameList(before, paths)) return;
      this.byDocument.set(uri, paths);
    }
    this.schedule();
  }

  documentClosed(uri: string): void {
    if (this.byDocument.delete(uri)) this.schedule();
  }

  /** Whether some open document looked at this path. */
  isWatched(path: string): boolean {
    for (const paths of this.byDocument.values()) if (paths.includes(path)) return true;
    return false;
  }

  /** The documents that looked at any of these paths. */
  documentsLookingAt(paths: readonly string[]): string[] {
    const out: string[] = [];
    for (const [uri, looked] of this.byDocument) if (paths.some((p) => looked.includes(p))) out.push(uri);
    return out;
  }

  dispose(): void {
    this.disposed = true;
    void this.registration?.then((d) => d?.dispose()).catch(() => undefined);
    this.registration = undefined;
  }

  private schedule(): void {
    if (this.scheduled || !this.enabled()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.sync();
    });
  }

  private sync(): void {
    if (this.disposed) return;
    const all = [...new Set([...this.byDocument.values()].flat())].sort().slice(0, MAX_WATCHED_FILES);
    const key = all.join('\n');
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    const previous = this.registration;
    // The new watchers first, then the old ones go: no moment without a watch on a kept path.
    this.registration = all.length === 0 ? undefined : this.registrar.register(all.map(watcherFor)).catch((err: unknown) => {
      this.registrar.log(`Could not watch the files the configuration names: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    void previous?.then((d) => d?.dispose()).catch(() => undefined);
  }
}

function watcherFor(path: string): FileSystemWatcher {
  const slash = path.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : path.slice(0, slash);
  return {
    globPattern: { baseUri: URI.file(dir).toString(), pattern: path.slice(slash + 1) },
    kind: WatchKind.Create | WatchKind.Delete,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
