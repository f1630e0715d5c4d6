/**
 * The extension's commands, in one table built from the feature providers, registered in
 * one loop. A command that needs the language server says so clearly when it is not running.
 */
import * as vscode from 'vscode';
import type { CommandProvider, CommandTable, ExtensionShell } from './shell';

/** Merges the providers' tables; a duplicate id is a programming error worth failing loudly for. */
export function buildCommandTable(providers: readonly CommandProvider[]): CommandTable {
  const table: CommandTable = {};
  for (const p of providers) {
    for (const [id, handler] of Object.entries(p.commands)) {
      if (id in table) throw new Error(`command ${id} is contributed twice`);
      table[id] = handler;
    }
  }
  return table;
}

/** An error whose message offers buttons (e.g. "Open Template"); the command table shows them. */
export class ActionableError extends Error {
  constructor(message: string, readonly actions: Readonly<Record<string, () => unknown>> = {}) {
    super(message);
  }
}

export function registerCommands(shell: ExtensionShell, table: CommandTable): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        shell.output.error(`${id} failed: ${message}`);
        // Not awaited: a toast nobody clicks must not keep the command pending.
        const actions = err instanceof ActionableError ? err.actions : {};
        void vscode.window.showErrorMessage(`HAProxy: ${message}`, ...Object.keys(actions)).then((choice) => {
          if (choice) void Promise.resolve(actions[choice]?.()).catch(() => undefined);
        });
        return undefined;
      }
    }),
  );
}

/** How long a command run while the window opens waits for the language server. */
const SERVER_START_WAIT_MS = 30_000;

/**
 * The running language client, or an error the command table turns into a message. A command
 * run while the server is still starting (e.g. from the palette right after the window opened)
 * waits for it instead of failing.
 */
export async function requireClient(shell: ExtensionShell) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    shell.whenReady(),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, SERVER_START_WAIT_MS); }),
  ]);
  clearTimeout(timer);
  const client = shell.client();
  if (!client || !client.isRunning()) throw new Error('the language server is not running (see the HAProxy output channel).');
  return client;
}
