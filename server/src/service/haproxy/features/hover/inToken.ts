import type { KnowledgeBase, KnowledgeEntry } from '../../knowledge/types';
import type { Token } from '../../parser/model';

/**
 * What sits under the cursor *inside* one word: a fetch, a converter (after a comma), a
 * predefined ACL or a log-format alias (`%ci`). Works on the raw token text so that
 * `"%[req.hdr(host),lower]"` and `req.hdr(host),lower` resolve the same way.
 */
export interface InTokenHit {
  entry: KnowledgeEntry;
  /** Columns of the matched identifier. */
  start: number;
  end: number;
}

const IDENT = /[A-Za-z0-9_.\-]/;

export function entryInToken(kb: KnowledgeBase, tok: Token, character: number): InTokenHit | undefined {
  const text = tok.text;
  let i = character - tok.start;
  if (i < 0 || i > text.length) return undefined;
  if (i === text.length || !IDENT.test(text[i])) i--;
  if (i < 0 || !IDENT.test(text[i])) return undefined;
  let s = i;
  while (s > 0 && IDENT.test(text[s - 1])) s--;
  let e = i + 1;
  while (e < text.length && IDENT.test(text[e])) e++;
  const word = text.slice(s, e);
  const before = text[s - 1];
  const at = (entry: KnowledgeEntry | undefined, from = s, to = e) =>
    entry ? { entry, start: tok.start + from, end: tok.start + to } : undefined;

  // Log-format alias: `%ci`, `%{+Q}r` style flags before the alias letters.
  const pct = text.lastIndexOf('%', s);
  if (pct >= 0 && (before === '%' || (before === '}' && text[pct + 1] === '{' && text.indexOf('}', pct) === s - 1))) {
    const alias = longestAlias(kb, word);
    if (alias) return at(alias, s, s + alias.name.length);
  }
  if (before === ',') return at(kb.converter(word.toLowerCase()));
  // A fetch name can contain dots (`req.hdr`) and be followed by arguments.
  const fetch = kb.fetch(word.toLowerCase()) ?? kb.fetch(word.replace(/\.+$/, '').toLowerCase());
  if (fetch) return at(fetch);
  // ACL-only derivatives (`path_beg`, `hdr_sub(host)`): a fetch plus its match method.
  const aclOnly = kb.aclKeyword?.(word.toLowerCase());
  if (aclOnly) return at(aclOnly);
  const acl = kb.predefinedAcls().find((a) => a.name === word);
  if (acl) return at(acl);
  return undefined;
}

/** Aliases are written without separators (`%Tr`, `%hrl`); pick the longest one prefixing the word. */
function longestAlias(kb: KnowledgeBase, word: string) {
  let best: ReturnType<KnowledgeBase['logAliases']>[number] | undefined;
  for (const a of kb.logAliases()) {
    if (word.startsWith(a.name) && (!best || a.name.length > best.name.length)) best = a;
  }
  return best;
}
