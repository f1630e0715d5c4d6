import type { CompletionItem } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../../context';
import type { KeywordEntry, SectionKind } from '../../knowledge/types';
import type { CompletionCursor } from './cursor';
import { entryItem, groupItem } from './items';

/**
 * Completion of the keyword words at the start of a statement, including multi-word keywords:
 * `opt|` → `option` (a group), `option ht|` → `httpchk`, `httplog` …, `no option |` → only
 * negatable options. Returns undefined when the words typed so far already form a complete
 * keyword (then the caller completes its arguments).
 */
export function keywordItems(
  ctx: HaproxyContext, cur: CompletionCursor, section: SectionKind, sort: number, anonymousDefaults = false,
): CompletionItem[] | undefined {
  const words = cur.lower;
  const negated = words[0] === 'no' || words[0] === 'default';
  const typed = negated ? words.slice(1) : words;
  const n = typed.length;
  const full = new Map<string, KeywordEntry>();
  const groups = new Map<string, number>();
  for (const entry of keywordsIn(ctx, section)) {
    if (negated && !entry.negatable) continue;
    // HAProxy refuses these in a `defaults` section without a name ("not allowed in anonymous 'defaults' section").
    if (anonymousDefaults && entry.namedDefaultsOnly) continue;
    const parts = entry.name.split(' ');
    if (parts.length <= n) continue;
    let match = true;
    for (let i = 0; i < n; i++) if (parts[i] !== typed[i]) { match = false; break; }
    if (!match) continue;
    const word = parts[n];
    if (parts.length === n + 1) full.set(word, entry);
    else groups.set(word, (groups.get(word) ?? 0) + 1);
  }
  if (full.size === 0 && groups.size === 0) {
    if (n === 0 && !negated) return [];
    return undefined;
  }
  const items: CompletionItem[] = [];
  for (const [word, entry] of full) {
    // A keyword that also starts longer ones (`http-check` / `http-check expect`) keeps the list open.
    const opensMore = groups.has(word) || !!entry.ruleSet || NAME_ARGUMENT.has(entry.name);
    items.push(entryItem(ctx.kb, entry, cur.range, { label: word, insert: opensMore ? word + ' ' : word, sort, retrigger: opensMore }));
  }
  for (const [word, count] of groups) {
    if (!full.has(word)) items.push(groupItem(word, count, cur.range, sort));
  }
  const negatable = n === 0 && !negated ? countNegatable(ctx, section) : 0;
  if (negatable > 0) items.push(groupItem('no', negatable, cur.range, sort + 3));
  return items;
}

/** Keywords whose next word is a name picked from a list: insert a space and re-open the list. */
const NAME_ARGUMENT: ReadonlySet<string> = new Set(['stats scope', 'use_backend', 'default_backend']);

const keywordCache = new WeakMap<object, Map<string, readonly KeywordEntry[]>>();

/** Keywords of a section that exist in the target version (removed ones are never offered). */
export function keywordsIn(ctx: HaproxyContext, section: SectionKind): readonly KeywordEntry[] {
  let perKb = keywordCache.get(ctx.kb);
  if (!perKb) keywordCache.set(ctx.kb, (perKb = new Map()));
  let list = perKb.get(section);
  if (!list) {
    list = ctx.kb.keywordsIn(section).filter((k) => !k.removed);
    perKb.set(section, list);
  }
  return list;
}

function countNegatable(ctx: HaproxyContext, section: SectionKind): number {
  return keywordsIn(ctx, section).filter((k) => k.negatable).length;
}
