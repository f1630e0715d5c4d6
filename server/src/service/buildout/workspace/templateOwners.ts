/**
 * Sections whose template recipe reads a given file. A section owns a template when its
 * `input` (collective.recipe.template) or `url` (slapos.recipe.template) resolves to the path.
 */
import { pySplit } from '../parser/pyText';
import { findRecipe, recipeDisplayName, templateInputOptions } from '../recipes/index';
import type { TemplateFlavour } from '../templates/scan';
import type { ProfileView } from './profileView';
import { isUrl, joinPath, normalizePath } from './paths';

export interface TemplateOwner {
  /** Root profile of the graph the owner was found in. */
  profile: string;
  section: string;
  /** The `recipe =` value as written. */
  recipe: string;
  /** The option naming the template (`input`, `url` …). */
  option: string;
  flavour: TemplateFlavour;
}

export function templateFlavour(recipeValue: string): TemplateFlavour {
  const r = findRecipe(recipeValue);
  if (!r) return 'none';
  const name = recipeDisplayName(r);
  if (name === 'collective.recipe.template') return 'collective';
  if (name === 'slapos.recipe.template') return 'slapos';
  return 'none'; // genshi and jinja2 templates do not use buildout's ${…}
}

/** Where the template of `section` lives, resolved to an absolute path, or undefined. */
export function templatePathOf(view: ProfileView, section: string): { path: string; option: string } | undefined {
  const recipe = view.value(section, 'recipe');
  if (!recipe.ok) return undefined;
  for (const option of templateInputOptions(recipe.value)) {
    const own = view.section(section)?.options;
    if (!own?.has(option) && !own?.has('<')) continue; // a macro may supply `input` too
    const v = view.value(section, option);
    if (!v.ok) continue;
    const text = v.value.trim();
    if (text === '' || text.startsWith('inline:') || text.includes('\n')) continue;
    if (isUrl(text)) {
      if (!text.startsWith('file://')) continue;
      return { path: normalizePath(decodeURIComponent(text.slice('file://'.length))), option };
    }
    // A relative path is opened from the current directory, which buildout sets to its directory.
    const dir = view.value('buildout', 'directory');
    const base = dir.ok ? dir.value : '/';
    return { path: joinPath(base, text), option };
  }
  return undefined;
}

export function findTemplateCandidates(view: ProfileView, templatePath: string): TemplateOwner[] {
  const out: TemplateOwner[] = [];
  for (const section of view.sectionNames()) {
    const opts = view.section(section)?.options;
    // The recipe may come through `<=` ([conf] <= conf-base): buildout expands the macro first.
    if (!opts?.has('recipe') && !opts?.has('<')) continue;
    const recipe = view.value(section, 'recipe');
    if (!recipe.ok || templateInputOptions(recipe.value).length === 0) continue;
    const where = templatePathOf(view, section);
    if (where && where.path === templatePath) {
      out.push({ profile: view.root, section, recipe: recipe.value, option: where.option, flavour: templateFlavour(recipe.value) });
    }
  }
  if (out.length < 2) return out;
  // A base only used through `<=` and not a part is never rendered itself: its users first.
  const bases = macroOnlyBases(view);
  return [...out.filter((o) => !bases.has(o.section)), ...out.filter((o) => bases.has(o.section))];
}

/** Sections some section names after `<=` and `parts` does not list. */
function macroOnlyBases(view: ProfileView): Set<string> {
  const bases = new Set<string>();
  for (const name of view.sectionNames()) {
    for (const w of pySplit(view.section(name)?.options.get('<')?.rawValue ?? '')) bases.add(w);
  }
  const parts = view.value('buildout', 'parts');
  if (parts.ok) for (const p of pySplit(parts.value)) bases.delete(p);
  return bases;
}
