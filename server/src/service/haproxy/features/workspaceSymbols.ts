/**
 * Workspace symbols of one HAProxy file (Ctrl+T): its named sections — proxies (`frontend`,
 * `backend`, `listen`, named `defaults`) and the other named sections (`userlist`, `peers`,
 * `resolvers`, `mailers`, `cache`, `ring`, `http-errors`, `program`, …), with the outline's
 * symbol kinds. `global` and an unnamed `defaults` have no name to search for, so they are left out.
 */
import type { SymbolInformation } from 'vscode-languageserver-types';
import type { HaproxyDocument } from '../parser/model';
import { sectionSymbolKind } from './symbols';

export function namedSectionSymbols(parsed: HaproxyDocument, uri: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of parsed.sections) {
    if (!s.name || s.name.value === '') continue;
    const line = s.header.line;
    out.push({
      name: s.name.value,
      kind: sectionSymbolKind(s.kind),
      // The section keyword, so "backend www" and "frontend www" can be told apart in the list.
      containerName: s.kind,
      location: { uri, range: { start: { line, character: s.name.start }, end: { line, character: s.name.end } } },
    });
  }
  return out;
}
