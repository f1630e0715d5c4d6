/**
 * `<=` macros (`Options._do_extend_raw`): a section is the union of its macro sections
 * (recursively, later ones win) with its own options applied on top by `_update_section`,
 * so `+=`/`-=` work against the macro's value. Expansion runs on the merged profile.
 */
import type { BuildoutError } from '../model';
import { pyRepr, pyStrip } from '../parser/pyText';
import { type Data, type SKey, type Section, updateSection } from './sectionKey';

export class BuildoutFailure extends Error {
  constructor(readonly error: BuildoutError) {
    super(error.message);
  }
}

/** Expansion work allowed per top-level section (guards against macro diamonds exploding). */
const BUDGET = 100_000;

export class MacroExpander {
  private memo = new Map<string, Section | BuildoutError>();
  private budget = 0;

  constructor(private data: Data) {}

  /** The section's options after macro expansion, or buildout's error. Missing → undefined. */
  expand(name: string): Section | BuildoutError | undefined {
    const hit = this.memo.get(name);
    if (hit) return hit;
    const raw = this.data.get(name);
    if (!raw) return undefined;
    let result: Section | BuildoutError;
    this.budget = 0;
    try {
      result = this.doExtend(name, raw, new Set());
    } catch (e) {
      if (!(e instanceof BuildoutFailure)) throw e;
      result = e.error;
    }
    this.memo.set(name, result);
    return result;
  }

  // `doing` is the chain being expanded; a Set, because a 10,000-section profile whose macros
  // form long chains made the membership test (on an array) quadratic per section.
  private doExtend(name: string, data: Section, doing: Set<string>): Section {
    if (name === 'buildout') return data;
    if (++this.budget > BUDGET) throw new BuildoutFailure({ kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(name)}`, hint: 'macro expansion too large', ...where(data) });
    if (doing.has(name)) throw new BuildoutFailure({ kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(name)}`, ...where(data) });
    doing.add(name);
    try {
      const toDo = data.get('<');
      if (!toDo) return data;
      const result: Section = new Map();
      for (const line of toDo.value.split('\n')) {
        const iname = pyStrip(line);
        if (!iname) continue;
        const raw = this.data.get(iname);
        if (!raw) throw new BuildoutFailure({ kind: 'macro-missing', message: `No section named ${pyRepr(iname)}`, ...where(data) });
        for (const [k, v] of this.doExtend(iname, raw, doing)) result.set(k, inherited(v, iname));
      }
      updateSection(result, data);
      result.delete('<');
      return result;
    } finally {
      doing.delete(name);
    }
  }
}

function inherited(v: SKey, from: string): SKey {
  return v.extend(v.value, v.source, [{ operation: 'MACRO', value: v.value, result: v.value, fromSection: from }]);
}

function where(section: Section): { file?: string; range?: BuildoutError['range'] } {
  const h = section.get('<')?.history;
  const last = h?.[h.length - 1];
  return last?.file ? { file: last.file, range: last.option?.nameRange } : {};
}
