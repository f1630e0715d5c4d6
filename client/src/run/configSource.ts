/**
 * Which configuration "HAProxy: Start" runs:
 * - the active HAProxy file (its current text, saved or not);
 * - a buildout template (`*.in`) or profile: the output of the collective.recipe.template
 *   section, rendered by the language server (`haproxy/renderTemplate`) exactly as the recipe
 *   would, by the section "Buildout: Choose Template Owner" chose (asked once when several
 *   sections render it and none was chosen yet);
 * - with no suitable editor, the workspace's `buildout.cfg`.
 * Findings of `haproxy -c` are mapped back to the file the user edits (line map).
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { RenderTemplateRequest, type RenderTemplateResult } from '../../../server/src/lsp/protocol';
import { inferLineMap } from '../../../server/src/node/haproxy/lineMap';
import type { TemplateLineMap } from '../../../server/src/node/haproxy/locateFindings';
import type { ExtensionShell } from '../shell';
import { renderFailure } from '../renderFailure';
import { requireClient } from '../commands';
import { ownerForRender } from '../templateOwner';

export interface ConfigSource {
  kind: 'file' | 'template';
  /** The document the user edits: diagnostics go there. */
  sourceUri: vscode.Uri;
  /** The text HAProxy gets (rendered for templates). */
  text: string;
  /** For templates: the template text and the line map rendered → template. */
  templateText?: string;
  lineMap?: TemplateLineMap;
  /** Where the recipe would write the output (`output = …`), for templates. */
  recipeOutput?: string;
  /** The template section's `output-encoding` (the generated files are written in it). */
  outputEncoding?: string;
  /** `profile:section` that renders the template. */
  owner?: string;
  /** Working directory for HAProxy (relative paths in the config). */
  cwd: string;
  /** File name to use for the generated config. */
  baseName: string;
  /** Problems reported by rendering, for the log. */
  warnings: string[];
}

function isTemplatePath(p: string): boolean {
  return /\.in$/i.test(p);
}

/** The editor's document if it is something we can run, else undefined. */
export function runnableDocument(editor: vscode.TextEditor | undefined): vscode.TextDocument | undefined {
  const doc = editor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  if (doc.languageId === 'haproxy' || doc.languageId === 'buildout' || isTemplatePath(doc.fileName)) return doc;
  return undefined;
}

/** Finds the main buildout profile of the workspace, for "start" without a suitable editor. */
function workspaceBuildout(): vscode.Uri | undefined {
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const p = path.join(f.uri.fsPath, 'buildout.cfg');
    if (existsSync(p)) return vscode.Uri.file(p);
  }
  return undefined;
}

/** `ask` false (the check on save): never show a pick; use the chosen or default owner. */
export async function resolveConfigSource(shell: ExtensionShell, resource?: vscode.Uri, owner?: string, ask = true): Promise<ConfigSource | undefined> {
  let doc: vscode.TextDocument | undefined;
  if (resource) doc = await vscode.workspace.openTextDocument(resource);
  else doc = runnableDocument(vscode.window.activeTextEditor);
  const target = doc?.uri ?? workspaceBuildout();
  if (!target) {
    throw new Error('open a HAProxy configuration, a haproxy template (*.in) or a buildout profile first.');
  }
  const isPlainHaproxy = doc && doc.languageId === 'haproxy' && !isTemplatePath(doc.fileName);
  if (doc && isPlainHaproxy) {
    return {
      kind: 'file',
      sourceUri: doc.uri,
      text: doc.getText(),
      cwd: path.dirname(doc.fileName),
      baseName: path.basename(doc.fileName),
      warnings: [],
    };
  }
  return renderFromBuildout(shell, target, doc, owner, ask);
}

async function renderFromBuildout(
  shell: ExtensionShell,
  target: vscode.Uri,
  doc: vscode.TextDocument | undefined,
  owner: string | undefined,
  ask: boolean,
): Promise<ConfigSource | undefined> {
  const client = await requireClient(shell);
  if (!owner) {
    // A template runs with the owner the editor's features use (chosen, or picked now).
    const chosen = await ownerForRender(shell, target, ask);
    if (chosen.cancelled) return undefined;
    owner = chosen.owner;
  }
  let result: RenderTemplateResult = await client.sendRequest(RenderTemplateRequest.type, { uri: target.toString(), owner });
  if (ask && !owner && result.alternatives && result.alternatives.length > 1) {
    const pick = await vscode.window.showQuickPick(result.alternatives, {
      title: 'Several buildout sections render this template: which one to run?',
    });
    if (!pick) return undefined;
    result = await client.sendRequest(RenderTemplateRequest.type, { uri: target.toString(), owner: pick });
  }
  if (result.text === undefined) throw renderFailure(result, doc?.uri ?? target);
  // The template is the document the findings belong to: the open template, or the one the
  // profile's section renders (the server names it as `input` for a profile request too).
  const templateUri = doc && isTemplatePath(doc.fileName) ? doc.uri : await templateOf(result, target);
  const templateText = templateUri ? (await vscode.workspace.openTextDocument(templateUri)).getText() : undefined;
  // The server's map comes from the renderer's own spans; infer one only if it sent none.
  const lineMap = result.lineMap ?? (templateText !== undefined ? inferLineMap(templateText, result.text) : undefined);
  const profile = toFsPath(result.profile);
  const output = toFsPath(result.output);
  const buildoutDir = profile ? path.dirname(profile) : path.dirname(target.fsPath);
  const baseName = path.basename(output ?? (templateUri?.fsPath ?? 'haproxy.cfg').replace(/\.in$/i, ''));
  return {
    kind: 'template',
    sourceUri: templateUri ?? target,
    text: result.text,
    templateText,
    lineMap,
    recipeOutput: output,
    outputEncoding: result.outputEncoding,
    owner: profile && result.section ? `${profile}:${result.section}` : undefined,
    cwd: buildoutDir,
    baseName,
    warnings: result.errors,
  };
}

/** The server may report paths or file URIs; HAProxy needs paths. */
function toFsPath(p: string | undefined): string | undefined {
  if (!p) return undefined;
  return /^file:/i.test(p) ? vscode.Uri.parse(p).fsPath : p;
}

/** The template of a profile's template section, when the result lets us find it. */
async function templateOf(result: RenderTemplateResult, target: vscode.Uri): Promise<vscode.Uri | undefined> {
  const p = toFsPath(result.input);
  if (p && existsSync(p)) return vscode.Uri.file(p);
  return isTemplatePath(target.fsPath) ? target : undefined;
}
