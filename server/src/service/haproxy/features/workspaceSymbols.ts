/**
 * Workspace symbols of one HAProxy file (Ctrl+T): its named sections — proxies (`frontend`,
 * `backend`, `listen`, named `defaults`) and the other named sections (`userlist`, `peers`,
 * `resolvers`, `mailers`, `cache`, `ring`, `http-errors`, `program`, …). `global` and an
 * unnamed `defaults` have no name to search for, so they are left out.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { HaproxyDocument } from '../parser/model';

const SECTION_KIND: Record<string, SymbolKind> = {
  defaults: SymbolKind.Namespace,
  frontend: SymbolKind.Interface,
  backend: SymbolKind.Class,
  listen: SymbolKind.Class,
  userlist: SymbolKind.Struct,
  peers: SymbolKind.Struct,
  resolvers: SymbolKind.Struct,
  mailers: SymbolKind.Struct,
  program: SymbolKind.Function,
};

export function namedSectionSymbols(parsed: HaproxyDocument, uri: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of parsed.sections) {
    if (!s.name || s.name.value === '') continue;
    const line = s.header.line;
    out.push({
      name: s.name.value,
      kind: SECTION_KIND[s.kind] ?? SymbolKind.Module,
      // The section keyword, so "backend www" and "frontend www" can be told apart in the list.
      containerName: s.kind,
      location: { uri, range: { start: { line, character: s.name.start }, end: { line, character: s.name.end } } },
    });
  }
  return out;
}
