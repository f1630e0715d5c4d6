/**
 * Error lines of `resolve` and `render` in the format of `check`
 * (`file:line:col: severity: message [code]`, the path relative to the working directory), so
 * one problem matcher or grep reads all three subcommands. The code is the one `check` gives
 * the same buildout problem. Errors without a position in a file (a section named on the
 * command line) are put at 1:1 of the profile, so every line has the same shape; only a profile
 * that cannot be opened at all is named alone (`file: error: …`).
 */
import { relative as relativePath } from 'node:path';
import type { BuildoutError, BuildoutErrorKind } from '../service/buildout/model';
import { BuildoutCode, extendsErrorCode } from '../service/buildout/features/codes';
import type { ErrorPosition } from './errorPosition';

const CODE_OF_KIND: Partial<Record<BuildoutErrorKind, string>> = {
  'parse': BuildoutCode.parseError,
  'missing-section': BuildoutCode.undefinedSection,
  'missing-option': BuildoutCode.undefinedOption,
  'circular': BuildoutCode.circularReference,
  'syntax': BuildoutCode.substitutionSyntax,
  'macro-loop': BuildoutCode.macroError,
  'macro-missing': BuildoutCode.macroError,
};

/** Codes of template-recipe errors, as `check` reports the same problem. */
const TEMPLATE_CODES: Array<[RegExp, string]> = [
  [/^(No input file, inline template, or URL specified\.|Too many input sources\.|No url or inline template specified\.)$/, BuildoutCode.inputSources],
  [/^(Input file '.*' does not exist\.|\[Errno 2\] No such file or directory: )/, BuildoutCode.missingTemplate],
];

function codeOf(e: BuildoutError): string | undefined {
  switch (e.kind) {
    case 'missing-file': case 'recursive-include': case 'url-unavailable': case 'extended-by':
      return extendsErrorCode(e);
    case 'other':
      return /^The extends graph /.test(e.message) ? BuildoutCode.extendsLimit : undefined;
    case 'missing-option':
      return /^Missing option: [^:]+:recipe$/.test(e.message) ? BuildoutCode.partWithoutRecipe : BuildoutCode.undefinedOption;
    case 'template':
      return TEMPLATE_CODES.find(([re]) => re.test(e.message))?.[1];
    default:
      return CODE_OF_KIND[e.kind];
  }
}

/** What a CLI error line is made of; `line`/`column` are 0-based like LSP positions. */
export interface CliError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  code?: string;
  /** Default `error`. */
  severity?: 'error' | 'warning';
  /** The file itself could not be opened: no line to point at (`file: error: …`). */
  unopened?: boolean;
}

/** `at`: where the error comes from when the error itself carries no position (errorPosition.ts). */
export function fromBuildoutError(e: BuildoutError, fallbackFile?: string, at?: ErrorPosition): CliError {
  const pos = e.file && e.range ? { file: e.file, range: e.range } : at;
  return {
    message: e.message,
    file: pos?.file ?? e.file ?? fallbackFile,
    line: pos?.range.start.line,
    column: pos?.range.start.character,
    // A missing file with no position is the profile given on the command line, not an extends.
    code: e.kind === 'missing-file' && !e.range ? undefined : codeOf(e),
    unopened: (e.kind === 'missing-file' && !e.range) || undefined,
  };
}

export function formatCliError(cwd: string, e: CliError): string {
  const file = e.file ? relativePath(cwd, e.file) || e.file : undefined;
  const where = file === undefined ? '' : e.unopened ? `${file}: ` : `${file}:${(e.line ?? 0) + 1}:${(e.column ?? 0) + 1}: `;
  const code = e.code ? ` [${e.code}]` : '';
  return `${where}${e.severity ?? 'error'}: ${e.message.trim().replace(/\n/g, ' ')}${code}`;
}
