/** Go to definition, find references and rename for sections and options of a profile graph. */
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DocFile } from './doc';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { macroFamily, occurrences, symbolAt, type BuildoutSymbol } from './symbolsIndex';
import { fileUri } from './text';

const SECTION_NAME = /^[^\s#;[\]:{}]+$/;
/** Names usable in `${section:option}` (buildout's `_simple`), so a rename keeps references valid. */
const SUBSTITUTABLE = /^[-a-zA-Z0-9._]+$/;

/** Where a symbol is defined: every header of a section; every file/line that set an option. */
export function definitionOf(view: ProfileView, symbol: BuildoutSymbol): Location[] {
  if (symbol.kind === 'section') {
    const merged = view.section(symbol.name);
    return (merged?.headers ?? []).map((h) => ({ uri: fileUri(h.file), range: h.section.nameRange }));
  }
  // Follow the macro chain when the section inherits the option (`<= instance-base`).
  const visited = new Set<string>();
  let section: string | undefined = symbol.section;
  while (section && !visited.has(section)) {
    visited.add(section);
    const merged = view.section(section);
    const opt = merged?.options.get(symbol.option);
    if (opt) {
      const locs: Location[] = [];
      if (opt.definition) locs.push({ uri: fileUri(opt.definition.file), range: opt.definition.option.nameRange });
      for (const h of [...opt.history].reverse()) {
        if (h.file && h.option && h.option !== opt.definition?.option) locs.push({ uri: fileUri(h.file), range: h.option.nameRange });
      }
      if (locs.length) return locs;
    }
    const macro = merged?.options.get('<');
    section = macro?.rawValue.split('\n').map((l) => l.trim()).filter(Boolean).pop();
  }
  // A recipe-computed option: the `recipe =` line is the closest thing to a definition.
  const recipe = view.section(symbol.section)?.options.get('recipe');
  if (recipe?.definition) return [{ uri: fileUri(recipe.definition.file), range: recipe.definition.option.nameRange }];
  return [];
}

export function definition(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position): Location[] {
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) {
    const link = extendsTargetAt(view, doc, position);
    return link ? [{ uri: fileUri(link), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
  }
  return definitionOf(view, hit.symbol);
}

function extendsTargetAt(view: ProfileView, doc: DocFile, position: Position): string | undefined {
  const pf = view.files.get(doc.path);
  for (const e of pf?.extends ?? []) {
    const r = e.entry.range;
    if (position.line === r.start.line && position.character >= r.start.character && position.character <= r.end.character && !e.error) return e.target;
  }
  return undefined;
}

export function references(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position, includeDeclaration: boolean): Location[] {
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) return [];
  return occurrences(ws, view, hit.symbol)
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: fileUri(o.file), range: o.range }));
}

export function prepareRename(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position): { range: Range; placeholder: string } | null {
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) return null;
  if (hit.symbol.kind === 'section' && hit.symbol.name === 'buildout') return null; // buildout's own section
  const name = hit.symbol.kind === 'section' ? hit.symbol.name : hit.symbol.option;
  return { range: hit.range, placeholder: name };
}

export class RenameError extends Error {}

export function rename(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position, newName: string): WorkspaceEdit | null {
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) return null;
  return renameSymbol(ws, view, hit.symbol, newName);
}

/** Rename a section or option everywhere in the graph and its templates (refuses unusable names). */
export function renameSymbol(ws: BuildoutWorkspace, view: ProfileView, sym: BuildoutSymbol, newName: string): WorkspaceEdit {
  if (sym.kind === 'section') {
    if (sym.name === 'buildout') throw new RenameError('The [buildout] section cannot be renamed.');
    if (!SECTION_NAME.test(newName) || !SUBSTITUTABLE.test(newName)) throw new RenameError(`'${newName}' is not a section name buildout can substitute (letters, digits, '-', '.', '_').`);
    if (view.section(newName)) throw new RenameError(`A section [${newName}] already exists in this profile.`);
  } else {
    if (!SUBSTITUTABLE.test(newName)) throw new RenameError(`'${newName}' is not an option name buildout can substitute (letters, digits, '-', '.', '_').`);
    for (const s of macroFamily(view, sym.section)) {
      if (view.section(s)?.options.has(newName)) throw new RenameError(`Section [${s}] already has an option '${newName}'.`);
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(ws, view, sym)) {
    (changes[fileUri(o.file)] ??= []).push({ range: o.range, newText: newName });
  }
  return { changes };
}
