/**
 * Error lines of `resolve` and `render` in the format of `check`
 * (`file:line:col: severity: message [code]`, the path relative to the working directory), so
 * one problem matcher or grep reads all three subcommands. The code is the one `check` gives
 * the same buildout problem; an error with no position in a file names the profile alone.
 */
import { relative as relativePath } from 'node:path';
import type { BuildoutError, BuildoutErrorKind } from '../service/buildout/model';
import { BuildoutCode } from '../service/buildout/features/codes';

const CODE_OF_KIND: Partial<Record<BuildoutErrorKind, string>> = {
  'parse': BuildoutCode.parseError,
  'missing-file': BuildoutCode.missingExtends,
  'recursive-include': BuildoutCode.extendsCycle,
  'url-unavailable': BuildoutCode.urlUnavailable,
  'extended-by': BuildoutCode.extendedBy,
  'missing-section': BuildoutCode.undefinedSection,
  'missing-option': BuildoutCode.undefinedOption,
  'circular': BuildoutCode.circularReference,
  'syntax': BuildoutCode.substitutionSyntax,
  'macro-loop': BuildoutCode.macroError,
  'macro-missing': BuildoutCode.macroError,
};

/** What a CLI error line is made of; `line`/`column` are 0-based like LSP positions. */
export interface CliError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  code?: string;
}

export function fromBuildoutError(e: BuildoutError, fallbackFile?: string): CliError {
  const start = e.range?.start;
  return {
    message: e.message,
    file: e.file ?? fallbackFile,
    line: e.file && start ? start.line : undefined,
    column: e.file && start ? start.character : undefined,
    // A missing file with no position is the profile given on the command line, not an extends.
    code: e.kind === 'missing-file' && !e.range ? undefined : CODE_OF_KIND[e.kind],
  };
}

export function formatCliError(cwd: string, e: CliError): string {
  const file = e.file ? relativePath(cwd, e.file) || e.file : undefined;
  const where = file === undefined ? '' : e.line !== undefined ? `${file}:${e.line + 1}:${(e.column ?? 0) + 1}: ` : `${file}: `;
  const code = e.code ? ` [${e.code}]` : '';
  return `${where}error: ${e.message.trim().replace(/\n/g, ' ')}${code}`;
}
