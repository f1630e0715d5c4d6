/**
 * The facade's table of zc.buildout features: profiles, and the buildout side of HAProxy
 * templates (`${…}` inside `haproxy.conf.in`). Each entry delegates to the buildout service
 * (buildout/index.ts); this file only adapts it for languageService.ts.
 */
import type {
  CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentHighlight, DocumentLink,
  DocumentSymbol, FoldingRange, Hover, Location, Position, Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationCheck } from './common/cancellation';
import type { FileSystemHost } from './common/host';
import { createBuildoutService, RenameError } from './buildout/index';
import type { RenderResult as BuildoutRender } from './buildout/model';
import type { DocumentSettings, RenderResult } from './languageService';
import { UserFacingError } from './languageServiceErrors';

/** A template rendered for HAProxy diagnostics, with what maps the output back. */
export interface RenderedTemplate {
  text: string;
  render: BuildoutRender;
}

export interface BuildoutFeatures {
  /** Whether the file is a buildout profile: by name, first section, or reached by a known profile's extends. */
  isProfile(path: string, text?: string): boolean;
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
  /** References of the `${…}` under the cursor in a template (profile definitions and template uses). */
  referencesInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, includeDeclaration: boolean): Location[];
  prepareRename(doc: TextDocument, position: Position, settings: DocumentSettings): { range: Range; placeholder: string } | null;
  rename(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  symbols(doc: TextDocument, settings: DocumentSettings): DocumentSymbol[];
  folding(doc: TextDocument, settings: DocumentSettings): FoldingRange[];
  highlights(doc: TextDocument, position: Position, settings: DocumentSettings): DocumentHighlight[];
  codeActions(doc: TextDocument, range: Range, context: CodeActionContext, settings: DocumentSettings): CodeAction[];
  links(doc: TextDocument, settings: DocumentSettings): DocumentLink[];
  render(doc: TextDocument, settings: DocumentSettings, owner?: string, isTemplate?: boolean): RenderResult;
  /** The template rendered by its owning section, or undefined when it cannot be rendered. */
  renderForHaproxy(path: string, settings: DocumentSettings): RenderedTemplate | undefined;
  /** HAProxy diagnostics of the rendered text, moved onto the template. */
  mapRenderedDiagnostics(render: BuildoutRender, diagnostics: readonly Diagnostic[]): Diagnostic[];
  profilesReachedFrom(doc: TextDocument, settings: DocumentSettings): string[];
  invalidate(path: string): void;
  documentClosed(uri: string): void;
  setWorkspaceRoots(roots: string[]): void;
}

export function buildoutFeatures(host: FileSystemHost, roots: string[]): BuildoutFeatures {
  const svc = createBuildoutService(host, roots);
  return {
    isProfile: (path, text) => svc.isProfile(path, text),
    templateOwner: (path, settings) => svc.templateOwner(path, settings),
    validate: (doc, settings, token) => svc.validate(doc, settings, token),
    validateTemplate: (doc, settings, token) => svc.validateTemplate(doc, settings, token),
    complete: (doc, position, settings, token) => svc.complete(doc, position, settings, token),
    completeInTemplate: (doc, position, settings, token) => svc.completeInTemplate(doc, position, settings, token),
    hover: (doc, position, settings, token) => svc.hover(doc, position, settings, token),
    hoverInTemplate: (doc, position, settings, token) => svc.hoverInTemplate(doc, position, settings, token),
    definition: (doc, position, settings) => svc.definition(doc, position, settings),
    definitionInTemplate: (doc, position, settings) => svc.definitionInTemplate(doc, position, settings),
    references: (doc, position, settings, includeDeclaration) => svc.references(doc, position, settings, includeDeclaration),
    referencesInTemplate: (doc, position, settings, includeDeclaration) => svc.referencesInTemplate(doc, position, settings, includeDeclaration),
    prepareRename: (doc, position, settings) => svc.prepareRename(doc, position, settings),
    rename: (doc, position, newName, settings) => {
      try {
        return svc.rename(doc, position, newName, settings);
      } catch (err) {
        if (err instanceof RenameError) throw new UserFacingError(err.message);
        throw err;
      }
    },
    symbols: (doc, settings) => svc.symbols(doc, settings),
    folding: (doc, settings) => svc.folding(doc, settings),
    highlights: (doc, position, settings) => svc.highlights(doc, position, settings),
    codeActions: (doc, range, context, settings) => svc.codeActions(doc, range, context, settings),
    links: (doc, settings) => svc.links(doc, settings),
    render(doc, settings, owner, isTemplate) {
      // `input` and `lineMap` come with the answer for a template and for a profile alike.
      const result = svc.render(doc, settings, owner);
      return isTemplate ? { ...result, input: result.input ?? pathOf(doc.uri) } : result;
    },
    renderForHaproxy(path, settings) {
      const r = svc.renderForHaproxy(path, settings);
      return r.text !== undefined && r.render ? { text: r.text, render: r.render } : undefined;
    },
    mapRenderedDiagnostics: (render, diagnostics) => svc.mapRenderedDiagnostics(render, diagnostics),
    profilesReachedFrom: (doc, settings) => svc.profilesReachedFrom(doc, settings),
    invalidate: (path) => svc.invalidate(path),
    documentClosed: (uri) => svc.documentClosed(uri),
    setWorkspaceRoots: (r) => svc.setWorkspaceRoots(r),
  };
}

function pathOf(uri: string): string {
  return uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
}
