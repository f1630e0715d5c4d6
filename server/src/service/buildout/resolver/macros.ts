/**
 * `<=` macros (`Options._do_extend_raw`): a section is the union of its macro sections
 * (recursively, later ones win) with its own options applied on top by `_update_section`,
 * so `+=`/`-=` work against the macro's value. Expansion runs on the merged profile.
 */
import type { BuildoutError } from '../model';
import { pyRepr, pyStrip } from '../parser/pyText';
import { emptyList } from './emptyList';
import { type Data, type Section, updateSection } from './sectionKey';

export class BuildoutFailure extends Error {
  constructor(readonly error: BuildoutError) {
    super(error.message);
  }
}

/** Expansion work allowed per top-level section (guards against macro diamonds exploding). */
const BUDGET = 100_000;
/**
 * Nesting of `<=` beyond which Python's recursion limit (1000 frames) stops buildout; without
 * it a 10,000-long chain overflowed our stack, and a RangeError could not be memoised.
 */
const MAX_MACRO_DEPTH = 900;

export class MacroExpander {
  private memo = new Map<string, Section | BuildoutError>();
  private budget = 0;
  /** The chain being expanded, in order (mirrors `doing`), to memoise a failure for its members. */
  private path: string[] = emptyList();
  /** Per frame of `path`: whether an earlier macro of that frame was expanded before the current one. */
  private hadSibling: boolean[] = emptyList();
  /** `doing` of the expansion in progress: one Set for all (empty again after each expansion). */
  private doing = new Set<string>();
  /**
   * A macro section without macros of its own, as its users inherit it (each key with its
   * MACRO history step): the same for every user, so made once, not once per user (a
   * SlapOS-style profile has hundreds of sections using one `<= cmmi-base`). Keys are immutable.
   */
  private inherited = new Map<Section, { name: string; keys: Section }>();

  private inheritedFrom(name: string, raw: Section): Section {
    const known = this.inherited.get(raw);
    if (known !== undefined && known.name === name) return known.keys;
    const keys: Section = new Map();
    raw.forEach((v, k) => keys.set(k, v.inherited(name)));
    this.inherited.set(raw, { name, keys });
    return keys;
  }

  /** `doExtend` calls so far (a work counter for tests; never reset). */
  steps = 0;

  constructor(private data: Data) {}

  /** The section's options after macro expansion, or buildout's error. Missing → undefined. */
  expand(name: string): Section | BuildoutError | undefined {
    const hit = this.memo.get(name);
    if (hit) return hit;
    const raw = this.data.get(name);
    if (!raw) return undefined;
    let result: Section | BuildoutError;
    const onCycle = this.plainCycle(name);
    if (onCycle) return onCycle;
    this.budget = 0;
    // Empty after every expansion (frames pop in finally); reset only when not, since setting
    // the length to 0 drops the backing store and the next push allocates 17 slots again
    // (two arrays per expanded section).
    if (this.path.length) this.path.length = 0;
    if (this.hadSibling.length) this.hadSibling.length = 0;
    if (this.doing.size) this.doing.clear(); // (clear makes a new table: only when needed)
    try {
      result = this.doExtend(name, raw, this.doing);
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
    this.steps++;
    if (++this.budget > BUDGET) throw new BuildoutFailure({ kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(name)}`, hint: 'macro expansion too large', ...where(data) });
    if (doing.has(name)) throw this.loopFailure(name, data);
    if (doing.size >= MAX_MACRO_DEPTH) throw new BuildoutFailure(tooDeep());
    doing.add(name);
    const frame = this.path.length;
    this.path.push(name);
    this.hadSibling.push(false);
    try {
      const toDo = data.get('<');
      if (!toDo) return data;
      const result: Section = new Map();
      for (const iname of macroNames(toDo.value)) {
        const raw = this.data.get(iname);
        if (!raw) throw this.memoForChain(new BuildoutFailure({ kind: 'macro-missing', message: `No section named ${pyRepr(iname)}`, ...where(data) }), this.path.length);
        const expanded = this.doExtend(iname, raw, doing);
        if (expanded === raw) this.inheritedFrom(iname, raw).forEach((v, k) => result.set(k, v));
        else expanded.forEach((v, k) => result.set(k, v.inherited(iname)));
        this.hadSibling[frame] = true;
      }
      updateSection(result, data);
      result.delete('<');
      return result;
    } finally {
      doing.delete(name);
      this.path.pop();
      this.hadSibling.pop();
    }
  }

  /**
   * `name` is already being expanded (it is path[j]). A fresh expansion of any section up to
   * path[j] walks the same chain (the macros expanded before it succeeded with more sections
   * in `doing`, so they succeed with fewer) and fails on `name` too: memoise the same error.
   * When no section from path[j] on expanded another macro before the one on the chain, the
   * chain from path[j] is a plain cycle, and each section after path[j] loops on itself.
   * This makes N sections in long `<=` cycles cost O(N) instead of O(N × cycle length).
   */
  private loopFailure(name: string, data: Section): BuildoutFailure {
    const failure = new BuildoutFailure({ kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(name)}`, ...where(data) });
    const j = this.path.indexOf(name);
    this.memoForChain(failure, j + 1);
    // Fresh walks stay as long as this one, so only memoise well inside the budget.
    if (this.budget * 2 < BUDGET && !this.hadSibling.slice(j).some(Boolean)) {
      for (let i = j + 1; i < this.path.length; i++) {
        const member = this.path[i];
        if (this.memo.has(member)) continue;
        const raw = this.data.get(member)!;
        this.memo.set(member, { kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(member)}`, ...where(raw) });
      }
    }
    return failure;
  }

  /**
   * When every section from `name` on has exactly one macro, the chain ends in a cycle or
   * runs into a missing section; walk it once without recursion and memoise the error of
   * every section on it (each fresh expansion would fail the same way). Chains longer than
   * MAX_MACRO_DEPTH otherwise cost MAX_MACRO_DEPTH nested calls per section. Anything else
   * (no macro, several macros, [buildout]) is left to `doExtend`.
   */
  private plainCycle(name: string): Section | BuildoutError | undefined {
    // Most sections have no macro, or one macro (`<= cmmi-base`) whose section has none: no
    // chain, decided without the walk's allocations (the walk would return at its second step).
    if (name === 'buildout') return undefined;
    const toDo0 = this.data.get(name)?.get('<');
    if (!toDo0) return undefined;
    const only = singleMacro(toDo0.value);
    if (only === undefined) return undefined;
    const target = this.data.get(only);
    if (target && only !== name && (only === 'buildout' || !target.has('<'))) {
      this.steps++;
      return undefined;
    }
    const chain: string[] = [];
    const index = new Map<string, number>();
    let cur = name;
    while (!index.has(cur)) {
      if (cur === 'buildout') return undefined;
      const raw = this.data.get(cur);
      const toDo = raw?.get('<');
      if (!raw || !toDo) return undefined;
      const macros = macroNames(toDo.value);
      if (macros.length !== 1) return undefined;
      index.set(cur, chain.length);
      chain.push(cur);
      this.steps++;
      cur = macros[0];
      if (!this.data.has(cur)) {
        // "No section named" unless the chain is too deep first (the check of `doExtend`).
        const missing: BuildoutError = { kind: 'macro-missing', message: `No section named ${pyRepr(cur)}`, ...where(raw) };
        chain.forEach((n, t) => this.memo.has(n) || this.memo.set(n, chain.length - t > MAX_MACRO_DEPTH ? tooDeep() : missing));
        return this.memo.get(name);
      }
    }
    const r = index.get(cur)!;
    const m = chain.length;
    chain.forEach((n, t) => {
      if (this.memo.has(n)) return;
      const distinct = t < r ? m - t : m - r; // sections a fresh walk from n visits before one repeats
      const repeated = t < r ? chain[r] : n;
      this.memo.set(n, distinct > MAX_MACRO_DEPTH ? tooDeep() : { kind: 'macro-loop', message: `Infinite extending loop ${pyRepr(repeated)}`, ...where(this.data.get(repeated)!) });
    });
    return this.memo.get(name);
  }

  /** Memoise `failure` as the fresh result of path[0..end) (see `loopFailure`). */
  private memoForChain(failure: BuildoutFailure, end: number): BuildoutFailure {
    for (let i = 0; i < end; i++) if (!this.memo.has(this.path[i])) this.memo.set(this.path[i], failure.error);
    return failure;
  }
}

/** The one section name of a `<` value, or undefined when it names none or several. */
function singleMacro(value: string): string | undefined {
  if (!value.includes('\n')) return pyStrip(value) || undefined;
  const names = macroNames(value);
  return names.length === 1 ? names[0] : undefined;
}

/** The `<` value's section names: one per line, stripped, blank lines skipped. */
function macroNames(value: string): string[] {
  if (!value.includes('\n')) {
    const name = pyStrip(value);
    return name ? [name] : [];
  }
  return value.split('\n').map(pyStrip).filter(Boolean);
}

function tooDeep(): BuildoutError {
  return { kind: 'other', message: 'maximum recursion depth exceeded', hint: `\`<=\` macros nested deeper than ${MAX_MACRO_DEPTH} sections` };
}


function where(section: Section): { file?: string; range?: BuildoutError['range'] } {
  const h = section.get('<')?.history;
  const last = h?.[h.length - 1];
  return last?.file ? { file: last.file, range: last.option?.nameRange } : {};
}
