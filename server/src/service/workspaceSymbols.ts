/**
 * Workspace symbols (Ctrl+T, `workspace/symbol`) over both languages: HAProxy named sections
 * of open HAProxy documents and of the HAProxy files the workspace already knows (`.cfg` files
 * of its index, templates of the main profile's graph), and buildout sections of the main
 * profile's extends graph and of open profiles.
 *
 * The editor asks on every keystroke, so nothing here scans the disk: the file list is the
 * buildout workspace's index, the parses are cached (open documents by the facade, other
 * HAProxy files here by their text), and only the matching and ranking run per query.
 */
import type { SymbolInformation } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationCheck } from './common/cancellation';
import type { HaproxyDocument } from './haproxy/parser/model';
import { parseHaproxy } from './haproxy/parser/parser';
import { namedSectionSymbols } from './haproxy/features/workspaceSymbols';
import { fileUri } from './buildout/features/text';

/** At most this many symbols per answer: the editor filters further as the user types. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * How well `name` matches `query` (lower is better), or undefined when it does not: the query's
 * characters in order, case-insensitive, as VS Code's own filter accepts. Exact beats prefix
 * beats substring beats a scattered match, so `be` lists `be`, `be_app` before `web_backend`.
 */
export function matchScore(query: string, name: string): number | undefined {
  if (query === '') return 0;
  const n = name.toLowerCase();
  if (n === query) return 0;
  if (n.startsWith(query)) return 1;
  if (n.includes(query)) return 2;
  let i = 0;
  for (let k = 0; k < n.length && i < query.length; k++) if (n[k] === query[i]) i++;
  return i === query.length ? 3 : undefined;
}

export interface WorkspaceSymbolSources {
  /** Open documents with the language the facade gives them and their parse as HAProxy (the facade's cached one). */
  open: ReadonlyArray<{ document: TextDocument; language: 'haproxy' | 'buildout' | undefined; parse(): HaproxyDocument }>;
  /** Buildout sections of the main graph and of the given open profiles. */
  profileSymbols(openProfiles: string[]): SymbolInformation[];
  /** Files the workspace knows that may be HAProxy configurations (paths). */
  knownFiles(): string[];
  /** A file's text (open documents' text wins), undefined when unreadable. */
  readFile(path: string): string | undefined;
  /** Whether a file is a HAProxy configuration by the extension's language rules. */
  isHaproxy(path: string, text: string): boolean;
  pathOf(uri: string): string;
}

/** Keeps the symbols of HAProxy files that are not open, by path, until their text changes. */
export class WorkspaceSymbolFinder {
  private readonly files = new Map<string, { text: string; symbols: SymbolInformation[] }>();

  private fileSymbols(path: string, text: string): SymbolInformation[] {
    const cached = this.files.get(path);
    if (cached && cached.text === text) return cached.symbols;
    const symbols = namedSectionSymbols(parseHaproxy(text), fileUri(path));
    this.files.set(path, { text, symbols });
    return symbols;
  }

  find(rawQuery: string, sources: WorkspaceSymbolSources, token: CancellationCheck): SymbolInformation[] {
    const query = rawQuery.replace(/\s+/g, '').toLowerCase();
    const candidates: SymbolInformation[] = [];
    const openPaths = new Set<string>();
    const openProfiles: string[] = [];
    for (const { document, language, parse } of sources.open) {
      const path = sources.pathOf(document.uri);
      openPaths.add(path);
      if (language === 'buildout') openProfiles.push(path);
      else if (language === 'haproxy') candidates.push(...namedSectionSymbols(parse(), document.uri));
    }
    if (token.isCancellationRequested) return [];
    candidates.push(...sources.profileSymbols(openProfiles));
    const known = new Set(sources.knownFiles());
    for (const path of known) {
      if (token.isCancellationRequested) return [];
      if (openPaths.has(path)) continue;
      const text = sources.readFile(path);
      if (text === undefined || !sources.isHaproxy(path, text)) continue;
      candidates.push(...this.fileSymbols(path, text));
    }
    // Files that left the index (deleted, renamed) must not keep their parse alive.
    for (const path of this.files.keys()) if (!known.has(path)) this.files.delete(path);
    return rank(query, candidates);
  }
}

function rank(query: string, candidates: SymbolInformation[]): SymbolInformation[] {
  const scored: Array<{ s: SymbolInformation; score: number; order: number }> = [];
  candidates.forEach((s, order) => {
    const score = matchScore(query, s.name);
    if (score !== undefined) scored.push({ s, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.s.name.length - b.s.name.length || a.order - b.order);
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map((x) => x.s);
}
