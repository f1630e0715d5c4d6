/**
 * INTEGRATION POINT for the "Start HAProxy" feature (client/src/run/index.ts,
 * `createRunCommands(shell): CommandProvider`). Until that module lands this returns no
 * providers; when it lands, replace the body with `return [createRunCommands(shell)];`.
 */
import type { CommandProvider, ExtensionShell } from './shell';

export function createRunCommandsIfAvailable(_shell: ExtensionShell): CommandProvider[] {
  return [];
}
