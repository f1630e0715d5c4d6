/**
 * HAProxy diagnostics: runs every check family over the parsed document and returns LSP
 * diagnostics (`source: 'haproxy'`, `code` = the stable id from diagnosticCodes.ts, `data`
 * = what the quick fix needs). Never throws: a failing family is skipped, the others still
 * report. The keyword pass runs first because value and rule checks reuse its matches.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationCheck } from '../../../common/cancellation';
import type { DiagnosticSettings, HaproxyContext } from '../../context';
import { analyseConditionals } from './conditionals';
import { checkBuildoutLeftovers, checkFinalNewline, checkLexErrors, checkOutsideSection } from './fileChecks';
import { checkKeywords } from './keywordChecks';
import { checkTimeouts } from './proxyChecks';
import { checkDuplicates, checkReferences } from './referenceChecks';
import { CheckContext } from './reporter';
import { checkRules } from './ruleChecks';
import { checkValues } from './valueChecks';

export { CheckContext } from './reporter';
export type { FixData } from './reporter';

type Family = (cc: CheckContext) => void;

const FAMILIES: readonly [string, Family][] = [
  ['lexer', checkLexErrors],
  ['final-newline', checkFinalNewline],
  ['outside-section', checkOutsideSection],
  ['buildout', checkBuildoutLeftovers],
  ['keywords', checkKeywords],
  ['values', checkValues],
  ['rules', checkRules],
  ['references', checkReferences],
  ['duplicates', checkDuplicates],
  ['timeouts', checkTimeouts],
];

export function validate(ctx: HaproxyContext, settings?: DiagnosticSettings, token?: CancellationCheck): Diagnostic[] {
  let cc: CheckContext;
  try {
    cc = new CheckContext(ctx, settings);
  } catch {
    return [];
  }
  try {
    cc.lineStates = analyseConditionals(cc);
  } catch {
    cc.lineStates = undefined;
  }
  for (const [, run] of FAMILIES) {
    if (token?.isCancellationRequested) break;
    try {
      run(cc);
    } catch {
      // A bug in one family must not hide the others' results (nor crash the server).
    }
  }
  return cc.diagnostics;
}
