/**
 * Diagnostics of one profile file, computed over the graph it is resolved in. Each message
 * that corresponds to a buildout failure quotes buildout's own wording.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { suggest } from '../../common/didYouMean';
import type { DocFile } from './doc';
import { findRecipe, knownOptionNames, recipeDisplayName } from '../recipes/index';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { templatePathOf } from '../workspace/templateOwners';
import { BuildoutCode, DIAGNOSTIC_SOURCE, type FixData } from './codes';
import { encodingDiagnostics, extendsDiagnostics } from './extendsChecks';
import { referenceDiagnostics } from './referenceChecks';
import { graphTemplates, macroFamily, sectionNameWords } from './symbolsIndex';
import { scanTemplate } from '../templates/scan';
import { splitLines, wordsIn } from './text';

export function diag(range: Range, message: string, code: string, severity: DiagnosticSeverity, data?: FixData, tags?: DiagnosticTag[]): Diagnostic {
  return { range, message, code, severity, source: DIAGNOSTIC_SOURCE, ...(data ? { data } : {}), ...(tags ? { tags } : {}) };
}

const WHOLE_LINE = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 1000 } });

export function profileDiagnostics(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile): Diagnostic[] {
  const parsed = doc.parsed;
  const out: Diagnostic[] = [];
  for (const e of parsed.errors) {
    const message = e.kind === 'parse' ? `File contains parsing errors: ${e.message}` : e.message;
    out.push(diag(e.range ?? WHOLE_LINE(e.line), message, BuildoutCode.parseError, DiagnosticSeverity.Error));
  }
  for (const w of parsed.warnings) {
    out.push(diag(w.range ?? WHOLE_LINE(w.line), w.message, BuildoutCode.unevaluatedCondition, DiagnosticSeverity.Information));
  }
  extendsDiagnostics(view, doc, out);
  encodingDiagnostics(ws, view, doc, out);
  out.push(...referenceDiagnostics(view, view.references(doc.path)));
  partsDiagnostics(ws, view, doc, out);
  recipeDiagnostics(ws, view, doc, out);
  redundantOverrides(view, doc, out);
  macroDiagnostics(ws, view, doc, out);
  if (!/\.in$/i.test(doc.path)) return out;
  const jinja = /\{%|\{\{|\{#/.test(ws.host.readFile(doc.path) ?? '');
  return asRenderedLater(out, jinja);
}

/** Problems of a profile that only exist because its `${…}` are not substituted yet. */
const RENDERING_CODES = new Set<string>([
  BuildoutCode.undefinedSection, BuildoutCode.undefinedOption, BuildoutCode.circularReference, BuildoutCode.missingExtends,
  BuildoutCode.macroError, BuildoutCode.undefinedPart, BuildoutCode.partWithoutRecipe, BuildoutCode.extendsCycle,
]);

/**
 * A profile named `*.in` is a template first (SlapOS's `instance.cfg.in`, rendered by
 * slapos.recipe.template from the software profile: `${…}` substituted there, `$${…}` left as
 * the instance's `${…}`) and a profile only after rendering, when the slapos node adds sections
 * such as `[slap-connection]`. Checked alone, its references cannot resolve: information.
 */
function asRenderedLater(out: Diagnostic[], jinja: boolean): Diagnostic[] {
  const note = jinja
    ? ' (this .in profile is a Jinja2 template, rendered before buildout reads it: its {% … %}, {{ … }} and ${…} are not buildout text yet)'
    : ' (this .in profile is rendered by a template recipe before buildout reads it: its ${…} come from the profile that renders it)';
  const soften = (code: string) => RENDERING_CODES.has(code) || (jinja && JINJA_CODES.has(code));
  return out.map((d) => soften(String(d.code)) && (d.severity ?? DiagnosticSeverity.Error) < DiagnosticSeverity.Information
    ? { ...d, severity: DiagnosticSeverity.Information, message: `${typeof d.message === 'string' ? d.message : d.message.value}${note}` }
    : d);
}

/** In a Jinja2 `.in` profile, buildout's parser and paths see template syntax. */
const JINJA_CODES = new Set<string>([BuildoutCode.parseError, BuildoutCode.substitutionSyntax, BuildoutCode.missingTemplate]);

function partsDiagnostics(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  const names = view.sectionNames();
  for (const w of sectionNameWords(ws, doc)) {
    if (w.key === '<') continue; // macro targets are checked by the resolver (macro errors)
    if (!view.section(w.word)) {
      const suggestions = suggest(w.word, names);
      const hint = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : '';
      out.push(diag(w.range, `The part '${w.word}' has no section.${hint} (buildout: The referenced section, '${w.word}', was not defined.)`,
        BuildoutCode.undefinedPart, DiagnosticSeverity.Error, { suggestions }));
      continue;
    }
    if (w.key !== 'parts') continue;
    const result = view.sectionValues(w.word);
    if (!result.error && result.options.recipe === undefined) {
      out.push(diag(w.range, `The part '${w.word}' has no recipe: buildout fails with "Missing option: ${w.word}:recipe".`,
        BuildoutCode.partWithoutRecipe, DiagnosticSeverity.Error));
    }
  }
}

/** Option names referenced anywhere in the graph or its templates, per section. */
function referencedOptions(ws: BuildoutWorkspace, view: ProfileView): Set<string> {
  const set = new Set<string>();
  for (const file of view.files.keys()) for (const r of view.references(file)) set.add(`${r.section}\u0000${r.option}`);
  for (const t of graphTemplates(ws, view)) {
    for (const r of scanTemplate(t.text, t.section, t.flavour)) if (r.section && r.option) set.add(`${r.section}\u0000${r.option}`);
  }
  return set;
}

function recipeDiagnostics(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  const parsed = doc.parsed;
  let referenced: Set<string> | undefined;
  let macroBases: Set<string> | undefined;
  const reported = new Set<string>();
  for (const s of parsed.sections) {
    if (!s.active || reported.has(s.name)) continue;
    const merged = view.section(s.name);
    if (!merged?.options.has('recipe') && !merged?.options.has('<')) continue;
    const result = view.sectionValues(s.name);
    const recipe = findRecipe(result.options.recipe);
    if (!recipe) continue;
    // Report section-level problems once, at the header in the file that sets the recipe.
    const recipeFile = merged.options.get('recipe')?.definition?.file ?? merged.headers[0]?.file;
    const ownHeader = recipeFile === doc.path || (!merged.options.has('recipe') && merged.headers[0]?.file === doc.path);
    if (ownHeader && !onlyAMacro(view, s.name, (macroBases ??= macroBaseNames(view)))) {
      reported.add(s.name);
      const missing = recipe.options.filter((o) => o.required && result.options[o.name] === undefined).map((o) => o.name);
      if (missing.length && !result.error) {
        out.push(diag(s.nameRange, `[${s.name}] (${recipeDisplayName(recipe)}) is missing the required option${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}.`,
          BuildoutCode.missingRequiredOption, DiagnosticSeverity.Error, { addOptions: missing }));
      }
      for (const group of recipe.exactlyOneOf ?? []) {
        const given = group.filter((n) => result.options[n] !== undefined);
        if (given.length === 1 || result.error) continue;
        if (recipe.egg === 'collective.recipe.template' && given.length === 2 && given.includes('inline') && given.includes('url')) {
          // The recipe only refuses `input` with another source; with `inline` and `url` it uses `inline`.
          out.push(diag(s.nameRange, `[${s.name}] gives 'inline' and 'url'; collective.recipe.template renders 'inline' and ignores 'url'.`,
            BuildoutCode.inputSources, DiagnosticSeverity.Warning));
          continue;
        }
        const message = given.length === 0
          ? `[${s.name}] needs one of ${group.map((n) => `'${n}'`).join(', ')}.`
          : `[${s.name}] gives ${given.map((n) => `'${n}'`).join(' and ')}; ${recipeDisplayName(recipe)} accepts only one`
            + (recipe.egg === 'collective.recipe.template' ? ' (buildout: "Too many input sources.").' : '.');
        out.push(diag(s.nameRange, message, BuildoutCode.inputSources, DiagnosticSeverity.Error));
      }
      const where = templatePathOf(view, s.name);
      if (where && !ws.host.exists(where.path)) {
        const opt = merged.options.get(where.option)?.definition;
        const range = opt && opt.file === doc.path ? (opt.option.valueRanges[0] ?? opt.option.nameRange) : s.nameRange;
        out.push(diag(range, `Input file '${where.path}' does not exist.`, BuildoutCode.missingTemplate, DiagnosticSeverity.Error));
      }
    }
    if (recipe.freeOptions) continue;
    const known = knownOptionNames(recipe);
    for (const o of s.options) {
      if (known.has(o.name) || o.name.startsWith('<') || o.name.startsWith('_')) continue;
      referenced ??= referencedOptions(ws, view);
      // A helper value used by ${…} (also through a macro: `${:port}` in the base resolves here).
      if ([...macroFamily(view, s.name)].some((f) => referenced!.has(`${f}\u0000${o.name}`))) continue;
      const suggestions = suggest(o.name, [...known].filter((n) => n !== 'recipe'));
      const hint = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : '';
      out.push(diag(o.nameRange, `'${o.name}' is not an option of ${recipeDisplayName(recipe)}; the recipe ignores it.${hint}`,
        BuildoutCode.unknownRecipeOption, suggestions.length ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information, { suggestions }));
    }
  }
}

/** Sections named by some `<=` (macro bases). */
function macroBaseNames(view: ProfileView): Set<string> {
  const out = new Set<string>();
  for (const n of view.sectionNames()) for (const w of (view.section(n)?.options.get('<')?.rawValue ?? '').split(/\s+/)) if (w) out.add(w);
  return out;
}

/**
 * A base that other sections use through `<=` and that `parts` does not list: buildout never
 * initialises it, so its recipe's requirements apply to its users only (SlapOS's
 * `[fonts-base]` has a recipe but no `url`; each `[x-fonts] <= fonts-base` gives one).
 */
function onlyAMacro(view: ProfileView, name: string, bases: Set<string>): boolean {
  if (!bases.has(name)) return false;
  const parts = view.value('buildout', 'parts');
  return !(parts.ok && parts.value.split(/\s+/).includes(name));
}

function redundantOverrides(view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  const parsed = doc.parsed;
  for (const s of parsed.sections) {
    if (!s.active) continue;
    const merged = view.section(s.name);
    if (!merged) continue;
    for (const o of s.options) {
      if (o.operator !== '=' || o.name === '<') continue;
      const history = merged.options.get(o.name)?.history ?? [];
      const i = history.findIndex((h) => h.option === o);
      if (i <= 0 || history[i].operation !== 'OVERRIDE') continue;
      const prev = history[i - 1];
      if (prev.result !== history[i].result || prev.operation === 'DEFAULT' || prev.operation === 'COMPUTED') continue;
      const from = prev.file ? ` (already set in ${prev.file.slice(prev.file.lastIndexOf('/') + 1)}${prev.option ? `:${prev.option.line + 1}` : ''})` : '';
      out.push(diag(o.nameRange, `'${o.name}' is set to the value it already has${from}.`, BuildoutCode.redundantOverride,
        DiagnosticSeverity.Hint, undefined, [DiagnosticTag.Unnecessary]));
    }
  }
}

/** `<=` problems buildout stops with: an unknown macro section, a macro that includes itself. */
function macroDiagnostics(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  let lines: string[] | undefined;
  for (const s of doc.parsed.sections) {
    if (!s.active) continue;
    const macro = s.options.find((o) => o.name === '<');
    if (!macro) continue;
    const error = view.expansionError(s.name);
    if (!error) continue;
    const missing = /^No section named '(.*)'$/.exec(error.message)?.[1];
    const names = missing ? view.sectionNames() : [];
    const suggestions = missing ? suggest(missing, names) : [];
    let range = macro.operatorRange;
    if (missing) {
      lines ??= splitLines(ws.host.readFile(doc.path) ?? '');
      const at = macro.valueRanges.flatMap((r) => wordsIn(lines!, r)).find((w) => w.word === missing);
      if (at) range = at.range;
    }
    out.push(diag(range, error.message + (suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ''), BuildoutCode.macroError, DiagnosticSeverity.Error,
      suggestions.length ? { suggestions } : undefined));
  }
}
