/**
 * The language service facade: one object the LSP server, the CLI and the benchmarks call.
 * It decides per document which language applies (HAProxy, buildout, or a HAProxy template
 * of a buildout section), keeps one parsed model per (uri, version, HAProxy version) in a
 * small LRU, and dispatches to the feature modules. It does no I/O of its own: files come
 * from the injected FileSystemHost.
 */
import type {
  CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentLink,
  DocumentSymbol, FoldingRange, FormattingOptions, Hover, InlayHint, Location, Position, Range, SignatureHelp, SymbolInformation, TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument as TextDocumentImpl, type TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystemHost } from './common/host';
import { NEVER_CANCELLED, type CancellationCheck } from './common/cancellation';
import type { DiagnosticSettings, HaproxyContext, LocalDocsProvider } from './haproxy/context';
import { DEFAULT_VERSION, type HaproxyVersion } from './haproxy/knowledge/types';
import { nearestSupportedVersion as knowledgeVersionFor } from './haproxy/knowledge/index';
import { parseHaproxy } from './haproxy/parser/parser';
import { haproxyFeatures, type HaproxyFeatures } from './languageServiceHaproxy';
import { buildoutFeatures, type BuildoutFeatures } from './languageServiceBuildout';
import { isBuildoutProfile } from './buildout/workspace/detect';
import { CompletionResolver } from './haproxy/features/completion/resolve';
import { WorkspaceSymbolFinder } from './workspaceSymbols';

export { UserFacingError } from './languageServiceErrors';

export type LanguageId = 'haproxy' | 'buildout';

/** zc.buildout options the user can set (the `buildout.*` settings). */
export interface BuildoutSettings {
  mergeMode: '2.13' | '3.1';
  userDefaults: boolean;
  offline: boolean;
  /** Template path → `profile:section` that owns it, when several sections use it. */
  templateOwner?: Record<string, string>;
  /** `buildout.inlayHints.resolvedValues`: the value after each `${…}` (default on). */
  inlayHints?: { resolvedValues: boolean };
}

/** Settings for one document, as pulled per resource by the server (or given by the CLI). */
export interface DocumentSettings {
  haproxyVersion: HaproxyVersion;
  diagnostics: DiagnosticSettings;
  buildout: BuildoutSettings;
}

export const DEFAULT_SETTINGS: DocumentSettings = {
  haproxyVersion: DEFAULT_VERSION,
  diagnostics: {},
  buildout: { mergeMode: '3.1', userDefaults: true, offline: false },
};

export interface LanguageServiceOptions {
  host: FileSystemHost;
  localDocs?: LocalDocsProvider;
  /** How many parsed documents to keep (LRU). */
  cacheSize?: number;
  /** Workspace folders (absolute paths): where the main `buildout.cfg` and other profiles are found. */
  workspaceRoots?: string[];
}

/** What a template render produced (the result of `haproxy/renderTemplate`). */
export interface RenderResult {
  /** The rendered text, absent when rendering failed. */
  text?: string;
  /** The profile file (a file system path) and section whose recipe renders this template. */
  profile?: string;
  section?: string;
  /** The template file (a file system path). */
  input?: string;
  /** The recipe's `output` path, when known. */
  output?: string;
  /** The encoding the recipe writes `output` in, when the section sets `output-encoding`. */
  outputEncoding?: string;
  /** For each line of `text` (0-based), the template line it came from. */
  lineMap?: number[];
  /** Why it could not be rendered (buildout's own wording where it applies). */
  errors: string[];
  /** Other sections that use the same template (`profile:section`), for a picker. */
  alternatives?: string[];
}

/** Who renders a template: every candidate and the one features use now. */
export interface TemplateOwners {
  /** `profile.cfg:section` labels (profile relative to its workspace folder), main profile's first. */
  candidates: string[];
  /** The owner in effect (the `buildout.templateOwner` choice, else the main profile's section). */
  current?: string;
}

export interface LanguageService {
  /**
   * The language of a file by the extension's rules (names, the first line, then whether a
   * known profile of the workspace extends it).
   */
  detectLanguage(path: string, text: string): LanguageId | undefined;
  /** Whether a HAProxy document is a buildout template (so `${…}` are substitutions). */
  isTemplate(document: TextDocument, settings?: DocumentSettings): boolean;
  doValidation(document: TextDocument, settings: DocumentSettings, token?: CancellationCheck): Diagnostic[];
  /** Light items (no detail/documentation): `resolveCompletion` fills those in for one item. */
  doComplete(document: TextDocument, position: Position, settings: DocumentSettings, token?: CancellationCheck): CompletionList;
  /** `completionItem/resolve`: detail and documentation of an item of a recent `doComplete` list. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /**
   * Builds the knowledge base and check tables of the settings' HAProxy version (validates a
   * small configuration), so that the first real open does not pay for it.
   */
  warmUp(settings: DocumentSettings): void;
  doHover(document: TextDocument, position: Position, settings: DocumentSettings, token?: CancellationCheck): Hover | null;
  /** HAProxy signature help (fetch/converter arguments, keyword syntax); null in profiles and inside `${…}`. */
  doSignatureHelp(document: TextDocument, position: Position, settings: DocumentSettings): SignatureHelp | null;
  findDefinition(document: TextDocument, position: Position, settings: DocumentSettings): Location[];
  findReferences(document: TextDocument, position: Position, settings: DocumentSettings, includeDeclaration: boolean): Location[];
  prepareRename(document: TextDocument, position: Position, settings: DocumentSettings): { range: Range; placeholder: string } | null;
  doRename(document: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  findDocumentSymbols(document: TextDocument, settings: DocumentSettings): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, settings: DocumentSettings): FoldingRange[];
  findDocumentHighlights(document: TextDocument, position: Position, settings: DocumentSettings): DocumentHighlight[];
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions, settings: DocumentSettings): TextEdit[];
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext, settings: DocumentSettings): CodeAction[];
  findDocumentLinks(document: TextDocument, settings: DocumentSettings): DocumentLink[];
  /**
   * Resolved values after the `${…}` of a profile or of a HAProxy template whose end lies in
   * `range` (none for plain HAProxy configurations, none when `buildout.inlayHints.resolvedValues` is off).
   */
  provideInlayHints(document: TextDocument, range: Range, settings: DocumentSettings, token?: CancellationCheck): InlayHint[];
  /** Ctrl+T: HAProxy named sections and buildout sections matching `query` (open documents and files the workspace knows). */
  findWorkspaceSymbols(
    query: string, openDocuments: ReadonlyArray<{ document: TextDocument; settings: DocumentSettings }>, settings: DocumentSettings, token?: CancellationCheck,
  ): SymbolInformation[];
  /** Render the template this document is (HAProxy template) or the template section under `position` (profile). */
  renderTemplate(document: TextDocument, settings: DocumentSettings, owner?: string): RenderResult;
  /** Files (absolute paths) that are buildout profiles because an open profile extends them. */
  profilesReachedFrom(document: TextDocument, settings: DocumentSettings): string[];
  /**
   * The workspace's main `buildout.cfg` and every file its extends graph reaches (absolute
   * paths), or [] without one: the server announces them so that documents the editor opened
   * before any profile (as plain text) become buildout too.
   */
  workspaceProfiles(settings: DocumentSettings): string[];
  /** The sections that render this template (`profile.cfg:section`) and the one in effect. */
  templateOwners(document: TextDocument, settings: DocumentSettings): TemplateOwners;
  /** A file changed on disk or an open document changed: drop what depends on it. */
  invalidate(path: string): void;
  /** The document was closed: forget its parsed model. */
  documentClosed(uri: string): void;
  /** The editor's workspace folders changed. */
  setWorkspaceRoots(roots: string[]): void;
  /** The HAProxy parse context (for benchmarks and tests). */
  haproxyContext(document: TextDocument, settings: DocumentSettings): HaproxyContext;
}

/**
 * Maps any HAProxy version string ("2.6.12", "3.3-dev4") to the supported table that applies
 * (the knowledge module's rule), or undefined when the string is not a version at all.
 */
export function nearestSupportedVersion(version: string): HaproxyVersion | undefined {
  return /^\s*v?\d+\.\d+/.test(version) ? knowledgeVersionFor(version) : undefined;
}

const HAPROXY_NAME = /^(haproxy\.(cfg|conf)|haproxy[^/]*\.cfg|[^/]*\.haproxy|haproxy[^/]*\.(cfg|conf)\.in)$/i;
// Python tooling files share the INI look; they are neither HAProxy nor buildout.
const NEVER_CLAIMED = /^(setup\.cfg|tox\.ini|pytest\.ini|mypy\.ini|\.flake8|\.coveragerc|\.?pylintrc)$/i;
const HAPROXY_SECTION = /^\s*(global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|program|cache|ring|http-errors)\b/;

/**
 * The extension's language rules, also used by the CLI. A file is a buildout profile by the
 * buildout workspace's rule (`isBuildoutProfile`): named `buildout.cfg`, a `[buildout]` first
 * section, or reached by the extends graph of a known profile — so a profile named `haproxy.cfg`
 * (common in Plone buildouts) is buildout once a profile extends it, while `setup.cfg`,
 * `tox.cfg` or `mypy.cfg` (INI files with `[section]` headers) are never claimed.
 * `haproxy*.cfg`, `*.haproxy` and `haproxy*.(cfg|conf).in` are HAProxy; other files are
 * HAProxy when their first line opens a HAProxy section. `reachedByExtends` is asked only when
 * name and first line do not decide (the language service answers it from the workspace).
 */
export function detectLanguage(path: string, text: string, reachedByExtends: boolean | (() => boolean) = false): LanguageId | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (NEVER_CLAIMED.test(base)) return undefined;
  if (isBuildoutProfile(path, text, false)) return 'buildout';
  const firstContent = firstContentLine(text);
  const haproxyFirstLine = firstContent !== undefined && HAPROXY_SECTION.test(firstContent);
  if (/\.in$/i.test(base)) return HAPROXY_NAME.test(base) || haproxyFirstLine ? 'haproxy' : undefined;
  if (/\.cfg$/i.test(base) && !haproxyFirstLine) {
    const reached = typeof reachedByExtends === 'function' ? reachedByExtends() : reachedByExtends;
    if (reached && isBuildoutProfile(path, text, true)) return 'buildout';
  }
  if (HAPROXY_NAME.test(base)) return 'haproxy';
  if (haproxyFirstLine) return 'haproxy';
  return undefined;
}

function firstContentLine(text: string): string | undefined {
  let start = 0;
  // Only the head of the file matters; a 10 MB file must not be split whole.
  const limit = Math.min(text.length, 64 * 1024);
  while (start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '' && !/^\s*[#;]/.test(line)) return line;
    start = end + 1;
  }
  return undefined;
}

/** A tiny LRU on Map insertion order. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  deleteWhere(pred: (key: string) => boolean): void {
    for (const k of [...this.map.keys()]) if (pred(k)) this.map.delete(k);
  }
}

const URI_PREFIX = 'file://';

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  return decodeURIComponent(uri.slice('file://'.length).replace(/^\/([A-Za-z]:)/, '$1'));
}

/** One statement of each kind the checks have tables for: sections, keywords, rules, fetches, names. */
const WARM_UP_CONFIG = [
  'global', '    daemon', '    log stdout format raw local0',
  'defaults', '    mode http', '    timeout client 5s', '    timeout server 5s', '    timeout connect 5s',
  'frontend fe', '    bind :8080', '    acl api path_beg /api', '    http-request deny if { src 10.0.0.1 } !api',
  '    http-request track-sc0 src table be', '    use_backend be if api', '    default_backend be',
  'backend be', '    balance roundrobin', '    option httpchk', '    stick-table type ip size 1k expire 1m store http_req_rate(10s)',
  '    server s1 127.0.0.1:8081 check inter 2s', '',
].join('\n');

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const cache = new Lru<HaproxyContext>(options.cacheSize ?? 32);
  const renderedCache = new Lru<{ text: string; ctx: HaproxyContext }>(8);
  const hx: HaproxyFeatures = haproxyFeatures;
  const bo: BuildoutFeatures = buildoutFeatures(options.host, options.workspaceRoots ?? []);
  const completions = new CompletionResolver();
  const workspaceSymbols = new WorkspaceSymbolFinder();

  function languageOf(document: TextDocument): LanguageId | undefined {
    if (document.languageId === 'haproxy' || document.languageId === 'buildout') return document.languageId;
    return detectLanguage(uriToPath(document.uri), document.getText());
  }

  function isTemplate(document: TextDocument, settings: DocumentSettings = DEFAULT_SETTINGS): boolean {
    if (/\.in$/i.test(document.uri)) return true;
    return bo.templateOwner(uriToPath(document.uri), settings) !== undefined;
  }

  function haproxyContext(document: TextDocument, settings: DocumentSettings): HaproxyContext {
    const key = `${document.uri}\u0000${document.version}\u0000${settings.haproxyVersion}`;
    let ctx = cache.get(key);
    if (!ctx) {
      // One entry per uri: an older version of the same document is useless once edited.
      cache.deleteWhere((k) => k.startsWith(document.uri + '\u0000'));
      ctx = {
        uri: document.uri,
        document,
        parsed: parseHaproxy(document.getText()),
        kb: hx.knowledge(settings.haproxyVersion),
        isTemplate: isTemplate(document, settings),
        localDocs: options.localDocs,
        host: options.host,
      };
      cache.set(key, ctx);
    } else if (!/\.in$/i.test(document.uri)) {
      // Whether a file is a template depends on the profiles, which may have changed since this
      // version was parsed (an unsaved `input =` edit): ask again (the owner lookup is cached).
      ctx.isTemplate = isTemplate(document, settings);
    }
    return ctx;
  }

  /**
   * HAProxy diagnostics for a template: run on the text the recipe renders (what HAProxy will
   * read) and mapped back onto the template; a `${…}` naming a missing section or option stays
   * as written and the rest is still checked (the CLI's `check` runs this same path). When it
   * cannot be rendered (no owning section, a missing input…), check the template itself, where
   * `${…}` count as substitutions.
   */
  function validateRenderedTemplate(ctx: HaproxyContext, settings: DocumentSettings, token: CancellationCheck): Diagnostic[] {
    const rendered = bo.renderForHaproxy(uriToPath(ctx.uri), settings);
    if (!rendered) return hx.validate(ctx, settings, token);
    const key = `${ctx.uri}\u0000${ctx.document.version}\u0000${settings.haproxyVersion}`;
    let cached = renderedCache.get(key);
    if (!cached || cached.text !== rendered.text) {
      const document = TextDocumentImpl.create(ctx.uri, 'haproxy', ctx.document.version, rendered.text);
      // A `${…}` left unresolved (a typo the buildout diagnostics report) is a substitution to
      // skip, as in the raw template, not leftover text HAProxy would read.
      const leftovers = (rendered.render.unresolved?.length ?? 0) > 0;
      cached = { text: rendered.text, ctx: { ...ctx, document, parsed: parseHaproxy(rendered.text), isTemplate: leftovers } };
      renderedCache.set(key, cached);
    }
    return bo.mapRenderedDiagnostics(rendered.render, hx.validate(cached.ctx, settings, token));
  }

  /**
   * Files of an extends graph the client may switch to `buildout`: local files the language
   * rules accept as reached profiles. `setup.cfg` or a file opening with a HAProxy section stays
   * what it is even when a profile extends it; `extends = http…` entries are no documents.
   */
  function claimable(paths: readonly string[]): string[] {
    return paths.filter((p) => {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return false;
      const text = bo.workspace.host.readFile(p);
      return text !== undefined && detectLanguage(p, text, true) === 'buildout';
    });
  }

  /** Inside `${…}` of a template (or anywhere in a profile) buildout features answer first. */
  function inSubstitution(document: TextDocument, position: Position): boolean {
    const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line, character: Number.MAX_SAFE_INTEGER } });
    const open = line.lastIndexOf('${', position.character);
    if (open < 0) return false;
    const close = line.indexOf('}', open);
    return close < 0 || position.character <= close;
  }

  return {
    detectLanguage: (path, text) => detectLanguage(path, text, () => bo.isProfile(path, text)),
    isTemplate,
    haproxyContext,
    doValidation(document, settings, token = NEVER_CANCELLED) {
      if (languageOf(document) === 'buildout') return bo.validate(document, settings, token);
      const ctx = haproxyContext(document, settings);
      if (!ctx.isTemplate) return hx.validate(ctx, settings, token);
      // validateTemplate hands the editor's text to the buildout workspace; rendering before it
      // would render the previous version (diagnostics one edit behind, ranges off the lines).
      const templateDiagnostics = bo.validateTemplate(document, settings, token);
      return [...validateRenderedTemplate(ctx, settings, token), ...templateDiagnostics];
    },
    doComplete(document, position, settings, token = NEVER_CANCELLED) {
      if (languageOf(document) === 'buildout') return completions.register(bo.complete(document, position, settings, token));
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) {
        return completions.register(bo.completeInTemplate(document, position, settings, token));
      }
      return completions.register(hx.complete(ctx, position, token));
    },
    resolveCompletion: (item) => completions.resolve(item),
    warmUp(settings) {
      // Not through haproxyContext: the throw-away document must not take a slot of the cache.
      const document = TextDocumentImpl.create('untitled:haproxy-warm-up.cfg', 'haproxy', 0, WARM_UP_CONFIG);
      const ctx: HaproxyContext = {
        uri: document.uri, document, parsed: parseHaproxy(WARM_UP_CONFIG),
        kb: hx.knowledge(settings.haproxyVersion), isTemplate: false, localDocs: options.localDocs,
      };
      hx.validate(ctx, settings, NEVER_CANCELLED);
    },
    doHover(document, position, settings, token = NEVER_CANCELLED) {
      if (languageOf(document) === 'buildout') return bo.hover(document, position, settings, token);
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) {
        const h = bo.hoverInTemplate(document, position, settings, token);
        if (h) return h;
      }
      return hx.hover(ctx, position, token);
    },
    doSignatureHelp(document, position, settings) {
      if (languageOf(document) === 'buildout') return null;
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) return null;
      return hx.signatureHelp(ctx, position);
    },
    findDefinition(document, position, settings) {
      if (languageOf(document) === 'buildout') return bo.definition(document, position, settings);
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) return bo.definitionInTemplate(document, position, settings);
      return hx.definition(ctx, position);
    },
    findReferences(document, position, settings, includeDeclaration) {
      if (languageOf(document) === 'buildout') return bo.references(document, position, settings, includeDeclaration);
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) return bo.referencesInTemplate(document, position, settings, includeDeclaration);
      return hx.references(ctx, position, includeDeclaration);
    },
    prepareRename(document, position, settings) {
      if (languageOf(document) === 'buildout') return bo.prepareRename(document, position, settings);
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) return bo.prepareRenameInTemplate(document, position, settings);
      return hx.prepareRename(ctx, position);
    },
    doRename(document, position, newName, settings) {
      if (languageOf(document) === 'buildout') return bo.rename(document, position, newName, settings);
      const ctx = haproxyContext(document, settings);
      if (ctx.isTemplate && inSubstitution(document, position)) return bo.renameInTemplate(document, position, newName, settings);
      return hx.rename(ctx, position, newName);
    },
    findDocumentSymbols(document, settings) {
      if (languageOf(document) === 'buildout') return bo.symbols(document, settings);
      return hx.symbols(haproxyContext(document, settings));
    },
    getFoldingRanges(document, settings) {
      if (languageOf(document) === 'buildout') return bo.folding(document, settings);
      return hx.folding(haproxyContext(document, settings));
    },
    findDocumentHighlights(document, position, settings) {
      if (languageOf(document) === 'buildout') return bo.highlights(document, position, settings);
      return hx.highlights(haproxyContext(document, settings), position);
    },
    format(document, range, formatting, settings) {
      if (languageOf(document) === 'buildout') return [];
      return hx.format(haproxyContext(document, settings), range, formatting);
    },
    getCodeActions(document, range, context, settings) {
      if (languageOf(document) === 'buildout') return bo.codeActions(document, range, context, settings);
      const ctx = haproxyContext(document, settings);
      const own = hx.codeActions(ctx, range, context);
      return ctx.isTemplate ? [...own, ...bo.codeActions(document, range, context, settings)] : own;
    },
    findDocumentLinks(document, settings) {
      if (languageOf(document) === 'buildout') return bo.links(document, settings);
      return [];
    },
    provideInlayHints(document, range, settings, token = NEVER_CANCELLED) {
      if (settings.buildout.inlayHints?.resolvedValues === false) return [];
      if (languageOf(document) === 'buildout') return bo.inlayHints(document, range, settings, token);
      return isTemplate(document, settings) ? bo.inlayHintsInTemplate(document, range, settings, token) : [];
    },
    findWorkspaceSymbols(query, openDocuments, settings, token = NEVER_CANCELLED) {
      return workspaceSymbols.find(query, {
        // Each open document with its own settings: the cached parse is keyed by its HAProxy version.
        open: openDocuments.map(({ document, settings: own }) => ({ document, language: languageOf(document), parse: () => haproxyContext(document, own).parsed })),
        profileSymbols: (openProfiles) => bo.workspaceSymbols(openProfiles, settings, token),
        knownFiles: () => bo.knownConfigFiles(settings),
        readFile: (path) => bo.workspace.host.readFile(path),
        isHaproxy: (path, text) => detectLanguage(path, text, () => bo.isProfile(path, text)) === 'haproxy',
        pathOf: uriToPath,
      }, token);
    },
    renderTemplate(document, settings, owner) {
      const template = languageOf(document) !== 'buildout';
      return bo.render(document, settings, owner, template);
    },
    profilesReachedFrom(document, settings) {
      if (languageOf(document) !== 'buildout') return [];
      return claimable(bo.profilesReachedFrom(document, settings));
    },
    workspaceProfiles(settings) {
      const main = bo.workspace.mainProfile();
      if (!main) return [];
      // The workspace's own view of the file (an open document's text wins over the disk's).
      const text = bo.workspace.host.readFile(main);
      if (text === undefined) return [];
      const uri = URI_PREFIX + main.split('/').map(encodeURIComponent).join('/');
      return [main, ...claimable(bo.profilesReachedFrom(TextDocumentImpl.create(uri, 'buildout', 0, text), settings))];
    },
    templateOwners(document, settings) {
      if (languageOf(document) === 'buildout') return { candidates: [] };
      const path = uriToPath(document.uri);
      return { candidates: bo.templateCandidates(path, settings), current: bo.templateOwner(path, settings) };
    },
    invalidate(path) {
      bo.invalidate(path);
      // A profile edit can change any rendered template.
      renderedCache.deleteWhere(() => true);
    },
    setWorkspaceRoots(roots) {
      bo.setWorkspaceRoots(roots);
      cache.deleteWhere(() => true);
    },
    documentClosed(uri) {
      cache.deleteWhere((k) => k.startsWith(uri + '\u0000'));
      renderedCache.deleteWhere((k) => k.startsWith(uri + '\u0000'));
      bo.documentClosed(uri);
    },
  };
}
