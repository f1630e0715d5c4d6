import type { Range } from 'vscode-languageserver-types';
import type { Section, Statement, Token } from '../../parser/model';
import type { NameKind, NameSymbol } from './types';

/** Building name symbols from tokens: ranges, quoting and names that are only known at run time. */

/** Where the collectors put the symbols they find: an array, or a SymbolBuffer. */
export interface SymbolSink {
  push(s: NameSymbol): number;
}

/**
 * A reusable sink: symbols are written from index 0 on and the array's storage is kept between
 * uses (setting an array's length to 0 drops its storage, and pushing grows it again: that was a
 * grown array per section, per defs and refs, on every new text).
 */
export class SymbolBuffer implements SymbolSink {
  readonly items: (NameSymbol | undefined)[] = [];
  n = 0;
  push(s: NameSymbol): number {
    this.items[this.n++] = s;
    return this.n;
  }
  /** The symbols written since `from`, as an array of their exact size. */
  take(from: number): NameSymbol[] {
    return this.items.slice(from, this.n) as NameSymbol[];
  }
  /** Forgets the symbols (no reference kept to them). */
  clear(): void {
    this.items.fill(undefined, 0, this.n);
    this.n = 0;
  }
}

/** Where a symbol is written: its section and 0-based line. */
export type Where = [Section, number];

export function addRef(out: SymbolSink, kind: NameKind, tok: Token | undefined, at: Where, via: string): void {
  if (tok && isStaticName(tok)) out.push(sym(kind, tok, at, via, 'reference'));
}

/**
 * Word `i` of a statement as a name (what `sym(kind, st.tokenAt(i) …)` gives when the word is a
 * static name), without building a Token on a plain line: there the value is the text, and the
 * only dynamic part a value can hold is a run-time `%[…]` (no quote, escape or `$`).
 */
export function wordSym(kind: NameKind, st: Statement, i: number, [section, line]: Where, via: string, role: NameSymbol['role']): NameSymbol | undefined {
  return wordSymIn(kind, st, i, section, line, via, role);
}

/** wordSym without a Where pair to allocate (called for every acl and server line). */
export function wordSymIn(kind: NameKind, st: Statement, i: number, section: Section, line: number, via: string, role: NameSymbol['role']): NameSymbol | undefined {
  if (!st.plain) {
    const tok = st.tokenAt(i);
    return isStaticName(tok) ? sym(kind, tok, [section, line], via, role) : undefined;
  }
  if (i >= st.tokenCount) return undefined;
  // One word cut from the text, not the line's values (a server line has 15 words).
  const start = st.tokenStart(i);
  const end = st.tokenEnd(i);
  const v = st.text.slice(start, end);
  if (v === '' || v.includes('%[')) return undefined;
  return new Sym(kind, v, role, section, via, line, start, end);
}

/** addWordRef without a Where pair to allocate (the name collector reads every rule line). */
export function addWordRefIn(out: SymbolSink, kind: NameKind, st: Statement, i: number, section: Section, via: string): void {
  const s = wordSymIn(kind, st, i, section, st.line, via, 'reference');
  if (s) out.push(s);
}

/** addRef for word `i` of a statement (see wordSym). */
export function addWordRef(out: SymbolSink, kind: NameKind, st: Statement, i: number, at: Where, via: string): void {
  const s = wordSym(kind, st, i, at, via, 'reference');
  if (s) out.push(s);
}

/** A name that is written literally (no run-time `%[…]`, buildout `${…}` or environment variable). */
export function isStaticName(tok: Token | undefined): tok is Token {
  return !!tok && tok.value.length > 0 && !hasDynamicPart(tok);
}

export function hasDynamicPart(tok: Token): boolean {
  return !!tok.buildoutRefs || !!tok.envVars || tok.value.includes('%[') || tok.value.includes('${');
}

/** Column offset between a token's value and its text (0 unquoted, 1 for a fully quoted word), or undefined. */
export function textOffset(tok: Token): number | undefined {
  if (tok.text === tok.value) return 0;
  const q = tok.text[0];
  if ((q === '"' || q === "'") && tok.text === q + tok.value + q) return 1;
  return undefined;
}

/**
 * One name as one object: kind, name, role, where (section, line, columns) and how it was
 * written. A 20,000-line configuration has ≈ 11,000 names; with an LSP Range each (three more
 * objects) building them was most of the name index. `range` is made on demand instead: only
 * the few names a feature shows or a diagnostic reports ever need one.
 */
export class Sym implements NameSymbol {
  declare proxy?: string;
  declare template?: { from: number; to: number };
  constructor(
    readonly kind: NameKind,
    readonly name: string,
    readonly role: NameSymbol['role'],
    readonly section: Section,
    readonly via: string,
    readonly line: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range {
    return { start: { line: this.line, character: this.start }, end: { line: this.line, character: this.end } };
  }
}

export function sym(kind: NameKind, tok: Token, [section, line]: Where, via: string, role: NameSymbol['role']): NameSymbol {
  const off = textOffset(tok);
  // A quoted or escaped name whose text is not simply the value in quotes: the whole word.
  if (off === undefined) return new Sym(kind, tok.value, role, section, via, line, tok.start, tok.end);
  const start = tok.start + off;
  return new Sym(kind, tok.value, role, section, via, line, start, start + tok.value.length);
}

export function subSym(kind: NameKind, name: string, tok: Token, offset: number, [section, line]: Where, via: string, role: NameSymbol['role']): NameSymbol {
  const start = tok.start + offset;
  return new Sym(kind, name, role, section, via, line, start, start + name.length);
}
