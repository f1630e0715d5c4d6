/**
 * LSP request handlers: each one fetches the document and its settings, calls the language
 * service facade, and runs inside runSafe (errors logged, defaults returned, cancellation
 * honoured). Nothing here knows HAProxy or buildout.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import { UserFacingError, type DocumentSettings, type LanguageService } from '../service/languageService';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { EffectiveVersionRequest, RenderTemplateRequest, TemplateOwnersRequest, type EffectiveVersionResult } from './protocol';
import { runSafe } from './runner';
import { withDefaultEditRange } from './handlersCompletion';
import { registerInlayHintAndWorkspaceSymbolHandlers } from './handlersHintsAndSymbols';

/** `$ { :` for buildout substitutions, `, % [` for sample expressions, space for arguments. */
// `/` completes paths in buildout's extends/input/output; in HAProxy files it only answers for profiles.
export const COMPLETION_TRIGGERS = ['$', '{', ':', ',', '%', '[', ' ', '/'];

export interface HandlerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  settingsFor(uri: string): Promise<DocumentSettings>;
  effectiveVersion(uri: string): Promise<EffectiveVersionResult>;
  /** A document from disk for a URI that is not open (undefined when unreadable). */
  readDocument(uri: string): TextDocument | undefined;
  /**
   * Runs a computation and, when it had to start downloads (`extends = http…`), computes again
   * once they landed (bounded), so the answer never depends on when the user asked.
   */
  settle<T>(compute: () => T, token: CancellationToken): Promise<T>;
  /** Whether the client accepts `CompletionList.itemDefaults.editRange` (LSP 3.17). */
  editRangeDefaults?(): boolean;
  /** The settings scope of workspace-wide requests (the first workspace folder's URI). */
  workspaceScope?(): string;
}

const EMPTY_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

export function registerHandlers(deps: HandlerDeps): void {
  const { connection, documents, service } = deps;
  const logger = { error: (m: string) => connection.console.error(m) };
  const compact = (list: CompletionList) => (deps.editRangeDefaults?.() ? withDefaultEditRange(list) : list);

  /** Runs a feature for an open document; `fallback` when the document is unknown. */
  function withDocument<T>(
    uri: string,
    token: CancellationToken,
    what: string,
    fallback: T,
    fn: (doc: TextDocument, settings: DocumentSettings) => T,
  ) {
    return runSafe(logger, async () => {
      if (!documents.get(uri)) return fallback;
      const settings = await deps.settingsFor(uri);
      // Read the document after the wait: a language switch (the client reopens a `.cfg` as
      // buildout) or an edit may have replaced it meanwhile, and the answer must be for the
      // document as it is now, not as it was when the request arrived.
      return deps.settle(() => {
        const doc = documents.get(uri);
        return doc ? fn(doc, settings) : fallback;
      }, token);
    }, fallback, `Error while computing ${what} for ${uri}`, token);
  }

  connection.onCompletion((p, token) =>
    withDocument(p.textDocument.uri, token, 'completion', EMPTY_COMPLETIONS, (doc, s) =>
      // A `/` typed in a HAProxy file (paths, URIs) should not pop up keyword lists.
      p.context?.triggerCharacter === '/' && doc.languageId !== 'buildout' ? EMPTY_COMPLETIONS : compact(service.doComplete(doc, p.position, s, token))));

  // Items were sent without documentation (hundreds of names): add it for the one shown.
  connection.onCompletionResolve((item, token) =>
    runSafe(logger, () => service.resolveCompletion(item), item, `Error while resolving completion item ${item.label}`, token));

  connection.onHover((p, token) =>
    withDocument(p.textDocument.uri, token, 'hover', null, (doc, s) => service.doHover(doc, p.position, s, token)));

  connection.onDefinition((p, token) =>
    withDocument(p.textDocument.uri, token, 'definition', [], (doc, s) => service.findDefinition(doc, p.position, s)));

  connection.onReferences((p, token) =>
    withDocument(p.textDocument.uri, token, 'references', [], (doc, s) =>
      service.findReferences(doc, p.position, s, p.context.includeDeclaration)));

  connection.onPrepareRename((p, token) =>
    withDocument(p.textDocument.uri, token, 'prepare rename', null, (doc, s) => service.prepareRename(doc, p.position, s)));

  // An invalid new name is the user's to fix: answer with the message instead of logging a bug.
  connection.onRenameRequest((p, token) =>
    withDocument(p.textDocument.uri, token, 'rename', null, (doc, s) => {
      try {
        return service.doRename(doc, p.position, p.newName, s);
      } catch (err) {
        if (err instanceof UserFacingError) return new ResponseError(ErrorCodes.InvalidParams, err.message);
        throw err;
      }
    }));

  connection.onDocumentSymbol((p, token) =>
    withDocument(p.textDocument.uri, token, 'document symbols', [], (doc, s) => service.findDocumentSymbols(doc, s)));

  connection.onFoldingRanges((p, token) =>
    withDocument(p.textDocument.uri, token, 'folding ranges', [], (doc, s) => service.getFoldingRanges(doc, s)));

  connection.onDocumentHighlight((p, token) =>
    withDocument(p.textDocument.uri, token, 'highlights', [], (doc, s) => service.findDocumentHighlights(doc, p.position, s)));

  connection.onDocumentFormatting((p, token) =>
    withDocument(p.textDocument.uri, token, 'formatting', [], (doc, s) => service.format(doc, undefined, p.options, s)));

  connection.onDocumentRangeFormatting((p, token) =>
    withDocument(p.textDocument.uri, token, 'range formatting', [], (doc, s) => service.format(doc, p.range, p.options, s)));

  connection.onCodeAction((p, token) =>
    withDocument(p.textDocument.uri, token, 'code actions', [], (doc, s) => service.getCodeActions(doc, p.range, p.context, s)));

  connection.onDocumentLinks((p, token) =>
    withDocument(p.textDocument.uri, token, 'document links', [], (doc, s) => service.findDocumentLinks(doc, s)));

  registerInlayHintAndWorkspaceSymbolHandlers(deps);

  connection.onRequest(EffectiveVersionRequest.type, (p, token) =>
    runSafe(logger, () => deps.effectiveVersion(p.uri), { version: '3.2', source: 'default', supported: [] },
      `Error while computing the HAProxy version for ${p.uri}`, token));

  // The run command may ask for a template that is not open: read it from disk then.
  connection.onRequest(RenderTemplateRequest.type, (p, token) =>
    runSafe(logger, async () => {
      const doc = documents.get(p.uri) ?? deps.readDocument(p.uri);
      if (!doc) return { errors: [`Cannot read ${p.uri}.`] };
      const settings = await deps.settingsFor(p.uri);
      return deps.settle(() => service.renderTemplate(documents.get(p.uri) ?? doc, settings, p.owner), token);
    }, { errors: ['Rendering failed; see the HAProxy output channel.'] }, `Error while rendering ${p.uri}`, token));

  // Asked for the active template (open) or for a template the run command names (maybe not).
  connection.onRequest(TemplateOwnersRequest.type, (p, token) =>
    runSafe(logger, async () => {
      const doc = documents.get(p.uri) ?? deps.readDocument(p.uri);
      if (!doc) return { candidates: [] };
      const settings = await deps.settingsFor(p.uri);
      return deps.settle(() => service.templateOwners(documents.get(p.uri) ?? doc, settings), token);
    }, { candidates: [] }, `Error while finding the owners of ${p.uri}`, token));
}
