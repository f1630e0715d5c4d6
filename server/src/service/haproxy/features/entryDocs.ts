import { isExperimentalName } from '../knowledge/experimental';
import type { EntryBase, KnowledgeBase, KnowledgeEntry, RemovedEntry } from '../knowledge/types';

/**
 * Markdown shared by completion items and hovers: what an entry is, its syntax, where it is
 * allowed, its version status and a link to the documentation of the *target* version.
 * The summaries are this project's own sentences (from the knowledge table).
 */

const KIND_LABEL: Record<KnowledgeEntry['kind'], string> = {
  keyword: 'keyword',
  section: 'section',
  'bind-option': 'bind option',
  'server-option': 'server option',
  action: 'action',
  fetch: 'sample fetch',
  converter: 'converter',
  'predefined-acl': 'predefined ACL',
  'log-alias': 'log-format alias',
};

export function kindLabel(entry: KnowledgeEntry): string {
  return KIND_LABEL[entry.kind];
}

/** One-line detail for a completion item (`keyword · since 2.0 · deprecated`). */
export function entryDetail(entry: KnowledgeEntry): string {
  const parts: string[] = [];
  switch (entry.kind) {
    case 'fetch':
      parts.push(`fetch${entry.argSyntax ? entry.argSyntax : ''} → ${entry.output}`);
      break;
    case 'converter':
      parts.push(`converter${entry.argSyntax ? entry.argSyntax : ''}: ${entry.input} → ${entry.output}`);
      break;
    case 'action':
      parts.push(`action (${entry.ruleSets.join(', ')})`);
      break;
    case 'predefined-acl':
      parts.push(`predefined ACL = ${entry.equivalent}`);
      break;
    case 'log-alias':
      parts.push(`log-format alias: ${entry.field} (${entry.type})`);
      break;
    default:
      parts.push(entry.syntax[0] ?? KIND_LABEL[entry.kind]);
  }
  if (entry.removed) parts.push(`removed in ${entry.removed}`);
  else if (entry.deprecated) parts.push(`deprecated since ${entry.deprecated}`);
  return parts.join(' · ');
}

/**
 * A summary as markdown: its backtick spans stay code, and outside them a `<` is escaped —
 * the summaries name HAProxy's placeholders (`<occ>`, `<name>`) in plain text, and a markdown
 * renderer takes an unescaped `<occ>` for an HTML tag and drops it ("the one at )").
 */
export function summaryMarkdown(summary: string): string {
  if (!summary.includes('<')) return summary;
  return summary.split('`').map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '\\<'))).join('`');
}

/** Full markdown documentation of an entry. */
export function entryMarkdown(kb: KnowledgeBase, entry: KnowledgeEntry): string {
  const out: string[] = [];
  out.push(`**${entry.kind === 'log-alias' ? '%' + entry.name : entry.name}** — ${kindLabel(entry)}`);
  if (entry.syntax.length > 0) out.push('```haproxy\n' + entry.syntax.join('\n') + '\n```');
  if (entry.summary) out.push(summaryMarkdown(entry.summary));
  const facts: string[] = [];
  if (entry.kind === 'keyword') {
    facts.push(`Allowed in: ${entry.sections.map((s) => (s === 'defaults' && entry.namedDefaultsOnly ? 'defaults (named only)' : s)).join(', ')}`);
    if (entry.negatable) facts.push('Can be negated with `no`.');
  } else if (entry.kind === 'action') {
    facts.push(`Usable in: ${entry.ruleSets.map((r) => '`' + r + '`').join(', ')}`);
  } else if (entry.kind === 'converter') {
    facts.push(`Input: ${entry.input} · output: ${entry.output}`);
  } else if (entry.kind === 'server-option' && entry.defaultServer) {
    facts.push('Also accepted on `default-server`.');
  } else if (entry.kind === 'fetch' && entry.layer) {
    facts.push(`Available at: ${entry.layer}`);
  } else if (entry.kind === 'predefined-acl') {
    facts.push(`Equivalent to \`${entry.equivalent}\``);
  } else if (entry.kind === 'log-alias' && entry.httpOnly) {
    facts.push('HTTP mode only.');
  }
  if (experimental(kb, entry)) facts.push(`Experimental in HAProxy ${kb.version}: refused unless \`expose-experimental-directives\` comes first in \`global\`.`);
  const status = lifecycleLine(entry, kb.version);
  if (status) facts.push(status);
  if (facts.length) out.push(facts.join('  \n'));
  out.push(`[HAProxy ${kb.version} documentation](${kb.docUrl(entry)})`);
  return out.join('\n\n');
}

const EXPERIMENTAL_KIND: Partial<Record<KnowledgeEntry['kind'], 'keyword' | 'action' | 'bind' | 'server'>> = {
  keyword: 'keyword', action: 'action', 'bind-option': 'bind', 'server-option': 'server',
};

/** Experimental in the target version: the table's flag or the gated-feature facts (per version). */
function experimental(kb: KnowledgeBase, entry: KnowledgeEntry): boolean {
  if (entry.kind === 'keyword' && entry.experimental) return true;
  const what = EXPERIMENTAL_KIND[entry.kind];
  return what !== undefined && isExperimentalName(kb.version, what, entry.name);
}

/** "Since 1.5 · deprecated in 2.4 — use X" or "**Removed in 1.6** — use …". */
export function lifecycleLine(e: EntryBase | RemovedEntry, version: string): string | undefined {
  const parts: string[] = [];
  if ('since' in e && e.since) parts.push(`Since HAProxy ${e.since}.`);
  if (e.removed) {
    parts.push(`**Removed in ${e.removed}**${e.replacement ? ` — use \`${e.replacement}\`` : ''}${compare(e.removed, version) <= 0 ? ` (not accepted by ${version})` : ''}.`);
  } else if (e.deprecated) {
    parts.push(`**Deprecated since ${e.deprecated}**${e.replacement ? ` — use \`${e.replacement}\`` : ''}.`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** Markdown for a keyword that no longer exists (`appsession`). */
export function removedMarkdown(kb: KnowledgeBase, entry: RemovedEntry): string {
  const out: string[] = [`**${entry.name}** — ${entry.removed ? 'removed keyword' : 'deprecated keyword'}`];
  out.push(lifecycleLine(entry, kb.version) ?? '');
  out.push(entry.advice);
  out.push(`[HAProxy ${kb.version} documentation](https://docs.haproxy.org/${kb.version}/configuration.html)`);
  return out.filter(Boolean).join('\n\n');
}

/** Compares dotted versions numerically ("2.10" > "2.9"). */
export function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
