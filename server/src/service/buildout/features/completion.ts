/**
 * Completion in a profile: section names in `${` and `[`, option names after `${section:`
 * (recipe-computed ones included), recipe names after `recipe =`, a recipe's options as keys,
 * part names in `parts` and after `<=`, file paths in `extends`, `input`, `output`.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import { RECIPES, findRecipe, recipeDisplayName, recipeOptionMarkdown } from '../recipes/index';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { dirName, joinPath } from '../workspace/paths';
import { cursorAt } from './context';
import { splitLines } from './text';

/** `[buildout]` options users set, with a word on each (from zc.buildout's reference). */
export const BUILDOUT_OPTIONS: Record<string, string> = {
  extends: 'Profiles this one builds on (paths relative to this file, or URLs), whitespace-separated.',
  parts: 'Sections to install, in order.',
  develop: 'Source directories installed as develop eggs.',
  eggs: 'Commonly used to share a list of eggs between parts.',
  versions: 'Section holding version pins (default `versions`).',
  'show-picked-versions': 'Print the versions buildout picked that were not pinned.',
  'allow-picked-versions': 'Allow unpinned versions (`false` makes them an error).',
  'update-versions-file': 'File to append picked versions to.',
  'eggs-directory': 'Where eggs are installed (default `eggs`).',
  'develop-eggs-directory': 'Where develop egg links go (default `develop-eggs`).',
  'bin-directory': 'Where scripts go (default `bin`).',
  'parts-directory': 'Where parts install (default `parts`).',
  'download-cache': 'Directory caching downloads.',
  'extends-cache': 'Directory caching remote `extends` profiles.',
  'find-links': 'Extra places to look for distributions.',
  index: 'Package index URL.',
  newest: 'Look for newer distributions (`false` = keep what is installed).',
  offline: 'Never download anything.',
  'install-from-cache': 'Only install from the download cache.',
  'log-level': 'Logging level.',
  'optional-extends': 'Like `extends`, but missing files are skipped (zc.buildout ≥ 3.2).',
  'allow-hosts': 'Hosts distributions may be downloaded from.',
  'socket-timeout': 'Network timeout in seconds.',
  'prefer-final': 'Prefer final releases over pre-releases.',
  'abi-tag-eggs': 'Put eggs into an ABI-specific directory.',
};

const PATH_OPTIONS = new Set(['extends', 'optional-extends', 'input', 'output', 'rendered', 'template', 'url']);

function edit(position: Position, start: number): Range {
  return { start: { line: position.line, character: start }, end: position };
}

function item(label: string, kind: CompletionItemKind, range: Range, extra: Partial<CompletionItem> = {}): CompletionItem {
  return { label, kind, textEdit: { range, newText: extra.insertText ?? label }, ...extra, insertText: undefined };
}

function short(value: string): string {
  const one = value.replace(/\n/g, ' ⏎ ');
  return one.length > 60 ? one.slice(0, 57) + '…' : one;
}

/** The recipe a section uses, also when it comes through a `<=` macro (`[instance2] <= instance1`). */
export function recipeOf(view: ProfileView, section: string | undefined): string | undefined {
  if (!section) return undefined;
  const merged = view.section(section);
  const own = merged?.options.get('recipe')?.rawValue;
  if (own !== undefined || !merged?.options.has('<')) return own;
  return view.option(section, 'recipe')?.rawValue;
}

export function sectionItems(view: ProfileView, range: Range, withColon: boolean): CompletionItem[] {
  return view.sectionNames().map((name) => {
    const recipe = recipeOf(view, name);
    return item(name, CompletionItemKind.Module, range, {
      detail: recipe ? `recipe ${recipe}` : 'section',
      insertText: withColon ? name + ':' : name,
      command: withColon ? { title: 'options', command: 'editor.action.triggerSuggest' } : undefined,
    });
  });
}

export function optionItems(view: ProfileView, section: string, range: Range, closeBrace: boolean): CompletionItem[] {
  const recipeRaw = recipeOf(view, section);
  const recipe = findRecipe(recipeRaw);
  return view.optionNames(section).filter((o) => o !== '<' && !o.startsWith('<')).map((option) => {
    const v = view.value(section, option);
    const detail = v.ok ? (v.unknownValue ? '(computed at install time)' : short(v.value))
      : option === '_buildout_section_name_' ? 'the name of the section the reference is written in'
      : `⚠ ${v.error.message.split('\n')[0]}`;
    const doc = recipe ? recipeOptionMarkdown(recipe, option) : undefined;
    return item(option, v.ok && v.computed ? CompletionItemKind.Constant : CompletionItemKind.Property, range, {
      detail, insertText: closeBrace ? option + '}' : option,
      documentation: doc ? { kind: 'markdown', value: doc } : undefined,
    });
  });
}

function pathItems(ws: BuildoutWorkspace, view: ProfileView, file: string, option: string, typed: string, position: Position): CompletionItem[] {
  // Resolve `${…}` in what was typed so far (usually `${buildout:directory}/`).
  let expanded = typed.replace(/\$\{([^:}]*):([^}]*)\}/g, (all, s: string, o: string) => {
    const v = view.value(s || 'buildout', o);
    return v.ok ? v.value : all;
  });
  if (expanded.includes('${')) return [];
  const slash = expanded.lastIndexOf('/');
  const base = option.includes('extends') ? dirName(file) : (view.value('buildout', 'directory').ok ? (view.value('buildout', 'directory') as { value: string }).value : dirName(file));
  const dirPart = slash >= 0 ? expanded.slice(0, slash + 1) : '';
  const dir = dirPart.startsWith('/') ? dirPart : joinPath(base, dirPart || '.');
  expanded = expanded.slice(slash + 1);
  const start = position.character - (typed.length - (typed.lastIndexOf('/') + 1));
  const range = edit(position, start);
  return ws.host.listDirectory(dir)
    .filter((e) => !e.startsWith('.') || expanded.startsWith('.'))
    .filter((e) => e.endsWith('/') || !option.includes('extends') || e.endsWith('.cfg'))
    .map((e) => item(e, e.endsWith('/') ? CompletionItemKind.Folder : CompletionItemKind.File, range, {
      command: e.endsWith('/') ? { title: 'more', command: 'editor.action.triggerSuggest' } : undefined,
    }));
}

export function complete(ws: BuildoutWorkspace, view: ProfileView, file: string, text: string, position: Position): CompletionList {
  const cur = cursorAt(text, position);
  const place = cur.place;
  const items: CompletionItem[] = [];
  switch (place.kind) {
    case 'header':
      items.push(...sectionItems(view, edit(position, place.start), false));
      break;
    case 'substitution': {
      const lineText = splitLines(text)[position.line] ?? '';
      const closed = lineText.slice(position.character).match(/^[-a-zA-Z0-9 ._]*\}/) !== null;
      if (place.section === undefined) items.push(...sectionItems(view, edit(position, place.start), true));
      else items.push(...optionItems(view, place.section, edit(position, place.start), !closed));
      break;
    }
    case 'macro':
      // Not the section itself, nor [buildout] (its options are buildout's settings, not a part's).
      items.push(...sectionItems(view, edit(position, place.start), false).filter((i) => i.label !== cur.section && i.label !== 'buildout'));
      break;
    case 'key': {
      if (!cur.section) break;
      const range = edit(position, place.start);
      const present = new Set(view.section(cur.section)?.options.keys() ?? []);
      if (cur.section === 'buildout') {
        for (const [name, doc] of Object.entries(BUILDOUT_OPTIONS)) {
          if (!present.has(name)) items.push(item(name, CompletionItemKind.Property, range, { insertText: name + ' = ', documentation: doc }));
        }
        break;
      }
      const recipe = findRecipe(recipeOf(view, cur.section));
      if (!present.has('recipe')) items.push(item('recipe', CompletionItemKind.Keyword, range, { insertText: 'recipe = ', command: { title: 'recipes', command: 'editor.action.triggerSuggest' } }));
      for (const o of recipe?.options ?? []) {
        if (present.has(o.name)) continue;
        items.push(item(o.name, CompletionItemKind.Property, range, {
          insertText: o.name + ' = ', detail: o.required ? 'required' : o.kind,
          documentation: { kind: 'markdown', value: recipeOptionMarkdown(recipe!, o.name) ?? o.summary },
          sortText: (o.required ? '0' : '1') + o.name,
        }));
      }
      break;
    }
    case 'value': {
      const range = edit(position, place.start);
      if (place.option === 'recipe') {
        for (const r of RECIPES) items.push(item(recipeDisplayName(r), CompletionItemKind.Module, range, { documentation: { kind: 'markdown', value: r.summary } }));
      } else if (cur.section === 'buildout' && place.option === 'parts') {
        const history = view.section('buildout')?.options.get('parts')?.history ?? [];
        const listed = new Set(pySplitWords(view.section('buildout')?.options.get('parts')?.rawValue ?? ''));
        // `-=` removes what some file listed (the value before this line's removal).
        const ever = new Set(history.filter((h) => h.operation !== 'REMOVE').flatMap((h) => pySplitWords(h.value)));
        const macros = new Set(view.sectionNames().flatMap((n) => pySplitWords(view.section(n)?.options.get('<')?.rawValue ?? '')));
        for (const name of view.sectionNames()) {
          if (place.operator === '-=' ? !ever.has(name) : listed.has(name)) continue;
          // The recipe may come through `<=` (`[instance2] <= instance1`): ask the expanded section.
          const recipe = view.option(name, 'recipe');
          if (!recipe) continue;
          const macro = macros.has(name);
          items.push(item(name, CompletionItemKind.Module, range, {
            detail: macro ? `${recipe.rawValue} (used as a <= macro)` : recipe.rawValue,
            sortText: (macro ? '1' : '0') + name,
          }));
        }
      } else if (PATH_OPTIONS.has(place.option) && (place.option.includes('extends') || cur.section !== 'buildout')) {
        items.push(...pathItems(ws, view, file, place.option, place.typed, position));
      } else if (cur.section) {
        const recipe = findRecipe(recipeOf(view, cur.section));
        const o = recipe?.options.find((x) => x.name === place.option);
        const values = o?.kind === 'bool' ? ['true', 'false'] : o?.values ?? [];
        for (const v of values) items.push(item(v, CompletionItemKind.EnumMember, range));
      }
      break;
    }
    default:
      break;
  }
  return { isIncomplete: false, items };
}

/** Python's `str.split()` (whitespace runs, no empty words). */
function pySplitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
