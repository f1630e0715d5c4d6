/** Checks of `${section:option}` references, shared by profiles and templates. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { suggest } from '../../common/didYouMean';
import type { SubstitutionReference } from '../model';
import type { ProfileView } from '../workspace/profileView';
import { findRecipe } from '../recipes/index';
import { BuildoutCode, DIAGNOSTIC_SOURCE, type AddOptionEdit } from './codes';
import { fileUri } from './text';

/** Undefined sections/options (with suggestions), syntax errors and cycles, at each `${…}`. */
export function referenceDiagnostics(view: ProfileView, refs: readonly SubstitutionReference[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sections = view.sectionNames();
  // An `extends` URL we could not read may define any section or option: not a certain error.
  const unread = unreadUrls(view);
  const maybe = unread.length ? ` (it may come from ${unread.join(', ')}, which could not be read)` : '';
  const undefinedSeverity = unread.length ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
  for (const r of refs) {
    if (r.syntaxError) {
      out.push({ range: r.range, message: r.syntaxError.replace(/\n/g, ' '), code: BuildoutCode.substitutionSyntax, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE });
      continue;
    }
    if (!view.section(r.section)) {
      const suggestions = suggest(r.section, sections);
      const hint = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : '';
      // The handbook's ${haproxy-conf:maxconn}: [haproxy-config] may lack maxconn too.
      const suggestionAdds = suggestions.map((s) => (view.optionNames(s).includes(r.option) ? null : addOptionEdit(view, s, r.option) ?? null));
      out.push({
        range: r.sectionText === '' ? r.range : r.sectionRange,
        message: `The referenced section, '${r.section}', was not defined.${hint}${maybe}`,
        code: BuildoutCode.undefinedSection, severity: undefinedSeverity, source: DIAGNOSTIC_SOURCE,
        data: suggestionAdds.some(Boolean) ? { suggestions, suggestionAdds } : { suggestions },
      });
      continue;
    }
    const options = view.optionNames(r.section);
    if (r.option === '_profile_base_location_' && !options.includes(r.option)) {
      // SlapOS's buildout fork sets it on every section; upstream zc.buildout fails on it.
      out.push({
        range: r.optionRange, code: BuildoutCode.undefinedOption, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE,
        message: `Referenced option does not exist: ${r.section} ${r.option} (with zc.buildout; slapos.buildout sets _profile_base_location_ on every section to the directory or URL of the file that defines it)`,
      });
      continue;
    }
    // `${:x}` in a macro base resolves in the sections that use it; buildout never initialises a
    // base that `parts` does not list, so the base itself is not checked.
    const users = r.sectionText === '' && r.inSection === r.section ? macroOnlyUsers(view, r.section) : undefined;
    if (users && users.some((u) => view.optionNames(u).includes(r.option))) continue;
    if (users && users.length && !options.includes(r.option)) {
      out.push({
        range: r.optionRange, code: BuildoutCode.undefinedOption, severity: undefinedSeverity, source: DIAGNOSTIC_SOURCE,
        message: `Referenced option does not exist: ${r.section} ${r.option} — [${r.section}] is a <= macro and none of the sections using it (${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}) defines '${r.option}'${maybe}`,
      });
      continue;
    }
    // `${:x}` in a section no part, macro user or reference reaches: buildout never initialises it.
    const unreached = r.sectionText === '' && r.inSection === r.section && !users && !reachedSections(view).has(r.section);
    if (!options.includes(r.option)) {
      const suggestions = suggest(r.option, options);
      const hint = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : '';
      // A recipe we know nothing about may set options when the part is initialised (`location` …).
      const recipe = options.includes('recipe') ? view.value(r.section, 'recipe') : undefined;
      const known = recipe?.ok ? findRecipe(recipe.value) : undefined;
      const unknownRecipe = recipe?.ok && !known ? recipe.value : undefined;
      // Code the recipe runs at init (slapos.recipe.build `init`) may set any option.
      const byCode = known?.codeSetsOptions && options.includes(known.codeSetsOptions) ? known.codeSetsOptions : undefined;
      out.push({
        range: r.optionRange,
        message: `Referenced option does not exist: ${r.section} ${r.option}${hint}`
          + (unknownRecipe ? ` (unless the recipe ${unknownRecipe} sets it when the part is initialised)`
            : byCode ? ` (unless the '${byCode}' code of [${r.section}] sets it when the part is initialised)`
            : unreached ? ` (no part uses [${r.section}], so buildout never initialises it; a section that uses it through <= must define '${r.option}')` : maybe),
        code: BuildoutCode.undefinedOption, severity: unknownRecipe || byCode || unreached ? DiagnosticSeverity.Information : undefinedSeverity,
        source: DIAGNOSTIC_SOURCE, data: { suggestions, addOption: addOptionEdit(view, r.section, r.option) },
      });
      continue;
    }
    const v = view.value(r.section, r.option);
    if (!v.ok && v.error.kind === 'circular') {
      out.push({ range: r.range, message: `${v.error.message.trim()} (\${${r.section}:${r.option}})`, code: BuildoutCode.circularReference, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE });
    }
  }
  return out;
}

/** `extends` URLs of the graph that could not be read (offline, not cached, unreachable). */
function unreadUrls(view: ProfileView): string[] {
  if (!view.errors().some((e) => e.kind === 'url-unavailable')) return [];
  const out = new Set<string>();
  for (const f of view.files.values()) for (const e of f.extends) if (e.error?.kind === 'url-unavailable') out.add(e.target || e.entry.value);
  return [...out];
}

/** Where `option = ` goes to define `option` in `section`: under its first written header. */
function addOptionEdit(view: ProfileView, section: string, option: string): AddOptionEdit | undefined {
  if (option === '' || /[\s{}[\]=:]/.test(option)) return undefined;
  const header = view.section(section)?.headers.find((h) => h.section.active);
  return header ? { uri: fileUri(header.file), line: header.section.line, section, option } : undefined;
}

/**
 * The sections that use `base` through `<=` (directly or through further macros), when `base`
 * is only a macro: used by some section and not listed in `parts`. Undefined otherwise.
 */
function macroOnlyUsers(view: ProfileView, base: string): string[] | undefined {
  let index = usersIndex.get(view);
  if (!index) {
    index = new Map();
    for (const n of view.sectionNames()) {
      for (const w of (view.section(n)?.options.get('<')?.rawValue ?? '').split(/\s+/)) {
        if (!w) continue;
        let list = index.get(w);
        if (!list) index.set(w, (list = []));
        list.push(n);
      }
    }
    usersIndex.set(view, index);
  }
  if (!index.has(base)) return undefined;
  const parts = view.value('buildout', 'parts');
  if (parts.ok && parts.value.split(/\s+/).includes(base)) return undefined;
  const out: string[] = [];
  const seen = new Set([base]);
  const todo = [base];
  while (todo.length) {
    for (const u of index.get(todo.pop()!) ?? []) {
      if (seen.has(u)) continue;
      seen.add(u);
      out.push(u);
      todo.push(u);
    }
  }
  return out;
}

const usersIndex = new WeakMap<ProfileView, Map<string, string[]>>();

/**
 * Sections buildout may initialise: listed parts, their `<=` bases and every section some
 * `${section:…}` of the graph names (a coarse over-approximation: anything referenced counts).
 */
function reachedSections(view: ProfileView): Set<string> {
  let set = reachedIndex.get(view);
  if (set) return set;
  set = new Set<string>(['buildout']);
  const parts = view.value('buildout', 'parts');
  if (parts.ok) for (const p of parts.value.split(/\s+/)) if (p) set.add(p);
  for (const file of view.files.keys()) for (const ref of view.references(file)) if (ref.sectionText !== '' || ref.inSection !== ref.section) set.add(ref.section);
  reachedIndex.set(view, set);
  return set;
}

const reachedIndex = new WeakMap<ProfileView, Set<string>>();
