/**
 * `textDocument/signatureHelp` wiring: the capability (opened by `(` and `,`, kept up to date
 * on a blank) and a short handler over the language service, in runSafe like every handler.
 */
import type { CancellationToken, ClientCapabilities, Connection, SignatureHelpOptions, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SignatureHelp } from 'vscode-languageserver-types';
import type { DocumentSettings, LanguageService } from '../service/languageService';
import { runSafe } from './runner';

export const SIGNATURE_HELP_OPTIONS: SignatureHelpOptions = {
  triggerCharacters: ['(', ','],
  // A blank moves to the next word of a keyword line: the highlighted part follows.
  retriggerCharacters: [' '],
};

export interface SignatureHelpDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  settingsFor(uri: string): Promise<DocumentSettings>;
  /** The client's capabilities (from `initialize`), read when a request comes. */
  clientCapabilities(): ClientCapabilities | undefined;
}

export function registerSignatureHelp(deps: SignatureHelpDeps): void {
  const { connection, documents, service } = deps;
  const logger = { error: (m: string) => connection.console.error(m) };
  connection.onSignatureHelp((p, token: CancellationToken) =>
    runSafe(logger, async () => {
      if (!documents.get(p.textDocument.uri)) return null;
      const settings = await deps.settingsFor(p.textDocument.uri);
      // Read after the wait: an edit may have replaced the document meanwhile.
      const doc = documents.get(p.textDocument.uri);
      if (!doc || token.isCancellationRequested) return null;
      const help = service.doSignatureHelp(doc, p.position, settings);
      const nullable = deps.clientCapabilities()?.textDocument?.signatureHelp?.signatureInformation?.noActiveParameterSupport === true;
      return help && !nullable ? withoutNullActive(help) : help;
    }, null, `Error while computing signature help for ${p.textDocument.uri}`, token));
}

/**
 * "No active parameter" is `null` only for clients that announce `noActiveParameterSupport`;
 * the others take an index past the last parameter, which highlights nothing.
 */
function withoutNullActive(help: SignatureHelp): SignatureHelp {
  const signatures = help.signatures.map((s) => (s.activeParameter === null ? { ...s, activeParameter: s.parameters?.length ?? 0 } : s));
  const active = signatures[help.activeSignature ?? 0];
  return { ...help, signatures, activeParameter: help.activeParameter === null ? active?.parameters?.length ?? 0 : help.activeParameter };
}
