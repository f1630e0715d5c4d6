/**
 * Hover in a profile: the fully substituted value of `${section:option}` (or of the option
 * under the cursor) with the chain of files/lines that shaped it; a section header's resolved
 * options; recipe and recipe-option documentation.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { DocFile } from './doc';
import { findComputedOption, findRecipe, recipeDisplayName, recipeMarkdown, recipeOptionMarkdown } from '../recipes/index';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { dirName, relativeTo } from '../workspace/paths';
import { symbolAt } from './symbolsIndex';
import { fence as fenceMax, historyPlace, OPERATION_WORDS, substitutedValue } from './valueText';
import { contains } from './text';

const MAX_VALUE = 2000;
const fence = (text: string, lang = ''): string => fenceMax(text, MAX_VALUE, lang);


function inline(text: string): string {
  const one = text.replace(/\n/g, '⏎');
  const short = one.length > 80 ? one.slice(0, 77) + '…' : one;
  return '`' + short.replace(/`/g, 'ˋ') + '`';
}


/** Markdown for the value of `${section:option}`: value, computed note, history, recipe docs. */
export function optionValueMarkdown(view: ProfileView, section: string, option: string, writtenIn?: string): string {
  const lines = [`**\${${section}:${option}}**`, ''];
  const { v, sectionName } = substitutedValue(view, section, option, writtenIn);
  const recipeValue = view.option(section, 'recipe') ? view.value(section, 'recipe') : undefined;
  const recipe = recipeValue?.ok ? findRecipe(recipeValue.value) : undefined;
  if (v.ok) {
    if (v.unknownValue) lines.push(`*Computed by the recipe at install time; the value is not known before.*`);
    else lines.push(v.value === '' ? '*(empty)*' : fence(v.value));
    if (v.computed && recipe) {
      const how = findComputedOption(recipe, option)?.how;
      lines.push('', `*Computed by \`${recipeDisplayName(recipe)}\`*${how ? `: ${how}` : ''}.`);
    } else if (v.computed) {
      lines.push('', '*Computed by buildout.*');
    }
    if (sectionName) lines.push('', '*Set by buildout: the name of the section this reference is written in.*');
  } else {
    lines.push(`⚠ ${v.error.message.replace(/\n/g, ' ')}`);
    if (v.error.hint) lines.push('', v.error.hint);
  }
  const merged = view.option(section, option);
  if (merged && merged.history.length) {
    lines.push('', 'Definitions:');
    for (const h of merged.history) {
      const w = historyPlace(view, h);
      const from = h.fromSection ? ` from [${h.fromSection}]` : '';
      lines.push(`- ${OPERATION_WORDS[h.operation] ?? h.operation}${from} ${inline(h.value)}${w ? ` — ${w}` : ''}`);
    }
  }
  if (recipe) {
    const doc = recipeOptionMarkdown(recipe, option);
    if (doc) lines.push('', '---', doc);
  }
  return lines.join('\n');
}

/** Markdown for a section: its options as buildout initialises them. */
export function sectionMarkdown(view: ProfileView, section: string): string {
  const result = view.sectionValues(section);
  const lines: string[] = [];
  const body = [`[${section}]`];
  let options = result.options;
  if (result.error) {
    // buildout would stop on the first failing option; show every option it can still compute.
    options = {};
    for (const name of view.optionNames(section)) {
      if (name === '_buildout_section_name_') continue;
      const v = view.value(section, name);
      options[name] = v.ok ? v.value : `⚠ ${v.error.message.split('\n')[0]}`;
    }
  }
  for (const [k, v] of Object.entries(options)) {
    const value = v.includes('\n') ? v.split('\n').map((l, i) => (i === 0 ? l : '    ' + l)).join('\n') : v;
    body.push(`${k} = ${value}`);
  }
  lines.push(fence(body.join('\n'), 'ini'));
  if (result.error) lines.push('', `⚠ ${result.error.message.replace(/\n/g, ' ')}`);
  const recipeValue = options.recipe;
  const recipe = findRecipe(recipeValue);
  if (recipe) lines.push('', '---', recipeMarkdown(recipe));
  const headers = view.section(section)?.headers ?? [];
  if (headers.length) lines.push('', `Defined in ${headers.map((h) => `${relativeTo(dirName(view.root), h.file)}:${h.section.line + 1}`).join(', ')}`);
  return lines.join('\n');
}

export function hover(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position): Hover | null {
  const parsed = doc.parsed;
  // The recipe name in `recipe = …`.
  for (const s of parsed.sections) {
    if (position.line < s.line || position.line > s.endLine) continue;
    for (const o of s.options) {
      if (o.name !== 'recipe' || !o.valueRanges.length || !contains(o.valueRanges[0], position)) continue;
      const r = findRecipe(o.value);
      const md = r ? recipeMarkdown(r) : `Recipe \`${o.value}\` (no documentation known: its options are not checked).`;
      return { contents: { kind: 'markdown', value: md }, range: o.valueRanges[0] };
    }
  }
  const hit = symbolAt(ws, view, doc, position);
  if (!hit) return null;
  const writtenIn = parsed.sections.find((s) => s.active && position.line >= s.line && position.line <= s.endLine)?.name;
  const value = hit.symbol.kind === 'section' ? sectionMarkdown(view, hit.symbol.name) : optionValueMarkdown(view, hit.symbol.section, hit.symbol.option, writtenIn);
  return { contents: { kind: 'markdown', value }, range: hit.range };
}
