/**
 * A tiny LSP client for tests: spawns `node dist/server.js --stdio` and speaks JSON-RPC over
 * its stdio. Collects published diagnostics and server notifications so tests can wait for
 * them without sleeping.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult } from 'vscode-languageserver-protocol';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcessWithoutNullStreams;
  initializeResult: InitializeResult;
  stderr(): string;
  logs: string[];
  /** Resolves with the first diagnostics for `uri` published after this call (or already pending). */
  diagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves with the next notification of this method. */
  notification<T>(method: string, timeoutMs?: number): Promise<T>;
  open(uri: string, languageId: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Answer `workspace/configuration` only after this delay (to keep a request in flight). */
  delayConfiguration(ms: number): void;
  /** The scopeUri of every `workspace/configuration` item the server asked for, in order. */
  configurationScopes: string[];
  shutdown(): Promise<number | null>;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Settings for a `workspace/configuration` scope (overrides `settings`), like per-folder settings. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown>;
  /** Replaces the client's `workspace` capabilities (e.g. an editor without workspace/configuration). */
  workspaceCapabilities?: Record<string, unknown>;
  /** Added to the client's `textDocument` capabilities (e.g. completion list item defaults). */
  textDocumentCapabilities?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Workspace folders (absolute paths), sent as VS Code does (`workspaceFolders` + `rootUri`). */
  workspaceFolders?: string[];
  /** Extra environment of the server process (e.g. a private HOME for its download cache). */
  env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ? { ...process.env, ...options.env } : process.env,
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const logs: string[] = [];
  const published = new Map<string, Diagnostic[][]>();
  const diagWaiters = new Map<string, ((d: Diagnostic[]) => void)[]>();
  const noteWaiters = new Map<string, ((p: unknown) => void)[]>();
  const settings = options.settings ?? {};

  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    const waiters = diagWaiters.get(p.uri);
    if (waiters && waiters.length > 0) waiters.shift()!(p.diagnostics);
    else published.set(p.uri, [...(published.get(p.uri) ?? []), p.diagnostics]);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onNotification((method: string, params: unknown) => {
    const waiters = noteWaiters.get(method);
    if (waiters && waiters.length > 0) waiters.shift()!(params);
  });
  // The server pulls settings per resource: answer from the test's settings object.
  let configDelayMs = 0;
  const configurationScopes: string[] = [];
  connection.onRequest('workspace/configuration', async (p: { items: { section?: string; scopeUri?: string }[] }) => {
    if (configDelayMs > 0) await new Promise((r) => setTimeout(r, configDelayMs));
    return p.items.map((i) => {
      configurationScopes.push(i.scopeUri ?? '');
      const s = options.settingsFor ? options.settingsFor(i.scopeUri) : settings;
      return i.section ? s[i.section] ?? {} : s;
    });
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();

  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: options.workspaceFolders?.[0] ? fileUri(options.workspaceFolders[0]) : null,
    workspaceFolders: options.workspaceFolders?.map((f) => ({ uri: fileUri(f), name: f.slice(f.lastIndexOf('/') + 1) })) ?? null,
    capabilities: {
      workspace: options.workspaceCapabilities ?? { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: { publishDiagnostics: {}, rename: { prepareSupport: true }, ...options.textDocumentCapabilities },
    },
    initializationOptions: options.initializationOptions ?? { trusted: false },
  });
  await connection.sendNotification('initialized', {});

  const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`)), ms);
      p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
    });

  return {
    connection,
    process: child,
    initializeResult,
    logs,
    stderr: () => stderr,
    diagnostics(uri, timeoutMs = 5000) {
      const queued = published.get(uri);
      if (queued && queued.length > 0) return Promise.resolve(queued.shift()!);
      return withTimeout(new Promise<Diagnostic[]>((resolve) => {
        diagWaiters.set(uri, [...(diagWaiters.get(uri) ?? []), resolve]);
      }), timeoutMs, `diagnostics of ${uri}`);
    },
    notification<T>(method: string, timeoutMs = 5000) {
      return withTimeout(new Promise<T>((resolve) => {
        noteWaiters.set(method, [...(noteWaiters.get(method) ?? []), resolve as (p: unknown) => void]);
      }), timeoutMs, method);
    },
    open(uri, languageId, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest<R>(method, params);
    },
    delayConfiguration(ms) {
      configDelayMs = ms;
    },
    configurationScopes,
    async shutdown() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await withTimeout(exited, 5000, 'server exit');
      connection.dispose();
      return code;
    },
  };
}
