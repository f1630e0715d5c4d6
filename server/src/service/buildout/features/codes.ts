/** Diagnostic codes of buildout profiles and templates (stable: users configure severities by code). */
export const BuildoutCode = {
  parseError: 'parse-error',
  substitutionSyntax: 'substitution-syntax',
  undefinedSection: 'undefined-section',
  undefinedOption: 'undefined-option',
  circularReference: 'circular-reference',
  missingExtends: 'missing-extends',
  extendsCycle: 'extends-cycle',
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
} as const;

export type BuildoutCodeValue = (typeof BuildoutCode)[keyof typeof BuildoutCode];

export const DIAGNOSTIC_SOURCE = 'buildout';

/** Payload of fixable diagnostics (read by the code actions). */
export interface FixData {
  suggestions?: string[];
  /** Option lines to add under a section header (missing required options). */
  addOptions?: string[];
}
