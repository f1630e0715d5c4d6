/**
 * `resolveProfile`: what `Buildout.__init__` does before installing anything — defaults, user
 * defaults, the extends graph, command-line overrides, `[versions]`, directory options — and a
 * `BuildoutProfile` answering lazy, memoised queries over the result.
 */
import type { FileSystemHost } from '../../common/host';
import type {
  BuildoutError, ComputedOptionsProvider, MergeMode, MergedOption, MergedSection, ParseError, PartsResult,
  PlatformFacts, ProfileFile, ResolveOptions, SectionResult, SubstitutionReference, ValueResult,
} from '../model';
import { DEFAULT_PLATFORM } from '../parser/conditions';
import { pyLines } from '../parser/pyText';
import { JOINED_DIRECTORIES, buildoutDefaults, defaultComputedOptions, defaultVersionPins } from './defaults';
import { ExactEvaluator } from './exact';
import { LazyEvaluator, isError } from './lazy';
import { Loader, ParseCache } from './loader';
import { MacroExpander } from './macros';
import { expandUser, isUrl, normalizePath, pyAbspath, pyDirname, pyJoin } from './paths';
import { type Data, type Section, cloneData, isTag, makeKey, updateData, withValue } from './sectionKey';
import { referencesInRanges } from './substitution';
import { optionPieces } from './locate';

const sharedCache = new ParseCache();

export class BuildoutProfile {
  readonly lazy: LazyEvaluator;
  private expander: MacroExpander;
  private exactEvaluator?: ExactEvaluator;
  private refs?: SubstitutionReference[];
  private headerIndex?: Map<string, MergedSection['headers']>;

  constructor(
    readonly root: string,
    readonly mode: MergeMode,
    readonly directory: string,
    /** Every file of the extends graph (and user defaults), keyed by normalised path or URL. */
    readonly files: Map<string, ProfileFile>,
    /** The merged profile (before macro expansion and substitution). */
    readonly data: Data,
    /** Load errors: missing/unreadable files, cycles, parse errors, unavailable URLs. */
    readonly errors: BuildoutError[],
    /** The first error buildout would stop with while loading (undefined: it loads). */
    readonly loadError: BuildoutError | undefined,
    /** Conditions we did not evaluate (the sections are kept). */
    readonly warnings: Array<ParseError & { file: string }>,
    private provider: ComputedOptionsProvider,
    private host: FileSystemHost,
  ) {
    this.expander = new MacroExpander(data);
    this.lazy = new LazyEvaluator(this.expander, provider);
  }

  /** The buildout-exact evaluator (created on first use). */
  get exact(): ExactEvaluator {
    return (this.exactEvaluator ??= new ExactEvaluator(this.expander, this.provider, () => this.sectionNames()));
  }

  sectionNames(): string[] {
    return [...this.data.keys()];
  }

  /** A section as merged across files (macros not expanded), with history per option. */
  getSection(name: string): MergedSection | undefined {
    const s = this.data.get(name);
    if (!s) return undefined;
    if (!this.headerIndex) {
      this.headerIndex = new Map();
      for (const f of this.files.values()) {
        for (const sec of f.parsed.sections) {
          let list = this.headerIndex.get(sec.name);
          if (!list) this.headerIndex.set(sec.name, (list = []));
          list.push({ file: f.path, section: sec });
        }
      }
    }
    return { name, options: toMerged(s), headers: this.headerIndex.get(name) ?? [] };
  }

  /** Options after macro expansion (`<=`), with history; or the macro error. */
  getExpandedSection(name: string): Map<string, MergedOption> | BuildoutError {
    const s = this.lazy.section(name);
    if (isError(s)) return s;
    const out = toMerged(s);
    for (const [k, v] of Object.entries(this.lazy.computed(name))) {
      out.set(k, { key: k, rawValue: v ?? '', history: [{ operation: 'COMPUTED', value: v ?? '', result: v ?? '' }], computed: true, unknownValue: v === undefined || undefined });
    }
    return out;
  }

  /** The fully substituted value (lazy, memoised). */
  getValue(section: string, option: string): ValueResult {
    return this.lazy.value(section, option);
  }

  /** buildout's view of a section: all options substituted, or the error buildout raises. */
  resolveSection(name: string): SectionResult {
    return this.exact.resolveSection(name);
  }

  /** Parts in install order (listed and implicit), as `bin/buildout install` computes them. */
  parts(): PartsResult {
    // A fresh emulation: part order depends on which sections were initialised before.
    return new ExactEvaluator(this.expander, this.provider, () => this.sectionNames()).parts();
  }

  /** Every `${…}` written in the profile's files, with positions. */
  references(): SubstitutionReference[] {
    if (this.refs) return this.refs;
    const out: SubstitutionReference[] = [];
    for (const f of this.files.values()) for (const r of fileReferences(f)) out.push(r);
    return (this.refs = out);
  }

  /** The `${…}` written in one file of the graph ([] for a file outside it). */
  fileReferences(path: string): readonly SubstitutionReference[] {
    const f = this.files.get(path);
    return f ? fileReferences(f) : [];
  }

  /** Sections that use `name` as a `<=` macro (directly). */
  macroUsers(name: string): string[] {
    const out: string[] = [];
    for (const [s, sec] of this.data) {
      const m = sec.get('<');
      if (m && m.value.split('\n').some((l) => l.trim() === name)) out.push(s);
    }
    return out;
  }

  /** Content of a URL through the host's cache (templates with `url =`). */
  readUrl(url: string): string | undefined {
    return this.host.readUrl?.(url)?.content;
  }

  /** Read a file through the host (templates). */
  readFile(path: string): string | undefined {
    return this.host.readFile(path);
  }
}

/**
 * References depend on the parse alone: kept per parsed file (which the parse cache shares
 * between resolutions while the text is unchanged), so a re-resolve rescans only edited files.
 */
const referencesByParse = new WeakMap<ProfileFile['parsed'], { path: string; refs: SubstitutionReference[] }>();

function fileReferences(f: ProfileFile): SubstitutionReference[] {
  const hit = referencesByParse.get(f.parsed);
  if (hit && hit.path === f.path) return hit.refs;
  const refs: SubstitutionReference[] = [];
  for (const s of f.parsed.sections) {
    for (const o of s.options) {
      const pieces = optionPieces(o);
      const lines: string[] = [];
      for (const p of pieces) lines[p.range.start.line] = ' '.repeat(p.range.start.character) + p.text;
      const found = referencesInRanges(f.path, lines, o.valueRanges, s.name, o.name);
      if (!o.active) for (const r of found) r.inactive = true;
      for (const r of found) refs.push(r);
    }
  }
  referencesByParse.set(f.parsed, { path: f.path, refs });
  return refs;
}

function toMerged(s: Section): Map<string, MergedOption> {
  const out = new Map<string, MergedOption>();
  for (const [k, v] of s) {
    const history = v.history;
    let def: (typeof history)[number] | undefined;
    for (let i = history.length - 1; i >= 0 && !def; i--) if (history[i].option && history[i].file) def = history[i];
    out.set(k, { key: k, rawValue: v.value, history: history.slice(), definition: def ? { file: def.file!, option: def.option! } : undefined });
  }
  return out;
}

/** Resolve the profile graph rooted at `root` (an absolute path or URL). */
export function resolveProfile(host: FileSystemHost, root: string, options: ResolveOptions = {}, cache: ParseCache = sharedCache): BuildoutProfile {
  const mode = options.mergeMode ?? '3.1';
  const platform: PlatformFacts = { ...DEFAULT_PLATFORM, ...options.platform };
  const provider = options.computedOptions ?? defaultComputedOptions;
  const loader = new Loader({ host, mode, platform, cache });
  const home = host.homeDirectory?.();

  const data: Data = new Map();
  const buildout: Section = new Map();
  for (const [k, v] of buildoutDefaults(platform)) buildout.set(k, makeKey(v, 'DEFAULT', 'DEFAULT_VALUE'));
  data.set('buildout', buildout);
  /** Sections of `data` this resolution made (the others are shared with the loader's results). */
  const owned = new Set<Section>([buildout]);
  const rootPath = isUrl(root) ? root : normalizePath(root);
  const directory = isUrl(root) ? '' : pyDirname(rootPath);
  if (!isUrl(root)) buildout.set('directory', makeKey(directory, 'COMPUTED', 'COMPUTED_VALUE'));

  let rootError: BuildoutError | undefined;
  if (!isUrl(root) && host.readFile(rootPath) === undefined) rootError = { kind: 'missing-file', message: `Couldn't open ${rootPath}` };

  const userConfig = home && options.userDefaults !== false ? pyJoin(pyJoin(home, '.buildout'), 'default.cfg') : undefined;
  const hasUser = userConfig !== undefined && host.readFile(userConfig) !== undefined;
  if (mode === '2.13') {
    if (hasUser) {
      const r = loader.open(pyDirname(userConfig!), userConfig!, [], [], undefined, true);
      if (r) updateData(data, r[0], mode, owned);
    }
    if (!rootError) {
      const r = loader.open(pyDirname(rootPath), rootPath, [], []);
      if (r) updateData(data, r[0], mode, owned);
    }
  } else {
    let userData: Data | undefined;
    if (hasUser) {
      const r = loader.open(pyDirname(userConfig!), userConfig!, [], [], undefined, true);
      const userOwned = new Set<Section>();
      if (r) userData = r.reduce((acc, d) => updateData(acc, d, mode, userOwned), new Map() as Data);
    }
    if (!rootError) {
      const list = [...(loader.open(pyDirname(rootPath), rootPath, [], []) ?? [])];
      if (userData && list.length) list[0] = updateData(cloneData(userData), list[0], mode, new Set());
      const finalOwned = new Set<Section>();
      const final = list.reduce((acc, d) => updateData(acc, d, mode, finalOwned), new Map() as Data);
      updateData(data, final, mode, owned);
    }
  }
  if (options.overrides?.length) {
    const cl: Data = new Map();
    for (const o of options.overrides) {
      if (!cl.has(o.section)) cl.set(o.section, new Map());
      cl.get(o.section)!.set(o.option, makeKey(o.value, 'COMMAND_LINE', 'COMMAND_LINE_VALUE'));
    }
    updateData(data, cl, mode, owned);
  }
  finishBuildoutSection(data, mode, home, loader.errors);

  // One loop over the files, an object only per warning (a spread copy of the file list and an
  // array per file were made for the few files that have any).
  const warnings: Array<ParseError & { file: string }> = [];
  loader.files.forEach((f) => {
    const ws = f.parsed.warnings;
    for (let i = 0; i < ws.length; i++) warnings.push({ ...ws[i], file: f.path });
  });
  const errors = rootError ? [rootError, ...loader.errors] : loader.errors;
  return new BuildoutProfile(rootPath, mode, directory, loader.files, data, errors, rootError ?? loader.fatal, warnings, provider, host);
}

/** `[versions]` defaults and the directory absolutisation of `Buildout.__init__`. */
function finishBuildoutSection(data: Data, mode: MergeMode, home: string | undefined, errors: BuildoutError[]): void {
  const b = data.get('buildout')!;
  if (!b.has('versions')) {
    b.set('versions', makeKey('versions', 'DEFAULT', 'DEFAULT_VALUE'));
    if (!data.has('versions')) data.set('versions', new Map());
  }
  const versionsName = b.get('versions')!.value;
  let versions = versionsName ? data.get(versionsName) : undefined;
  if (versions) data.set(versionsName, (versions = new Map(versions)));
  if (versions) for (const [k, v] of defaultVersionPins(mode)) if (!versions.has(k)) versions.set(k, makeKey(v, 'DEFAULT', 'DEFAULT_VALUE'));

  const dirKey = b.get('directory');
  for (const name of ['download-cache', 'eggs-directory', 'extends-cache']) {
    const key = b.get(name);
    if (!key || key.value.includes('${')) continue;
    const orig = key.value;
    if (orig.startsWith('/')) continue;
    let basedir: string;
    if (isTag(key.source)) basedir = dirKey?.value ?? '';
    else if (isUrl(key.source)) {
      errors.push({ kind: 'other', message: `Setting "${name}" to a non absolute location ("${orig}") within a\nremote configuration file ("${key.source}") is ambiguous.` });
      continue;
    } else basedir = pyDirname(key.source);
    let abs = expandUser(orig, home);
    if (!abs.startsWith('/')) abs = pyJoin(basedir, abs);
    b.set(name, withValue(key, pyAbspath(abs, basedir || '/'), 'DIRECTORY'));
  }
  // First pass (before substitution): join the standard directories to `directory`.
  const dirRaw = dirKey?.value ?? '';
  for (const name of JOINED_DIRECTORIES) {
    const key = b.get(name);
    if (key && !key.value.includes('${')) {
      const joined = pyJoin(dirRaw, key.value);
      if (joined !== key.value) b.set(name, withValue(key, joined, 'DIRECTORY'));
    }
  }
}

export { ParseCache, pyLines };
