/** Diagnostic codes of buildout profiles and templates (stable: users configure severities by code). */
export const BuildoutCode = {
  parseError: 'parse-error',
  substitutionSyntax: 'substitution-syntax',
  undefinedSection: 'undefined-section',
  undefinedOption: 'undefined-option',
  circularReference: 'circular-reference',
  missingExtends: 'missing-extends',
  extendsCycle: 'extends-cycle',
  /** The graph is larger or deeper than the resolver follows (not a buildout error: our guard). */
  extendsLimit: 'extends-limit',
  invalidUtf8: 'invalid-utf8',
  urlUnavailable: 'url-unavailable',
  extendedBy: 'extended-by',
  partWithoutRecipe: 'part-without-recipe',
  undefinedPart: 'undefined-part',
  missingRequiredOption: 'missing-required-option',
  inputSources: 'template-input-sources',
  unknownRecipeOption: 'unknown-recipe-option',
  missingTemplate: 'missing-template',
  redundantOverride: 'redundant-override',
  unevaluatedCondition: 'unevaluated-condition',
  macroError: 'macro-error',
  shellVariableInTemplate: 'shell-variable-in-template',
  dollarDollarInTemplate: 'dollar-dollar-in-template',
  /** The recipe cannot decode the template (input-encoding) or encode its result (output-encoding). */
  templateEncoding: 'template-encoding',
} as const;

export type BuildoutCodeValue = (typeof BuildoutCode)[keyof typeof BuildoutCode];

/**
 * The code of an error on an `extends` entry. The resolver's size guards (include cap and
 * nesting depth: kind `other`, "The extends graph …") are not cycles or missing files, so they
 * get `extends-limit`.
 */
export function extendsErrorCode(error: { kind: string; hint?: string }): BuildoutCodeValue {
  switch (error.kind) {
    case 'recursive-include': return isDepthLimit(error) ? BuildoutCode.extendsLimit : BuildoutCode.extendsCycle;
    case 'url-unavailable': return BuildoutCode.urlUnavailable;
    case 'extended-by': return BuildoutCode.extendedBy;
    case 'parse': return BuildoutCode.parseError;
    case 'missing-file': return BuildoutCode.missingExtends;
    default: return BuildoutCode.extendsLimit;
  }
}

/** A recursive include carrying a "deeper than" hint (the loader's depth guard before it got its own `other` error). */
export function isDepthLimit(error: { kind: string; hint?: string }): boolean {
  return error.kind === 'recursive-include' && /deeper than/.test(error.hint ?? '');
}

export const DIAGNOSTIC_SOURCE = 'buildout';

/** Payload of fixable diagnostics (read by the code actions). */
export interface FixData {
  suggestions?: string[];
  /** Option lines to add under a section header (missing required options). */
  addOptions?: string[];
  /**
   * Per suggestion (same index): the option line a `${section:option}` still needs in the
   * suggested section, so the fix leaves a reference that resolves (null: it has the option).
   */
  suggestionAdds?: Array<AddOptionEdit | null>;
  /** For an undefined option of an existing section: where to add it. */
  addOption?: AddOptionEdit;
}

/** Insert `option = ` under the header of `section` in `uri` (0-based header line). */
export interface AddOptionEdit {
  uri: string;
  line: number;
  section: string;
  option: string;
}
