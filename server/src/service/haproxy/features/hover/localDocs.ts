import type { HaproxyContext } from '../../context';
import type { KnowledgeEntry } from '../../knowledge/types';

/**
 * The excerpt of the user's own configuration.txt for an entry, clearly marked as coming from
 * their local file (its text is HAProxy's, shown from their disk, never shipped by us).
 */
export function localDocsMarkdown(ctx: HaproxyContext, entry: KnowledgeEntry, qualifiedName?: string): string | undefined {
  const docs = ctx.localDocs;
  if (!docs) return undefined;
  const name = entry.kind === 'log-alias' ? undefined : entry.name;
  if (!name) return undefined;
  let found;
  try {
    found = (qualifiedName ? docs.lookup(qualifiedName, entry.docChapter) : undefined) ?? docs.lookup(name, entry.docChapter);
  } catch {
    return undefined; // a broken local file must never break hover
  }
  if (!found) return undefined;
  const ver = docs.version ? ` (HAProxy ${docs.version})` : '';
  const body = found.text.replace(/```/g, "'''");
  return `*From your local configuration.txt${ver}, line ${found.line}:*\n\n\`\`\`text\n${body}\n\`\`\``;
}
