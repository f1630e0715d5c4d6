/**
 * buildout's built-in `[buildout]` defaults and a small default table of options recipes
 * compute at init (the editor passes its full recipe knowledge instead).
 */
import type { ComputedOptionsProvider, PlatformFacts } from '../model';
import { pyJoin } from './paths';

export function buildoutDefaults(platform: PlatformFacts): Array<[string, string]> {
  return [
    ['allow-hosts', '*'],
    ['allow-picked-versions', 'true'],
    ['bin-directory', 'bin'],
    ['develop-eggs-directory', 'develop-eggs'],
    ['eggs-directory', 'eggs'],
    ['executable', platform.executable],
    ['find-links', ''],
    ['install-from-cache', 'false'],
    ['installed', '.installed.cfg'],
    ['log-format', ''],
    ['log-level', 'INFO'],
    ['newest', 'true'],
    ['offline', 'false'],
    ['parts-directory', 'parts'],
    ['prefer-final', 'true'],
    ['python', 'buildout'],
    ['show-picked-versions', 'false'],
    ['socket-timeout', ''],
    ['update-versions-file', ''],
    ['use-dependency-links', 'true'],
    ['allow-unknown-extras', 'false'],
  ];
}

/** The `>=` pins buildout adds to `[versions]` (the running buildout's version). */
export function defaultVersionPins(mode: '2.13' | '3.1'): Array<[string, string]> {
  return [['zc.buildout', mode === '2.13' ? '>=2.13.2' : '>=3.1.1'], ['zc.recipe.egg', '>=2.0.6']];
}

/** Directories buildout makes absolute relative to `directory` (twice: before and after substitution). */
export const JOINED_DIRECTORIES = ['bin-directory', 'parts-directory', 'eggs-directory', 'develop-eggs-directory'];

/**
 * Default recipe-computed options, from the recipes' `__init__`:
 * plone.recipe.haproxy: `location = join(location or parts-directory, name)`, `prefix = location`;
 * plone.recipe.zope2instance and slapos.recipe.cmmi: `location` under parts-directory.
 */
/** `${buildout:parts-directory}`, read only by the recipes that need it (a function, not a closure per call). */
function partsDirectory(profile: (section: string, option: string) => string | undefined): string {
  return profile('buildout', 'parts-directory') ?? '';
}

export const defaultComputedOptions: ComputedOptionsProvider = (recipe, name, section, profile) => {
  // recipe.split(':')[0].split('[')[0].trim(), without the arrays (called for every part).
  let cut = recipe.length;
  for (let i = 0; i < cut; i++) {
    const c = recipe.charCodeAt(i);
    if (c === 58 || c === 91) cut = i; // ':' '['
  }
  const egg = (cut === recipe.length ? recipe : recipe.slice(0, cut)).trim();
  switch (egg) {
    case 'plone.recipe.haproxy': {
      const location = pyJoin(section('location') ?? partsDirectory(profile), name);
      return { location, prefix: location };
    }
    case 'plone.recipe.zope2instance':
      return { location: pyJoin(partsDirectory(profile), name) };
    case 'slapos.recipe.cmmi':
      return { location: section('location') ?? pyJoin(partsDirectory(profile), name) };
    case 'zc.recipe.egg':
      return {};
    default:
      return {};
  }
};
