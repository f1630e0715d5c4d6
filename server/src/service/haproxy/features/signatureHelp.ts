/**
 * Signature help (`textDocument/signatureHelp`) for HAProxy lines, from the knowledge table of
 * the target version (no facts of its own):
 * - inside the parentheses of a sample fetch or converter (`req.hdr(|`, `%[src,map_ip(|`, in
 *   ACLs, `{ … }` conditions, `%[…]` anywhere): its argument syntax, the argument under the
 *   cursor chosen by the commas typed so far;
 * - after a keyword (`server |`, `timeout client |`, `balance |`): its syntax line(s), the part
 *   for the word being typed highlighted where the syntax is positional (syntaxParts.ts); on a
 *   rule line the action's syntax (`http-request set-header |`), on a `bind`/`server` line the
 *   syntax of the option whose value is being typed (`inter |`); after an unfinished family
 *   word (`timeout |`) its members when there are few of them.
 * Nothing on section headers, in comments, inside `${…}`, and for keywords without arguments.
 * Only the cursor's line is tokenised.
 */
import type { MarkupContent, ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../context';
import { walkOptions } from '../knowledge/optionWalk';
import type { EntryBase, KeywordEntry, KnowledgeBase, SectionKind } from '../knowledge/types';
import { analyseCursor, insideBuildoutRef, type CompletionCursor } from './completion/cursor';
import { sectionAtLine } from './locate';
import { summaryMarkdown } from './entryDocs';
import { activeParameter, activeSampleParam, sampleParams, syntaxParts } from './signatureHelp/syntaxParts';

/** Above this many members, a family's list (`option`, `tune.`) is what completion is for. */
const MAX_FAMILY_SIGNATURES = 12;
/** Keywords whose first argument looks like a fetch but is their own syntax (`balance hdr(<name>)`). */
const OWN_PARENTHESES = new Set(['balance']);
/** Characters after which a name followed by `(` is a fetch or converter. */
const SAMPLE_START = new Set(['[', ',', '"', "'", '!']);

export function signatureHelp(ctx: HaproxyContext, position: { line: number; character: number }): SignatureHelp | null {
  const cur = analyseCursor(ctx.document, position);
  if (cur.inComment || insideBuildoutRef(cur.before)) return null;
  const section = sectionAtLine(ctx.parsed, cur.lineNo);
  if (!section || section.header.line === cur.lineNo) return null;
  if (!OWN_PARENTHESES.has(cur.lower[0] ?? '')) {
    const sample = sampleSignature(ctx.kb, cur);
    if (sample) return sample;
  }
  if (cur.inQuote || cur.words.length === 0 || cur.words[0].value.startsWith('.')) return null;
  return keywordSignature(ctx.kb, cur, section.kind as SectionKind);
}

// ---------------------------------------------------------------- fetches and converters

/** The innermost unclosed `name(` of the word at the cursor, and the commas typed inside it. */
function openCall(segment: string): { name: string; before: string | undefined; commas: number } | undefined {
  const stack: { name: string; before: string | undefined; commas: number }[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '(') {
      let s = i;
      while (s > 0 && /[A-Za-z0-9_.-]/.test(segment[s - 1])) s--;
      stack.push({ name: segment.slice(s, i).toLowerCase(), before: s > 0 ? segment[s - 1] : undefined, commas: 0 });
    } else if (c === ')') stack.pop();
    else if (c === ',' && stack.length > 0) stack[stack.length - 1].commas++;
  }
  return stack[stack.length - 1];
}

function sampleSignature(kb: KnowledgeBase, cur: CompletionCursor): SignatureHelp | null {
  // The word being typed; inside an open quote after a blank (`"%[req.hdr(a, |`), the quoted word.
  const last = cur.words[cur.words.length - 1];
  const segment = cur.prefix !== '' ? cur.prefix : cur.inQuote && last ? cur.before.slice(last.start) : '';
  const call = segment.includes('(') ? openCall(segment) : undefined;
  if (!call || call.name === '' || (call.before !== undefined && !SAMPLE_START.has(call.before))) return null;
  const entry = call.before === ','
    ? kb.converter(call.name)
    : kb.fetch(call.name) ?? kb.aclKeyword?.(call.name);
  if (!entry?.argSyntax) return null;
  const own = entry.name + entry.argSyntax;
  const label = entry.syntax.find((l) => l.startsWith(own)) ?? own;
  const params = sampleParams(entry.argSyntax);
  const offset = entry.name.length;
  const signature: SignatureInformation = {
    label,
    documentation: docs(kb, entry),
    parameters: params.map((p): ParameterInformation => ({ label: [offset + p.start, offset + p.end] })),
    activeParameter: activeSampleParam(params, call.commas),
  };
  return { signatures: [signature], activeSignature: 0, activeParameter: signature.activeParameter };
}

// ---------------------------------------------------------------- keyword lines

function keywordSignature(kb: KnowledgeBase, cur: CompletionCursor, kind: SectionKind): SignatureHelp | null {
  const words = cur.lower;
  const current = cur.prefix.toLowerCase();
  const match = kb.matchKeyword(kind, words);
  if (!match || match.wordCount > words.length) return familySignatures(kb, kind, words, current);
  const { entry, wordCount } = match;
  const argIndex = words.length - wordCount;
  const argWords = words.slice(wordCount);

  if (entry.ruleSet && argIndex >= 1) {
    const actionName = argWords[0].replace(/\(.*$/, '');
    const action = kb.action(entry.ruleSet, actionName);
    if (!action) return null;
    // The action's syntax with the rule keyword before it and the rule's condition after it.
    const condition = entry.syntax.map((l) => syntaxParts(l).find((p) => /\bif\b/.test(p.text))).find((p) => p)?.text;
    const lines = action.syntax.map((l) => `${entry.name} ${l}${condition && !/\bif\b/.test(l) ? ' ' + condition : ''}`);
    return fromSyntaxLines(kb, action, lines, wordCount + 1, argIndex - 1, argWords.slice(1), current);
  }
  const option = optionSignature(kb, entry, words, current);
  if (option !== undefined) return option;
  if (entry.maxArgs === 0) return null;
  return fromSyntaxLines(kb, entry, entry.syntax, wordCount, argIndex, argWords, current);
}

/**
 * On `bind`/`server`/`server-template`/`default-server` lines, the value of an option
 * (`inter |`, `crt |`): that option's syntax. Undefined when the cursor is not on such a value.
 */
function optionSignature(kb: KnowledgeBase, entry: KeywordEntry, words: readonly string[], current: string): SignatureHelp | null | undefined {
  const bind = entry.name === 'bind';
  const first = bind ? 2 : entry.name === 'server' ? 3 : entry.name === 'server-template' ? 4 : entry.name === 'default-server' ? 1 : -1;
  if (first < 0 || words.length < first) return undefined;
  const lookup = (n: string) => (bind ? kb.bindOption(n) : kb.serverOption(n));
  const at = words.length;
  const options = walkOptions([...words, current], first, (n) => lookup(n)?.argCount);
  const o = options.find((x) => x.index < at && at <= x.index + (lookup(x.name)?.argCount ?? 0));
  if (!o) return undefined;
  const param = lookup(o.name)!;
  return fromSyntaxLines(kb, param, param.syntax, 1, at - o.index - 1, words.slice(o.index + 1), current);
}

/** `timeout |`: the members of the family this section allows, when there are few. */
function familySignatures(kb: KnowledgeBase, kind: SectionKind, words: readonly string[], current: string): SignatureHelp | null {
  const prefix = words.join(' ') + ' ';
  const members = kb.keywordsIn(kind).filter((k) => k.name.startsWith(prefix) && !k.removed);
  if (members.length === 0 || members.length > MAX_FAMILY_SIGNATURES) return null;
  const signatures = members.flatMap((m) => signaturesOf(kb, m, m.syntax, words.length, 0, [], current).map((s) => s.signature));
  if (signatures.length === 0) return null;
  // The member whose name starts with the word being typed, else the first.
  const typed = current === '' ? -1 : members.findIndex((m) => m.name.slice(prefix.length).startsWith(current));
  const activeSignature = Math.max(0, typed);
  return { signatures, activeSignature, activeParameter: signatures[activeSignature]?.activeParameter ?? null };
}

interface Candidate { signature: SignatureInformation; score: number }

/**
 * Signatures from syntax lines whose first `keywordParts` parts are the keyword's words; the
 * active one is the line whose literal words agree with what is written (`balance url_param |`
 * → `balance url_param <param> [check_post]`), then one with a part for the cursor's word.
 */
function fromSyntaxLines(
  kb: KnowledgeBase, entry: EntryBase, lines: readonly string[], keywordParts: number,
  argIndex: number, argWords: readonly string[], current: string,
): SignatureHelp | null {
  const candidates = signaturesOf(kb, entry, lines, keywordParts, argIndex, argWords, current);
  if (candidates.length === 0) return null;
  let best = 0;
  for (let i = 1; i < candidates.length; i++) if (candidates[i].score > candidates[best].score) best = i;
  if (candidates[best].score < 0) return null;
  const signatures = candidates.map((c) => c.signature);
  return { signatures, activeSignature: best, activeParameter: signatures[best].activeParameter ?? null };
}

function signaturesOf(
  kb: KnowledgeBase, entry: EntryBase, lines: readonly string[], keywordParts: number,
  argIndex: number, argWords: readonly string[], current: string,
): Candidate[] {
  const out: Candidate[] = [];
  for (const line of lines) {
    const parts = syntaxParts(line);
    if (parts.length <= keywordParts) continue;
    const params = parts.slice(keywordParts);
    let score = 0;
    // Literal words of the syntax against the words written at their place.
    for (let i = 0; i < Math.min(argIndex, params.length) && params[i].oneWord; i++) {
      if (!params[i].literal) continue;
      if (params[i].text.toLowerCase() === argWords[i]) score += 2;
      else score = -100;
    }
    const active = activeParameter(params, argIndex, argWords, current);
    if (active !== null) score += 1;
    out.push({
      signature: {
        label: line,
        documentation: docs(kb, entry),
        parameters: params.map((p): ParameterInformation => ({ label: [p.start, p.end] })),
        activeParameter: active,
      },
      score,
    });
  }
  return out;
}

/** The entry's summary in our words and its page on docs.haproxy.org for the target version. */
function docs(kb: KnowledgeBase, entry: EntryBase): MarkupContent {
  return { kind: 'markdown', value: `${summaryMarkdown(entry.summary)}\n\n[HAProxy ${kb.version} documentation](${kb.docUrl(entry)})` };
}
