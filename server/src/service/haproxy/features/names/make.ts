import type { Section, Token } from '../../parser/model';
import type { NameKind, NameSymbol } from './types';

/** Building name symbols from tokens: ranges, quoting and names that are only known at run time. */

/** Where a symbol is written: its section and 0-based line. */
export type Where = [Section, number];

export function addRef(out: NameSymbol[], kind: NameKind, tok: Token | undefined, at: Where, via: string): void {
  if (tok && isStaticName(tok)) out.push(sym(kind, tok, at, via, 'reference'));
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

export function sym(kind: NameKind, tok: Token, [section, line]: Where, via: string, role: NameSymbol['role']): NameSymbol {
  const off = textOffset(tok) ?? 0;
    const len = textOffset(tok) === undefined ? tok.end - tok.start : tok.value.length;
  return {
    kind, name: tok.value, role, section, via,
    range: { start: { line, character: tok.start + off }, end: { line, character: tok.start + off + len } },
  };
}

export function subSym(kind: NameKind, name: string, tok: Token, offset: number, [section, line]: Where, via: string, role: NameSymbol['role']): NameSymbol {
    return {
    kind, name, role, section, via,
    range: { start: { line, character: tok.start + offset }, end: { line, character: tok.start + offset + name.length } },
  };
}
