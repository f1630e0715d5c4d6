/**
 * The "Start HAProxy" feature (client/src/run) joins the command table here. Its provider
 * also knows how to stop a running HAProxy, which deactivate() awaits so nothing is left
 * running when the extension host exits.
 */
import { createRunCommands, type RunCommandProvider } from './run/index';
import type { ExtensionShell } from './shell';

export function createRunCommandsIfAvailable(shell: ExtensionShell): RunCommandProvider[] {
  return [createRunCommands(shell)];
}
