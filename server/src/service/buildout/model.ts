/**
 * Public types of the zc.buildout parser, resolver and template renderer.
 *
 * Positions are 0-based lines and UTF-16 columns (LSP `Range`). Paths are absolute POSIX
 * paths (or URLs for URL extends). Every error message that buildout itself would print is
 * reproduced verbatim in `message`; our own explanations go to `hint`.
 */
import type { Range } from 'vscode-languageserver-types';

export type { Range };

/** Which zc.buildout merges `+=`/`-=` across extends: 2.13.2 (Debian) or ≥ 3.1.1 (default). */
export type MergeMode = '2.13' | '3.1';

/** `=` plain, `+=` add lines, `-=` remove lines, `<=` macro (key `<`). */
export type OptionOperator = '=' | '+=' | '-=' | '<=';

// ---------------------------------------------------------------------------------------------
// Parser (one file)
// ---------------------------------------------------------------------------------------------

export interface ParsedOption {
  /**
   * The key exactly as buildout stores it: `parts +` for `parts +=`, `<` for `<=`,
   * `<part-dependencies>` for a `=>` line, `c++` for `c++ = …` (which buildout then treats as
   * an increment of `c`: the operator is the key's last character).
   */
  key: string;
  /** The option name the key applies to (`parts` for `parts +`, `<` for a macro). */
  name: string;
  operator: OptionOperator;
  /** 0-based line of the `name = value` line. */
  line: number;
  /** Last line of the value (continuation lines included; trailing blank lines excluded). */
  endLine: number;
  /** Range of the name as written (without operator and spaces). */
  nameRange: Range;
  /** Range of the `=`, `+=`, `-=` or `<=` token. */
  operatorRange: Range;
  /**
   * Ranges of the value text: the first line's value (possibly empty, at the end of the line)
   * then one range per continuation line that contributed text (stripped as buildout strips it).
   */
  valueRanges: Range[];
  /** Text after `=` on the first line, stripped (buildout's `optval`). */
  firstValue: string;
  /** Continuation lines as buildout appends them (rstripped in block mode, stripped otherwise). */
  continuations: string[];
  /** `firstValue` was empty: continuation lines keep blank lines and relative indentation. */
  blockMode: boolean;
  /** `firstValue` and continuations joined with `\n`, before post-processing. */
  rawValue: string;
  /** The value as buildout sees it for this occurrence alone (dedented, leading blank lines removed). */
  value: string;
  /** False when the enclosing section's condition is false (buildout ignores the option). */
  active: boolean;
}

export type ConditionResult = true | false | 'unknown';

export interface SectionCondition {
  /** The expression text as written between `:` and `]`. */
  text: string;
  range: Range;
  result: ConditionResult;
  /** Why the condition was not evaluated (`unknown`), in our words. */
  message?: string;
}

export interface ParsedSection {
  name: string;
  nameRange: Range;
  /** 0-based line of the `[name]` header. */
  line: number;
  /** Range of the whole header (`[` to `]`). */
  headerRange: Range;
  condition?: SectionCondition;
  /** False when the condition is false (the header and its options are ignored). */
  active: boolean;
  /** Last line before the next header (or end of file). */
  endLine: number;
  options: ParsedOption[];
}

export interface ExtendsEntry {
  /** The word as written (`profiles/base.cfg`, `https://…/versions.cfg`). */
  value: string;
  range: Range;
}

export interface ParseError {
  /** buildout's message for this line, e.g. `[line  3]: 'foo\n'` or the whole MissingSectionHeaderError. */
  message: string;
  line: number;
  range: Range;
  kind: 'parse' | 'missing-section-header' | 'condition';
}

export interface ParsedFile {
  /** Path or URL the file was read from. */
  path: string;
  /** Header order; a repeated `[name]` appears again (buildout merges it into one dict). */
  sections: ParsedSection[];
  /** `extends` words of the active `[buildout]` section (the value buildout pops). */
  extends: ExtendsEntry[];
  /** The `extends` option occurrence that supplied `extends` (for document links / hover). */
  extendsOption?: ParsedOption;
  errors: ParseError[];
  /**
   * The exception buildout raises for this file (`File contains parsing errors: …` with every
   * bad line, or `File contains no section headers.…`), exactly worded. Absent when it parses.
   */
  fatalError?: string;
  /** Warnings of our own (conditions not evaluated), never errors buildout would raise. */
  warnings: ParseError[];
  lineCount: number;
}

/** Platform facts used to evaluate `[section:condition]` headers. Defaults: Linux, CPython 3.11, 64-bit. */
export interface PlatformFacts {
  /** `sys.platform`, e.g. `linux`, `win32`, `darwin`. */
  sysPlatform: string;
  /** `os.name`: `posix` or `nt`. */
  osName: string;
  /** `platform.system()`: `Linux`, `Windows`, `Darwin`. */
  platformSystem: string;
  /** `platform.machine()`, e.g. `x86_64`. */
  platformMachine: string;
  /** Full Python version, e.g. `3.11.2`. */
  pythonVersion: string;
  /** `cpython`, `pypy`, `jython`, `ironpython`. */
  implementation: 'cpython' | 'pypy' | 'jython' | 'ironpython';
  bits: 32 | 64;
  byteOrder: 'little' | 'big';
  /** `sys.executable`, the default of `buildout:executable`. */
  executable: string;
}

// ---------------------------------------------------------------------------------------------
// Resolver (a profile graph from a root file)
// ---------------------------------------------------------------------------------------------

/** The extension points a caller can inject. */
export interface ResolveOptions {
  mergeMode?: MergeMode;
  /** Read `~/.buildout/default.cfg` (via host.homeDirectory()). Default true. */
  userDefaults?: boolean;
  platform?: Partial<PlatformFacts>;
  /**
   * Options a recipe computes at init (`location`, `prefix` …). A value `undefined` means the
   * option exists but is only known at install time. Default: `defaultComputedOptions`.
   */
  computedOptions?: ComputedOptionsProvider;
  /** Command-line style assignments `section:option=value` (applied last, like `buildout x:y=z`). */
  overrides?: Array<{ section: string; option: string; value: string }>;
}

export type ComputedOptionsProvider = (
  recipe: string,
  sectionName: string,
  section: (option: string) => string | undefined,
  profile: (section: string, option: string) => string | undefined,
) => Record<string, string | undefined>;

/** One edge of the extends graph. */
export interface ExtendsEdge {
  /** The extending file. */
  from: string;
  /** The entry in `from` (its range is where a document link goes). */
  entry: ExtendsEntry;
  /** Normalised absolute path or URL of the target. */
  target: string;
  /** The path exactly as buildout spells it in messages (`/a/profiles/../base.cfg`). */
  buildoutPath: string;
  isUrl: boolean;
  /** Set when the target could not be read or closes a cycle. */
  error?: BuildoutError;
}

export interface ProfileFile {
  path: string;
  parsed: ParsedFile;
  /** Outgoing extends edges, in order. */
  extends: ExtendsEdge[];
  /** True for `~/.buildout/default.cfg` and what it extends. */
  userDefaults?: boolean;
}

export type HistoryOperation =
  | 'DEFAULT'     // buildout's built-in [buildout] default
  | 'COMPUTED'    // computed by buildout (`directory`) or by a recipe (`location`)
  | 'SET'         // first assignment
  | 'OVERRIDE'    // a later file/section replaced the value
  | 'ADD'         // +=
  | 'REMOVE'      // -=
  | 'MACRO'       // inherited through `<=`
  | 'DIRECTORY'   // made absolute by buildout (`eggs-directory` …)
  | 'COMMAND_LINE';

export interface HistoryEntry {
  operation: HistoryOperation;
  /** The value given at this step (the added lines for ADD, …). */
  value: string;
  /** The value after this step. */
  result: string;
  file?: string;
  /** The option occurrence (name to end of value) in `file`. */
  option?: ParsedOption;
  /** The section a MACRO value came from. */
  fromSection?: string;
}

export interface MergedOption {
  /** Key as buildout stores it after merging (usually the name; `x +` survives in 2.13 edge cases). */
  key: string;
  /** The unsubstituted value buildout holds after extends, `+=`/`-=`, macros. */
  rawValue: string;
  history: HistoryEntry[];
  /** The last file occurrence that shaped the value (go-to-definition target). */
  definition?: { file: string; option: ParsedOption };
  /** Value computed by a recipe at init, not written in any file. */
  computed?: boolean;
  /** Computed by a recipe but only known at install time (`rawValue` is empty). */
  unknownValue?: boolean;
}

export interface MergedSection {
  name: string;
  /** Options after extends, before macro expansion (`<` still present). */
  options: Map<string, MergedOption>;
  /** Every header of this section across the graph, in file order (for go-to-definition). */
  headers: Array<{ file: string; section: ParsedSection }>;
}

export type BuildoutErrorKind =
  | 'parse' | 'missing-file' | 'recursive-include' | 'url-unavailable' | 'extended-by'
  | 'missing-section' | 'missing-option' | 'circular' | 'syntax' | 'macro-loop' | 'macro-missing'
  | 'condition' | 'template' | 'other';

export interface BuildoutError {
  kind: BuildoutErrorKind;
  /** buildout's own wording (what `bin/buildout` prints after `Error:`/the exception). */
  message: string;
  file?: string;
  range?: Range;
  /** Our explanation when buildout's message is terse. */
  hint?: string;
}

export type ValueResult =
  | { ok: true; value: string; computed?: boolean; unknownValue?: boolean }
  | { ok: false; error: BuildoutError };

/** A `${section:option}` / `${:option}` found in a value or template. */
export interface SubstitutionReference {
  file: string;
  /** The whole `${…}`. */
  range: Range;
  /** Section text as written ('' for `${:x}`). */
  sectionText: string;
  /** Section it refers to (the enclosing section when written empty). */
  section: string;
  option: string;
  /** Ranges of the section and option names inside the braces (section range empty for `${:x}`). */
  sectionRange: Range;
  optionRange: Range;
  /** Where the reference is written: an option value in a profile, or a template. */
  inSection?: string;
  inOption?: string;
  /** buildout's syntax error for an invalid `${…}` (no colon, too many colons, bad characters). */
  syntaxError?: string;
  /** Written in an option buildout ignores (its section's condition is false). */
  inactive?: boolean;
}

/** A section with its options after macro expansion and substitution (buildout's view). */
export interface SectionResult {
  name: string;
  options: Record<string, string>;
  error?: BuildoutError;
}

export interface PartsResult {
  /** Install order: listed parts and implicit parts (recipe sections reached by substitution). */
  parts: string[];
  error?: BuildoutError;
}

// ---------------------------------------------------------------------------------------------
// Template rendering
// ---------------------------------------------------------------------------------------------

export interface RenderSpan {
  /** Where the value went in the output (0-based). */
  outputRange: Range;
  /** The `${…}` in the template that produced it. */
  templateRange: Range;
  section: string;
  option: string;
  value: string;
}

export interface RenderResult {
  /** The text the recipe writes, absent on error. */
  text?: string;
  error?: BuildoutError;
  /** For each output line (0-based), the template line it came from. */
  lineMap: number[];
  spans: RenderSpan[];
  /** Template ranges of `${…}` left as written (only with the renderer's `keepUnresolved`). */
  unresolved?: Range[];
  /** Template path (undefined for inline templates). */
  templatePath?: string;
  /** The template text, and where it lives (file line offset 0; for `inline` the profile option). */
  templateText?: string;
  outputPath?: string;
  /** collective.recipe.template's `output-encoding`, when the section sets one (default utf-8). */
  outputEncoding?: string;
  section: string;
  recipe: string;
}
