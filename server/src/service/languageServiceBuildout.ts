/**
 * The facade's table of zc.buildout features: profiles, and the buildout side of HAProxy
 * templates (`${…}` inside `haproxy.conf.in`). Each entry delegates to the buildout service
 * (buildout/index.ts); this file only adapts signatures for languageService.ts.
 */
import type {
  CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentHighlight, DocumentLink,
  DocumentSymbol, FoldingRange, Hover, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationCheck } from './common/cancellation';
import type { FileSystemHost } from './common/host';
import type { DocumentSettings, RenderResult } from './languageService';

export interface BuildoutFeatures {
  /** The `profile:section` whose template recipe uses this file as `input`, if any. */
  templateOwner(path: string, settings: DocumentSettings): string | undefined;
  validate(doc: TextDocument, settings: DocumentSettings, token: CancellationCheck): Diagnostic[];
  validateTemplate(doc: TextDocument, settings: DocumentSettings, token: CancellationCheck): Diagnostic[];
  complete(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): CompletionList;
  completeInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): CompletionList;
  hover(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): Hover | null;
  hoverInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): Hover | null;
  definition(doc: TextDocument, position: Position, settings: DocumentSettings): Location[];
  definitionInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings): Location[];
  references(doc: TextDocument, position: Position, settings: DocumentSettings, includeDeclaration: boolean): Location[];
  prepareRename(doc: TextDocument, position: Position, settings: DocumentSettings): { range: Range; placeholder: string } | null;
  rename(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  symbols(doc: TextDocument, settings: DocumentSettings): DocumentSymbol[];
  folding(doc: TextDocument, settings: DocumentSettings): FoldingRange[];
  highlights(doc: TextDocument, position: Position, settings: DocumentSettings): DocumentHighlight[];
  codeActions(doc: TextDocument, range: Range, context: CodeActionContext, settings: DocumentSettings): CodeAction[];
  links(doc: TextDocument, settings: DocumentSettings): DocumentLink[];
  render(doc: TextDocument, settings: DocumentSettings, owner?: string): RenderResult;
  profilesReachedFrom(doc: TextDocument, settings: DocumentSettings): string[];
  invalidate(path: string): void;
  setWorkspaceRoots(roots: string[]): void;
}

const EMPTY_LIST: CompletionList = { isIncomplete: false, items: [] };

export function buildoutFeatures(_host: FileSystemHost, _roots: string[]): BuildoutFeatures {
  // INTEGRATION POINT (temporary): the buildout service (buildout/index.ts) has not landed yet.
  return {
    templateOwner: () => undefined,
    validate: () => [],
    validateTemplate: () => [],
    complete: () => EMPTY_LIST,
    completeInTemplate: () => EMPTY_LIST,
    hover: () => null,
    hoverInTemplate: () => null,
    definition: () => [],
    definitionInTemplate: () => [],
    references: () => [],
    prepareRename: () => null,
    rename: () => null,
    symbols: () => [],
    folding: () => [],
    highlights: () => [],
    codeActions: () => [],
    links: () => [],
    render: () => ({ errors: ['The buildout template renderer is not available in this build.'] }),
    profilesReachedFrom: () => [],
    invalidate: () => {},
    setWorkspaceRoots: () => {},
  };
}
