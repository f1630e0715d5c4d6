import type { Hover, Range } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import type { KeywordEntry, KnowledgeEntry, ParamEntry, SectionKind } from '../knowledge/types';
import type { Statement } from '../parser/model';
import { entryMarkdown, removedMarkdown } from './entryDocs';
import { entryInToken } from './hover/inToken';
import { localDocsMarkdown } from './hover/localDocs';
import { nameHover } from './hover/names';
import { lowerWords, statementAtLine, tokenIndexAt } from './locate';
import { buildNameIndex, nameSymbolAt } from './nameIndex';

/**
 * Hover: names defined in the document show their definition; keywords, options, actions,
 * fetches, converters, predefined ACLs and log-format aliases show the knowledge entry for the
 * target version (plus the matching excerpt of the user's local configuration.txt, if any).
 */
export function doHover(ctx: HaproxyContext, position: { line: number; character: number }): Hover | null {
  const hit = statementAtLine(ctx.parsed, position.line);
  if (!hit) return null;
  const { statement, section } = hit;
  if (statement.comment && position.character >= statement.comment.start) return null;

  // Only build (or reuse) the document's name index when the cursor is on a name.
  const sym = nameSymbolAt(ctx.parsed, position) ? buildNameIndex(ctx.parsed).at(position) : undefined;
  if (sym) return nameHover(ctx, sym);

  const ti = tokenIndexAt(statement.tokens, position.character);
  if (ti < 0) return null;
  const tok = statement.tokens[ti];
  // `${section:option}` (buildout) and `"${NAME}"` (environment) are not HAProxy words.
  const inside = (r: { start: number; end: number }) => position.character >= r.start && position.character < r.end;
  if (tok.buildoutRefs?.some(inside) || tok.envVars?.some(inside)) return null;
  const line = statement.line;
  const tokenRange = (from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

  if (!section || (section.header === statement && ti === 0)) {
    if (ti !== 0) return null;
    const entry = ctx.kb.section(tok.value.toLowerCase());
    return entry ? entryHover(ctx, entry, tokenRange(tok.start, tok.end)) : null;
  }
  if (section.header === statement) return null;
  if (tok.value.startsWith('.') && ti === 0) return null; // conditional directives

  const kind = section.kind as SectionKind;
  const words = lowerWords(statement);
  const match = ctx.kb.matchKeyword(kind, words);
  if (match && ti < match.wordCount) {
    const last = statement.tokens[match.wordCount - 1];
    return entryHover(ctx, match.entry, tokenRange(statement.tokens[0].start, last.end));
  }
  if (!match) {
    const keywordHit = unmatchedKeywordHover(ctx, statement, kind, ti);
    if (keywordHit) return keywordHit;
  }
  if (match) {
    const arg = argumentEntry(ctx, statement, match.entry, match.wordCount, ti);
    // Older manuals document actions per rule set ("http-request set-header").
    const qualified = arg?.kind === 'action' && match.entry.ruleSet ? `${match.entry.ruleSet} ${arg.name}` : undefined;
    if (arg) return entryHover(ctx, arg, tokenRange(tok.start, tok.end), qualified);
  }
  const inner = entryInToken(ctx.kb, tok, position.character);
  if (inner) return entryHover(ctx, inner.entry, tokenRange(inner.start, inner.end));
  if (match && ti >= match.wordCount) {
    const value = enumValueHover(ctx, match.entry, ti - match.wordCount, words[ti]);
    if (value) return { contents: { kind: 'markdown', value }, range: tokenRange(tok.start, tok.end) };
  }
  return null;
}

/** `balance roundrobin`, `mode http`: the value, its siblings and the keyword's documentation link. */
function enumValueHover(ctx: HaproxyContext, entry: KeywordEntry, argIndex: number, word: string): string | undefined {
  const values = entry.args?.[argIndex]?.values ?? (argIndex === 0 ? ctx.kb.enumValues(entry.name) : undefined);
  if (!values || !values.includes(word)) return undefined;
  const others = values.filter((v) => v !== word).map((v) => `\`${v}\``).join(', ');
  return `\`${word}\` — a value of **${entry.name}**${others ? `; the others: ${others}` : ''}.\n\n[HAProxy ${ctx.kb.version} documentation](${ctx.kb.docUrl(entry)})`;
}

/** Keyword words that do not form a keyword of this section: removed, or allowed elsewhere. */
function unmatchedKeywordHover(ctx: HaproxyContext, statement: Statement, kind: SectionKind, ti: number): Hover | null {
  const words = lowerWords(statement);
  const range = (count: number): Range => ({
    start: { line: statement.line, character: statement.tokens[0].start },
    end: { line: statement.line, character: statement.tokens[Math.max(0, count - 1)].end },
  });
  const removed = ctx.kb.matchRemoved(words, kind);
  if (removed && ti < removed.wordCount) {
    return { contents: { kind: 'markdown', value: removedMarkdown(ctx.kb, removed.entry) }, range: range(removed.wordCount) };
  }
  const elsewhere = ctx.kb.matchKeywordAnywhere(words);
  if (elsewhere && ti < elsewhere.wordCount) {
    const h = entryHover(ctx, elsewhere.entry, range(elsewhere.wordCount));
    const note = `\n\n⚠ Not allowed in a \`${kind}\` section.`;
    return { ...h, contents: { kind: 'markdown', value: (h.contents as { value: string }).value + note } };
  }
  return null;
}

/** The entry an argument word stands for: an action, a bind/server option. */
function argumentEntry(ctx: HaproxyContext, statement: Statement, entry: KeywordEntry, wordCount: number, ti: number): KnowledgeEntry | undefined {
  const words = lowerWords(statement);
  if (entry.ruleSet && ti === wordCount) return ctx.kb.action(entry.ruleSet, words[ti].replace(/\(.*$/, ''));
  const first = entry.name === 'bind' ? 2 : entry.name === 'server' ? 3 : entry.name === 'server-template' ? 4 : entry.name === 'default-server' ? 1 : -1;
  if (first < 0 || ti < first) return undefined;
  const lookup = (w: string): ParamEntry | undefined => (entry.name === 'bind' ? ctx.kb.bindOption(w) : ctx.kb.serverOption(w));
  // Walk the options so that an option's own argument is not mistaken for an option name.
  let j = first;
  while (j < words.length) {
    const opt = lookup(words[j]);
    if (j === ti) return opt;
    j += 1 + (opt?.argCount ?? 0);
    if (j > ti) return undefined;
  }
  return undefined;
}

function entryHover(ctx: HaproxyContext, entry: KnowledgeEntry, range: Range, qualifiedName?: string): Hover {
  let value = entryMarkdown(ctx.kb, entry);
  const local = localDocsMarkdown(ctx, entry, qualifiedName);
  if (local) value += '\n\n---\n\n' + local;
  return { contents: { kind: 'markdown', value }, range };
}

