/**
 * The message for a template that cannot be rendered (Start, Check, Show Generated Config):
 * which template, which section of which profile, buildout's own reason, and a button that
 * opens the file to fix (where the buildout diagnostics and their quick fixes are).
 */
import * as vscode from 'vscode';
import type { RenderTemplateResult } from '../../server/src/lsp/protocol';
import { ActionableError } from './commands';

const isTemplatePath = (p: string) => /\.in$/i.test(p);
const toUri = (p: string) => (/^file:/i.test(p) ? vscode.Uri.parse(p) : vscode.Uri.file(p));

export function renderFailure(result: RenderTemplateResult, requested: vscode.Uri): ActionableError {
  const reason = result.errors.join('; ') || 'no reason given';
  const template = isTemplatePath(requested.fsPath) ? requested : result.input ? toUri(result.input) : undefined;
  const profile = result.profile ? toUri(result.profile) : undefined;
  const rel = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
  const owner = result.section ? ` (section [${result.section}]${profile ? ` of ${rel(profile)}` : ''})` : '';
  const what = template ? `${rel(template)}${owner}` : result.section ? `the template of [${result.section}]${profile ? ` in ${rel(profile)}` : ''}` : rel(requested);
  // Open the template when known: its diagnostics carry the did-you-mean quick fix.
  const target = template ?? profile;
  const actions: Record<string, () => unknown> = {};
  if (target) {
    actions[template ? 'Open Template' : 'Open Profile'] = async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
    };
  }
  return new ActionableError(`${what} cannot be rendered: ${reason}`, actions);
}
