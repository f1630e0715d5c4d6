/**
 * Sections and options as symbols across one resolved graph and the templates its sections
 * render: what is under the cursor, where a symbol is declared, and every place that names it.
 * Scoped to the graph (files reached by `extends`) and its templates, never a text scan.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { DocFile } from './doc';
import { scanTemplate } from '../templates/scan';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { templateFlavour, templatePathOf } from '../workspace/templateOwners';
import { contains, lineStarts, rangeOf, splitLines, wordsIn } from './text';

export type BuildoutSymbol = { kind: 'section'; name: string } | { kind: 'option'; section: string; option: string };

export interface Occurrence {
  file: string;
  range: Range;
  declaration: boolean;
  /** For template `${option}` written without a section: renaming the section leaves it alone. */
  implicitSection?: boolean;
}

/** Option keys whose value lists section names. */
const SECTION_LIST_KEYS = new Set(['<', '<part-dependencies>']);

function fileLines(ws: BuildoutWorkspace, file: string): string[] {
  return splitLines(ws.host.readFile(file) ?? '');
}

/** Section names written in `<=`, `=>` and `[buildout] parts` values of a file, with ranges. */
export function sectionNameWords(ws: BuildoutWorkspace, doc: DocFile): Array<{ word: string; range: Range; key: string }> {
  const parsed = doc.parsed;
  const out: Array<{ word: string; range: Range; key: string }> = [];
  let lines: string[] | undefined;
  for (const s of parsed.sections) {
    for (const o of s.options) {
      const isParts = s.name === 'buildout' && o.name === 'parts';
      if (!isParts && !SECTION_LIST_KEYS.has(o.name)) continue;
      lines ??= fileLines(ws, doc.path);
      // `${…}` (and jinja `{{ … }}`) words are substitutions, not section names.
      for (const r of o.valueRanges) for (const w of wordsIn(lines, r)) if (!/[${}]/.test(w.word)) out.push({ ...w, key: o.name });
    }
  }
  return out;
}

/** The symbol under the cursor in a profile file, with the range of its name there. */
export function symbolAt(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, position: Position): { symbol: BuildoutSymbol; range: Range } | undefined {
  const parsed = doc.parsed;
  for (const r of view.references(doc.path)) {
    if (r.syntaxError || !contains(r.range, position)) continue;
    if (r.sectionText !== '' && contains(r.sectionRange, position)) return { symbol: { kind: 'section', name: r.section }, range: r.sectionRange };
    return { symbol: { kind: 'option', section: r.section, option: r.option }, range: r.optionRange };
  }
  for (const s of parsed.sections) {
    if (contains(s.nameRange, position)) return { symbol: { kind: 'section', name: s.name }, range: s.nameRange };
    if (position.line < s.line || position.line > s.endLine) continue;
    for (const o of s.options) {
      if (o.operator !== '<=' && !o.name.startsWith('<') && contains(o.nameRange, position)) {
        return { symbol: { kind: 'option', section: s.name, option: o.name }, range: o.nameRange };
      }
    }
  }
  for (const w of sectionNameWords(ws, doc)) {
    if (contains(w.range, position)) return { symbol: { kind: 'section', name: w.word }, range: w.range };
  }
  return undefined;
}

/** Sections connected to `section` through `<=` macros (both directions), itself included. */
export function macroFamily(view: ProfileView, section: string): Set<string> {
  const edges = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  };
  for (const name of view.sectionNames()) {
    const macro = view.section(name)?.options.get('<');
    if (!macro) continue;
    for (const base of macro.rawValue.split('\n').map((l) => l.trim()).filter(Boolean)) {
      link(name, base);
      link(base, name);
    }
  }
  const family = new Set([section]);
  const todo = [section];
  while (todo.length) for (const next of edges.get(todo.pop()!) ?? []) if (!family.has(next)) { family.add(next); todo.push(next); }
  return family;
}

/** Templates rendered by sections of this graph, with the section that owns each. */
export function graphTemplates(ws: BuildoutWorkspace, view: ProfileView): Array<{ path: string; section: string; text: string; flavour: ReturnType<typeof templateFlavour> }> {
  const out: Array<{ path: string; section: string; text: string; flavour: ReturnType<typeof templateFlavour> }> = [];
  for (const section of view.sectionNames()) {
    const opts = view.section(section)?.options;
    // The recipe may come through `<=` (a template section based on another one).
    if (!opts?.has('recipe') && !opts?.has('<')) continue;
    const recipe = view.value(section, 'recipe');
    if (!recipe.ok) continue;
    const flavour = templateFlavour(recipe.value);
    if (flavour === 'none') continue;
    const where = templatePathOf(view, section);
    if (!where) continue;
    const text = ws.host.readFile(where.path);
    if (text !== undefined) out.push({ path: where.path, section, text, flavour });
  }
  return out;
}

export function occurrences(ws: BuildoutWorkspace, view: ProfileView, symbol: BuildoutSymbol): Occurrence[] {
  const out: Occurrence[] = [];
  const family = symbol.kind === 'option' ? macroFamily(view, symbol.section) : undefined;
  for (const [file, pf] of view.files) {
    const parsed = pf.parsed;
    for (const s of parsed.sections) {
      if (symbol.kind === 'section' && s.name === symbol.name) out.push({ file, range: s.nameRange, declaration: true });
      if (symbol.kind === 'option' && family!.has(s.name)) {
        for (const o of s.options) if (o.name === symbol.option && o.operator !== '<=') out.push({ file, range: o.nameRange, declaration: true });
      }
    }
    for (const r of view.references(file)) {
      if (r.syntaxError) continue;
      if (symbol.kind === 'section' && r.section === symbol.name && r.sectionText !== '') out.push({ file, range: r.sectionRange, declaration: false });
      if (symbol.kind === 'option' && r.option === symbol.option && family!.has(r.section)) out.push({ file, range: r.optionRange, declaration: false });
    }
    if (symbol.kind === 'section') {
      for (const w of sectionNameWords(ws, pf)) if (w.word === symbol.name) out.push({ file, range: w.range, declaration: false });
    }
  }
  for (const t of graphTemplates(ws, view)) {
    const starts = lineStarts(t.text);
    for (const r of scanTemplate(t.text, t.section, t.flavour)) {
      if (r.syntaxError || r.section === undefined) continue;
      if (symbol.kind === 'section' && r.section === symbol.name && r.sectionStart !== undefined) {
        out.push({ file: t.path, range: rangeOf(starts, r.sectionStart, r.sectionStart + r.section.length), declaration: false });
      }
      if (symbol.kind === 'option' && r.option === symbol.option && family!.has(r.section)) {
        out.push({ file: t.path, range: rangeOf(starts, r.optionStart!, r.optionStart! + r.option!.length), declaration: false, implicitSection: r.implicit });
      }
    }
  }
  return dedupe(out);
}

function dedupe(list: Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const k = `${o.file}:${o.range.start.line}:${o.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
