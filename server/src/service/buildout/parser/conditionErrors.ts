/**
 * A section condition that raises in buildout (a name its `_default_globals` lacks, such as
 * `python311` in 2.13) is not a kept or dropped section: `eval` raises inside the parser and
 * zc.buildout stops loading with that exception. The parser keeps such a section (editors
 * want its options) with a warning; this turns the first one into the file's fatal error, as
 * `configparser.parse` would have raised it.
 */
import type { MergeMode, ParsedFile, PlatformFacts } from '../model';
import { DEFAULT_PLATFORM, evaluateCondition } from './conditions';

/**
 * Mark the first raising condition of a freshly parsed file as its fatal error (message:
 * Python's `str(exception)`, as buildout reports a load error). Mutates `parsed`; call it
 * once, right after parsing, with the mode and platform the file was parsed for.
 */
export function applyConditionErrors(parsed: ParsedFile, mode: MergeMode, platform: PlatformFacts = DEFAULT_PLATFORM): void {
  // Every raising condition was left `unknown`, which the parser reports as a warning.
  if (!parsed.warnings.length) return;
  for (const section of parsed.sections) {
    const condition = section.condition;
    if (!condition || condition.result !== 'unknown') continue;
    const raised = evaluateCondition(condition.text, mode, platform).error;
    if (!raised) continue;
    // A missing section header is raised before any header is read; parsing errors only at the end.
    const headerless = parsed.errors.some((e) => e.kind === 'missing-section-header');
    const error = {
      kind: 'condition' as const,
      line: section.line,
      range: condition.range,
      // evaluateCondition's message already names the exception and why it is raised.
      message: condition.message ?? `zc.buildout stops loading the profile here: ${raised.type}: ${raised.message}.`,
    };
    if (headerless) parsed.errors.push(error);
    else {
      parsed.errors.unshift(error);
      parsed.fatalError = raised.message;
    }
    parsed.warnings = parsed.warnings.filter((w) => !(w.kind === 'condition' && w.line === section.line));
    return; // buildout never reads past the first one
  }
}
