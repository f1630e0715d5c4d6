/**
 * `extends = http…` profiles download in the background: while one is in flight, the buildout
 * graph (and so a template's owner, its values and diagnostics) is incomplete. The tracker
 * sees which URLs the service asked for and could not get yet, so a request can wait for them
 * (bounded) and answer from the complete graph instead of a partial one — the answer must not
 * depend on whether the user hovered before or after the download landed.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { FileSystemHost } from '../service/common/host';

/** How long a request waits for downloads before answering with what it has. */
export const DOWNLOAD_WAIT_MS = 5000;
/** A download may reveal further URL extends; recompute at most this many times. */
const MAX_ROUNDS = 4;

export class DownloadTracker {
  private readonly inFlight = new Map<string, { done: Promise<void>; resolve: () => void }>();

  /** The host the language service reads through: records URLs that are not there yet. */
  wrap(host: FileSystemHost): FileSystemHost {
    // Explicit forwarding: the host may be a class instance whose methods a spread would lose.
    return {
      readFile: (p) => host.readFile(p),
      exists: (p) => host.exists(p),
      listDirectory: (d) => host.listDirectory(d),
      homeDirectory: host.homeDirectory ? () => host.homeDirectory!() : undefined,
      readUrl: host.readUrl
        ? (url) => {
          const got = host.readUrl!(url);
          if (got === undefined) this.started(url);
          return got;
        }
        : undefined,
      isInvalidUtf8: host.isInvalidUtf8 ? (p) => host.isInvalidUtf8!(p) : undefined,
      readBytes: host.readBytes ? (p) => host.readBytes!(p) : undefined,
    };
  }

  started(url: string): void {
    if (this.inFlight.has(url)) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.inFlight.set(url, { done, resolve });
  }

  /** The host finished a download (content or error). */
  finished(url: string): void {
    this.inFlight.get(url)?.resolve();
    this.inFlight.delete(url);
  }

  get pending(): boolean {
    return this.inFlight.size > 0;
  }

  /**
   * Runs `compute`, and while it left downloads in flight, waits for them (at most `waitMs` in
   * all, or until cancelled) and computes again on the completed graph. The last result wins.
   */
  async settle<T>(compute: () => T, token?: CancellationToken, waitMs = DOWNLOAD_WAIT_MS): Promise<T> {
    let result = compute();
    const deadline = Date.now() + waitMs;
    for (let round = 0; round < MAX_ROUNDS && this.pending; round++) {
      const left = deadline - Date.now();
      if (left <= 0 || token?.isCancellationRequested) break;
      const finished = await this.whenIdle(left, token);
      if (token?.isCancellationRequested) break;
      result = compute();
      if (!finished) break;
    }
    return result;
  }

  /** Resolves true when nothing is in flight any more, false on timeout or cancellation. */
  private whenIdle(timeoutMs: number, token?: CancellationToken): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (v: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        sub?.dispose();
        resolve(v);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const sub = token?.onCancellationRequested(() => finish(false));
      void Promise.all([...this.inFlight.values()].map((e) => e.done)).then(() => finish(true));
    });
  }
}
