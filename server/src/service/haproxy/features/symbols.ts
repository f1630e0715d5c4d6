import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import type { Section, Statement } from '../parser/model';
import { PROXY_KINDS } from './locate';

/**
 * The outline: one symbol per section (proxies named "frontend www"), with the statements
 * that give a section its shape as children — ACLs, servers, binds and backend switching
 * rules in proxies; users, peers, nameservers, mailers in the other named sections.
 */
export function documentSymbols(ctx: HaproxyContext): DocumentSymbol[] {
  return ctx.parsed.sections.map(sectionSymbol);
}

const SECTION_SYMBOL: Record<string, SymbolKind> = {
  global: SymbolKind.Module,
  defaults: SymbolKind.Namespace,
  frontend: SymbolKind.Interface,
  backend: SymbolKind.Class,
  listen: SymbolKind.Class,
};

/** The symbol kind of a section (outline and workspace symbols alike). */
export function sectionSymbolKind(kind: string): SymbolKind {
  return SECTION_SYMBOL[kind] ?? SymbolKind.Namespace;
}

/** First words that become outline children, with their symbol kind. */
const CHILDREN: Record<string, SymbolKind> = {
  acl: SymbolKind.Boolean,
  server: SymbolKind.Field,
  'server-template': SymbolKind.Field,
  bind: SymbolKind.Property,
  use_backend: SymbolKind.Event,
  default_backend: SymbolKind.Event,
  user: SymbolKind.Constant,
  group: SymbolKind.Constant,
  peer: SymbolKind.Field,
  nameserver: SymbolKind.Field,
  mailer: SymbolKind.Field,
  errorfile: SymbolKind.File,
};

/** Children whose first argument is their name (`server s1 …` → "s1"); others show the whole rule. */
const NAMED_CHILD = new Set(['acl', 'server', 'server-template', 'user', 'group', 'peer', 'nameserver', 'mailer']);

function sectionSymbol(section: Section): DocumentSymbol {
  const header = section.header;
  const name = section.name ? `${section.kind} ${section.name.value}` : section.kind;
  const selection = section.name ? tokenRange(header, 1) : tokenRange(header, 0);
  const last = lastStatement(section);
  const children: DocumentSymbol[] = [];
  for (const st of section.body) {
    const w0 = st.tokens[0]?.value.toLowerCase() ?? '';
    const kind = CHILDREN[w0];
    if (kind === undefined || st.tokens.length < 2) continue;
    if (!PROXY_KINDS.has(section.kind) && !NAMED_CHILD.has(w0) && w0 !== 'errorfile') continue;
    const named = NAMED_CHILD.has(w0);
    children.push({
      name: named ? st.tokens[1].value : joinValues(st, 1) || w0,
      detail: named ? `${w0} ${joinValues(st, 2)}` : w0,
      kind,
      range: statementRange(st),
      selectionRange: tokenRange(st, named ? 1 : 0),
    });
  }
  const symbol: DocumentSymbol = {
    name,
    detail: section.kind,
    kind: sectionSymbolKind(section.kind),
    range: { start: { line: header.line, character: 0 }, end: statementRange(last).end },
    selectionRange: selection,
    children,
  };
  return symbol;
}

function lastStatement(section: Section): Statement {
  for (let i = section.body.length - 1; i >= 0; i--) {
    if (section.body[i].line <= section.endLine) return section.body[i];
  }
  return section.header;
}

function statementRange(st: Statement): Range {
  const lastTok = st.tokens[st.tokens.length - 1];
  const end = st.comment ? st.comment.start + st.comment.text.length : lastTok ? lastTok.end : st.indent;
  return { start: { line: st.line, character: st.indent }, end: { line: st.line, character: end } };
}

function tokenRange(st: Statement, index: number): Range {
  const t = st.tokens[index] ?? st.tokens[0];
  if (!t) return statementRange(st);
  return { start: { line: st.line, character: t.start }, end: { line: st.line, character: t.end } };
}

/** Token values from `from` on, joined, at most 120 characters (outline labels stay short). */
function joinValues(st: Statement, from: number): string {
  let out = '';
  for (let i = from; i < st.tokens.length && out.length < 120; i++) out += (out ? ' ' : '') + st.tokens[i].value;
  return out.slice(0, 120);
}
