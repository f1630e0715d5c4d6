/**
 * The language server: negotiates capabilities, keeps the open documents (overlaid on the
 * disk host), pulls settings per document, pushes diagnostics, and registers the feature
 * handlers (handlers.ts). No language logic lives here.
 */
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments,
  type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, uriToPath } from '../service/languageService';
import { createDiskHost } from '../node/diskHost';
import { createLocalDocs } from './localDocsWiring';
import { registerHandlers, COMPLETION_TRIGGERS } from './handlers';
import { InlayHintRefresher } from './handlersHintsAndSymbols';
import { registerSignatureHelp, SIGNATURE_HELP_OPTIONS } from './handlersSignatureHelp';
import { connectionRegistrar, ReferencedFileWatch } from './referencedFileWatch';
import { SetLanguageNotification, VersionChangedNotification, type InitializationOptions } from './protocol';
import { SettingsStore } from './settings';
import { ValidationScheduler } from './validation';
import { DownloadTracker } from './downloads';
import { formatError } from './runner';
import { WARM_UP_ROUNDS, warmUpResolver } from '../service/buildout/resolver/warmUp';

export const SERVER_NAME = 'haproxy-buildout-language-server';
/** Profile edits re-announce the graph after a pause in typing (the validation debounce's). */
const WORKSPACE_ANNOUNCE_DELAY_MS = 400;

export function startServer(connection: Connection, serverVersion: string): void {
  const documents = new TextDocuments(TextDocument);
  let settings: SettingsStore | undefined;
  let offline = false;
  let canPushConfigurationRegistration = false;
  let registerWatchers = false;
  let workspaceFoldersSupported = false;
  let editRangeDefaults = false;
  let inlayHintRefresh = false;
  let clientCapabilities: ClientCapabilities | undefined;
  /** The client takes watcher registrations with relative patterns (files outside the workspace). */
  let watchReferencedFiles = false;
  /** The settings scope whose HAProxy version is warmed up (the first workspace folder). */
  let warmUpScope = '';
  const downloads = new DownloadTracker();
  // A template's hints show profile values: profile edits and setting/file changes refresh them.
  const inlayHints = new InlayHintRefresher(connection, () => inlayHintRefresh);
  const host = createDiskHost({
    offline: () => offline,
    onUrlLoaded: (url) => {
      // Invalidate first: requests waiting on the download compute again right after.
      service.invalidate(url);
      downloads.finished(url);
      validation.scheduleAll();
    },
  });
  // Certificates, error pages … the missing-file checks looked at: watched, to validate again when one comes or goes.
  const fileWatch = new ReferencedFileWatch(connectionRegistrar(connection), () => watchReferencedFiles);
  const serviceHost = downloads.wrap(host);
  serviceHost.referencedFilesChecked = (uri, paths) => {
    if (documents.get(uri)) fileWatch.update(uri, paths);
  };
  const service = createLanguageService({ host: serviceHost, localDocs: createLocalDocs() });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri))
      ?? (params.rootUri ? [uriToPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    service.setWorkspaceRoots(folders);
    warmUpScope = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? '';
    const canPull = params.capabilities.workspace?.configuration === true;
    canPushConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    workspaceFoldersSupported = params.capabilities.workspace?.workspaceFolders === true;
    editRangeDefaults = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    clientCapabilities = params.capabilities;
    const watched = params.capabilities.workspace?.didChangeWatchedFiles;
    watchReferencedFiles = watched?.dynamicRegistration === true && watched.relativePatternSupport === true;
    registerWatchers = init.clientWatchesFiles !== true &&
      params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    settings = new SettingsStore(connection, canPull, {
      trusted: init.trusted === true,
      executablePath: typeof init.executablePath === 'string' ? init.executablePath : undefined,
    });
    settings.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      serverInfo: { name: SERVER_NAME, version: serverVersion },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: true },
        hoverProvider: true,
        signatureHelpProvider: SIGNATURE_HELP_OPTIONS,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentHighlightProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    scheduleWorkspaceAnnouncement(0);
    // Build the knowledge base and check tables of the configured version now, after the
    // initialize answer, so that the first open does not pay for them (≈ 0.1–0.15 s CPU; the
    // rest of a cold open is JIT warm-up proportional to the file, see docs/benchmarks-haproxy.md).
    setImmediate(() => {
      store().forDocument(warmUpScope)
        .then((s) => service.warmUp(s))
        .then(() => warmUpBuildout(0))
        .catch((err: unknown) => connection.console.error(formatError('Warm-up failed', err)));
    });
    // Then the buildout resolver (first resolution of a large graph about twice as fast, see
    // resolver/warmUp.ts), one small resolution per event-loop turn so that requests are not held up.
    const warmUpBuildout = (round: number): void => {
      if (round >= WARM_UP_ROUNDS) return;
      try {
        warmUpResolver(1, round);
      } catch (err) {
        connection.console.error(formatError('Warm-up failed', err));
        return;
      }
      setImmediate(() => warmUpBuildout(round + 1));
    };
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        service.setWorkspaceRoots(folders.map((f) => uriToPath(f.uri)));
        store().setFolders(folders.map((f) => f.uri));
        validation.scheduleAll();
        scheduleWorkspaceAnnouncement();
      });
    }
    if (canPushConfigurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: ['haproxy', 'buildout'] });
    }
    if (registerWatchers) {
      // Profiles and templates that are not open still feed the extends graph and templates.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.cfg' }, { globPattern: '**/*.in' }, { globPattern: '**/*.conf' }],
      });
    }
  });

  function store(): SettingsStore {
    if (!settings) throw new Error('server not initialized');
    return settings;
  }
  const settingsFor = async (uri: string) => {
    const s = await store().forDocument(uri);
    offline = s.buildout.offline;
    return s;
  };

  // Diagnostics of a profile or template wait for its `extends = http…` downloads (bounded), so
  // the first publish is not a partial graph's "undefined section" that vanishes a moment later.
  const validation = new ValidationScheduler(connection, documents, async (doc) => {
    const s = await settingsFor(doc.uri);
    return downloads.settle(() => service.doValidation(doc, s));
  });

  /** Tell the client which documents are really buildout profiles (extends graph, or content). */
  async function announceLanguages(doc: TextDocument): Promise<void> {
    const path = uriToPath(doc.uri);
    if (doc.languageId === 'haproxy' && !/\.in$/i.test(path) && service.detectLanguage(path, doc.getText()) === 'buildout') {
      void connection.sendNotification(SetLanguageNotification.type, { uris: [doc.uri], languageId: 'buildout' });
      return;
    }
    if (doc.languageId !== 'buildout') return;
    const reached = service.profilesReachedFrom(doc, await settingsFor(doc.uri));
    if (reached.length > 0) {
      const uris = reached.map((p) => URI.file(p).toString());
      void connection.sendNotification(SetLanguageNotification.type, { uris, languageId: 'buildout' });
    }
  }

  /** Files already announced as profiles (this session): an edit re-announces only new ones. */
  const announced = new Set<string>();
  function announce(paths: readonly string[]): void {
    const uris = paths.map((p) => URI.file(p).toString()).filter((u) => !announced.has(u));
    if (uris.length === 0) return;
    for (const u of uris) announced.add(u);
    void connection.sendNotification(SetLanguageNotification.type, { uris, languageId: 'buildout' });
  }

  /**
   * The main buildout.cfg's graph, announced once the server is up: an extended `.cfg` the
   * editor restored as plain text before any profile was opened (its first line a comment, so
   * no file rule claims it) is never sent to the server, so only an announcement switches it.
   * Again after profile edits (a new `extends` entry) and file changes, debounced.
   */
  let workspaceTimer: NodeJS.Timeout | undefined;
  function scheduleWorkspaceAnnouncement(delayMs = WORKSPACE_ANNOUNCE_DELAY_MS): void {
    if (workspaceTimer) clearTimeout(workspaceTimer);
    workspaceTimer = setTimeout(() => {
      workspaceTimer = undefined;
      void announceWorkspace().catch((err: unknown) => connection.console.error(formatError('Announcing the workspace profiles failed', err)));
    }, delayMs);
  }
  async function announceWorkspace(): Promise<void> {
    const s = await settingsFor(warmUpScope);
    const reached = await downloads.settle(() => service.workspaceProfiles(s));
    announce(reached);
    // An open profile outside the main graph (e.g. staging.cfg) may extend other files; the
    // ones inside it are covered (and resolving their own graphs on every edit would be waste).
    const inMain = new Set(reached);
    for (const doc of documents.all()) {
      if (doc.languageId !== 'buildout' || inMain.has(uriToPath(doc.uri))) continue;
      announce(service.profilesReachedFrom(doc, await settingsFor(doc.uri)));
    }
  }

  /**
   * TextDocuments fires onDidChangeContent right after onDidOpen with the same document. The
   * open has already put its text on the host and invalidated the caches; doing it again made
   * the buildout workspace rescan the file (≈ 10 ms CPU per open of a 1 MB `.cfg` inside a
   * workspace folder), so the change event of the open skips that part.
   */
  let justOpened: TextDocument | undefined;
  documents.onDidOpen((e) => {
    host.setOverlay(uriToPath(e.document.uri), e.document.getText());
    service.invalidate(uriToPath(e.document.uri));
    justOpened = e.document;
    validation.schedule(e.document.uri, true);
    void announceLanguages(e.document).catch(() => undefined);
  });
  documents.onDidChangeContent((e) => {
    const path = uriToPath(e.document.uri);
    if (e.document !== justOpened) {
      host.setOverlay(path, e.document.getText());
      service.invalidate(path);
    }
    justOpened = undefined;
    if (e.document.languageId === 'buildout') {
      // A profile edit can change every template and profile that depends on it.
      validation.scheduleAll();
      scheduleWorkspaceAnnouncement();
      inlayHints.schedule();
    } else {
      validation.schedule(e.document.uri);
    }
  });
  documents.onDidSave((e) => void announceLanguages(e.document).catch(() => undefined));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    host.setOverlay(path, undefined);
    host.invalidate(path);
    service.invalidate(path);
    service.documentClosed(e.document.uri);
    fileWatch.documentClosed(e.document.uri);
    validation.clear(e.document.uri);
  });

  connection.onDidChangeConfiguration((change) => {
    store().changed(change.settings);
    validation.scheduleAll();
    inlayHints.schedule(0);
    void connection.sendNotification(VersionChangedNotification.type, { uris: documents.all().map((d) => d.uri) });
  });
  connection.onDidChangeWatchedFiles((change) => {
    for (const c of change.changes) {
      const path = uriToPath(c.uri);
      host.invalidate(path);
      service.invalidate(path);
    }
    // A certificate or error page that came or went concerns only the documents that named it.
    const paths = change.changes.map((c) => uriToPath(c.uri));
    if (paths.every((p) => !/\.(cfg|in|conf)$/i.test(p) && fileWatch.isWatched(p))) {
      for (const uri of fileWatch.documentsLookingAt(paths)) validation.schedule(uri);
    } else validation.scheduleAll();
    if (change.changes.some((c) => /\.cfg$/i.test(c.uri))) scheduleWorkspaceAnnouncement();
    inlayHints.schedule();
  });

  registerHandlers({
    connection, documents, service, settingsFor,
    settle: (compute, token) => downloads.settle(compute, token),
    editRangeDefaults: () => editRangeDefaults,
    workspaceScope: () => warmUpScope,
    effectiveVersion: (uri) => store().effectiveVersion(uri),
    readDocument: (uri) => {
      const path = uriToPath(uri);
      const text = host.readFile(path);
      const languageId = service.detectLanguage(path, text ?? '') ?? 'haproxy';
      return text === undefined ? undefined : TextDocument.create(uri, languageId, 0, text);
    },
  });

  registerSignatureHelp({ connection, documents, service, settingsFor, clientCapabilities: () => clientCapabilities });

  connection.onShutdown(() => {
    validation.dispose();
    fileWatch.dispose();
    inlayHints.dispose();
    if (workspaceTimer) clearTimeout(workspaceTimer);
  });
  documents.listen(connection);
  connection.listen();
}
