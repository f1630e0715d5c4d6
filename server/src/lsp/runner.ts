/**
 * Every request handler runs through `runSafe`: a thrown error is logged to the client's
 * console and the request answers with a harmless default, so one bug in a feature never
 * takes the server down; a cancelled request answers with LSP's RequestCancelled.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
}

export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  return `${message}: ${String(err)}`;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Runs `fn` on a later tick (so a `$/cancelRequest` that arrived meanwhile is seen first),
 * catches errors and honours the token before and after the work.
 */
export function runSafe<T>(
  logger: Logger,
  fn: () => T | Promise<T>,
  defaultValue: T,
  errorMessage: string,
  token: CancellationToken,
): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) {
        resolve(cancelled());
        return;
      }
      Promise.resolve()
        .then(fn)
        .then(
          (result) => resolve(token.isCancellationRequested ? cancelled() : result),
          (err: unknown) => {
            logger.error(formatError(errorMessage, err));
            resolve(defaultValue);
          },
        );
    });
  });
}
