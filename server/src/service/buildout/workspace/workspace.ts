/**
 * The buildout side of a workspace: which profiles exist, the parsed file and resolved graph
 * caches, and which section owns a template. Edits invalidate along the extends graph only:
 * a changed file drops its own parse and the graphs that contain it, nothing else.
 */
import type { FileSystemHost } from '../../common/host';
import type { MergeMode, ParsedFile } from '../model';
import { applyConditionErrors } from '../parser/conditionErrors';
import { parseBuildout } from '../parser/parser';
import { baseName, profileReason } from './detect';
import type { ProfileView } from './profileView';
import { resolveView } from './resolvedView';
import { dirName, joinPath, normalizePath, relativeTo } from './paths';
import { findTemplateCandidates, type TemplateOwner } from './templateOwners';

export interface WorkspaceOptions {
  mergeMode?: MergeMode;
  userDefaults?: boolean;
  offline?: boolean;
  /** Template path (relative to a root, or absolute) → `profile.cfg:section` chosen by the user. */
  templateOwner?: Record<string, string>;
}

export type ProfileResolver = (host: FileSystemHost, root: string, options: WorkspaceOptions, parse: (path: string) => ParsedFile | undefined) => ProfileView;

const SKIP_DIRS = new Set(['node_modules/', '.git/', 'parts/', 'eggs/', 'develop-eggs/', 'bin/', 'var/', '.venv/', 'venv/', 'dist/', 'build/', '__pycache__/', '.tox/']);
const MAX_SCAN_ENTRIES = 4000;
/** At most this many profile graphs are resolved to find a template's owners. */
const MAX_OWNER_GRAPHS = 24;
const TEMPLATE_OPTION_LINE = /^\s*(input|url|template)\s*=|^\s+\S/;

/**
 * What the workspace asks of one `.cfg` under the roots, read from its text only when asked.
 * Why lazily: a HAProxy configuration next to buildout.cfg (haproxy.cfg is common in Plone
 * buildouts) gets a new entry on every open, edit and close of it, and splitting 1 MB into
 * lines and scanning it for `.cfg` words cost ≈ 10 ms each time, before its diagnostics; the
 * questions below are rarely asked of it, and the template one is answered with `indexOf`.
 */
class CfgEntry {
  readonly reason: ReturnType<typeof profileReason>;
  #cfgWords: Set<string> | undefined;
  #templateLines: string[] | undefined;

  constructor(path: string, private readonly text: string) {
    this.reason = baseName(path) === 'buildout.cfg' ? 'name' : profileReason(path, text);
  }

  /** Base names of the `.cfg` files the text mentions (possible `extends` targets). */
  get cfgWords(): Set<string> {
    if (!this.#cfgWords) {
      const words = new Set<string>();
      // Matches start only where a word starts: unanchored, a long value without `.cfg` was
      // re-scanned from every one of its characters (quadratic; a 1 MB value never finished).
      for (const m of this.text.matchAll(/(?<![^\s/])([^\s/]+\.cfg)\b/g)) words.add(m[1]);
      this.#cfgWords = words;
    }
    return this.#cfgWords;
  }

  /**
   * Whether a line that may name a template (`input =`, `url =`, `template =`, a continuation
   * line) contains `name`: each occurrence of `name` in the text is looked at, not each line.
   */
  mentionsTemplate(name: string): boolean {
    if (name === '' || name.includes('\n')) {
      this.#templateLines ??= this.text.split('\n').filter((l) => TEMPLATE_OPTION_LINE.test(l));
      return this.#templateLines.some((l) => l.includes(name));
    }
    const text = this.text;
    for (let i = text.indexOf(name); i >= 0;) {
      const start = text.lastIndexOf('\n', i) + 1;
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      if (TEMPLATE_OPTION_LINE.test(text.slice(start, end))) return true;
      if (end >= text.length) return false;
      i = text.indexOf(name, end + 1);
    }
    return false;
  }
}

export class BuildoutWorkspace {
  private readonly parsedCache = new Map<string, ParsedFile | undefined>();
  private readonly profileCache = new Map<string, ProfileView>();
  private knownProfileList: string[] | undefined;
  /** Every `.cfg` under the roots: why it is a profile (if it is) and its template-naming lines. */
  private cfgIndex: Map<string, CfgEntry> | undefined;
  private readonly ownerCache = new Map<string, TemplateOwner[]>();
  /** Texts of open documents, which win over the host's copy. */
  private readonly overlay = new Map<string, string>();
  /** The host as features and the resolver see it (open documents first). */
  readonly host: FileSystemHost;

  constructor(
    baseHost: FileSystemHost,
    private roots: string[],
    private readonly resolver: ProfileResolver = resolveView,
    private options: WorkspaceOptions = {},
  ) {
    this.roots = roots.map(normalizePath);
    const overlay = this.overlay;
    // Explicit forwarding: the host may be a class instance whose methods a spread would lose.
    this.host = {
      readFile: (p) => overlay.get(p) ?? baseHost.readFile(p),
      exists: (p) => overlay.has(p) || baseHost.exists(p),
      listDirectory: (d) => baseHost.listDirectory(d),
      homeDirectory: baseHost.homeDirectory ? () => baseHost.homeDirectory!() : undefined,
      readUrl: baseHost.readUrl ? (u) => baseHost.readUrl!(u) : undefined,
      // About the bytes on disk (what buildout reads), so an open document does not hide it.
      isInvalidUtf8: baseHost.isInvalidUtf8 ? (p) => baseHost.isInvalidUtf8!(p) : undefined,
      readBytes: baseHost.readBytes ? (p) => baseHost.readBytes!(p) : undefined,
    };
  }

  /**
   * The editor's text of a document. Unchanged text is a no-op, so callers may pass it on every
   * request; a change invalidates like `fileChanged`.
   */
  setDocumentText(path: string, text: string): void {
    const p = normalizePath(path);
    if (this.overlay.get(p) === text) return;
    this.overlay.set(p, text);
    this.fileChanged(p);
  }

  /** The document was closed: the file on disk counts again. */
  documentClosed(path: string): void {
    const p = normalizePath(path);
    if (this.overlay.delete(p)) this.fileChanged(p);
  }

  get workspaceRoots(): readonly string[] {
    return this.roots;
  }

  get settings(): WorkspaceOptions {
    return this.options;
  }

  /** New settings: resolved graphs depend on merge mode and user defaults, so they go. */
  setOptions(options: WorkspaceOptions): void {
    const same = options.mergeMode === this.options.mergeMode && options.userDefaults === this.options.userDefaults
      && options.offline === this.options.offline;
    this.options = options;
    if (!same) this.clear();
    this.ownerCache.clear();
  }

  setRoots(roots: string[]): void {
    this.roots = roots.map(normalizePath);
    this.knownProfileList = undefined;
    this.cfgIndex = undefined;
    this.ownerCache.clear();
  }

  clear(): void {
    this.parsedCache.clear();
    this.profileCache.clear();
    this.ownerCache.clear();
    this.knownProfileList = undefined;
    this.cfgIndex = undefined;
  }

  /** The parsed file (cached until `fileChanged`), or undefined when it cannot be read. */
  parse(path: string): ParsedFile | undefined {
    const p = normalizePath(path);
    if (this.parsedCache.has(p)) return this.parsedCache.get(p);
    const text = this.host.readFile(p);
    const parsed = text === undefined ? undefined : parseBuildout(text, p, { mode: this.options.mergeMode });
    if (parsed) applyConditionErrors(parsed, this.options.mergeMode ?? '3.1');
    this.parsedCache.set(p, parsed);
    return parsed;
  }

  /** The resolved graph rooted at `root` (cached until a file of the graph changes). */
  profile(root: string): ProfileView {
    const p = normalizePath(root);
    let view = this.profileCache.get(p);
    if (!view) {
      view = this.resolver(this.host, p, this.options, (f) => this.parse(f));
      this.profileCache.set(p, view);
    }
    return view;
  }

  /**
   * A file was edited, created or deleted. Drops its parse and every graph whose files include
   * it (or that failed to read it: a created file may fill a missing extends).
   */
  fileChanged(path: string): void {
    const p = normalizePath(path);
    this.parsedCache.delete(p);
    for (const [root, view] of this.profileCache) {
      if (root === p || view.files.has(p) || this.mentions(view, p)) this.profileCache.delete(root);
    }
    if (p.endsWith('.cfg')) {
      // Update this file's entry only: a rescan of the tree on every keystroke would be wasteful.
      if (this.cfgIndex && this.roots.some((r) => p.startsWith(r + '/'))) {
        const text = this.host.readFile(p);
        if (text === undefined) this.cfgIndex.delete(p);
        else this.cfgIndex.set(p, new CfgEntry(p, text));
      }
      this.knownProfileList = undefined;
      this.ownerCache.clear();
    } else {
      this.ownerCache.delete(p);
    }
  }

  /** Whether a graph has an extends edge to `path` (e.g. a missing file that now exists). */
  private mentions(view: ProfileView, path: string): boolean {
    for (const f of view.files.values()) for (const e of f.extends) if (e.target === path) return true;
    return false;
  }

  /** The main profile: `buildout.cfg` in the first root that has one. */
  mainProfile(): string | undefined {
    for (const r of this.roots) {
      const p = joinPath(r, 'buildout.cfg');
      if (this.host.exists(p)) return p;
    }
    return undefined;
  }

  /**
   * Top-level profiles of the workspace (`buildout.cfg`, or a `[buildout]` header), main first.
   * Scans a few directory levels, skipping buildout's output directories.
   */
  knownProfiles(): string[] {
    if (this.knownProfileList) return this.knownProfileList;
    const found = [...this.index()].filter(([, e]) => e.reason !== undefined).map(([p]) => p);
    const main = this.mainProfile();
    found.sort((a, b) => (a === main ? -1 : b === main ? 1 : a.split('/').length - b.split('/').length || a.localeCompare(b)));
    this.knownProfileList = found;
    return found;
  }

  /** Paths of the `.cfg` files under the roots (the index scanned once, then kept up to date per file). */
  indexedCfgFiles(): string[] {
    return [...this.index().keys()];
  }

  /** The `.cfg` files under the roots (a few levels deep, buildout output directories skipped). */
  private index(): Map<string, CfgEntry> {
    if (this.cfgIndex) return this.cfgIndex;
    const index = new Map<string, CfgEntry>();
    let budget = MAX_SCAN_ENTRIES;
    const scan = (dir: string, depth: number) => {
      for (const entry of this.host.listDirectory(dir)) {
        if (--budget < 0) return;
        if (entry.endsWith('/')) {
          if (depth < 3 && !SKIP_DIRS.has(entry) && !entry.startsWith('.')) scan(joinPath(dir, entry.slice(0, -1)), depth + 1);
        } else if (entry.endsWith('.cfg')) {
          const path = joinPath(dir, entry);
          const text = this.host.readFile(path);
          if (text !== undefined) index.set(path, new CfgEntry(path, text));
        }
      }
    };
    for (const r of this.roots) scan(r, 0);
    this.cfgIndex = index;
    return index;
  }

  /** Whether `path` is a buildout profile: by name, header, or reached from a known profile. */
  isProfile(path: string, text?: string): boolean {
    const p = normalizePath(path);
    const content = text ?? this.host.readFile(p);
    if (profileReason(p, content, false)) return true;
    return profileReason(p, content, this.reachingProfile(p) !== undefined) !== undefined;
  }

  /** A known top-level profile whose extends graph contains `path` (main profile first). */
  reachingProfile(path: string): string | undefined {
    const p = normalizePath(path);
    // Only a file some profile names can be reached: skip resolving every graph for the others.
    const name = baseName(p);
    const index = this.index();
    if (index.get(p)?.reason === undefined && ![...index.values()].some((e) => e.cfgWords.has(name))) return undefined;
    for (const root of this.knownProfiles()) if (root === p || this.profile(root).files.has(p)) return root;
    return undefined;
  }

  /**
   * The graph to answer questions about `path` in: the main profile when it reaches the file
   * (an extended profile alone often lacks the sections it refers to), else another known
   * profile that reaches it, else the file as its own root.
   */
  profileFor(path: string): ProfileView {
    const p = normalizePath(path);
    return this.profile(this.reachingProfile(p) ?? p);
  }

  /** Files the profile at `path` extends (directly or not), excluding itself. */
  reachedFrom(path: string): string[] {
    const p = normalizePath(path);
    return [...this.profile(p).files.keys()].filter((f) => f !== p);
  }

  /** Every section/profile that renders `templatePath` (main profile's first). */
  templateCandidates(templatePath: string): TemplateOwner[] {
    const p = normalizePath(templatePath);
    let list = this.ownerCache.get(p);
    if (!list) {
      list = [];
      // Resolve graphs only when some profile names the file in a template option at all, and
      // then only graphs that contain such a profile (main first, a bounded number).
      const name = p.slice(p.lastIndexOf('/') + 1);
      const mentioning = [...this.index()].filter(([, e]) => e.mentionsTemplate(name)).map(([f]) => f);
      if (mentioning.length) {
        let resolved = 0;
        for (const root of this.knownProfiles()) {
          if (resolved++ >= MAX_OWNER_GRAPHS) break;
          const view = this.profile(root);
          if (mentioning.some((f) => view.files.has(f))) list.push(...findTemplateCandidates(view, p));
        }
      }
      this.ownerCache.set(p, list);
    }
    return list;
  }

  /**
   * The owner to use: `chosen` (`profile.cfg:section`, profile relative to a root or absolute),
   * else the `templateOwner` setting, else the first candidate (the main profile's).
   */
  templateOwner(templatePath: string, chosen?: string): TemplateOwner | undefined {
    const candidates = this.templateCandidates(templatePath);
    if (candidates.length === 0) return undefined;
    const pick = chosen ?? this.settingFor(templatePath);
    if (pick) {
      const hit = candidates.find((c) => this.ownerMatches(c, pick));
      if (hit) return hit;
    }
    return candidates[0];
  }

  /** The label users choose from: `profile.cfg:section`, profile relative to its root. */
  ownerLabel(owner: TemplateOwner): string {
    const root = this.roots.find((r) => owner.profile.startsWith(r + '/'));
    return `${root ? relativeTo(root, owner.profile) : owner.profile}:${owner.section}`;
  }

  private ownerMatches(c: TemplateOwner, pick: string): boolean {
    const colon = pick.lastIndexOf(':');
    if (colon < 0) return c.section === pick;
    const profile = pick.slice(0, colon);
    const section = pick.slice(colon + 1);
    if (section !== c.section) return false;
    if (profile.startsWith('/')) return normalizePath(profile) === c.profile;
    return this.roots.some((r) => joinPath(r, profile) === c.profile);
  }

  private settingFor(templatePath: string): string | undefined {
    const map = this.options.templateOwner;
    if (!map) return undefined;
    for (const [key, value] of Object.entries(map)) {
      const abs = key.startsWith('/') ? normalizePath(key) : undefined;
      if (abs === templatePath || this.roots.some((r) => joinPath(r, key) === templatePath)) return value;
    }
    return undefined;
  }

  /** Directory a relative path in `file` is taken relative to (buildout: the extending file's). */
  static baseDir(file: string): string {
    return dirName(file);
  }
}
