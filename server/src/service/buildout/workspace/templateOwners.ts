/**
 * Sections whose template recipe reads a given file. A section owns a template when its
 * `input` (collective.recipe.template) or `url` (slapos.recipe.template) resolves to the path.
 */
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
    if (!view.section(section)?.options.has(option)) continue;
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
    if (!opts?.has('recipe')) continue;
    const recipe = view.value(section, 'recipe');
    if (!recipe.ok || templateInputOptions(recipe.value).length === 0) continue;
    const where = templatePathOf(view, section);
    if (where && where.path === templatePath) {
      out.push({ profile: view.root, section, recipe: recipe.value, option: where.option, flavour: templateFlavour(recipe.value) });
    }
  }
  return out;
}
