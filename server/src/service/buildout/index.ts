/**
 * The buildout language service facade: what the LSP wiring (languageService.ts) calls for
 * buildout profiles and for HAProxy templates rendered by buildout. It owns one
 * BuildoutWorkspace (parse and graph caches) over the injected host.
 *
 * Every method takes the open document and its settings; the document's text is fed to the
 * workspace overlay, so an unsaved edit is what features see.
 */
import type {
  CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentHighlight, DocumentLink,
  DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Position, Range, SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationCheck } from '../common/cancellation';
import type { FileSystemHost } from '../common/host';
import type { DocumentSettings, RenderResult as FacadeRenderResult } from '../languageService';
import type { RenderResult } from './model';
import { codeActions as buildCodeActions } from './features/codeActions';
import { complete as completeProfile } from './features/completion';
import { profileDiagnostics } from './features/diagnostics';
import type { DocFile } from './features/doc';
import { foldingRanges, highlights as highlightsIn } from './features/folding';
import { hover as hoverProfile } from './features/hover';
import { profileInlayHints, templateInlayHints } from './features/inlayHints';
import { documentLinks } from './features/links';
import { definition as definitionIn, prepareRename as prepareRenameIn, references as referencesIn, rename as renameIn } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { graphTemplates } from './features/symbolsIndex';
import { workspaceProfileSymbols } from './features/workspaceSymbols';
import { uriPath } from './features/text';
import { mapRenderedDiagnostics } from './templates/mapDiagnostics';
import { renderForHaproxy, renderTemplateOf, type TemplateRender } from './templates/render';
import { templateCompletion, templateDefinition, templateDiagnostics, templateHover, templatePrepareRename, templateReferences, templateRename } from './templates/features';
import type { ProfileView } from './workspace/profileView';
import { resolveView } from './workspace/resolvedView';
import { BuildoutWorkspace, type WorkspaceOptions } from './workspace/workspace';
import { dirName, joinPath, normalizePath } from './workspace/paths';

export { BuildoutCode } from './features/codes';
export { RenameError } from './features/navigation';
export { isBuildoutProfile, profileReason } from './workspace/detect';
export { BuildoutWorkspace } from './workspace/workspace';
export { recipeComputedOptions } from './recipes/provider';
export { templateCompletion, templateDefinition, templateDiagnostics, templateHover, templateReferences, mapRenderedDiagnostics, renderForHaproxy };
export type { TemplateRender };

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export interface BuildoutService {
  readonly workspace: BuildoutWorkspace;
  /** Workspace folders (absolute paths). Without them, the nearest directory holding `buildout.cfg` is used. */
  setWorkspaceRoots(roots: string[]): void;
  /** Whether a file is a buildout profile (name, `[buildout]` header, or reached by `extends`). */
  isProfile(path: string, text?: string): boolean;
  /** `profile.cfg:section` of the section that renders this template (chosen one first), if any. */
  templateOwner(path: string, settings: DocumentSettings): string | undefined;
  /** Every `profile.cfg:section` rendering this template, so the user can choose. */
  templateCandidates(path: string, settings: DocumentSettings): string[];
  validate(doc: TextDocument, settings: DocumentSettings, token: CancellationCheck): Diagnostic[];
  validateTemplate(doc: TextDocument, settings: DocumentSettings, token: CancellationCheck): Diagnostic[];
  complete(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): CompletionList;
  completeInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): CompletionList;
  hover(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): Hover | null;
  hoverInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, token: CancellationCheck): Hover | null;
  definition(doc: TextDocument, position: Position, settings: DocumentSettings): Location[];
  definitionInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings): Location[];
  references(doc: TextDocument, position: Position, settings: DocumentSettings, includeDeclaration: boolean): Location[];
  /** References of the `${…}` under the cursor in a template (profile files and templates). */
  referencesInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings, includeDeclaration: boolean): Location[];
  prepareRename(doc: TextDocument, position: Position, settings: DocumentSettings): { range: Range; placeholder: string } | null;
  /** Throws RenameError (message for the user) when the new name is invalid or taken. */
  rename(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  /** Rename from a `${…}` in a template (the section or option across the graph and its templates). */
  prepareRenameInTemplate(doc: TextDocument, position: Position, settings: DocumentSettings): { range: Range; placeholder: string } | null;
  renameInTemplate(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  symbols(doc: TextDocument, settings: DocumentSettings): DocumentSymbol[];
  /** Resolved values after each `${…}` whose end lies in `range` (a profile, or a template: its owner's values). */
  inlayHints(doc: TextDocument, range: Range, settings: DocumentSettings, token: CancellationCheck): InlayHint[];
  inlayHintsInTemplate(doc: TextDocument, range: Range, settings: DocumentSettings, token: CancellationCheck): InlayHint[];
  /** Sections of the main profile's extends graph and of the open profiles (paths) outside it, for Ctrl+T. */
  workspaceSymbols(openProfiles: readonly string[], settings: DocumentSettings, token: CancellationCheck): SymbolInformation[];
  /** Files the workspace already knows that may be HAProxy configurations: indexed `.cfg` files and the main graph's templates. */
  knownConfigFiles(settings: DocumentSettings): string[];
  folding(doc: TextDocument, settings: DocumentSettings): FoldingRange[];
  highlights(doc: TextDocument, position: Position, settings: DocumentSettings): DocumentHighlight[];
  /** Quick fixes for buildout diagnostics (profiles and templates). */
  codeActions(doc: TextDocument, range: Range, context: CodeActionContext, settings: DocumentSettings): CodeAction[];
  links(doc: TextDocument, settings: DocumentSettings): DocumentLink[];
  /** "Show generated config": the template document's owner, or for a profile the section `owner` (or its first template section). */
  render(doc: TextDocument, settings: DocumentSettings, owner?: string): FacadeRenderResult;
  /** The rendered template with its source map, for HAProxy diagnostics on the output. */
  renderForHaproxy(templatePath: string, settings: DocumentSettings, owner?: string): TemplateRender;
  /** Diagnostics computed on `renderForHaproxy(...).text`, moved onto the template. */
  mapRenderedDiagnostics(render: RenderResult, diagnostics: readonly Diagnostic[]): Diagnostic[];
  profilesReachedFrom(doc: TextDocument, settings: DocumentSettings): string[];
  /** A file changed on disk or in the host's overlay (created/deleted too): the host's text is current. */
  invalidate(path: string): void;
  documentClosed(path: string): void;
}

function workspaceOptions(settings: DocumentSettings): WorkspaceOptions {
  const b = settings.buildout;
  return { mergeMode: b.mergeMode, userDefaults: b.userDefaults, offline: b.offline, templateOwner: b.templateOwner };
}

function sameOptions(a: WorkspaceOptions, b: WorkspaceOptions): boolean {
  return a.mergeMode === b.mergeMode && a.userDefaults === b.userDefaults && a.offline === b.offline
    && JSON.stringify(a.templateOwner ?? {}) === JSON.stringify(b.templateOwner ?? {});
}

export function createBuildoutService(host: FileSystemHost, roots: string[] = []): BuildoutService {
  const ws = new BuildoutWorkspace(host, roots, resolveView);
  let explicitRoots = roots.length > 0;

  /** Without workspace folders, adopt the nearest directory above `path` that has a buildout.cfg. */
  function ensureRoot(path: string): void {
    if (explicitRoots) return;
    let dir = dirName(path);
    for (let i = 0; i < 8 && dir !== '/'; i++, dir = dirName(dir)) {
      if (ws.host.exists(joinPath(dir, 'buildout.cfg'))) {
        if (!ws.workspaceRoots.includes(dir)) ws.setRoots([...ws.workspaceRoots, dir]);
        return;
      }
    }
  }

  function sync(settings: DocumentSettings): void {
    const o = workspaceOptions(settings);
    if (!sameOptions(o, ws.settings)) ws.setOptions(o);
  }

  function profileDoc(doc: TextDocument, settings: DocumentSettings): { view: ProfileView; file: DocFile } | undefined {
    const path = normalizePath(uriPath(doc.uri));
    sync(settings);
    ensureRoot(path);
    ws.setDocumentText(path, doc.getText());
    const view = ws.profileFor(path);
    const pf = view.files.get(path);
    const parsed = pf?.parsed ?? ws.parse(path);
    return parsed ? { view, file: { path, parsed } } : undefined;
  }

  function templateDoc(doc: TextDocument, settings: DocumentSettings): { path: string; text: string; chosen?: string } {
    const path = normalizePath(uriPath(doc.uri));
    sync(settings);
    ensureRoot(path);
    // The unsaved text is what "Show generated config" and HAProxy checks on the output render.
    ws.setDocumentText(path, doc.getText());
    return { path, text: doc.getText() };
  }

  return {
    workspace: ws,
    setWorkspaceRoots(r) {
      explicitRoots = r.length > 0;
      ws.setRoots(r);
    },
    isProfile: (path, text) => {
      ensureRoot(normalizePath(path));
      return ws.isProfile(path, text);
    },
    templateOwner(path, settings) {
      sync(settings);
      const p = normalizePath(path);
      ensureRoot(p);
      const o = ws.templateOwner(p);
      return o ? ws.ownerLabel(o) : undefined;
    },
    templateCandidates(path, settings) {
      sync(settings);
      const p = normalizePath(path);
      ensureRoot(p);
      return ws.templateCandidates(p).map((c) => ws.ownerLabel(c));
    },
    validate(doc, settings) {
      const d = profileDoc(doc, settings);
      return d ? profileDiagnostics(ws, d.view, d.file) : [];
    },
    validateTemplate(doc, settings) {
      const t = templateDoc(doc, settings);
      return templateDiagnostics(ws, t.path, t.text);
    },
    complete(doc, position, settings) {
      const d = profileDoc(doc, settings);
      return d ? completeProfile(ws, d.view, d.file.path, doc.getText(), position) : EMPTY;
    },
    completeInTemplate(doc, position, settings) {
      const t = templateDoc(doc, settings);
      return templateCompletion(ws, t.path, t.text, position) ?? EMPTY;
    },
    hover(doc, position, settings) {
      const d = profileDoc(doc, settings);
      return d ? hoverProfile(ws, d.view, d.file, position) : null;
    },
    hoverInTemplate(doc, position, settings) {
      const t = templateDoc(doc, settings);
      return templateHover(ws, t.path, t.text, position);
    },
    definition(doc, position, settings) {
      const d = profileDoc(doc, settings);
      return d ? definitionIn(ws, d.view, d.file, position) : [];
    },
    definitionInTemplate(doc, position, settings) {
      const t = templateDoc(doc, settings);
      return templateDefinition(ws, t.path, t.text, position);
    },
    references(doc, position, settings, includeDeclaration) {
      const d = profileDoc(doc, settings);
      return d ? referencesIn(ws, d.view, d.file, position, includeDeclaration) : [];
    },
    referencesInTemplate(doc, position, settings, includeDeclaration) {
      const t = templateDoc(doc, settings);
      return templateReferences(ws, t.path, t.text, position, includeDeclaration);
    },
    prepareRename(doc, position, settings) {
      const d = profileDoc(doc, settings);
      return d ? prepareRenameIn(ws, d.view, d.file, position) : null;
    },
    rename(doc, position, newName, settings) {
      const d = profileDoc(doc, settings);
      return d ? renameIn(ws, d.view, d.file, position, newName) : null;
    },
    prepareRenameInTemplate(doc, position, settings) {
      const t = templateDoc(doc, settings);
      return templatePrepareRename(ws, t.path, t.text, position, t.chosen);
    },
    renameInTemplate(doc, position, newName, settings) {
      const t = templateDoc(doc, settings);
      return templateRename(ws, t.path, t.text, position, newName, t.chosen);
    },
    symbols(doc, settings) {
      const d = profileDoc(doc, settings);
      return d ? documentSymbols(d.file.parsed) : [];
    },
    inlayHints(doc, range, settings, token) {
      const d = profileDoc(doc, settings);
      return d ? profileInlayHints(d.view, d.file, range, token) : [];
    },
    inlayHintsInTemplate(doc, range, settings, token) {
      const t = templateDoc(doc, settings);
      return templateInlayHints(ws, t.path, t.text, range, token, t.chosen);
    },
    workspaceSymbols(openProfiles, settings, token) {
      sync(settings);
      const main = ws.mainProfile();
      const open = openProfiles.map((p) => ({ path: normalizePath(p), parsed: ws.parse(p) }));
      return workspaceProfileSymbols(main ? ws.profile(main) : undefined, open, token);
    },
    knownConfigFiles(settings) {
      sync(settings);
      const main = ws.mainProfile();
      const templates = main ? graphTemplates(ws, ws.profile(main)).map((t) => t.path) : [];
      return [...new Set([...ws.indexedCfgFiles(), ...templates])];
    },
    folding(doc, settings) {
      const d = profileDoc(doc, settings);
      return d ? foldingRanges(d.file.parsed) : [];
    },
    highlights(doc, position, settings) {
      const d = profileDoc(doc, settings);
      return d ? highlightsIn(ws, d.view, d.file, position) : [];
    },
    codeActions(doc, _range, context, settings) {
      // The client switches extended profiles to `buildout`; anything else here is a template.
      const d = doc.languageId === 'buildout' ? profileDoc(doc, settings) : undefined;
      return buildCodeActions(doc.uri, context.diagnostics, d?.file.parsed);
    },
    links(doc, settings) {
      const d = profileDoc(doc, settings);
      return d ? documentLinks(ws, d.view, d.file) : [];
    },
    render(doc, settings, owner) {
      const path = normalizePath(uriPath(doc.uri));
      sync(settings);
      ensureRoot(path);
      const isProfile = doc.languageId === 'buildout';
      ws.setDocumentText(path, doc.getText());
      const r = isProfile ? renderTemplateOf(ws, { profile: path, section: owner }) : renderTemplateOf(ws, { template: path, owner });
      return {
        text: r.text, profile: r.profile, section: r.section, output: r.render?.outputPath, outputEncoding: r.render?.outputEncoding, errors: r.errors,
        alternatives: r.alternatives, input: r.input,
        // The run command maps `haproxy -c` lines back onto the template with the line map.
        lineMap: r.text !== undefined ? r.render?.lineMap : undefined,
      };
    },
    renderForHaproxy(templatePath, settings, owner) {
      sync(settings);
      const p = normalizePath(templatePath);
      ensureRoot(p);
      return renderTemplateOf(ws, { template: p, owner, keepUnresolved: true });
    },
    mapRenderedDiagnostics,
    profilesReachedFrom(doc, settings) {
      const path = normalizePath(uriPath(doc.uri));
      sync(settings);
      ensureRoot(path);
      ws.setDocumentText(path, doc.getText());
      return ws.reachedFrom(path);
    },
    invalidate(path) {
      // The caller's host now has the file's current text (the server overlays open documents
      // on it). A text an earlier request handed to the workspace must not win over it: a
      // template hover right after a profile edit would otherwise see the profile as it was.
      ws.documentClosed(normalizePath(path));
      ws.fileChanged(path);
    },
    documentClosed(path) {
      ws.documentClosed(normalizePath(uriPath(path)));
    },
  };
}
