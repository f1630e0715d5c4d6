/**
 * The recipe registry: lookup by `recipe =` value, the names offered by completion, and the
 * computed-options function the resolver calls for options recipes set at init.
 */
import { buildRecipes } from './buildRecipes';
import { ploneRecipes } from './plone';
import { templateRecipes } from './templateRecipes';
import type { ComputeLookup, ComputedOption, RecipeInfo, RecipeOption } from './types';
import { parseRecipeName } from './types';

export type { ComputeLookup, ComputedOption, RecipeInfo, RecipeOption, RecipeName, RecipeOptionKind } from './types';
export { parseRecipeName } from './types';

export const RECIPES: readonly RecipeInfo[] = [...ploneRecipes, ...templateRecipes, ...buildRecipes];

const byKey = new Map<string, RecipeInfo>(RECIPES.map((r) => [`${r.egg}:${r.entry}`, r]));

/** The recipe for a `recipe =` value (`egg`, `egg:entry`, `egg[extra]:entry`), if known. */
export function findRecipe(recipeValue: string | undefined): RecipeInfo | undefined {
  if (recipeValue === undefined) return undefined;
  const name = parseRecipeName(recipeValue);
  if (!name) return undefined;
  return byKey.get(`${name.egg}:${name.entry}`);
}

/** How users write the recipe in a profile (genshi needs its extra). */
export function recipeDisplayName(r: RecipeInfo): string {
  if (r.entry === 'default') return r.egg;
  if (r.egg === 'collective.recipe.template' && r.entry === 'genshi') return 'collective.recipe.template[genshi]:genshi';
  return `${r.egg}:${r.entry}`;
}

export function findRecipeOption(r: RecipeInfo, option: string): RecipeOption | undefined {
  return r.options.find((o) => o.name === option);
}

export function findComputedOption(r: RecipeInfo, option: string): ComputedOption | undefined {
  return r.computed.find((o) => o.name === option);
}

/** Names the recipe reads or sets (user options + computed ones), for "unknown option" checks. */
export function knownOptionNames(r: RecipeInfo): Set<string> {
  return new Set([...r.options.map((o) => o.name), ...r.computed.map((o) => o.name), 'recipe']);
}

/** Options naming the template a section renders (`input`, `url` …), in priority order. */
export function templateInputOptions(recipeValue: string | undefined): string[] {
  const r = findRecipe(recipeValue);
  return r ? r.options.filter((o) => o.templateInput && o.kind !== 'text').map((o) => o.name) : [];
}

/** A recipe-computed value, or `undefined` (unknown recipe, or value known only at install). */
export interface ComputedValue {
  name: string;
  value: string | undefined;
  how: string;
  recipe: string;
}

/**
 * The options the section's recipe computes at init, with their values. The resolver merges
 * these into the section (they exist even when their value is unknown, so `${x:location}`
 * is never a false "missing option").
 */
export function computeRecipeOptions(recipeValue: string | undefined, section: string, lookup: ComputeLookup): ComputedValue[] {
  const r = findRecipe(recipeValue);
  if (!r) return [];
  const recipe = recipeDisplayName(r);
  return r.computed.map((c) => ({ name: c.name, value: safeCompute(c, section, lookup), how: c.how, recipe }));
}

function safeCompute(c: ComputedOption, section: string, lookup: ComputeLookup): string | undefined {
  try {
    return c.compute(section, lookup);
  } catch {
    return undefined; // a lookup that throws (e.g. circular) leaves the value unknown, never crashes
  }
}

/** Markdown documentation of a recipe, for hover. */
export function recipeMarkdown(r: RecipeInfo): string {
  const lines = [`**${recipeDisplayName(r)}** — ${r.summary}`, ''];
  if (r.creates) lines.push(`Creates \`${r.creates}\`.`, '');
  const req = r.options.filter((o) => o.required).map((o) => `\`${o.name}\``);
  if (req.length) lines.push(`Required: ${req.join(', ')}.`);
  for (const g of r.exactlyOneOf ?? []) lines.push(`Exactly one of ${g.map((n) => `\`${n}\``).join(', ')}.`);
  if (r.computed.length) lines.push(`Computed at init: ${r.computed.map((c) => `\`${c.name}\``).join(', ')}.`);
  lines.push('', `[Documentation](${r.url})`);
  return lines.join('\n');
}

/** Markdown documentation of one option (user-set or computed), for hover. */
export function recipeOptionMarkdown(r: RecipeInfo, option: string): string | undefined {
  const o = findRecipeOption(r, option);
  const c = findComputedOption(r, option);
  if (!o && !c) return undefined;
  const lines: string[] = [];
  if (o) {
    const tags = [o.kind, o.required ? 'required' : undefined, o.deprecated ? `deprecated: ${o.deprecated}` : undefined].filter(Boolean);
    lines.push(`**${o.name}** (${tags.join(', ')}) — ${o.summary}`);
    if (o.default !== undefined) lines.push('', `Default: \`${o.default}\``);
    if (o.values?.length) lines.push('', `Values: ${o.values.map((v) => `\`${v}\``).join(', ')}`);
  }
  if (c) lines.push('', `Computed by the recipe: ${c.how}.`);
  lines.push('', `Option of \`${recipeDisplayName(r)}\`.`);
  return lines.join('\n').trim();
}
