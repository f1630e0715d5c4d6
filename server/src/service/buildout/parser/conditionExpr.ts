/**
 * Tokenizer and parser for section-condition expressions: the part of Python's expression
 * grammar that buildout conditions use (names, attributes, calls, subscripts and slices,
 * literals, tuples and lists, arithmetic, comparisons, `not`/`and`/`or`, `x if c else y`).
 * It only builds a tree; `conditionEval.ts` decides what may be evaluated. Anything outside
 * this grammar (lambdas, comprehensions, keyword arguments, f-strings …) is `Unsupported`,
 * which the caller reports as "not evaluated" rather than guessing.
 */

/** Something we do not evaluate (the section is kept and the condition reported). */
export class Unsupported extends Error {}

export interface Tok { t: 'name' | 'str' | 'num' | 'op' | 'end'; v: string }

export type Node =
  | { k: 'const'; v: string | number | boolean | null }
  | { k: 'name'; id: string }
  | { k: 'attr'; obj: Node; name: string }
  | { k: 'call'; fn: Node; args: Node[] }
  | { k: 'index'; obj: Node; index: Node }
  | { k: 'slice'; obj: Node; lo?: Node; hi?: Node }
  | { k: 'seq'; kind: 'tuple' | 'list'; items: Node[] }
  | { k: 'not'; e: Node }
  | { k: 'neg'; e: Node }
  | { k: 'bool'; op: 'and' | 'or'; left: Node; right: Node }
  | { k: 'cmp'; first: Node; rest: Array<[string, Node]> }
  | { k: 'bin'; op: string; left: Node; right: Node }
  | { k: 'ifelse'; cond: Node; then: Node; other: Node }
  /** `a, b` at the top: buildout wraps the expression in `[…][0]`, so every item is evaluated and the first one is the condition. */
  | { k: 'first'; items: Node[] };

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda', 'for']);
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=', '~=', '===']);

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  // Strings first: `r'…'` is a literal, not the name `r`.
  const re = /\s*(?:([rRuU]?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"))|([A-Za-z_][A-Za-z0-9_]*)|(\d[\d_]*(?:\.\d*)?|\.\d+)|(===|\*\*|\/\/|==|!=|~=|<=|>=|<|>|\(|\)|\[|\]|,|\.|\+|-|\*|\/|%|:))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Unsupported(`cannot read '${src.slice(i).trim().slice(0, 20)}'`);
    if (m[1] !== undefined) toks.push({ t: 'str', v: unquote(m[1]) });
    else if (m[2] !== undefined) toks.push({ t: 'name', v: m[2] });
    else if (m[3] !== undefined) toks.push({ t: 'num', v: m[3].replace(/_/g, '') });
    else toks.push({ t: 'op', v: m[4] });
    i = re.lastIndex;
  }
  toks.push({ t: 'end', v: '' });
  return toks;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

/** A Python string literal's value (`r''` raw; `\x..`, `\u....` and the usual escapes). */
function unquote(s: string): string {
  let raw = false;
  if (/^[rRuU]/.test(s)) { raw = s[0] === 'r' || s[0] === 'R'; s = s.slice(1); }
  const body = s.slice(1, -1);
  if (raw || !body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.|\n)/g, (_m, c: string) => {
    if (c.length > 1) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ESCAPES[c] ?? '\\' + c; // Python keeps unknown escapes as written
  });
}

/** Parse the whole expression (`Unsupported` for anything outside the grammar above). */
export function parseExpression(toks: Tok[]): Node {
  return new ExprParser(toks).top();
}

class ExprParser {
  private i = 0;
  constructor(private toks: Tok[]) {}

  top(): Node {
    const items = [this.test()];
    while (this.isOp(',')) {
      this.i++;
      if (this.peek().t === 'end') break;
      items.push(this.test());
    }
    if (this.peek().t !== 'end') throw new Unsupported(`unexpected '${this.peek().v}'`);
    return items.length === 1 ? items[0] : { k: 'first', items };
  }

  private peek(): Tok { return this.toks[this.i]; }
  private isWord(w: string): boolean { const t = this.peek(); return t.t === 'name' && t.v === w; }
  private isOp(o: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === o; }
  private expectOp(o: string): void {
    if (!this.isOp(o)) throw new Unsupported(`expected '${o}'`);
    this.i++;
  }

  /** Nesting of parentheses, `not` and unary signs (Python's own parser stops at 200 parentheses). */
  private depth = 0;
  private nest<T>(f: () => T): T {
    if (++this.depth > 100) throw new Unsupported('expression nested too deeply');
    try { return f(); } finally { this.depth--; }
  }

  private test(): Node {
    return this.nest(() => this.conditional());
  }
  private conditional(): Node {
    if (this.isWord('lambda')) throw new Unsupported('lambda');
    const then = this.orTest();
    if (!this.isWord('if')) return then;
    this.i++;
    const cond = this.orTest();
    if (!this.isWord('else')) throw new Unsupported("'if' without 'else'");
    this.i++;
    return { k: 'ifelse', cond, then, other: this.test() };
  }
  private orTest(): Node {
    let left = this.andTest();
    while (this.isWord('or')) { this.i++; left = { k: 'bool', op: 'or', left, right: this.andTest() }; }
    return left;
  }
  private andTest(): Node {
    let left = this.notTest();
    while (this.isWord('and')) { this.i++; left = { k: 'bool', op: 'and', left, right: this.notTest() }; }
    return left;
  }
  private notTest(): Node {
    if (this.isWord('not')) { this.i++; return { k: 'not', e: this.nest(() => this.notTest()) }; }
    return this.comparison();
  }
  private comparison(): Node {
    const first = this.arith();
    const rest: Array<[string, Node]> = [];
    for (;;) {
      const t = this.peek();
      let op: string | undefined;
      if (t.t === 'op' && COMPARE.has(t.v)) { op = t.v; this.i++; }
      else if (this.isWord('in')) { op = 'in'; this.i++; }
      else if (this.isWord('not') && this.next()?.t === 'name' && this.next()!.v === 'in') { op = 'not in'; this.i += 2; }
      else if (this.isWord('is')) {
        this.i++;
        op = 'is';
        if (this.isWord('not')) { this.i++; op = 'is not'; }
      }
      if (!op) break;
      rest.push([op, this.arith()]);
    }
    return rest.length ? { k: 'cmp', first, rest } : first;
  }
  private next(): Tok | undefined { return this.toks[this.i + 1]; }
  private arith(): Node {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) { const op = this.toks[this.i++].v; left = { k: 'bin', op, left, right: this.term() }; }
    return left;
  }
  private term(): Node {
    let left = this.factor();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = this.toks[this.i++].v;
      left = { k: 'bin', op, left, right: this.factor() };
    }
    return left;
  }
  private factor(): Node {
    if (this.isOp('-')) { this.i++; return { k: 'neg', e: this.nest(() => this.factor()) }; }
    if (this.isOp('+')) { this.i++; return { k: 'bin', op: '+', left: { k: 'const', v: 0 }, right: this.nest(() => this.factor()) }; }
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.i++;
    return { k: 'bin', op: '**', left: base, right: this.nest(() => this.factor()) };
  }
  private primary(): Node {
    let node = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const t = this.peek();
        if (t.t !== 'name' || KEYWORDS.has(t.v)) throw new Unsupported('attribute');
        this.i++;
        node = { k: 'attr', obj: node, name: t.v };
      } else if (this.isOp('(')) {
        this.i++;
        const args: Node[] = [];
        while (!this.isOp(')')) {
          args.push(this.test());
          if (!this.isOp(',')) break;
          this.i++;
        }
        this.expectOp(')');
        node = { k: 'call', fn: node, args };
      } else if (this.isOp('[')) {
        this.i++;
        node = this.subscript(node);
      } else return node;
    }
  }
  private subscript(obj: Node): Node {
    let lo: Node | undefined;
    if (!this.isOp(':')) lo = this.test();
    if (!this.isOp(':')) { this.expectOp(']'); return { k: 'index', obj, index: lo! }; }
    this.i++;
    let hi: Node | undefined;
    if (!this.isOp(']')) hi = this.test();
    if (this.isOp(':')) throw new Unsupported('slice step');
    this.expectOp(']');
    return { k: 'slice', obj, lo, hi };
  }
  private atom(): Node {
    const t = this.peek();
    if (t.t === 'str') {
      let v = '';
      while (this.peek().t === 'str') v += this.toks[this.i++].v; // adjacent literals concatenate
      return { k: 'const', v };
    }
    if (t.t === 'num') {
      this.i++;
      const n = Number(t.v);
      if (!Number.isFinite(n)) throw new Unsupported('number');
      return { k: 'const', v: n };
    }
    if (t.t === 'name' && !KEYWORDS.has(t.v)) {
      this.i++;
      if (t.v === 'True') return { k: 'const', v: true };
      if (t.v === 'False') return { k: 'const', v: false };
      if (t.v === 'None') return { k: 'const', v: null };
      return { k: 'name', id: t.v };
    }
    if (t.t === 'op' && (t.v === '(' || t.v === '[')) {
      const close = t.v === '(' ? ')' : ']';
      this.i++;
      const items: Node[] = [];
      let comma = false;
      while (!this.isOp(close)) {
        items.push(this.test());
        if (this.isWord('for')) throw new Unsupported('comprehension');
        if (!this.isOp(',')) break;
        comma = true;
        this.i++;
      }
      this.expectOp(close);
      if (close === ']') return { k: 'seq', kind: 'list', items };
      if (items.length === 1 && !comma) return items[0];
      return { k: 'seq', kind: 'tuple', items };
    }
    throw new Unsupported(`unexpected '${t.v || 'end of expression'}'`);
  }
}
