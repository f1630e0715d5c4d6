/**
 * Lazy, memoised substitution: the value of one (section, option) computes exactly the values
 * it references, once. Used by hover, completion and diagnostics. Errors are buildout's, but
 * only those on the value's own chain (buildout additionally initialises every section it
 * touches; `ExactEvaluator` reproduces that for the CLI and the differential tests).
 */
import type { BuildoutError, ComputedOptionsProvider, ValueResult } from '../model';
import { pyRepr } from '../parser/pyText';
import { locateToken } from './locate';
import type { MacroExpander } from './macros';
import { pyJoin } from './paths';
import type { Section } from './sectionKey';
import { referenceParts } from './substitution';

/** Options of [buildout] joined to `directory` after substitution (`Buildout.__init__`). */
export const POST_JOINED = new Set(['bin-directory', 'parts-directory', 'eggs-directory', 'develop-eggs-directory']);

export function missingSection(name: string): BuildoutError {
  return { kind: 'missing-section', message: `The referenced section, ${pyRepr(name)}, was not defined.` };
}

export const CIRCULAR = 'Circular reference in substitutions.\n';
export const RECURSION = 'maximum recursion depth exceeded';
const MAX_DEPTH = 1500;

export class LazyEvaluator {
  private memo = new Map<string, ValueResult>();
  private inProgress = new Set<string>();
  private computedMemo = new Map<string, Record<string, string | undefined>>();
  private computing = new Set<string>();
  private depth = 0;

  constructor(private expander: MacroExpander, private provider: ComputedOptionsProvider) {}

  section(name: string): Section | BuildoutError {
    return this.expander.expand(name) ?? missingSection(name);
  }

  /** Recipe-computed options of a section (memoised; `{}` without recipe). */
  computed(section: string): Record<string, string | undefined> {
    const hit = this.computedMemo.get(section);
    if (hit) return hit;
    if (this.computing.has(section)) return {};
    const sec = this.section(section);
    let result: Record<string, string | undefined> = {};
    if (!isError(sec) && sec.has('recipe')) {
      this.computing.add(section);
      try {
        const recipe = this.value(section, 'recipe', false);
        if (recipe.ok && recipe.value) {
          const own = (o: string) => { const r = this.value(section, o, false); return r.ok ? r.value : undefined; };
          const any = (s: string, o: string) => { const r = this.value(s, o, true); return r.ok ? r.value : undefined; };
          result = this.provider(recipe.value, section, own, any);
        }
      } finally {
        this.computing.delete(section);
      }
    }
    this.computedMemo.set(section, result);
    return result;
  }

  /** Fully substituted value; computed recipe options win over written ones (as in buildout). */
  value(section: string, option: string, withComputed = true): ValueResult {
    // Deep reference chains: stop like Python's recursion limit would, never overflow the stack.
    if (this.depth > MAX_DEPTH) return { ok: false, error: { kind: 'other', message: RECURSION } };
    this.depth++;
    try {
      return this.valueInner(section, option, withComputed);
    } catch (e) {
      if (e instanceof RangeError) return { ok: false, error: { kind: 'other', message: RECURSION } };
      throw e;
    } finally {
      this.depth--;
    }
  }

  private valueInner(section: string, option: string, withComputed: boolean): ValueResult {
    const key = `${withComputed ? 'c' : 'r'}\u0000${section}\u0000${option}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const sec = this.section(section);
    if (isError(sec)) return { ok: false, error: sec };
    if (withComputed && section !== 'buildout') {
      const comp = this.computed(section);
      if (Object.prototype.hasOwnProperty.call(comp, option)) {
        const v = comp[option];
        const r: ValueResult = v === undefined ? { ok: true, value: '', computed: true, unknownValue: true } : { ok: true, value: v, computed: true };
        this.memo.set(key, r);
        return r;
      }
    }
    const skey = sec.get(option);
    if (!skey) return { ok: false, error: { kind: 'missing-option', message: `Missing option: ${section}:${option}` } };
    const cycleKey = `${section}\u0000${option}`;
    if (this.inProgress.has(cycleKey)) return { ok: false, error: { kind: 'circular', message: CIRCULAR } };
    let result: ValueResult;
    if (!skey.value.includes('${')) result = { ok: true, value: skey.value };
    else {
      this.inProgress.add(cycleKey);
      try {
        result = this.substitute(skey.value, section, true, (token) => locateToken(skey, token));
      } finally {
        this.inProgress.delete(cycleKey);
      }
    }
    if (result.ok && section === 'buildout' && (POST_JOINED.has(option) || (option === 'installed' && result.value))) {
      const dir = this.value('buildout', 'directory');
      if (dir.ok) result = { ok: true, value: pyJoin(dir.value, result.value) };
    }
    // A depth error depends on where the query started: do not remember it.
    if (result.ok || result.error.message !== RECURSION) this.memo.set(key, result);
    return result;
  }

  /**
   * `Options._sub` over a value (`splitDollars`: the `$$` split of `Options.get`) or over a
   * whole template (collective.recipe.template calls `_sub` without it).
   */
  substitute(
    text: string, current: string, splitDollars: boolean,
    locate: (token: string) => { file?: string; range?: BuildoutError['range'] },
    onRef?: (ref: string, offset: number, section: string, option: string, value: string) => void,
  ): ValueResult {
    const pieces = splitDollars && text.includes('$$') ? text.split('$$') : [text];
    const out: string[] = [];
    let offset = 0;
    for (const piece of pieces) {
      // `_template_split` tokens found with indexOf (as ExactEvaluator.sub does).
      let s = '';
      let pos = 0;
      let start = piece.indexOf('${');
      while (start >= 0) {
        const end = piece.indexOf('}', start + 2);
        if (end < 0) break;
        s += piece.slice(pos, start);
        const ref = piece.slice(start, end + 1);
        const parts = referenceParts(piece, start, end);
        if ('error' in parts) return { ok: false, error: { kind: 'syntax', message: parts.error, ...locate(ref) } };
        const { option } = parts;
        const section = parts.section || current;
        const r = this.value(section, option);
        let v: string;
        if (r.ok) v = r.value;
        else if (r.error.kind === 'missing-option' && r.error.message === `Missing option: ${section}:${option}`) {
          if (option !== '_buildout_section_name_') {
            return { ok: false, error: { kind: 'missing-option', message: `Referenced option does not exist: ${section} ${option}`, ...locate(ref) } };
          }
          v = current;
        } else if (r.error.kind === 'missing-section' && !r.error.file) {
          return { ok: false, error: { ...r.error, ...locate(ref) } };
        } else if (r.error.kind === 'circular' && !r.error.file) {
          return { ok: false, error: { ...r.error, ...locate(ref) } };
        } else return r;
        onRef?.(ref, offset + start, section, option, v);
        s += v;
        pos = end + 1;
        start = piece.indexOf('${', pos);
      }
      out.push(pos === 0 ? piece : s + piece.slice(pos));
      offset += piece.length + 2;
    }
    return { ok: true, value: out.join('$$') };
  }
}

export function isError(x: unknown): x is BuildoutError {
  return !(x instanceof Map);
}
