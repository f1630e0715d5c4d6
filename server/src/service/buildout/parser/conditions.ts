/**
 * Safe evaluation of section conditions `[name: expression]`.
 *
 * buildout 2.13 `eval`s the expression as Python with a few globals; ≥ 3.0 first tries it as a
 * PEP 508 marker. We never run code: a small parser accepts the common forms (names such as
 * `python3`/`linux`/`bits64`, `sys.platform == "linux"`, `platform.system()`, `os.name`,
 * `sys.version_info`, literals, comparisons, `in`, `and`/`or`/`not`, parentheses, tuples, and
 * markers such as `python_version >= "3.8"`). Anything else is reported as not evaluated.
 */
import type { ConditionResult, MergeMode, PlatformFacts } from '../model';

export const DEFAULT_PLATFORM: PlatformFacts = {
  sysPlatform: 'linux',
  osName: 'posix',
  platformSystem: 'Linux',
  platformMachine: 'x86_64',
  pythonVersion: '3.11.2',
  implementation: 'cpython',
  bits: 64,
  byteOrder: 'little',
  executable: '/usr/bin/python3',
};

export interface ConditionOutcome {
  result: ConditionResult;
  message?: string;
}

type Value = string | number | boolean | null | Value[];

class Unsupported extends Error {}

interface Tok { t: 'name' | 'str' | 'num' | 'op' | 'end'; v: string }

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?)|(===|==|!=|~=|<=|>=|<|>|\(|\)|\[|\]|,))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Unsupported(`cannot read '${src.slice(i).trim().slice(0, 20)}'`);
    if (m[1] !== undefined) toks.push({ t: 'name', v: m[1] });
    else if (m[2] !== undefined) toks.push({ t: 'str', v: unquote(m[2]) });
    else if (m[3] !== undefined) toks.push({ t: 'num', v: m[3] });
    else toks.push({ t: 'op', v: m[4] });
    i = re.lastIndex;
  }
  toks.push({ t: 'end', v: '' });
  return toks;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[c] ?? '\\' + c);
}

const MARKER_VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release',
  'platform_system', 'platform_version', 'platform_machine', 'platform_python_implementation',
  'implementation_name', 'implementation_version', 'extra',
]);

function pythonGlobals(mode: MergeMode, p: PlatformFacts): Map<string, Value> {
  const [maj, min] = p.pythonVersion.split('.');
  const g = new Map<string, Value>();
  g.set('python2', maj === '2');
  g.set('python3', maj === '3');
  const minors = ['24', '25', '26', '27', '30', '31', '32', '33', '34', '35', '36'];
  if (mode === '3.1') for (let v = 7; v <= 15; v++) minors.push('3' + v);
  for (const v of minors) g.set('python' + v, maj + min === v);
  for (const impl of ['cpython', 'pypy', 'jython', 'ironpython']) g.set(impl, p.implementation === impl);
  const plat = p.sysPlatform.toLowerCase();
  g.set('linux', plat.includes('linux'));
  g.set('windows', plat.includes('win32'));
  g.set('cygwin', plat.includes('cygwin'));
  g.set('solaris', plat.includes('sunos'));
  g.set('macosx', plat.includes('darwin'));
  g.set('posix', p.osName.toLowerCase().includes('posix'));
  g.set('bits32', p.bits === 32);
  g.set('bits64', p.bits === 64);
  g.set('little_endian', p.byteOrder === 'little');
  g.set('big_endian', p.byteOrder === 'big');
  g.set('sys.platform', p.sysPlatform);
  g.set('sys.byteorder', p.byteOrder);
  g.set('os.name', p.osName);
  g.set('sys.version_info', p.pythonVersion.split('.').map(Number));
  g.set('True', true);
  g.set('False', false);
  g.set('None', null);
  return g;
}

const CALLS: Record<string, (p: PlatformFacts) => Value> = {
  'platform.system': (p) => p.platformSystem,
  'platform.machine': (p) => p.platformMachine,
  'platform.python_version': (p) => p.pythonVersion,
  'platform.python_implementation': (p) => implName(p),
};

function implName(p: PlatformFacts): string {
  return { cpython: 'CPython', pypy: 'PyPy', jython: 'Jython', ironpython: 'IronPython' }[p.implementation];
}

function markerEnv(p: PlatformFacts): Record<string, string> {
  const [maj, min] = p.pythonVersion.split('.');
  return {
    python_version: `${maj}.${min}`,
    python_full_version: p.pythonVersion,
    os_name: p.osName,
    sys_platform: p.sysPlatform,
    platform_system: p.platformSystem,
    platform_machine: p.platformMachine,
    platform_python_implementation: implName(p),
    implementation_name: p.implementation,
    implementation_version: p.pythonVersion,
    extra: '',
  };
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

class Evaluator {
  private i = 0;
  constructor(private toks: Tok[], private lookup: (name: string, call: boolean) => Value, private markers: boolean) {}

  run(): Value {
    const v = this.orExpr();
    if (this.peek().t !== 'end') throw new Unsupported(`unexpected '${this.peek().v}'`);
    return v;
  }
  private peek(): Tok { return this.toks[this.i]; }
  private isWord(w: string): boolean { const t = this.peek(); return t.t === 'name' && t.v === w; }
  private isOp(o: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === o; }

  private orExpr(): Value {
    let v = this.andExpr();
    while (this.isWord('or')) { this.i++; const r = this.andExpr(); v = truthy(v) ? v : r; }
    return v;
  }
  private andExpr(): Value {
    let v = this.notExpr();
    while (this.isWord('and')) { this.i++; const r = this.notExpr(); v = truthy(v) ? r : v; }
    return v;
  }
  private notExpr(): Value {
    if (this.isWord('not')) { this.i++; return !truthy(this.notExpr()); }
    return this.comparison();
  }
  private comparison(): Value {
    let left = this.primary();
    let result: Value = left;
    let first = true;
    for (;;) {
      let op: string | undefined;
      const t = this.peek();
      if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>=', '~=', '==='].includes(t.v)) { op = t.v; this.i++; }
      else if (this.isWord('in')) { op = 'in'; this.i++; }
      else if (this.isWord('not') && this.toks[this.i + 1]?.t === 'name' && this.toks[this.i + 1].v === 'in') { op = 'not in'; this.i += 2; }
      if (!op) return result;
      const right = this.primary();
      const r = this.markers ? compareMarker(left, op, right) : comparePython(left, op, right);
      result = first ? r : truthy(result) && r;
      first = false;
      left = right;
    }
  }
  private primary(): Value {
    const t = this.peek();
    if (t.t === 'str') { this.i++; return t.v; }
    if (t.t === 'num') { if (this.markers) throw new Unsupported('number'); this.i++; return Number(t.v); }
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const items: Value[] = [this.orExpr()];
      let tuple = false;
      while (this.isOp(',')) { this.i++; tuple = true; if (this.isOp(')')) break; items.push(this.orExpr()); }
      if (!this.isOp(')')) throw new Unsupported('missing )');
      this.i++;
      return tuple ? items : items[0];
    }
    if (t.t === 'name' && !['and', 'or', 'not', 'in'].includes(t.v)) {
      this.i++;
      let call = false;
      if (this.isOp('(')) {
        if (this.toks[this.i + 1]?.v !== ')') throw new Unsupported('call with arguments');
        this.i += 2;
        call = true;
      }
      let v = this.lookup(t.v, call);
      while (this.isOp('[')) {
        this.i++;
        const idx = this.peek();
        if (idx.t !== 'num' || !Array.isArray(v)) throw new Unsupported('subscript');
        this.i++;
        if (!this.isOp(']')) throw new Unsupported('subscript');
        this.i++;
        v = v[Number(idx.v)] ?? null;
      }
      return v;
    }
    throw new Unsupported(`unexpected '${t.v}'`);
  }
}

function comparePython(a: Value, op: string, b: Value): boolean {
  switch (op) {
    case '==': return pyEq(a, b);
    case '!=': return !pyEq(a, b);
    case 'in': return pyIn(a, b);
    case 'not in': return !pyIn(a, b);
    case '<': case '<=': case '>': case '>=': {
      const c = pyCmp(a, b);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    default: throw new Unsupported(op);
  }
}

function pyEq(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b) && typeof a !== 'string' && typeof b !== 'string';
  return a === b;
}

function pyIn(a: Value, b: Value): boolean {
  if (typeof b === 'string') { if (typeof a !== 'string') throw new Unsupported('in'); return b.includes(a); }
  if (Array.isArray(b)) return b.some((x) => pyEq(a, x));
  throw new Unsupported('in');
}

function pyCmp(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCmp(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new Unsupported('ordering of different types');
}

function versionParts(s: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(s) ? s.split('.').map(Number) : undefined;
}

function compareMarker(a: Value, op: string, b: Value): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') throw new Unsupported('marker operand');
  if (op === 'in') return b.includes(a);
  if (op === 'not in') return !b.includes(a);
  if (op === '===') return a === b;
  const va = versionParts(a);
  const vb = versionParts(b);
  if (va && vb) {
    const n = Math.max(va.length, vb.length);
    let c = 0;
    for (let i = 0; i < n && c === 0; i++) c = (va[i] ?? 0) - (vb[i] ?? 0);
    switch (op) {
      case '==': return c === 0;
      case '!=': return c !== 0;
      case '<': return c < 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      case '>=': return c >= 0;
      case '~=': {
        if (vb.length < 2) throw new Unsupported('~=');
        const prefix = vb.slice(0, -1);
        return c >= 0 && prefix.every((x, i) => (va[i] ?? 0) === x);
      }
    }
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  throw new Unsupported(`'${op}' on non-version strings`);
}

/** Whether the expression is a PEP 508 marker (only marker variables and quoted strings). */
function isMarker(toks: Tok[]): boolean {
  let operands = 0;
  for (const t of toks) {
    if (t.t === 'num') return false;
    if (t.t === 'name' && !['and', 'or', 'not', 'in'].includes(t.v)) {
      if (!MARKER_VARS.has(t.v)) return false;
      operands++;
    }
    if (t.t === 'op' && ['[', ']', ','].includes(t.v)) return false;
    if (t.t === 'str') operands++;
  }
  // `not` alone is not marker syntax except in `not in`.
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].t === 'name' && toks[i].v === 'not' && !(toks[i + 1]?.t === 'name' && toks[i + 1].v === 'in')) return false;
  }
  return operands >= 2;
}

function literalOnBothSides(toks: Tok[]): boolean {
  const isCmp = (t: Tok) => (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>=', '~=', '==='].includes(t.v)) || (t.t === 'name' && t.v === 'in');
  for (let i = 1; i < toks.length - 1; i++) {
    if (!isCmp(toks[i])) continue;
    const left = toks[i - 1].t === 'name' && toks[i - 1].v === 'not' ? toks[i - 2] : toks[i - 1];
    if (left?.t === 'str' && toks[i + 1].t === 'str') return true;
  }
  return false;
}

/**
 * Evaluate a section condition. `expression` is the header text between `:` and `]`
 * (buildout unescapes `\x23` and `\x3b` first, so do we).
 */
export function evaluateCondition(expression: string, mode: MergeMode, platform: PlatformFacts = DEFAULT_PLATFORM): ConditionOutcome {
  const expr = expression.replace(/\\x23/g, '#').replace(/\\x3b/g, ';');
  let toks: Tok[];
  try {
    toks = tokenize(expr);
  } catch (e) {
    return { result: 'unknown', message: `Condition not evaluated (${(e as Error).message}); the section is kept.` };
  }
  if (toks.length === 1) return { result: 'unknown', message: 'Empty condition: buildout would fail to evaluate it; the section is kept.' };
  const marker = isMarker(toks);
  if (marker && mode === '3.1' && literalOnBothSides(toks)) {
    // packaging looks the right-hand literal up as a variable and raises.
    return { result: 'unknown', message: 'A marker comparing two literals fails in zc.buildout ≥ 3 ("does not exist in evaluation environment"); the section is kept.' };
  }
  const markerVars = toks.some((t) => t.t === 'name' && MARKER_VARS.has(t.v));
  if (marker && mode === '2.13' && markerVars) {
    return { result: 'unknown', message: 'PEP 508 markers need zc.buildout ≥ 3.0 (2.13 raises NameError); the section is kept.' };
  }
  const globals = pythonGlobals(mode, platform);
  const env = markerEnv(platform);
  const lookup = (name: string, call: boolean): Value => {
    if (marker && mode === '3.1') return env[name];
    if (call) {
      const f = CALLS[name];
      if (!f) throw new Unsupported(`${name}() is not evaluated`);
      return f(platform);
    }
    if (!globals.has(name)) throw new Unsupported(`unknown name '${name}'`);
    return globals.get(name)!;
  };
  try {
    const v = new Evaluator(toks, lookup, marker && mode === '3.1').run();
    return { result: truthy(v) };
  } catch (e) {
    if (e instanceof Unsupported) return { result: 'unknown', message: `Condition not evaluated (${e.message}); the section is kept.` };
    throw e;
  }
}
