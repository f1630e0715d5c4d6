import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * What command implementations get from the extension shell. One output channel for the
 * whole extension; the language client may be absent while it starts or after it crashed.
 */
export interface ExtensionShell {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  client(): LanguageClient | undefined;
  /**
   * Resolves once the first start of the language client is over (started or failed), so a
   * command run right after the window opens waits for the server instead of failing.
   */
  whenReady(): Promise<void>;
  /** False in Restricted Mode: nothing may be executed then. */
  isTrusted(): boolean;
}

export type CommandHandler = (...args: any[]) => unknown;
/** Command id (e.g. `haproxy.start`) → implementation. Registered in one loop by extension.ts. */
export type CommandTable = Record<string, CommandHandler>;

/** A feature area contributes commands and owns disposables. */
export interface CommandProvider extends vscode.Disposable {
  readonly commands: CommandTable;
}
