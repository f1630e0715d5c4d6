import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-types';

/**
 * Lazy completion documentation (`completionItem/resolve`). A list of 460 backend names with
 * a definition snippet each, or 300 keywords with their markdown, costs more to serialise and
 * send than to compute; the editor only shows the documentation of the focused item. Items are
 * built with a describer attached (a symbol property: never serialised, but kept by `{...item}`
 * copies); the service registers the final list, replacing the describers by a small `data`
 * key, and answers `completionItem/resolve` from that registry.
 */

export interface ItemDocs {
  detail?: string;
  documentation?: MarkupContent;
}

const DESCRIBE = Symbol('describeCompletionItem');

type Describable = CompletionItem & { [DESCRIBE]?: () => ItemDocs };

/** Attaches the computation of `detail`/`documentation`; returns the same item. */
export function withLazyDocs<T extends CompletionItem>(item: T, describe: () => ItemDocs): T {
  (item as Describable)[DESCRIBE] = describe;
  return item;
}

/** In-process resolve of an item that still carries its describer (feature-level tests, the CLI). */
export function resolveCompletion(item: CompletionItem): CompletionItem {
  const describe = (item as Describable)[DESCRIBE];
  return describe ? { ...item, ...describe() } : item;
}

/** The `data` of a light item: which registered list, which item of it. */
interface ResolveKey { rl: number; ri: number }

function keyOf(data: unknown): ResolveKey | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { rl, ri } = data as Partial<ResolveKey>;
  return typeof rl === 'number' && typeof ri === 'number' ? { rl, ri } : undefined;
}

/**
 * Describers of the last few lists sent. The editor resolves items of the list it shows, which
 * is the latest or (while a re-query of an incomplete list is in flight) the one before.
 */
export class CompletionResolver {
  private readonly lists = new Map<number, Array<() => ItemDocs>>();
  private nextId = 1;

  constructor(private readonly keep = 4) {}

  /** Gives every describable item of the list a `data` key; the list's items are changed in place. */
  register(list: CompletionList): CompletionList {
    const describers: Array<() => ItemDocs> = [];
    const id = this.nextId++;
    for (const item of list.items) {
      const describe = (item as Describable)[DESCRIBE];
      if (!describe || item.data !== undefined) continue;
      item.data = { rl: id, ri: describers.length } satisfies ResolveKey;
      describers.push(describe);
    }
    if (describers.length === 0) return list;
    this.lists.set(id, describers);
    for (const old of this.lists.keys()) {
      if (this.lists.size <= this.keep) break;
      this.lists.delete(old);
    }
    return list;
  }

  /** The item with its documentation and detail; unchanged when its list is no longer kept. */
  resolve(item: CompletionItem): CompletionItem {
    const key = keyOf(item.data);
    const describe = key ? this.lists.get(key.rl)?.[key.ri] : undefined;
    if (!describe) return resolveCompletion(item);
    return { ...item, ...describe() };
  }
}
