/**
 * A faithful emulation of buildout's `Buildout.__getitem__` / `Options` machinery: accessing a
 * section initialises it (macros, then every option containing `${` in sorted order, then
 * `<part-dependencies>`, then the recipe), and an error anywhere in a touched section is the
 * error of the access. This is what `bin/buildout` reports; the CLI and the differential tests
 * use it. Sections created during a failed access are rolled back so each query is independent.
 */
import type { BuildoutError, ComputedOptionsProvider, PartsResult, SectionResult } from '../model';
import { pyRepr, pySplit } from '../parser/pyText';
import { CIRCULAR, isError, missingSection } from './lazy';
import { BuildoutFailure, type MacroExpander } from './macros';
import type { Section } from './sectionKey';
import { emptyList } from './emptyList';
import { pyJoin } from './paths';
import { referenceParts, validTokenColon } from './substitution';

const NO_OPTIONS: Section = new Map();

/** Scratch of `Options.keys` (never re-entered). */
const scratchKeys: string[] = [];
let keyCount = 0;
let keyRaw: Section = NO_OPTIONS;
function noteKey(_v: unknown, k: string): void {
  scratchKeys[keyCount++] = k;
}
function noteDataKey(_v: unknown, k: string): void {
  if (!keyRaw.has(k)) scratchKeys[keyCount++] = k;
}

class Options {
  /** `_raw`: the expanded section itself (never changed here, so it is not copied). */
  raw: Section = NO_OPTIONS;
  /** `_cooked`: made for the first value with `${` (many sections have none). */
  cooked: Map<string, string> | undefined = undefined;
  /** `_data`: made on the first value stored (a section whose values are all raw needs none). */
  data: Map<string, string> | undefined = undefined;
  /**
   * Every raw value with `${` has been cooked (initialisation got past `_dosub`): a value
   * read from `raw` has none then, and `get` need not look for one again.
   */
  ready = false;
  constructor(readonly name: string) {}
  keys(): string[] {
    // forEach, not spread or for-of: the key iterators allocated a result object per key; and
    // into a shared scratch copied once at its exact size (an array grown by push took 17
    // slots at once).
    keyCount = 0;
    this.raw.forEach(noteKey);
    if (this.data) {
      keyRaw = this.raw;
      this.data.forEach(noteDataKey);
    }
    return scratchKeys.slice(0, keyCount);
  }
}

/**
 * The `seen` lists of `Options._sub` (the (section, option) pairs of a substitution chain) and
 * the sorted `${` keys of the sections being initialised, on two stacks shared by the whole
 * evaluation instead of an array per chain and per section (a list per cooked value, grown by
 * `push` to 17 slots, was a good part of the evaluator's garbage). A chain is the stretch of
 * `chain` from its base to `chainTop`, stored flat as name, option, name, option …; every push
 * is undone in a `finally`, because a recipe's computed option catches a lookup's failure and
 * goes on.
 */
const chain: string[] = [];
let chainTop = 0;
const cookKeys: string[] = [];
let cookTop = 0;

/**
 * `text[from, to)`, reusing the string the previous token had in the same place (0: section,
 * 1: option) when it is the same text: most tokens name `location` and many repeat the section
 * before them (`-L${c:location}/lib -Wl,-rpath=${c:location}/lib`), and a slice per name was a
 * fifth of the substitution's garbage.
 */
const lastParts = ['', ''];
function tokenPart(text: string, from: number, to: number, which: 0 | 1): string {
  const last = lastParts[which];
  const n = to - from;
  if (last.length === n) {
    // Compared in place: `text.startsWith(last, from)` went through the builtin's argument
    // handling on every token (two calls per token, thousands of tokens per cold resolve).
    let i = 0;
    while (i < n && text.charCodeAt(from + i) === last.charCodeAt(i)) i++;
    if (i === n) return last;
  }
  return (lastParts[which] = text.slice(from, to));
}

function chainHas(base: number, section: string, option: string): boolean {
  for (let i = base; i < chainTop; i += 2) if (chain[i + 1] === option && chain[i] === section) return true;
  return false;
}

/** Callback of `section`'s scan of its raw values (a module function: no closure per section). */
function noteCook(v: { value: string }, k: string): void {
  if (v.value.includes('${')) cookKeys[cookTop++] = k;
}

/** Set by `sub`/`subDollars` on return: the result has no `$` (so no `${`), read right after the call. */
let subClean = false;

function setData(o: Options, option: string, value: string): void {
  (o.data ??= new Map()).set(option, value);
}

export type StringResult = { ok: true; value: string } | { ok: false; error: BuildoutError };

const fail = (error: BuildoutError): never => { throw new BuildoutFailure(error); };

export class ExactEvaluator {
  private sections = new Map<string, Options>();
  private created: string[] = emptyList();
  private partsOrder: string[] = emptyList();
  /** Error raised while constructing the Buildout object (buildout section, versions). */
  readonly constructionError?: BuildoutError;
  private depth = 0;
  /**
   * The section whose recipe is computing its options: the provider's `section` callback reads
   * it. Two callbacks per evaluator instead of two closures per initialised section.
   */
  private asking: Options | undefined = undefined;
  private readonly own = (opt: string): string | undefined => this.get(this.asking!, opt);
  private readonly any = (s: string, opt: string): string | undefined => this.get(this.section(s), opt);

  constructor(private expander: MacroExpander, private provider: ComputedOptionsProvider, private sectionNames: () => string[]) {
    try {
      const b = this.section('buildout');
      const dir = this.getItem(b, 'directory');
      for (const name of ['bin', 'parts', 'eggs', 'develop-eggs']) setData(b, `${name}-directory`, pyJoin(dir, this.getItem(b, `${name}-directory`)));
      const installed = this.getItem(b, 'installed');
      if (installed) setData(b, 'installed', pyJoin(dir, installed));
      const versions = this.get(b, 'versions');
      if (versions) {
        if (!this.expander.expand(versions)) fail({ kind: 'other', message: pyRepr(versions) });
        this.section(versions);
      }
      this.created = emptyList();
    } catch (e) {
      if (!(e instanceof BuildoutFailure)) throw e;
      this.constructionError = e.error;
    }
  }

  /** `buildout[name]` with every option; the error buildout raises otherwise. */
  resolveSection(name: string): SectionResult {
    // `attempt` written out: two closures per section (`resolve` asks for every one) were
    // allocated per call, and V8 compiled this function late (it inlined both).
    if (this.constructionError) return { name, options: {}, error: this.constructionError };
    const mark = this.created.length;
    const partsMark = this.partsOrder.length;
    try {
      const o = this.section(name);
      const options: Record<string, string> = {};
      for (const k of o.keys()) options[k] = this.getItem(o, k);
      return { name, options };
    } catch (e) {
      return { name, options: {}, error: this.failed(e, mark, partsMark) };
    } finally {
      this.depth = 0;
    }
  }

  /** `install()`'s `[self[part]['recipe'] for part in parts]`: install order with implicit parts. */
  parts(): PartsResult {
    return this.attempt('buildout', () => {
      const conf = this.get(this.section('buildout'), 'parts') ?? fail({ kind: 'missing-option', message: 'Missing option: buildout:parts' });
      for (const part of pySplit(conf)) this.getItem(this.section(part), 'recipe');
      return { parts: [...this.partsOrder] };
    }, (error) => ({ parts: [...this.partsOrder], error }));
  }

  /** `options._sub(template, [])` in the given section (collective.recipe.template). */
  subTemplate(section: string, template: string): StringResult {
    return this.attempt<StringResult>(section, () => {
      const o = this.section(section);
      return { ok: true, value: this.sub(o, template, chainTop) };
    }, (error) => ({ ok: false, error }));
  }

  /**
   * One `${section:option}` token as `Options._sub` of section `current` resolves it (the
   * referenced section is initialised first; `_buildout_section_name_` falls back to `current`).
   */
  refValue(current: string, section: string, option: string): StringResult {
    return this.attempt<StringResult>(section, () => {
      this.section(current);
      const o = this.section(section);
      let v = this.get(o, option, chainTop);
      if (v === undefined) {
        if (option === '_buildout_section_name_') v = current;
        else fail({ kind: 'missing-option', message: `Referenced option does not exist: ${section} ${option}` });
      }
      return { ok: true, value: v! };
    }, (error) => ({ ok: false, error }));
  }

  /** `buildout[section][option]` (substituted), for a template lookup. */
  getValue(section: string, option: string): StringResult {
    return this.attempt<StringResult>(section, () => ({ ok: true, value: this.getItem(this.section(section), option) }), (error) => ({ ok: false, error }));
  }

  private attempt<T>(_name: string, run: () => T, onError: (e: BuildoutError) => T): T {
    if (this.constructionError) return onError(this.constructionError);
    const mark = this.created.length;
    const partsMark = this.partsOrder.length;
    try {
      return run();
    } catch (e) {
      return onError(this.failed(e, mark, partsMark));
    } finally {
      this.depth = 0;
    }
  }

  /**
   * The error an access failed with (anything but buildout's failure or a stack overflow is
   * rethrown); a buildout failure rolls back the sections and parts the access created.
   */
  private failed(e: unknown, mark: number, partsMark: number): BuildoutError {
    if (!(e instanceof BuildoutFailure)) {
      if (e instanceof RangeError) return { kind: 'other', message: 'maximum recursion depth exceeded' };
      throw e;
    }
    for (const n of this.created.splice(mark)) this.sections.delete(n);
    this.partsOrder.length = partsMark;
    return e.error;
  }

  private section(name: string): Options {
    const existing = this.sections.get(name);
    if (existing) return existing;
    const expanded = this.expander.expand(name);
    if (!expanded) fail(missingSection(name));
    if (++this.depth > 5000) fail({ kind: 'other', message: 'maximum recursion depth exceeded' });
    const o = new Options(name);
    this.sections.set(name, o);
    this.created.push(name);
    if (isError(expanded)) fail(expanded);
    // Options._dosub runs over sorted keys; only values with "${" do anything, so sort just those.
    o.raw = expanded as Section;
    const base = cookTop;
    o.raw.forEach(noteCook);
    const end = cookTop;
    // Insertion sort: a section has a few such values (Array.prototype.sort allocates).
    for (let i = base + 1; i < end; i++) {
      const k = cookKeys[i];
      let j = i - 1;
      while (j >= base && cookKeys[j] > k) {
        cookKeys[j + 1] = cookKeys[j];
        j--;
      }
      cookKeys[j + 1] = k;
    }
    if (end > base) {
      try {
        for (let i = base; i < end; i++) {
          const k = cookKeys[i];
          const at = chainTop;
          chain[at] = name;
          chain[at + 1] = k;
          chainTop = at + 2;
          try {
            const value = this.subDollars(o, o.raw.get(k)!.value, at);
            // A value without `$` cannot hold `${`: `get` would move it from `_cooked` to `_data`
            // unchanged on its first read, so it goes there now, and the substituted string (a
            // rope of its pieces) is never scanned for `${` — which flattened every cooked value.
            if (subClean) setData(o, k, value);
            else (o.cooked ??= new Map()).set(k, value);
          } finally {
            chainTop = at;
          }
        }
      } finally {
        cookTop = base;
      }
    }
    o.ready = true;
    if (name === 'buildout') return o;
    const deps = this.get(o, '<part-dependencies>');
    if (deps) for (const dep of pySplit(deps)) this.section(dep); // (no empty word list per section)
    const recipe = this.get(o, 'recipe');
    if (recipe) {
      const outer = this.asking;
      this.asking = o;
      let computed: Record<string, string | undefined>;
      try {
        computed = this.provider(recipe, name, this.own, this.any);
      } finally {
        this.asking = outer; // (the provider's `any` may initialise further sections, each asking in turn)
      }
      for (const k in computed) if (Object.prototype.hasOwnProperty.call(computed, k)) setData(o, k, computed[k] ?? '');
      this.partsOrder.push(name);
    }
    return o;
  }

  /** `seen`: the base of the substitution chain on `chain` (undefined: a new chain). */
  private get(o: Options, option: string, seen?: number): string | undefined {
    const d = o.data?.get(option);
    if (d !== undefined) return d;
    let v = o.cooked?.get(option);
    if (v === undefined) {
      const raw = o.raw.get(option);
      if (raw === undefined) return undefined;
      v = raw.value;
      // Once cooked, a raw value is final and `raw` never changes: it is read from there again
      // rather than copied into `data` (a map entry per value read was a tenth of the garbage).
      if (o.ready) return v;
    }
    if (v.includes('${')) {
      const at = chainTop;
      if (seen === undefined) seen = at;
      else if (chainHas(seen, o.name, option)) fail({ kind: 'circular', message: CIRCULAR });
      chain[at] = o.name;
      chain[at + 1] = option;
      chainTop = at + 2;
      try {
        v = this.subDollars(o, v, seen);
      } finally {
        chainTop = at;
      }
    }
    setData(o, option, v);
    return v;
  }

  private getItem(o: Options, option: string): string {
    return this.get(o, option) ?? fail({ kind: 'missing-option', message: `Missing option: ${o.name}:${option}` });
  }

  /**
   * `'$$'.join(self._sub(s, seen) for s in value.split('$$'))` (no split for the common value
   * without "$$"). `subClean` tells whether the result has no `$`.
   */
  private subDollars(o: Options, value: string, seen: number): string {
    if (!value.includes('$$')) return this.sub(o, value, seen);
    const out = value.split('$$').map((s) => this.sub(o, s, seen)).join('$$');
    subClean = false;
    return out;
  }

  /**
   * `Options._sub`: the `_template_split` tokens in order (found with indexOf: the first `${`
   * with a `}` after it starts the leftmost match, and without one no later `${` has one).
   */
  private sub(o: Options, template: string, seen: number): string {
    let start = template.indexOf('${');
    if (start < 0) {
      subClean = template.indexOf('$') < 0;
      return template;
    }
    let out = '';
    let pos = 0;
    // No `$` in the text between the tokens nor in a substituted value (each is flat or small).
    let clean = true;
    // The previous token of this template and its value. A token that repeats it (`tokenPart`
    // hands back the same strings) has that value again: the first read stored it in `_data`
    // (or it was a final raw value, or `_buildout_section_name_`'s fallback), and nothing runs
    // between two tokens of one template that could change it. 2.13 re-applies a `+=` once per
    // extends path, so 39 % of the bench graph's tokens repeat the one before (1,471 of 3,792).
    let lastSection: string | undefined;
    let lastOption: string | undefined;
    let lastValue = '';
    while (start >= 0) {
      const end = template.indexOf('}', start + 2);
      if (end < 0) break;
      if (clean && template.indexOf('$', pos) < start) clean = false;
      out += template.slice(pos, start);
      let section: string;
      let option: string;
      const colon = validTokenColon(template, start, end);
      if (colon >= 0) {
        // A valid token (nearly all) is read in place; referenceParts decides the others.
        section = colon === start + 2 ? o.name : tokenPart(template, start + 2, colon, 0);
        option = tokenPart(template, colon + 1, end, 1);
      } else {
        const parts = referenceParts(template, start, end);
        if ('error' in parts) return fail({ kind: 'syntax', message: parts.error });
        option = parts.option;
        section = parts.section || o.name;
      }
      if (section === lastSection && option === lastOption) {
        // (`clean` already counts this value's `$`.)
        out += lastValue;
        pos = end + 1;
        start = template.indexOf('${', pos);
        continue;
      }
      let v = this.get(this.section(section), option, seen);
      if (v === undefined) {
        if (option === '_buildout_section_name_') v = o.name;
        else fail({ kind: 'missing-option', message: `Referenced option does not exist: ${section} ${option}` });
      }
      if (clean && v!.indexOf('$') >= 0) clean = false;
      lastSection = section;
      lastOption = option;
      lastValue = v!;
      out += v;
      pos = end + 1;
      start = template.indexOf('${', pos);
    }
    subClean = clean && template.indexOf('$', pos) < 0;
    return out + template.slice(pos);
  }

  /** Names of all sections (for listing). */
  names(): string[] {
    return this.sectionNames();
  }
}
