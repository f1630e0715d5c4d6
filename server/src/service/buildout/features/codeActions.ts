/** Quick fixes for buildout diagnostics: did-you-mean replacements, missing required options. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../model';
import { BuildoutCode, DIAGNOSTIC_SOURCE, type FixData } from './codes';

const REPLACEABLE = new Set<string>([BuildoutCode.undefinedSection, BuildoutCode.undefinedOption, BuildoutCode.undefinedPart, BuildoutCode.unknownRecipeOption, BuildoutCode.macroError]);

/**
 * Code actions for the diagnostics in `context` (the client sends back what we published, with
 * `data`). `parsed` is needed for edits that insert lines (absent for templates).
 */
export function codeActions(uri: string, diagnostics: readonly Diagnostic[], parsed?: ParsedFile): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const data = (d.data ?? {}) as FixData;
    const code = String(d.code ?? '');
    if (REPLACEABLE.has(code)) {
      (data.suggestions ?? []).forEach((s, i) => {
        out.push({
          title: `Change to '${s}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0,
          edit: { changes: { [uri]: [{ range: d.range, newText: s }] } },
        });
      });
    }
    if (code === BuildoutCode.missingRequiredOption && parsed && data.addOptions?.length) {
      const section = parsed.sections.find((s) => s.nameRange.start.line === d.range.start.line);
      if (!section) continue;
      const line = section.line + 1;
      const edit: TextEdit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: data.addOptions.map((o) => `${o} = \n`).join('') };
      out.push({ title: `Add ${data.addOptions.map((o) => `'${o}'`).join(', ')}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [edit] } } });
    }
    if (code === BuildoutCode.redundantOverride && parsed) {
      const option = parsed.sections.flatMap((s) => s.options).find((o) => o.line === d.range.start.line && o.nameRange.start.character === d.range.start.character);
      if (!option) continue;
      const edit: TextEdit = { range: { start: { line: option.line, character: 0 }, end: { line: option.endLine + 1, character: 0 } }, newText: '' };
      out.push({ title: `Remove the redundant '${option.name}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [edit] } } });
    }
  }
  return out;
}
