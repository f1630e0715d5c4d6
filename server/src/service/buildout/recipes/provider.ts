/**
 * The resolver's `computedOptions` callback, from the recipe table: every option a known
 * recipe sets at init, with its value when it can be computed before install.
 */
import type { ComputedOptionsProvider } from '../model';
import { computeRecipeOptions } from './index';

export const recipeComputedOptions: ComputedOptionsProvider = (recipe, sectionName, section, profile) => {
  const lookup = (s: string, o: string) => (s === sectionName ? section(o) : profile(s, o));
  const out: Record<string, string | undefined> = {};
  for (const c of computeRecipeOptions(recipe, sectionName, lookup)) out[c.name] = c.value;
  return out;
};
