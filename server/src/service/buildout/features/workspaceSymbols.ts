/**
 * Workspace symbols of buildout profiles (Ctrl+T): every section header of the given files,
 * with its file and line. The files come from a resolved graph (the main profile's extends
 * graph) or from open profiles; the parses are the workspace's cached ones.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { ParsedFile } from '../model';
import { findRecipe, recipeDisplayName } from '../recipes/index';
import { fileUri } from './text';

export function profileSectionSymbols(path: string, parsed: ParsedFile): SymbolInformation[] {
  const uri = fileUri(path);
  const out: SymbolInformation[] = [];
  for (const s of parsed.sections) {
    const recipe = s.options.find((o) => o.name === 'recipe' && o.operator === '=');
    const known = recipe ? findRecipe(recipe.value) : undefined;
    out.push({
      name: s.name,
      // Parts (a recipe) and plain sections look different in the list, as in the outline.
      kind: recipe ? SymbolKind.Module : SymbolKind.Namespace,
      containerName: recipe ? (known ? recipeDisplayName(known) : recipe.value) : 'buildout section',
      location: { uri, range: s.nameRange },
    });
  }
  return out;
}

/**
 * Sections of the main profile's extends graph, then of open profiles outside it. Only files on
 * disk (no `extends = http…` downloads, no `~/.buildout/default.cfg`): those are not the
 * workspace's, and the editor could not open a URL location anyway.
 */
export function workspaceProfileSymbols(
  main: { files: ReadonlyMap<string, { parsed: ParsedFile; userDefaults?: boolean }> } | undefined,
  openProfiles: ReadonlyArray<{ path: string; parsed: ParsedFile | undefined }>,
  token: { readonly isCancellationRequested: boolean },
): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const [path, file] of main?.files ?? []) {
    if (token.isCancellationRequested) return out;
    if (file.userDefaults || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) continue;
    seen.add(path);
    out.push(...profileSectionSymbols(path, file.parsed));
  }
  for (const { path, parsed } of openProfiles) {
    if (seen.has(path) || !parsed) continue;
    seen.add(path);
    out.push(...profileSectionSymbols(path, parsed));
  }
  return out;
}
