// Shared harness of the grammar tests: tokenizes with the engine VS Code uses (vscode-textmate +
// the oniguruma WASM build), state carried from line to line as in the editor, and answers
// "which scopes cover this fragment" so each test file only lists its cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');

let wasmLoaded: Promise<void> | undefined;
const grammars = new Map<string, Promise<textmate.IGrammar>>();

/** The grammar of `syntaxes/<file>` whose scope name is `scopeName`, loaded once per process. */
function loadGrammar(scopeName: string, file: string): Promise<textmate.IGrammar> {
  let grammar = grammars.get(scopeName);
  if (!grammar) {
    grammar = (async () => {
      wasmLoaded ??= (async () => {
        const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
        await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
      })();
      await wasmLoaded;
      const registry = new textmate.Registry({
        onigLib: Promise.resolve({
          createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
          createOnigString: (s: string) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (name: string) => {
          if (name !== scopeName) return null;
          const path = join(root, 'syntaxes', file);
          return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
        },
      });
      const loaded = await registry.loadGrammar(scopeName);
      if (!loaded) throw new Error(`grammar ${scopeName} not found`);
      return loaded;
    })();
    grammars.set(scopeName, grammar);
  }
  return grammar;
}

export interface Tok { text: string; scopes: string[] }

export interface GrammarHarness {
  /** Tokens of every line of `text`, the rule stack carried over from line to line. */
  tokenize(text: string): Promise<Tok[][]>;
  /**
   * The scopes of the token(s) covering the `occurrence`-th `fragment` on line `lineNo` of `doc`.
   * With `whole`, the fragment must be made of whole tokens, not a slice of a bigger one.
   */
  scopesAt(doc: string, lineNo: number, fragment: string, occurrence?: number, whole?: boolean): Promise<string[]>;
}

export function grammarHarness(scopeName: string, file: string): GrammarHarness {
  const tokenize = async (text: string): Promise<Tok[][]> => {
    const grammar = await loadGrammar(scopeName, file);
    let state = textmate.INITIAL;
    const out: Tok[][] = [];
    for (const line of text.split('\n')) {
      const r = grammar.tokenizeLine(line, state);
      out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
      state = r.ruleStack;
    }
    return out;
  };
  const scopesAt = async (doc: string, lineNo: number, fragment: string, occurrence = 0, whole = true): Promise<string[]> => {
    const lines = await tokenize(doc);
    const line = doc.split('\n')[lineNo];
    let from = -1;
    for (let i = 0; i <= occurrence; i++) from = line.indexOf(fragment, from + 1);
    assert.ok(from >= 0, `fragment ${fragment} not in ${line}`);
    const to = from + fragment.length;
    let pos = 0;
    const scopes = new Set<string>();
    let covered = false;
    for (const t of lines[lineNo]) {
      const end = pos + t.text.length;
      if (end > from && pos < to) {
        covered = true;
        if (whole) assert.ok(pos >= from && end <= to, `token "${t.text}" spans beyond "${fragment}" in ${line}`);
        for (const s of t.scopes) scopes.add(s);
      }
      pos = end;
    }
    assert.ok(covered, `no token covers "${fragment}" in ${line}`);
    return [...scopes];
  };
  return { tokenize, scopesAt };
}

/** `scope` itself or a more specific scope below it (`string.quoted` covers `string.quoted.double.x`). */
export const hasScope = (scopes: string[], scope: string): boolean =>
  scopes.some((s) => s === scope || s.startsWith(scope + '.'));
