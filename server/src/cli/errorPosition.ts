/**
 * Where in the profile a buildout error of `resolve`/`render` comes from. zc.buildout prints no
 * position; the exact evaluator (which reproduces *which* error buildout stops with) does not
 * track one either. We find the place the user has to edit:
 * - a `${…}` error (unknown section/option, syntax, cycle): the `${…}` written in the section
 *   being initialised or in a section it initialises in turn (buildout substitutes every option
 *   of each section it touches, in sorted order);
 * - `Missing option: s:o`: the header of `[s]`;
 * - anything else: the header of the section that was being initialised.
 */
import type { BuildoutError, Range, SubstitutionReference } from '../service/buildout/model';
import { pyRepr } from '../service/buildout/parser/pyText';
import type { BuildoutProfile } from '../service/buildout/resolver/profile';

export interface ErrorPosition {
  file: string;
  range: Range;
}

/** The position of `error`, raised while buildout initialised section `start` (if known). */
export function locateBuildoutError(profile: BuildoutProfile, error: BuildoutError, start?: string): ErrorPosition | undefined {
  if (error.file && error.range) return { file: error.file, range: error.range };
  const missing = /^Missing option: ([^:]+):(.*)$/.exec(error.message);
  if (missing) return headerOf(profile, missing[1]) ?? (start ? headerOf(profile, start) : undefined);
  if (start === undefined) return undefined;
  return referenceFor(profile, error, start) ?? headerOf(profile, start);
}

/** The first header of `[name]` in the graph (root file first), if it is written somewhere. */
export function headerOf(profile: BuildoutProfile, name: string): ErrorPosition | undefined {
  const h = profile.getSection(name)?.headers.find((x) => x.section.active) ?? profile.getSection(name)?.headers[0];
  return h ? { file: h.file, range: h.section.headerRange ?? h.section.nameRange } : undefined;
}

/** Walk the sections buildout initialises from `start` (breadth first) for the `${…}` that fails. */
function referenceFor(profile: BuildoutProfile, error: BuildoutError, start: string): ErrorPosition | undefined {
  const bySection = referencesBySection(profile);
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // The section's own references and those it inherits through `<=` (written in the macro).
    const macros = (profile.getSection(name)?.options.get('<')?.rawValue ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const refs = [name, ...macros].flatMap((s) => bySection.get(s) ?? []);
    refs.sort((a, b) => cmp(a.inOption ?? '', b.inOption ?? '') || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const r of refs) {
      const at = matches(profile, r, error, name);
      if (at) return at;
    }
    for (const m of macros) queue.push(m);
    for (const r of refs) if (!r.syntaxError) queue.push(r.section || name);
  }
  return undefined;
}

/** The profile's `${…}` grouped by the section they are written in (built once per profile). */
function referencesBySection(profile: BuildoutProfile): Map<string, SubstitutionReference[]> {
  let index = indexes.get(profile);
  if (index) return index;
  index = new Map();
  for (const r of profile.references()) {
    if (r.inactive || r.inSection === undefined) continue;
    let list = index.get(r.inSection);
    if (!list) index.set(r.inSection, (list = []));
    list.push(r);
  }
  indexes.set(profile, index);
  return index;
}

const indexes = new WeakMap<BuildoutProfile, Map<string, SubstitutionReference[]>>();

function matches(profile: BuildoutProfile, r: SubstitutionReference, error: BuildoutError, inSection: string): ErrorPosition | undefined {
  const here = { file: r.file, range: r.range };
  if (r.syntaxError) return r.syntaxError === error.message ? here : undefined;
  const section = r.sectionText || inSection;
  switch (error.kind) {
    case 'missing-option':
      return error.message === `Referenced option does not exist: ${section} ${r.option}` ? here : undefined;
    case 'missing-section':
      return error.message === `The referenced section, ${pyRepr(section)}, was not defined.` ? here : undefined;
    case 'circular':
    case 'other': {
      // The option this `${…}` is written in fails the same way when evaluated lazily; the lazy
      // evaluator knows the `${…}` that closes the cycle.
      const v = profile.getValue(inSection, r.inOption ?? '');
      if (v.ok || v.error.message !== error.message) return undefined;
      return v.error.file && v.error.range ? { file: v.error.file, range: v.error.range } : here;
    }
    default:
      return undefined;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
