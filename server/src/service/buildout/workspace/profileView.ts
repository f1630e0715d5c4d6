/**
 * What the editor features need from one resolved profile graph. Implemented over the
 * resolver (resolver/); kept as an interface so features and tests do not depend on how the
 * resolver memoises.
 */
import type {
  BuildoutError, MergedOption, MergedSection, PartsResult, ProfileFile, SectionResult, SubstitutionReference, ValueResult,
} from '../model';

export interface ProfileView {
  /** The root profile the graph starts from. */
  readonly root: string;
  /** Every file of the graph (root first, then extends depth-first), keyed by path. */
  readonly files: ReadonlyMap<string, ProfileFile>;
  /** Section names after merging (active sections only), in first-definition order. */
  sectionNames(): string[];
  /** The merged section (options before macro expansion, with history and headers). */
  section(name: string): MergedSection | undefined;
  /** One option after macro expansion (history includes what came through `<=`; computed ones too). */
  option(section: string, option: string): MergedOption | undefined;
  /** The error `<=` expansion of the section raises (macro loop, missing macro section), if any. */
  expansionError(section: string): BuildoutError | undefined;
  /** Option names a `${section:…}` may use: merged, from macros, and recipe-computed. */
  optionNames(section: string): string[];
  /** The fully substituted value buildout would give `${section:option}`. */
  value(section: string, option: string): ValueResult;
  /** The section as buildout initialises it (macros expanded, values substituted). */
  sectionValues(section: string): SectionResult;
  /** Every `${…}` written in a profile file of the graph (active sections only). */
  references(file: string): SubstitutionReference[];
  parts(): PartsResult;
  /** Graph-level errors (extends cycles, missing extended files, parse errors). */
  errors(): BuildoutError[];
}
