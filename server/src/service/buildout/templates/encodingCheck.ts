/**
 * The template's encodings as collective.recipe.template applies them: it decodes the file on
 * disk with `input-encoding` and writes the result with `output-encoding`, both strict. When
 * either fails, buildout stops with Python's UnicodeDecodeError/UnicodeEncodeError; the editor
 * shows that message on the template, at the byte or character it names.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { BuildoutCode, DIAGNOSTIC_SOURCE } from '../features/codes';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { TemplateContext } from './features';
import { renderTemplateOf } from './render';

const CODEC_ERROR = /^'[^']+' codec can't (?:de|en)code /;

export function templateEncodingDiagnostics(ws: BuildoutWorkspace, templatePath: string, text: string, ctx: TemplateContext, chosenOwner?: string): Diagnostic[] {
  if (ctx.owner.flavour !== 'collective') return [];
  // Render only when an encoding can fail: one is set, or the file is not valid UTF-8.
  const names = ctx.view.optionNames(ctx.owner.section);
  const mayFail = names.includes('input-encoding') || names.includes('output-encoding')
    || text.includes('\uFFFD') || ws.host.isInvalidUtf8?.(templatePath) === true;
  if (!mayFail) return [];
  const error = renderTemplateOf(ws, { template: templatePath, owner: chosenOwner }).render?.error;
  if (!error || !CODEC_ERROR.test(error.message)) return [];
  const zero = { line: 0, character: 0 };
  return [{
    range: error.file === templatePath && error.range ? error.range : { start: zero, end: zero },
    code: BuildoutCode.templateEncoding,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    message: `collective.recipe.template [${ctx.owner.section}] fails: ${error.message}.${error.hint ? ' ' + error.hint : ''}`,
  }];
}
