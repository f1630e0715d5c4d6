import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import type { SectionKind } from '../knowledge/types';
import type { Section } from '../parser/model';
import { SECTION_KEYWORDS } from '../parser/parser';
import { argumentItems } from './completion/arguments';
import { analyseCursor, insideBuildoutRef, openSampleExpression, subRange, type CompletionCursor } from './completion/cursor';
import { entryItem, valueItem } from './completion/items';
import { keywordItems } from './completion/keywords';
import { definedNameItems } from './completion/names';
import { conditionItems, sampleItems } from './completion/samples';
import { PROXY_KINDS, sectionAtLine } from './locate';

/**
 * HAProxy completion by context. The cursor's line is the only text examined beyond the cached
 * parsed model and name index; every item carries a text edit replacing the word being typed.
 */
export function doComplete(ctx: HaproxyContext, position: { line: number; character: number }): CompletionList {
  const items = withoutDoubleBlank(ctx, position, completionItems(ctx, position));
  if (items.length <= MAX_ITEMS) return { isIncomplete: false, items };
  // Thousands of backend or server names: send the ones matching what is typed, and mark the
  // list incomplete so the editor asks again as the user types more.
  const typed = typedText(ctx, position, items[0]).toLowerCase();
  const matching = items.filter((i) => isSubsequence(typed, (i.filterText ?? i.label).toLowerCase()));
  return { isIncomplete: true, items: matching.slice(0, MAX_ITEMS) };
}

const MAX_ITEMS = 1000;

/**
 * Items insert `word ` (a trailing blank) so the next word can follow; when the replaced word is
 * already followed by a blank (`in|ter 2s`), that blank is dropped from the inserted text.
 */
function withoutDoubleBlank(ctx: HaproxyContext, position: { line: number; character: number }, items: CompletionItem[]): CompletionItem[] {
  const edit = items[0]?.textEdit;
  if (!edit || !('range' in edit)) return items;
  const line = ctx.document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  for (const item of items) {
    const e = item.textEdit;
    if (!e || !('range' in e) || !e.newText.endsWith(' ')) continue;
    const next = line[e.range.end.character];
    if (next === ' ' || next === '\t') item.textEdit = { range: e.range, newText: e.newText.slice(0, -1) };
  }
  return items;
}

/** The text between the start of the first item's edit range and the cursor. */
function typedText(ctx: HaproxyContext, position: { line: number; character: number }, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) return '';
  return ctx.document.getText({ start: edit.range.start, end: position });
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}

function completionItems(ctx: HaproxyContext, position: { line: number; character: number }): CompletionItem[] {
  const cur = analyseCursor(ctx.document, position);
  if (cur.inComment) return [];
  // `${…}`: a buildout substitution in templates (the buildout service completes it) or an
  // environment variable name; neither is HAProxy syntax to complete.
  if (insideBuildoutRef(cur.before)) return [];
  const sampleStart = openSampleExpression(cur.before);
  if (sampleStart !== undefined) return sampleItems(ctx, cur, sampleStart);
  const alias = logAliasStart(cur);
  if (alias !== undefined) {
    const range = subRange(cur, alias);
    return ctx.kb.logAliases().map((a) => entryItem(ctx.kb, a, range, { label: '%' + a.name }));
  }
  if (cur.inQuote) return [];

  let section = sectionAtLine(ctx.parsed, cur.lineNo);
  const onHeader = section?.header.line === cur.lineNo;
  if (onHeader && cur.words.length === 0) section = sectionAtLine(ctx.parsed, cur.lineNo - 1);
  else if (onHeader || (cur.words.length > 0 && SECTION_KEYWORDS.has(cur.lower[0]))) return headerItems(ctx, cur);

  if (cur.words.length === 0) return firstWordItems(ctx, cur, section?.kind as SectionKind | undefined, isAnonymousDefaults(section));
  if (!section) return [];
  const kind = section.kind as SectionKind;

  const cond = conditionStart(cur);
  if (cond !== undefined && PROXY_KINDS.has(kind)) return conditionItems(ctx, cur, cond, section);

  const more = keywordItems(ctx, cur, kind, 1, isAnonymousDefaults(section));
  if (more) return more;
  const match = ctx.kb.matchKeyword(kind, cur.lower);
  if (!match) return [];
  return argumentItems(ctx, cur, match.entry, match.wordCount, section);
}

/** Line start: section headers plus the keywords of the enclosing section. */
function firstWordItems(ctx: HaproxyContext, cur: CompletionCursor, section: SectionKind | undefined, anonymousDefaults: boolean): CompletionItem[] {
  const atColumn0 = cur.range.start.character === 0;
  const items: CompletionItem[] = ctx.kb.sections().map((s) =>
    entryItem(ctx.kb, s, cur.range, { sort: atColumn0 || !section ? 0 : 4, insert: s.nameRequired === 'none' ? s.name : s.name + ' ' }));
  if (section) items.push(...(keywordItems(ctx, cur, section, atColumn0 ? 2 : 1, anonymousDefaults) ?? []));
  return items;
}

function isAnonymousDefaults(section: Section | undefined): boolean {
  return section?.kind === 'defaults' && !section.name;
}

/** After a section keyword: `frontend fe from <defaults>`. */
function headerItems(ctx: HaproxyContext, cur: CompletionCursor): CompletionItem[] {
  if (!PROXY_KINDS.has(cur.lower[0])) return [];
  if (cur.words.length === 2) return [valueItem('from', cur.range, 'inherit settings from a named defaults section')];
  if (cur.words.length === 3 && cur.lower[2] === 'from') {
    return definedNameItems(ctx, 'defaults', cur.range).map((i) => ({ ...i, kind: CompletionItemKind.Class }));
  }
  return [];
}

/** Index of the first word after `if`/`unless` (not for `acl` lines, whose words are patterns). */
function conditionStart(cur: CompletionCursor): number | undefined {
  if (cur.lower[0] === 'acl') return undefined;
  for (let i = 1; i < cur.lower.length; i++) {
    if ((cur.lower[i] === 'if' || cur.lower[i] === 'unless') && !cur.words[i].quoted) return i + 1;
  }
  return undefined;
}

/** `%` followed by letters inside a log-format-like string: returns the column of the `%`. */
function logAliasStart(cur: CompletionCursor): number | undefined {
  const m = /%\{?[^%\s]*$/.exec(cur.prefix);
  if (!m || m[0].startsWith('%[')) return undefined;
  const kw = cur.lower[0] ?? '';
  const formatted = kw.includes('format') || cur.lower.some((w) => /-(header|fmt)$/.test(w) || w === 'set-var-fmt' || w.startsWith('set-var-fmt('));
  if (!formatted) return undefined;
  // Only `%X…` where X is a letter (not `%%`, not a literal percent in a value).
  if (!/^%\{?[A-Za-z]*$/.test(m[0]) && !/^%\{[^}]*\}[A-Za-z]*$/.test(m[0])) return undefined;
  return cur.range.start.character + m.index;
}
