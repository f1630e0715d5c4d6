import type { CompletionItem, Range } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../../context';
import type { Section } from '../../parser/model';
import { buildNameIndex, type NameKind, type NameSymbol } from '../nameIndex';
import { nameItem } from './items';

/** Completion of names defined in the document (backends, servers, userlists, caches …). */

export function lineText(ctx: HaproxyContext, line: number): string {
  return ctx.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
}

/** Each defined name of a kind once (duplicates collapse to the first definition). */
export function definedNameItems(ctx: HaproxyContext, kind: NameKind, range: Range, exclude?: Section): CompletionItem[] {
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const d of buildNameIndex(ctx.parsed).definitions(kind)) {
    if (seen.has(d.name) || (exclude && d.section === exclude)) continue;
    seen.add(d.name);
    out.push(nameItem(d, range, () => lineText(ctx, d.range.start.line)));
  }
  return out;
}

/**
 * Servers for `track`: `name` for servers of the current proxy, `proxy/name` for the others.
 * `server-template` definitions are offered by prefix.
 */
export function serverItems(ctx: HaproxyContext, range: Range, current: Section | undefined, qualifyOthers: boolean): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const d of buildNameIndex(ctx.parsed).definitions('server')) {
    // The server defined on the cursor's line cannot track itself (haproxy -c: "tracking chain looping back").
    if (d.range.start.line === range.start.line) continue;
    const own = d.section === current;
    if (!own && !qualifyOthers) continue;
    const label = own ? d.name : `${d.section.name?.value ?? ''}/${d.name}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push(nameItem(d, range, () => lineText(ctx, d.range.start.line), label));
  }
  return out;
}

export type { NameSymbol };

/**
 * Stick tables for `table <t>` (track-sc, stick rules): proxies that have a `stick-table` line,
 * and tables of peers sections as `<peers>/<table>`.
 */
export function tableItems(ctx: HaproxyContext, range: Range): CompletionItem[] {
  const idx = buildNameIndex(ctx.parsed);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const kind of ['frontend', 'backend'] as const) {
    for (const d of idx.definitions(kind)) {
      if (seen.has(d.name) || !d.section.body.some((st) => st.tokens[0]?.value === 'stick-table')) continue;
      seen.add(d.name);
      out.push(nameItem(d, range, () => lineText(ctx, d.range.start.line)));
    }
  }
  for (const d of idx.definitions('table')) {
    const label = `${d.section.name?.value ?? ''}/${d.name}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push(nameItem(d, range, () => lineText(ctx, d.range.start.line), label));
  }
  return out;
}
