/**
 * HAProxy diagnostics: runs every check family over the parsed document and returns LSP
 * diagnostics (`source: 'haproxy'`, `code` = the stable id from diagnosticCodes.ts, `data`
 * = what the quick fix needs). Never throws: a failing family is skipped, the others still
 * report.
 *
 * The statement-local families (lexer, buildout, keywords, values, rules) run in one pass
 * with per-statement caching (localChecks.ts), so re-validating an edited document re-checks
 * only the changed statements; the cross-statement families (conditionals, references,
 * duplicates, timeouts, file level) run over the whole document each time. Diagnostics are
 * emitted family by family in a fixed order, so the result is the same whether a statement's
 * reports came from the cache or not.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationCheck } from '../../../common/cancellation';
import type { DiagnosticSettings, HaproxyContext } from '../../context';
import { analyseConditionals } from './conditionals';
import { checkReferencedFiles } from './certFileChecks';
import { checkUserlists } from './userlistChecks';
import { checkProcessSettings } from './processChecks';
import { checkFinalNewline, checkOutsideSection } from './fileChecks';
import { checkLoneCarriageReturns, markLoneCarriageReturns } from './lineEnds';
import {
  emitFamily, runLocalChecks, FAMILY_BUILDOUT, FAMILY_KEYWORDS, FAMILY_LEXER, FAMILY_RULES, FAMILY_VALUES, type LocalHit,
} from './localChecks';
import { checkServerAddresses } from './serverAddressChecks';
import { checkInheritedCheckWithTrack } from './inheritedChecks';
import { checkGatedFeatures } from './gatedFeatureChecks';
import { checkDefaultsRules } from './defaultsRulesChecks';
import { checkLineArguments } from './lineArgChecks';
import { checkKeywordCase } from './keywordCase';
import { checkTimeouts } from './proxyChecks';
import { checkDuplicates, checkReferences } from './referenceChecks';
import { CheckContext } from './reporter';

export { CheckContext } from './reporter';
export type { FixData } from './reporter';

type Family = (cc: CheckContext, local: readonly LocalHit[]) => void;

const local = (family: number): Family => (cc, hits) => emitFamily(cc, hits, family);

/** Emission order (the order diagnostics had before the local families were cached). */
const FAMILIES: readonly [string, Family][] = [
  ['lexer', local(FAMILY_LEXER)],
  ['final-newline', checkFinalNewline],
  ['lone-carriage-return', checkLoneCarriageReturns],
  ['outside-section', checkOutsideSection],
  ['buildout', local(FAMILY_BUILDOUT)],
  ['keywords', local(FAMILY_KEYWORDS)],
  ['values', local(FAMILY_VALUES)],
  ['rules', local(FAMILY_RULES)],
  ['keyword-case', checkKeywordCase],
  ['gated-features', checkGatedFeatures],
  ['references', checkReferences],
  ['duplicates', checkDuplicates],
  ['timeouts', checkTimeouts],
  ['server-addresses', checkServerAddresses],
  ['inherited-checks', checkInheritedCheckWithTrack],
  ['defaults-rules', checkDefaultsRules],
  ['line-arguments', checkLineArguments],
  ['files', checkReferencedFiles],
  ['userlists', checkUserlists],
  ['process', checkProcessSettings],
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
  try {
    markLoneCarriageReturns(cc);
  } catch {
    // Without the marks the dropped lines are merely checked like any other.
  }
  let hits: LocalHit[] = [];
  try {
    hits = runLocalChecks(cc, token);
  } catch {
    // Each check is guarded inside; this only protects against a bug in the driver itself.
  }
  for (const [, run] of FAMILIES) {
    if (token?.isCancellationRequested) break;
    try {
      run(cc, hits);
    } catch {
      // A bug in one family must not hide the others' results (nor crash the server).
    }
  }
  return cc.diagnostics;
}
