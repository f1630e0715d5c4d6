/** Quick fixes for buildout diagnostics: did-you-mean replacements, missing required options. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../model';
import { BuildoutCode, DIAGNOSTIC_SOURCE, type AddOptionEdit, type FixData } from './codes';

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
        const add = data.suggestionAdds?.[i];
        const changes: Record<string, TextEdit[]> = { [uri]: [{ range: d.range, newText: s }] };
        if (add) (changes[add.uri] ??= []).push(addOptionTextEdit(add));
        out.push({
          title: add ? `Change to '${s}' and add '${add.option}' to [${add.section}]` : `Change to '${s}'`,
          kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: { changes },
        });
      });
    }
    if (code === BuildoutCode.undefinedOption && data.addOption) {
      const add = data.addOption;
      out.push({
        title: `Add '${add.option}' to [${add.section}]`, kind: CodeActionKind.QuickFix, diagnostics: [d],
        edit: { changes: { [add.uri]: [addOptionTextEdit(add)] } },
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

/** `option = ` on the line after the section header (the user fills in the value). */
function addOptionTextEdit(add: AddOptionEdit): TextEdit {
  const line = add.line + 1;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${add.option} = \n` };
}
