/** Outline of a profile: sections with their options (the key as written, operator included). */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { ParsedFile } from '../model';
import { findRecipe, recipeDisplayName } from '../recipes/index';

export function documentSymbols(parsed: ParsedFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const s of parsed.sections) {
    const recipe = s.options.find((o) => o.name === 'recipe' && o.operator === '=');
    const known = recipe ? findRecipe(recipe.value) : undefined;
    const detail = [recipe ? (known ? recipeDisplayName(known) : recipe.value) : undefined, s.condition ? `if ${s.condition.text.trim()}` : undefined]
      .filter(Boolean).join(' · ');
    const children: DocumentSymbol[] = s.options.map((o) => {
      const range = { start: o.nameRange.start, end: { line: o.endLine, character: Number.MAX_SAFE_INTEGER } };
      const label = o.operator === '<=' ? '<=' : o.operator === '=' ? o.name : `${o.name} ${o.operator}`;
      const value = o.value.split('\n')[0] ?? '';
      return DocumentSymbol.create(label, value.length > 60 ? value.slice(0, 57) + '…' : value, o.operator === '<=' ? SymbolKind.Interface : SymbolKind.Property,
        clampRange(range, parsed), o.nameRange);
    });
    const range = { start: s.headerRange.start, end: { line: s.endLine, character: Number.MAX_SAFE_INTEGER } };
    out.push(DocumentSymbol.create(s.name, detail || undefined, recipe ? SymbolKind.Module : SymbolKind.Namespace, clampRange(range, parsed), s.nameRange, children));
  }
  return out;
}

/** Symbol ranges must contain their selection range; end columns past the line are fine for LSP clients but keep them finite. */
function clampRange<T extends { start: { line: number; character: number }; end: { line: number; character: number } }>(r: T, _p: ParsedFile): T {
  return { ...r, end: { line: r.end.line, character: Math.min(r.end.character, 10000) } };
}
