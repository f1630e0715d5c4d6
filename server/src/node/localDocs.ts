import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { LocalDocsProvider } from '../service/haproxy/context';

/**
 * Reads the user's own HAProxy `configuration.txt` (Debian installs it gzipped under
 * /usr/share/doc/haproxy/) so hovers can show the manual text of the version installed on the
 * machine. Nothing of that GPL text is shipped with the extension: it is read from the user's
 * disk at run time.
 *
 * The file is loaded and indexed once, on the first lookup. Its layout: chapters are a
 * numbered title line underlined with dashes; a keyword entry is one or more column-0 syntax
 * lines followed by an indented description (prose paragraphs at column 0 are longer and
 * are followed by more prose, which is how they are told apart).
 */

export const DEFAULT_LOCAL_DOC_PATHS = [
  '/usr/share/doc/haproxy/configuration.txt.gz',
  '/usr/share/doc/haproxy/configuration.txt',
];

/** Longest excerpt returned, in lines. */
const MAX_LINES = 60;

interface Entry {
  names: string[];
  chapter: string;
  /** 0-based first line of the entry. */
  start: number;
  /** 0-based line after the entry. */
  end: number;
}

interface Loaded {
  lines: string[];
  version?: string;
  entries: Entry[];
  byName: Map<string, Entry[]>;
}

export class ConfigurationTxtDocs implements LocalDocsProvider {
  private loaded: Loaded | null | undefined;

  constructor(readonly path: string) {}

  get version(): string | undefined {
    return this.load()?.version;
  }

  lookup(name: string, chapter?: string): { text: string; path: string; line: number } | undefined {
    const doc = this.load();
    if (!doc) return undefined;
    const key = name.toLowerCase().trim();
    const inChapter = (e: Entry) => !chapter || e.chapter === chapter || e.chapter.startsWith(chapter + '.');
    let candidates = (doc.byName.get(key) ?? []).filter(inChapter);
    if (candidates.length > 0 && chapter) {
      // Prefer the exact chapter over its sub-chapters (the §4.1 matrix is not an entry).
      const exact = candidates.filter((e) => e.chapter === chapter);
      if (exact.length) candidates = exact;
    }
    if (candidates.length === 0 && chapter) {
      // Actions are documented as "http-request set-header …" in older manuals.
      candidates = doc.entries.filter((e) => inChapter(e) && e.names.some((n) => n.endsWith(' ' + key)));
    }
    if (candidates.length === 0) {
      // The syntax line may name the keyword with its first argument word: `stick-table type
      // {…}`, `http-error status <code>`, `compression algo …`, `option pgsql-check user <u>`.
      candidates = doc.entries.filter((e) => inChapter(e) && e.names.some((n) => n.startsWith(key + ' ')));
    }
    if (candidates.length === 0 && chapter && chapter.includes('.')) {
      // The local manual may be another version whose sub-chapters are numbered differently
      // (actions moved from 4.2 to 4.3 in 3.0): retry within the top-level chapter.
      return this.lookup(name, chapter.slice(0, chapter.indexOf('.')));
    }
    const entry = candidates[0];
    if (!entry) return undefined;
    const end = Math.min(entry.end, entry.start + MAX_LINES);
    const lines = doc.lines.slice(entry.start, end);
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    if (end < entry.end) lines.push('  […]');
    return { text: lines.join('\n'), path: this.path, line: entry.start + 1 };
  }

  private load(): Loaded | null {
    if (this.loaded !== undefined) return this.loaded;
    try {
      const raw = readFileSync(this.path);
      const text = (this.path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      this.loaded = indexConfigurationTxt(text);
    } catch {
      this.loaded = null;
    }
    return this.loaded;
  }
}

/** The first existing local configuration.txt among `paths`, or undefined. */
export function createLocalDocsProvider(paths: readonly string[] = DEFAULT_LOCAL_DOC_PATHS): ConfigurationTxtDocs | undefined {
  const path = paths.find((p) => existsSync(p));
  return path ? new ConfigurationTxtDocs(path) : undefined;
}

const HEADING = /^(\d+(?:\.\d+)*)\.\s+\S/;

export function indexConfigurationTxt(text: string): Loaded {
  const lines = text.split(/\r?\n/);
  const version = /^\s+version (\d+\.\d+)/m.exec(lines.slice(0, 20).join('\n'))?.[1];
  const entries: Entry[] = [];
  let chapter = '';
  const isCol0 = (l: string | undefined) => l !== undefined && l.length > 0 && l[0] !== ' ' && l[0] !== '\t';
  const isIndented = (l: string | undefined) => l !== undefined && /^[ \t]+\S/.test(l);
  let open: Entry | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!isCol0(l)) continue;
    const h = HEADING.exec(l);
    if (h && /^-{3,}/.test(lines[i + 1] ?? '')) {
      if (open) open.end = i;
      open = undefined;
      chapter = h[1];
      i++;
      continue;
    }
    if (!chapter) continue; // table of contents and preface
    // The §4.1 keyword matrix (a `----+----` rule, then `keyword  X  -  X  X` rows) is no entry.
    if (/^-+\+-/.test(l)) {
      while (isCol0(lines[i + 1])) i++;
      if (open) open.end = i;
      open = undefined;
      continue;
    }
    // A block of column-0 lines directly followed by an indented line is an entry.
    let j = i;
    while (isCol0(lines[j + 1])) j++;
    if (open) open.end = i;
    open = undefined;
    // Some manuals put one blank line between the syntax and its description; accept that
    // only for short keyword-like lines, so prose paragraphs are not taken for entries.
    // (`option socket-stats` / `no option socket-stats`, blank, description counts too).
    const short = (k: number) => (entryName(lines[k])?.split(' ').length ?? 9) <= 3;
    const body = isIndented(lines[j + 1]) || (lines[j + 1] === '' && isIndented(lines[j + 2]) && j - i <= 1 && short(i) && short(j));
    if (!body) {
      i = j;
      continue;
    }
    const names = new Set<string>();
    for (let k = i; k <= j; k++) {
      const n = entryName(lines[k]);
      if (n) names.add(n);
    }
    open = { names: [...names], chapter, start: i, end: lines.length };
    entries.push(open);
    i = j;
  }
  const byName = new Map<string, Entry[]>();
  for (const e of entries) {
    for (const n of e.names) {
      const list = byName.get(n);
      if (list) list.push(e);
      else byName.set(n, [e]);
    }
  }
  const loaded: Loaded = { lines, entries, byName };
  if (version) loaded.version = version;
  return loaded;
}

/** The keyword part of a syntax line: `option httpchk <uri>` → `option httpchk`, `req.hdr([<name>]) : string` → `req.hdr`. */
export function entryName(line: string): string | undefined {
  const words: string[] = [];
  for (const w of line.trim().split(/\s+/)) {
    if (/^[<[{(:|*]/.test(w) || /^X$|^-$/.test(w)) break;
    const paren = w.indexOf('(');
    if (paren >= 0) {
      if (paren > 0) words.push(w.slice(0, paren));
      break;
    }
    words.push(w);
  }
  const name = words.join(' ').toLowerCase();
  return name && name.length <= 60 ? name : undefined;
}
