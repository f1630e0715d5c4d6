/**
 * Typed knowledge about zc.buildout recipes. Facts (option names, entry points, what a recipe
 * computes at init) come from the recipes' sources; every sentence is written by this project.
 * Completion, hover, diagnostics and the resolver's computed options all read these tables.
 */

/** What an option's value is, for completion (paths, booleans) and light validation. */
export type RecipeOptionKind =
  | 'path' | 'url' | 'bool' | 'int' | 'octal' | 'string' | 'lines' | 'eggs' | 'python'
  | 'shell' | 'enum' | 'md5' | 'text' | 'address' | 'sections';

export interface RecipeOption {
  name: string;
  summary: string;
  kind: RecipeOptionKind;
  required?: boolean;
  /** The value the recipe uses when the option is absent, as the user would read it. */
  default?: string;
  values?: readonly string[];
  deprecated?: string;
  /** The option names a template file the recipe reads (`input`, `url` …): a template owner. */
  templateInput?: boolean;
  /** The option names a file the recipe writes (`output`, `rendered`). */
  output?: boolean;
}

/** Read access to the resolved profile, given to computed-option functions. */
export type ComputeLookup = (section: string, option: string) => string | undefined;

export interface ComputedOption {
  name: string;
  /** How the recipe computes it, in words (shown in hover next to the value). */
  how: string;
  /**
   * The value, computed from the section's own options and the profile; `undefined` when the
   * value only exists at install time (the option still exists, so references are no errors).
   */
  compute(section: string, lookup: ComputeLookup): string | undefined;
}

export interface RecipeInfo {
  /** Distribution name, e.g. `collective.recipe.template`. */
  egg: string;
  /** Entry point name (`default` for `recipe = egg`). */
  entry: string;
  summary: string;
  /** Where users read more (PyPI page). */
  url: string;
  options: readonly RecipeOption[];
  computed: readonly ComputedOption[];
  /**
   * Sections of this recipe commonly carry options the recipe never reads (values for a
   * template, helpers for `${:x}`): never warn about unknown options.
   */
  freeOptions?: boolean;
  /** Groups of options of which exactly one must be given (e.g. `input`/`inline`/`url`). */
  exactlyOneOf?: readonly (readonly string[])[];
  /** What running the part creates, for hover (e.g. `bin/haproxy`). */
  creates?: string;
  /**
   * An option holding code the recipe runs when the part is initialised, which may set any
   * option (slapos.recipe.build `init`): references to options not written are then uncertain.
   */
  codeSetsOptions?: string;
}

/** `egg[extras]:entry` → its parts; `recipe = foo` means entry `default`. */
export interface RecipeName {
  egg: string;
  extras: string[];
  entry: string;
}

export function parseRecipeName(value: string): RecipeName | undefined {
  const m = /^\s*([A-Za-z0-9_.-]+)\s*(?:\[([^\]]*)\])?\s*(?::\s*([A-Za-z0-9_.-]+))?\s*$/.exec(value);
  if (!m) return undefined;
  const extras = m[2] ? m[2].split(',').map((e) => e.trim()).filter(Boolean) : [];
  return { egg: m[1], extras, entry: m[3] ?? 'default' };
}
