/**
 * The run commands ("HAProxy: Start" and friends) for the extension's command table.
 * Wire with `createRunCommands(shell)` in the providers list; `shutdown()` may be awaited in
 * deactivate so HAProxy is gone before the host exits.
 */
import * as vscode from 'vscode';
import type { CommandProvider, ExtensionShell } from '../shell';
import { RunController } from './controller';

export const RUN_COMMANDS = {
  start: 'haproxy.start',
  stop: 'haproxy.stop',
  reload: 'haproxy.reload',
  showStatus: 'haproxy.showStatus',
  checkConfig: 'haproxy.checkConfig',
  showRunLog: 'haproxy.showRunLog',
} as const;

export interface RunCommandProvider extends CommandProvider {
  /** Stops a running HAProxy and resolves when its process group is gone. */
  shutdown(): Promise<void>;
}

const asUri = (v: unknown): vscode.Uri | undefined => (v instanceof vscode.Uri ? v : undefined);

export function createRunCommands(shell: ExtensionShell): RunCommandProvider {
  const controller = new RunController(shell);
  return {
    commands: {
      [RUN_COMMANDS.start]: (resource?: unknown) => controller.start(asUri(resource)),
      [RUN_COMMANDS.stop]: () => controller.stop(),
      [RUN_COMMANDS.reload]: () => controller.reload(),
      [RUN_COMMANDS.showStatus]: () => controller.showStatus(),
      [RUN_COMMANDS.checkConfig]: (resource?: unknown) => controller.checkConfig(asUri(resource)),
      [RUN_COMMANDS.showRunLog]: () => controller.showLog(),
    },
    shutdown: () => controller.shutdown(),
    dispose: () => controller.dispose(),
  };
}
