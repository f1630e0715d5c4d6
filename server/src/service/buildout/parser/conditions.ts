/**
 * Safe evaluation of section conditions `[name: expression]`.
 *
 * buildout 2.13 `eval`s the expression as Python with `_default_globals()`; ≥ 3.0 first tries it
 * as a PEP 508 marker. We never run code: the expression is parsed (conditionExpr.ts) and
 * evaluated over a model of those globals (conditionEval.ts): the precomputed names
 * (`python3`, `linux`, `bits64` …), `sys.platform`, `sys.version_info`, `os.name`,
 * `platform.system()` …, pure `str` methods (`startswith`, `lower` …), `len()` and a few other
 * pure builtins, arithmetic, comparisons, `and`/`or`/`not`, `x if c else y`; markers such as
 * `python_version >= "3.8"` in 3.1 mode. Anything else is reported as not evaluated; a name
 * Python would not find is buildout's NameError (`error`), which stops loading.
 */
import type { ConditionResult, MergeMode, PlatformFacts } from '../model';
import { Unsupported, parseExpression, tokenize, type Node, type Tok } from './conditionExpr';
import { PyError, comparePython, evaluate, fn, truthy, tuple, type Scope, type Value } from './conditionEval';

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
  /**
   * The exception buildout's evaluation raises whatever the platform (a name Python does not
   * find): buildout stops loading with `str(exception)` as its message. `result` stays
   * `unknown` so editors keep the section.
   */
  error?: { type: string; message: string };
}

const MARKER_VARS = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release',
  'platform_system', 'platform_version', 'platform_machine', 'platform_python_implementation',
  'implementation_name', 'implementation_version', 'extra',
]);

/**
 * buildout's `_default_globals()` for these platform facts: the modules `sys`, `os`,
 * `platform`, `re` (only the attributes below are known) and the precomputed booleans.
 */
function pythonGlobals(mode: MergeMode, p: PlatformFacts): Map<string, Value> {
  const [maj, min, micro] = p.pythonVersion.split('.');
  const g = new Map<string, Value>();
  g.set('python2', maj === '2');
  g.set('python3', maj === '3');
  // 2.13 stops at python36; every 3.x–5.x release lists python37 … python315.
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
  const nums = [maj, min, micro ?? '0'].map(Number);
  const windows = p.osName === 'nt';
  g.set('sys', {
    kind: 'module', name: 'sys', attrs: {
      platform: p.sysPlatform,
      byteorder: p.byteOrder,
      executable: p.executable,
      maxsize: p.bits === 64 ? 2 ** 63 - 1 : 2 ** 31 - 1,
      version_info: tuple([...nums, 'final', 0], { major: nums[0], minor: nums[1], micro: nums[2], releaselevel: 'final', serial: 0 }),
      implementation: { kind: 'module', name: 'sys.implementation', attrs: { name: p.implementation } },
    },
  });
  g.set('os', { kind: 'module', name: 'os', attrs: { name: p.osName, sep: windows ? '\\' : '/', pathsep: windows ? ';' : ':', linesep: windows ? '\r\n' : '\n' } });
  const constant = (name: string, v: Value) => fn(`platform.${name}`, (args) => {
    if (args.length) throw new Unsupported(`platform.${name}() arguments`);
    return v;
  });
  g.set('platform', {
    kind: 'module', name: 'platform', attrs: {
      system: constant('system', p.platformSystem),
      machine: constant('machine', p.platformMachine),
      python_version: constant('python_version', p.pythonVersion),
      python_version_tuple: constant('python_version_tuple', tuple([maj, min, micro ?? '0'])),
      python_implementation: constant('python_implementation', implName(p)),
    },
  });
  g.set('re', { kind: 'module', name: 're', attrs: {} });
  return g;
}

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

const MARKER_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', '~=', '===', '(', ')']);

/**
 * Whether packaging would accept the expression as a PEP 508 marker: only marker variables,
 * quoted strings, comparison operators, parentheses and `and`/`or`/`in`/`not in`.
 */
function isMarker(toks: Tok[]): boolean {
  let operands = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === 'num') return false;
    if (t.t === 'op' && !MARKER_OPS.has(t.v)) return false;
    if (t.t === 'str') operands++;
    if (t.t !== 'name') continue;
    if (t.v === 'not') { if (!(toks[i + 1]?.t === 'name' && toks[i + 1].v === 'in')) return false; continue; }
    if (t.v === 'and' || t.v === 'or' || t.v === 'in') continue;
    if (!MARKER_VARS.has(t.v)) return false;
    operands++;
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
  const notEvaluated = (why: string): ConditionOutcome => ({ result: 'unknown', message: `Condition not evaluated (${why}); the section is kept.` });
  let toks: Tok[];
  let tree: Node;
  try {
    toks = tokenize(expr);
    if (toks.length === 1) return { result: 'unknown', message: 'Empty condition: buildout would fail to evaluate it; the section is kept.' };
    tree = parseExpression(toks);
  } catch (e) {
    if (e instanceof Unsupported) return notEvaluated(e.message);
    throw e;
  }
  const marker = mode === '3.1' && isMarker(toks);
  if (marker && literalOnBothSides(toks)) {
    // packaging looks the right-hand literal up as a variable and raises.
    return { result: 'unknown', message: 'A marker comparing two literals fails in zc.buildout ≥ 3 ("does not exist in evaluation environment"); the section is kept.' };
  }
  const scope: Scope = marker
    ? { lookup: markerLookup(markerEnv(platform)), compare: compareMarker }
    : { lookup: globalsLookup(pythonGlobals(mode, platform)), compare: comparePython };
  try {
    return { result: truthy(evaluate(tree, scope)) };
  } catch (e) {
    if (e instanceof Unsupported) return notEvaluated(e.message);
    if (e instanceof PyError) return raised(e, mode);
    if (e instanceof RangeError) return notEvaluated('expression too long'); // e.g. thousands of chained `and`
    throw e;
  }
}

function markerLookup(env: Record<string, string>): Scope['lookup'] {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

function globalsLookup(globals: Map<string, Value>): Scope['lookup'] {
  return (name) => globals.get(name);
}

/** buildout's `eval` raised: it stops loading the profile with this exception. */
function raised(e: PyError, mode: MergeMode): ConditionOutcome {
  const name = /^name '(.*)' is not defined$/.exec(e.message)?.[1] ?? '';
  let why = '';
  if (/^python3\d+$/.test(name)) why = mode === '2.13' ? ' (zc.buildout 2.13 defines python24 … python36 only; ≥ 3.0 defines up to python315)' : ' (zc.buildout 3 defines python24 … python315)';
  else if (MARKER_VARS.has(name)) why = mode === '2.13' ? ' (PEP 508 markers need zc.buildout ≥ 3.0)' : ' (a marker variable mixed with Python names is evaluated as Python)';
  return {
    result: 'unknown',
    message: `zc.buildout stops loading the profile here: ${e.pyType}: ${e.message}${why}.`,
    error: { type: e.pyType, message: e.message },
  };
}
