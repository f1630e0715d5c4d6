import { CompletionItemKind, CompletionItemTag, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { KnowledgeBase, KnowledgeEntry } from '../../knowledge/types';
import { entryDetail, entryMarkdown } from '../entryDocs';
import type { NameSymbol } from '../nameIndex';
import { withLazyDocs } from './resolve';

/**
 * Builds completion items with a text edit replacing the partially typed word. Detail and
 * documentation are computed on `completionItem/resolve` only (see resolve.ts).
 */

const KIND: Record<KnowledgeEntry['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  section: CompletionItemKind.Module,
  'bind-option': CompletionItemKind.Property,
  'server-option': CompletionItemKind.Property,
  action: CompletionItemKind.Function,
  fetch: CompletionItemKind.Function,
  converter: CompletionItemKind.Operator,
  'predefined-acl': CompletionItemKind.Constant,
  'log-alias': CompletionItemKind.Variable,
};

const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export interface ItemOptions {
  /** Text to insert instead of the label. */
  insert?: string;
  /** Label to show instead of the entry name. */
  label?: string;
  /** Lower sorts first. */
  sort?: number;
  /** Open the suggestion list again after inserting (the next word has its own completions). */
  retrigger?: boolean;
}

/**
 * Detail and documentation depend only on the entry (each knowledge base has its own entry
 * objects), so they are built once and shared by every later request.
 */
const described = new WeakMap<KnowledgeEntry, { detail: string; documentation: { kind: 'markdown'; value: string } }>();

function describe(kb: KnowledgeBase, entry: KnowledgeEntry) {
  let d = described.get(entry);
  if (!d) {
    d = { detail: entryDetail(entry), documentation: { kind: 'markdown', value: entryMarkdown(kb, entry) } };
    described.set(entry, d);
  }
  return d;
}

export function entryItem(kb: KnowledgeBase, entry: KnowledgeEntry, range: Range, opts: ItemOptions = {}): CompletionItem {
  const label = opts.label ?? entry.name;
  const item: CompletionItem = withLazyDocs({
    label,
    kind: KIND[entry.kind],
    textEdit: { range, newText: opts.insert ?? label },
    sortText: sortKey(opts.sort ?? 1, label),
  }, () => describe(kb, entry));
  if (entry.deprecated) {
    item.tags = [CompletionItemTag.Deprecated];
    item.sortText = sortKey((opts.sort ?? 1) + 5, label);
  }
  if (opts.retrigger) item.command = RETRIGGER;
  return item;
}

/** A word that begins a family of multi-word keywords (`option`, `timeout`, `stats` …). */
export function groupItem(word: string, members: number, range: Range, sort = 1): CompletionItem {
  return withLazyDocs({
    label: word,
    kind: CompletionItemKind.Keyword,
    textEdit: { range, newText: word + ' ' },
    sortText: sortKey(sort, word),
    command: RETRIGGER,
  }, () => ({
    detail: `${word} … (${members} keywords)`,
    documentation: { kind: 'markdown', value: `\`${word}\` starts ${members} keywords; type a space to see them.` },
  }));
}

const NAME_KIND: Partial<Record<NameSymbol['kind'], CompletionItemKind>> = {
  server: CompletionItemKind.Field,
  acl: CompletionItemKind.Variable,
};

/**
 * A name defined in the document (backend, ACL, server, userlist …). `documentText` is read
 * lazily: only ACL and server items show their whole definition line, section names show
 * their header, which is known without reading the document.
 */
export function nameItem(def: NameSymbol, range: Range, documentText: () => string, label = def.name): CompletionItem {
  return withLazyDocs({
    label,
    kind: NAME_KIND[def.kind] ?? CompletionItemKind.Class,
    textEdit: { range, newText: label },
    sortText: sortKey(0, label),
  }, () => {
    const shown = def.kind === 'acl' || def.kind === 'server' ? documentText().trim() : `${def.kind} ${def.name}`;
    return {
      detail: `${def.kind} defined on line ${def.range.start.line + 1}`,
      documentation: { kind: 'markdown', value: '```haproxy\n' + shown + '\n```' },
    };
  });
}

/** A plain value (enum member, match method, `if`/`unless`). */
export function valueItem(value: string, range: Range, detail: string, sort = 1, doc?: string): CompletionItem {
  return withLazyDocs({
    label: value,
    kind: CompletionItemKind.EnumMember,
    textEdit: { range, newText: value },
    sortText: sortKey(sort, value),
  }, () => ({ detail, documentation: { kind: 'markdown', value: doc ?? `\`${value}\` — ${detail}` } }));
}

function sortKey(rank: number, label: string): string {
  return `${String(rank).padStart(2, '0')}_${label}`;
}
