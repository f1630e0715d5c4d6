/**
 * Creates the LanguageClient for both languages. The server runs over Node IPC from
 * dist/server.js; the client tells it whether the workspace is trusted (no process is
 * started otherwise) and which HAProxy binary the machine-scoped setting names.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { haproxyWordingMiddleware } from './run/haproxyWording';

export const CLIENT_ID = 'haproxy';
export const CLIENT_NAME = 'HAProxy & zc.buildout';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // A function: read again on every (re)start, e.g. after the user grants workspace trust.
  const initializationOptions = (): InitializationOptions => {
    const executablePath = vscode.workspace.getConfiguration('haproxy').get<string | null>('executablePath') ?? undefined;
    return {
      trusted: vscode.workspace.isTrusted,
      executablePath: executablePath || undefined,
      clientWatchesFiles: true,
    };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'haproxy' },
      { scheme: 'file', language: 'buildout' },
    ],
    initializationOptions,
    outputChannel: output,
    // HAProxy's wording of a `haproxy -c` finding that one of these diagnostics covers.
    middleware: haproxyWordingMiddleware,
    synchronize: {
      // Profiles and templates that are not open still matter (extends graph, template inputs).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{cfg,in,conf}'),
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
