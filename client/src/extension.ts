/**
 * Extension entry point: one output channel, the language client for HAProxy and buildout,
 * the command table (generated config, version switch, the run commands), the version
 * status item and the language switch. Every disposable goes to context.subscriptions.
 * In Restricted Mode language features run, but nothing is executed.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildCommandTable, registerCommands } from './commands';
import { createGeneratedConfigView } from './generatedConfig';
import { createLanguageClient } from './languageClient';
import { attachHaproxyWording } from './run/haproxyWording';
import { handleLanguageSwitch } from './languageSwitch';
import { createRunCommandsIfAvailable } from './runIntegration';
import type { RunCommandProvider } from './run/index';
import type { CommandProvider, ExtensionShell } from './shell';
import { createTemplateOwnerView } from './templateOwner';
import { createVersionStatus } from './versionStatus';

export const RESTART_SERVER_COMMAND = 'haproxy.restartServer';

let client: LanguageClient | undefined;
let runProviders: RunCommandProvider[] = [];

/** What tests (and other extensions) get from activate(): resolves once the server is up. */
export interface ExtensionApi {
  ready: Promise<void>;
  client(): LanguageClient | undefined;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('HAProxy', { log: true });
  context.subscriptions.push(output);
  let started: Promise<void> = Promise.resolve();
  const shell: ExtensionShell = {
    context,
    output,
    client: () => client,
    whenReady: () => started,
    isTrusted: () => vscode.workspace.isTrusted,
  };

  client = createLanguageClient(context, output);
  context.subscriptions.push(attachHaproxyWording(client));
  // Notification handlers are registered before start (the client keeps them across restarts).
  context.subscriptions.push(handleLanguageSwitch(client, output));
  const ready = client.start().then(
    () => {
      output.info('Language server started.');
    },
    (err: unknown) => {
      output.error(`The language server failed to start: ${String(err)}`);
    },
  );
  started = ready;

  const lifecycle: CommandProvider = {
    commands: {
      [RESTART_SERVER_COMMAND]: async () => {
        if (!client) return;
        await client.restart();
        output.info('Language server restarted.');
      },
    },
    dispose: () => undefined,
  };
  const versionStatus = createVersionStatus(shell);
  const templateOwner = createTemplateOwnerView(shell);
  runProviders = createRunCommandsIfAvailable(shell);
  const providers: CommandProvider[] = [
    lifecycle,
    versionStatus,
    createGeneratedConfigView(shell),
    templateOwner,
    ...runProviders,
  ];
  context.subscriptions.push(...providers);
  context.subscriptions.push(...registerCommands(shell, buildCommandTable(providers)));
  // The status item asks the server, so it first refreshes once the server is up.
  void ready.then(() => Promise.all([versionStatus.refresh(), templateOwner.refresh()]));
  // Trust can be granted later; the server reads it at start, so restart it then.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  // The server asks the binary for its version once per start.
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('haproxy.executablePath')) void client?.restart();
  }));

  return { ready, client: () => client };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  // HAProxy started by "HAProxy: Start" must be gone before the extension host exits.
  await Promise.allSettled(runProviders.map((p) => p.shutdown()));
  runProviders = [];
  if (c) await c.stop();
}
