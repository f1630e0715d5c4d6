/**
 * Evaluates a condition tree (conditionExpr.ts) the way Python's `eval` would, for the values
 * buildout's `_default_globals` provides and a few pure builtins and `str` methods. Nothing is
 * ever executed: every module attribute and function here is a fixed fact or a pure function
 * of its arguments. Whatever is not modelled throws `Unsupported` (the section is kept and the
 * condition reported); a name Python would not find throws `PyError` (buildout stops with
 * NameError), because that failure does not depend on anything we cannot see.
 */
import { Unsupported, type Node } from './conditionExpr';
import { pyLstrip, pyRstrip, pySplit, pyStrip } from './pyText';

/** A Python value: str, int/float, bool, None, tuple/list, or a module/namespace/function. */
export type Value = string | number | boolean | null | Seq | Obj;
export interface Seq { kind: 'tuple' | 'list'; items: Value[]; attrs?: Record<string, Value> }
export type Obj =
  | { kind: 'module'; name: string; attrs: Record<string, Value> }
  | { kind: 'fn'; name: string; call: (args: Value[]) => Value };

/** An exception buildout's `eval` raises whatever the platform: `NameError: name 'x' is not defined`. */
export class PyError extends Error {
  constructor(readonly pyType: string, message: string) { super(message); }
}

export const tuple = (items: Value[], attrs?: Record<string, Value>): Seq => ({ kind: 'tuple', items, ...(attrs ? { attrs } : {}) });
export const fn = (name: string, call: (args: Value[]) => Value): Obj => ({ kind: 'fn', name, call });

function isSeq(v: Value | undefined): v is Seq { return typeof v === 'object' && v !== null && (v.kind === 'tuple' || v.kind === 'list'); }
function isNum(v: Value): v is number | boolean { return typeof v === 'number' || typeof v === 'boolean'; }

export function truthy(v: Value): boolean {
  if (isSeq(v)) return v.items.length > 0;
  if (typeof v === 'object' && v !== null) return true;
  return !!v;
}

/**
 * Every name of Python 3.11's `builtins`: found by `eval`, so never a NameError. Only the pure
 * ones in BUILTINS are evaluated; `open`, `__import__`, `eval` … stay unsupported.
 */
const PY_BUILTIN_NAMES = new Set((
  'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError '
  + 'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError '
  + 'ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup '
  + 'FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning '
  + 'IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError '
  + 'ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError '
  + 'PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning '
  + 'RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit '
  + 'TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError '
  + 'UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii '
  + 'bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir '
  + 'divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int '
  + 'isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print '
  + 'property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip'
).split(' '));

function pyLen(v: Value): number {
  if (typeof v === 'string') return [...v].length;
  if (isSeq(v)) return v.items.length;
  throw new Unsupported('len() of this value');
}

function toInt(v: Value): number {
  if (isNum(v)) return Math.trunc(Number(v));
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return parseInt(v, 10);
  throw new Unsupported('int() of this value');
}

function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  throw new Unsupported('str() of this value'); // int/float text (1 vs 1.0) is not tracked
}

function items(v: Value, what: string): Value[] {
  if (isSeq(v)) return v.items;
  if (typeof v === 'string') return [...v];
  throw new Unsupported(`${what} of this value`);
}

/** The pure builtins we evaluate (one or two positional arguments, no keywords). */
const BUILTINS: Record<string, (args: Value[]) => Value> = {
  len: (a) => pyLen(one(a)),
  bool: (a) => (a.length ? truthy(one(a)) : false),
  int: (a) => (a.length ? toInt(one(a)) : 0),
  str: (a) => (a.length ? toStr(one(a)) : ''),
  abs: (a) => { const v = one(a); if (!isNum(v)) throw new Unsupported('abs()'); return Math.abs(Number(v)); },
  any: (a) => items(one(a), 'any()').some(truthy),
  all: (a) => items(one(a), 'all()').every(truthy),
  min: (a) => extreme(a, -1),
  max: (a) => extreme(a, 1),
  tuple: (a) => tuple(a.length ? items(one(a), 'tuple()') : []),
  list: (a) => ({ kind: 'list', items: a.length ? items(one(a), 'list()') : [] }),
};

function one(args: Value[]): Value {
  if (args.length !== 1) throw new Unsupported('number of arguments');
  return args[0];
}

function extreme(args: Value[], sign: number): Value {
  const vals = args.length === 1 ? items(args[0], 'min()/max()') : args;
  if (!vals.length) throw new Unsupported('min()/max() of nothing');
  return vals.reduce((best, v) => (compare(v, best) * sign > 0 ? v : best));
}

function strArg(v: Value | undefined, what: string): string {
  if (typeof v !== 'string') throw new Unsupported(`${what} with a non-string argument`);
  return v;
}

function prefixes(v: Value | undefined, what: string): string[] {
  if (isSeq(v) && v.kind === 'tuple') return v.items.map((x) => strArg(x, what));
  return [strArg(v, what)];
}

function charsStrip(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && chars.includes(s[a])) a++;
  while (right && b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** `str` methods without side effects, as bound functions. */
function strMethod(s: string, name: string): Obj | undefined {
  const m = (call: (a: Value[]) => Value) => fn(`str.${name}`, call);
  const noArgs = (f: () => Value) => m((a) => { if (a.length) throw new Unsupported(`str.${name}() arguments`); return f(); });
  const strip = (left: boolean, right: boolean, plain: (x: string) => string) => m((a) => {
    if (a.length > 1) throw new Unsupported(`str.${name}() arguments`);
    if (!a.length || a[0] === null) return plain(s);
    return charsStrip(s, strArg(a[0], name), left, right);
  });
  switch (name) {
    case 'startswith': return m((a) => { if (a.length !== 1) throw new Unsupported('startswith() with start/end'); return prefixes(a[0], name).some((p) => s.startsWith(p)); });
    case 'endswith': return m((a) => { if (a.length !== 1) throw new Unsupported('endswith() with start/end'); return prefixes(a[0], name).some((p) => s.endsWith(p)); });
    case 'lower': return noArgs(() => s.toLowerCase());
    case 'upper': return noArgs(() => s.toUpperCase());
    case 'strip': return strip(true, true, pyStrip);
    case 'lstrip': return strip(true, false, pyLstrip);
    case 'rstrip': return strip(false, true, pyRstrip);
    case 'split': return m((a) => {
      if (a.length === 0 || (a.length === 1 && a[0] === null)) return { kind: 'list', items: pySplit(s) };
      if (a.length !== 1) throw new Unsupported('split() with maxsplit');
      const sep = strArg(a[0], name);
      if (!sep) throw new Unsupported('split() with an empty separator');
      return { kind: 'list', items: s.split(sep) };
    });
    case 'replace': return m((a) => { if (a.length !== 2) throw new Unsupported('replace() arguments'); return s.split(strArg(a[0], name)).join(strArg(a[1], name)); });
    case 'find': return m((a) => { if (a.length !== 1) throw new Unsupported('find() with start/end'); const i = s.indexOf(strArg(a[0], name)); return i < 0 ? -1 : [...s.slice(0, i)].length; });
    case 'count': return m((a) => { if (a.length !== 1) throw new Unsupported('count() with start/end'); const sub = strArg(a[0], name); return sub ? s.split(sub).length - 1 : [...s].length + 1; });
    case 'join': return m((a) => items(one(a), 'join()').map((x) => strArg(x, name)).join(s));
    case 'isdigit': return noArgs(() => /^[0-9]+$/.test(s));
    default: return undefined;
  }
}

export function equal(a: Value, b: Value): boolean {
  if (isNum(a) && isNum(b)) return Number(a) === Number(b);
  if (isSeq(a) && isSeq(b)) return a.kind === b.kind && a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]));
  return a === b; // str, None, modules and functions (identity); different types are unequal
}

/** Python 3 ordering; mixing types is a TypeError there, which we do not reproduce. */
export function compare(a: Value, b: Value): number {
  if (isNum(a) && isNum(b)) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isSeq(a) && isSeq(b) && a.kind === b.kind) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
      if (!equal(a.items[i], b.items[i])) return compare(a.items[i], b.items[i]);
    }
    return a.items.length - b.items.length;
  }
  throw new Unsupported('ordering of different types');
}

function contains(container: Value, item: Value): boolean {
  if (typeof container === 'string') return container.includes(strArg(item, "'in'"));
  if (isSeq(container)) return container.items.some((x) => equal(item, x));
  throw new Unsupported("'in' on this value");
}

export function comparePython(a: Value, op: string, b: Value): boolean {
  switch (op) {
    case '==': return equal(a, b);
    case '!=': return !equal(a, b);
    case 'in': return contains(b, a);
    case 'not in': return !contains(b, a);
    case 'is': case 'is not': {
      // Only singletons have an identity we know (`x is None`).
      const single = (v: Value) => v === null || typeof v === 'boolean';
      if (!single(a) && !single(b)) throw new Unsupported(`'${op}'`);
      return (a === b) === (op === 'is');
    }
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
    default: throw new Unsupported(`'${op}' is not Python`);
  }
}

function arithmetic(op: string, a: Value, b: Value): Value {
  if (isNum(a) && isNum(b)) {
    const x = Number(a);
    const y = Number(b);
    if ((op === '/' || op === '//' || op === '%') && y === 0) throw new Unsupported('division by zero');
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': return x / y;
      case '//': return Math.floor(x / y);
      case '%': return ((x % y) + y) % y;
      case '**': return x ** y;
    }
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && isSeq(a) && isSeq(b) && a.kind === b.kind) return { kind: a.kind, items: [...a.items, ...b.items] };
  if (op === '*' && typeof a === 'string' && typeof b === 'number' && Number.isInteger(b)) return a.repeat(Math.max(0, b));
  throw new Unsupported(`'${op}' on these values`);
}

function attribute(obj: Value, name: string): Value {
  if (typeof obj === 'string') {
    const m = strMethod(obj, name);
    if (m) return m;
  } else if (isSeq(obj) && obj.attrs && name in obj.attrs) return obj.attrs[name];
  else if (typeof obj === 'object' && obj !== null && obj.kind === 'module' && Object.hasOwn(obj.attrs, name)) return obj.attrs[name];
  throw new Unsupported(`attribute '${name}' is not evaluated`);
}

function subscript(obj: Value, index: Value): Value {
  if (typeof index !== 'number' && typeof index !== 'boolean') throw new Unsupported('subscript');
  const list = typeof obj === 'string' ? [...obj] : isSeq(obj) ? obj.items : undefined;
  if (!list || !Number.isInteger(Number(index))) throw new Unsupported('subscript');
  const i = Number(index) < 0 ? list.length + Number(index) : Number(index);
  if (i < 0 || i >= list.length) throw new Unsupported('index out of range');
  return list[i];
}

function slice(obj: Value, lo: Value | undefined, hi: Value | undefined): Value {
  const bound = (v: Value | undefined, n: number, dflt: number) => {
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Unsupported('slice');
    return v < 0 ? Math.max(0, n + v) : Math.min(v, n);
  };
  if (typeof obj === 'string') { const cs = [...obj]; return cs.slice(bound(lo, cs.length, 0), bound(hi, cs.length, cs.length)).join(''); }
  if (isSeq(obj)) return { kind: obj.kind, items: obj.items.slice(bound(lo, obj.items.length, 0), bound(hi, obj.items.length, obj.items.length)) };
  throw new Unsupported('slice');
}

export interface Scope {
  /** buildout's globals (`sys`, `python3`, `linux` …); `undefined`: not defined. */
  lookup(name: string): Value | undefined;
  /** Comparison used (PEP 508 markers compare versions, Python compares values). */
  compare(a: Value, op: string, b: Value): boolean;
}

/** Evaluate `node` with Python's order and short-circuits (an unevaluated branch cannot fail). */
export function evaluate(node: Node, scope: Scope): Value {
  const ev = (n: Node): Value => evaluate(n, scope);
  switch (node.k) {
    case 'const': return node.v;
    case 'name': {
      const v = scope.lookup(node.id);
      if (v !== undefined) return v;
      if (node.id in BUILTINS) return fn(node.id, BUILTINS[node.id]);
      if (PY_BUILTIN_NAMES.has(node.id) || node.id.startsWith('__')) throw new Unsupported(`${node.id} is not evaluated`);
      throw new PyError('NameError', `name '${node.id}' is not defined`);
    }
    case 'attr': return attribute(ev(node.obj), node.name);
    case 'call': {
      const f = ev(node.fn);
      const args = node.args.map(ev);
      if (typeof f !== 'object' || f === null || f.kind !== 'fn') throw new Unsupported('call of this value');
      return f.call(args);
    }
    case 'index': { const o = ev(node.obj); return subscript(o, ev(node.index)); }
    case 'slice': {
      const o = ev(node.obj);
      const lo = node.lo && ev(node.lo);
      return slice(o, lo, node.hi && ev(node.hi));
    }
    case 'seq': return { kind: node.kind, items: node.items.map(ev) };
    case 'not': return !truthy(ev(node.e));
    case 'neg': { const v = ev(node.e); if (!isNum(v)) throw new Unsupported('unary minus'); return -Number(v); }
    case 'bool': {
      const left = ev(node.left);
      if (node.op === 'and') return truthy(left) ? ev(node.right) : left;
      return truthy(left) ? left : ev(node.right);
    }
    case 'cmp': {
      let left = ev(node.first);
      for (const [op, rightNode] of node.rest) {
        const right = ev(rightNode);
        if (!scope.compare(left, op, right)) return false; // a chain stops at the first false link
        left = right;
      }
      return true;
    }
    case 'bin': { const a = ev(node.left); return arithmetic(node.op, a, ev(node.right)); }
    case 'ifelse': return truthy(ev(node.cond)) ? ev(node.then) : ev(node.other);
    case 'first': { const vals = node.items.map(ev); return vals[0]; }
  }
}
