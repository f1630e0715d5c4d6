import type { HaproxyDocument, Section, Statement, Token } from '../../parser/model';
import { PROXY_KINDS, lowerWords } from '../locate';
import { collectFetchArgRefs, splitTableName } from './fetchArgs';
import { addWordRefIn, SymbolBuffer, hasDynamicPart, isStaticName, subSym, sym, textOffset, wordSymIn, type SymbolSink, type Where } from './make';
import { collectPlainConditionRefs, plainConditionIndex, plainHasParen } from './plainWords';
import { NAMED_SECTION_KINDS, PREDEFINED_ACL_NAMES, type NameKind, type NameSymbol } from './types';

/**
 * Walks the parsed document once and records every definition and every reference whose
 * meaning is unambiguous. Names that are computed at run time (`use_backend %[…]`) or that
 * come from a buildout substitution / environment variable are skipped: they cannot be
 * checked or navigated statically. Order: every definition, then every reference, each in
 * document order.
 */
export function collectNames(doc: HaproxyDocument): SectionNames[] {
  return doc.sections.map(sectionNamesOf);
}

/** What one section defines and references, in document order. Never mutated once collected. */
export interface SectionNames {
  readonly defs: readonly NameSymbol[];
  readonly refs: readonly NameSymbol[];
  /** The ACL names a proxy section defines (undefined for other sections): its ACL references resolve among them. */
  readonly acls: ReadonlySet<string> | undefined;
  /** A proxy section (frontend, backend, listen, defaults): `acls` is defined. */
  readonly proxy: boolean;
  /** `acls?.has(name) ?? false`, without building the set for a section with few ACLs. */
  hasAcl(name: string): boolean;
}

/**
 * A section's names. The set of its ACL names is built on first use only, and only a section
 * with many ACLs needs it to answer `hasAcl` (why: a Set per proxy section, and the defs/refs
 * arrays grown by push, were ≈ 0.5 MB of every new 20k-line validation; a few ACLs are
 * found faster by a walk over the definitions).
 */
class CollectedNames implements SectionNames {
  #acls: Set<string> | undefined;
  /** Set once collected (ACL references are collected with the definitions already known). */
  refs: readonly NameSymbol[] = NO_NAMES;
  constructor(
    readonly defs: readonly NameSymbol[],
    readonly proxy: boolean,
    private readonly aclCount: number,
  ) {}

  get acls(): ReadonlySet<string> | undefined {
    if (!this.proxy) return undefined;
    if (this.#acls === undefined) {
      const set = new Set<string>();
      for (const d of this.defs) if (d.kind === 'acl') set.add(d.name);
      this.#acls = set;
    }
    return this.#acls;
  }

  hasAcl(name: string): boolean {
    if (!this.proxy || this.aclCount === 0) return false;
    if (this.aclCount > 16) return this.acls!.has(name);
    const defs = this.defs;
    for (let i = 0; i < defs.length; i++) if (defs[i].kind === 'acl' && defs[i].name === name) return true;
    return false;
  }
}

/**
 * What one section defines and references. Everything a section's symbols depend on is in
 * the section itself (ACL references look at its own ACL names only), and the parser hands
 * an edited document's next version the very Section objects of unchanged sections, so the
 * result is memoised per Section: after a one-line edit only that line's section is walked.
 * Symbols are never mutated once collected.
 */
const sectionCache = new WeakMap<Section, SectionNames>();
const NO_NAMES: readonly NameSymbol[] = [];
/** Filled per section, then copied at their exact size (reused: collection is not re-entrant). */
const scratchDefs = new SymbolBuffer();
const scratchRefs = new SymbolBuffer();

export function sectionNamesOf(section: Section): SectionNames {
  let cached = sectionCache.get(section);
  if (cached) return cached;
  const defs = scratchDefs;
  const refs = scratchRefs;
  try {
    // Definitions first: ACL references need to know which ACL names the section defines.
    collectSectionDefinition(section, defs);
    if (section.kind === 'peers') collectPeersTables(section, defs);
    const proxy = PROXY_KINDS.has(section.kind);
    let aclCount = 0;
    if (proxy) {
      const body = section.body;
      for (let i = 0; i < body.length; i++) {
        const before = defs.n;
        collectStatementDefinition(section, body[i], defs);
        if (defs.n > before && defs.items[before]!.kind === 'acl') aclCount++;
      }
    }
    const names = new CollectedNames(defs.take(0), proxy, aclCount);
    collectHeaderRefs(section, refs);
    const body = section.body;
    for (let i = 0; i < body.length; i++) collectStatementRefs(section, body[i], names, refs);
    names.refs = refs.take(0);
    cached = names;
  } finally {
    defs.clear();
    refs.clear();
  }
  sectionCache.set(section, cached);
  return cached;
}

/**
 * The symbols written on one statement, without walking the document: a cheap test of
 * "is there a name under the cursor?" before the whole index is needed. Predefined ACL names
 * are not reported here (whether the section redefines them needs the whole section).
 */
export function statementSymbols(section: Section, st: Statement): NameSymbol[] {
  const out: NameSymbol[] = [];
  if (st === section.header) {
    collectSectionDefinition(section, out);
    collectHeaderRefs(section, out);
  } else if (section.kind === 'peers' && firstWord(st) === 'table') {
    collectPeersTable(section, st, out);
  } else if (PROXY_KINDS.has(section.kind) || firstWord(st) === 'log') {
    if (PROXY_KINDS.has(section.kind)) collectStatementDefinition(section, st, out);
    collectStatementRefs(section, st, undefined, out);
  }
  return out;
}

function collectSectionDefinition(section: Section, out: SymbolSink): void {
  if (NAMED_SECTION_KINDS.has(section.kind) && section.name && isStaticName(section.name)) {
    out.push(sym(section.kind as NameKind, section.name, [section, section.header.line], section.kind, 'definition'));
  }
}

/** `acl NAME …` in any proxy, `server NAME …` / `server-template PREFIX …` in backends and listens. */
function collectStatementDefinition(section: Section, st: Statement, out: SymbolSink): void {
  const kw = firstWord(st);
  if (kw !== 'acl' && kw !== 'server' && kw !== 'server-template') return;
  if (kw === 'acl') {
    const s = wordSymIn('acl', st, 1, section, st.line, 'acl', 'definition');
    if (s) out.push(s);
  } else if (section.kind === 'backend' || section.kind === 'listen') {
    const s = wordSymIn('server', st, 1, section, st.line, kw, 'definition');
    if (!s) return;
    if (kw === 'server-template') s.template = templateRange(st.values[2]);
    out.push(s);
  }
}

/** `table <name> type …` lines of a peers section (2.x+): referenced elsewhere as `<peers>/<name>`. */
function collectPeersTables(section: Section, out: SymbolSink): void {
  for (const st of section.body) if (firstWord(st) === 'table') collectPeersTable(section, st, out);
}

function collectPeersTable(section: Section, st: Statement, out: SymbolSink): void {
  const name = st.tokens[1];
  if (isStaticName(name)) out.push(sym('table', name, [section, st.line], 'table', 'definition'));
}

function collectHeaderRefs(section: Section, out: SymbolSink): void {
  const h = section.header;
  // `frontend fe from mydefaults`, `defaults d2 from d1` (no Token built for other headers)
  if (PROXY_KINDS.has(section.kind) && h.tokenCount > 3 && h.valueAt(2)!.toLowerCase() === 'from') {
    const name = h.tokenAt(3);
    if (isStaticName(name)) out.push(sym('defaults', name, [section, h.line], 'from', 'reference'));
  }
}

function collectStatementRefs(section: Section, st: Statement, acls: SectionNames | undefined, out: SymbolSink): void {
  const kw = st.keyword;
  if (kw === '' && st.values.length === 0) return;
  const isProxy = PROXY_KINDS.has(section.kind);
  if (kw === 'log') collectLogRefs([section, st.line], st, out);
  if (!isProxy) return;
  // Most lines are decided on their text, before any word is built (this runs on every line
  // of 100,000-line files). Superset tests: a value differs from its text only through quotes
  // and escapes; an escape (`i\f` is `if`) sends the line down the exact path, and a quoted
  // `if` is a value anyway (checked below).
  const text = st.text;
  const named = REF_KEYWORDS.has(kw);
  // One regex decides most lines: with no escape, `(`, condition word (nor, on a server
  // line, an option that names something), there is nothing to collect.
  if (!named && !MAY_NAME_SOMETHING.test(text)) return;
  if ((kw === 'server' || kw === 'server-template' || kw === 'default-server') && !SERVER_MAY_NAME.test(text)) return;
  // A plain line (the parser's flag: no quote, escape or `$`) needs no scan for them.
  const plain = st.plain;
  const escaped = !plain && text.indexOf('\\') >= 0;
  // Without quotes or escapes every value is a substring of the text (`tr"ack-sc0"` is `track-sc0`).
  const literal = plain || (!escaped && text.indexOf('"') < 0 && text.indexOf("'") < 0);
  const mayParen = escaped || text.indexOf('(') >= 0;
  const mayCond = escaped || MAY_HAVE_CONDITION.test(text);
  if (!named && !mayParen && !mayCond) return;
  // Condition and fetch arguments, from the words (no Token objects), only when the text may hold them.
  let cond = -1;
  let parens = false;
  if (plain) {
    // From the text and word columns (plainWords.ts): no words built for the line.
    if (mayCond) cond = plainConditionIndex(st);
    if (mayParen) parens = plainHasParen(st);
  } else if (mayCond || mayParen) {
    const words = st.words;
    const values = st.values;
    for (let i = 1; i < values.length; i++) {
      if (mayCond && cond < 0 && isConditionWord(words[i])) cond = i;
      if (mayParen && !parens && values[i].includes('(')) parens = true;
    }
  }
  if (cond < 0 && !parens && !named) return;
  // A quoted `if` is a value, not a condition. One token (tokenAt), not the line's array.
  if (cond > 0 && !plain && st.tokenAt(cond)!.quoted) {
    const t = st.tokens;
    const words = st.words;
    cond = -1;
    for (let i = 1; i < t.length; i++) if (!t[i].quoted && isConditionWord(words[i])) { cond = i; break; }
  }
  // No allocation for the statement itself (this runs on every line of 100,000-line files): a
  // [section, line] pair only for the helpers that take one, when they are called.
  switch (kw) {
    case 'default_backend':
    case 'use_backend':
      addWordRefIn(out, 'backend', st, 1, section, kw);
      break;
    case 'use-server':
      addWordRefIn(out, 'server', st, 1, section, kw);
      break;
    case 'server':
    case 'server-template':
    case 'default-server':
      // `track`, `resolvers`, `crt @store/…` (a `@` may also come from an escape): a text test first.
      if (SERVER_REF_HINT.test(text)) collectServerOptionRefs([section, st.line], st, kw === 'default-server' ? 1 : 2, out);
      break;
    case 'bind':
      if (text.indexOf('@') >= 0 || escaped) collectCrtStoreRefs([section, st.line], st, 2, out);
      break;
    case 'use-fcgi-app':
      addWordRefIn(out, 'fcgi-app', st, 1, section, kw);
      break;
    case 'errorfiles':
      addWordRefIn(out, 'http-errors', st, 1, section, kw);
      break;
    case 'filter':
      if (st.words[1] === 'cache') addWordRefIn(out, 'cache', st, 2, section, 'filter cache');
      break;
    case 'stats':
      // `stats scope .` is the proxy itself, not a name.
      if (st.words[1] === 'scope' && st.values[2] !== '.') addWordRefIn(out, 'proxy', st, 2, section, 'stats scope');
      break;
    case 'email-alert':
      if (st.words[1] === 'mailers') addWordRefIn(out, 'mailers', st, 2, section, 'email-alert mailers');
      break;
    case 'stick-table': {
      if (literal && !PEERS_HINT.test(text)) break;
      const words = st.words;
      for (let i = 1; i < words.length - 1; i++) if (words[i] === 'peers') addWordRefIn(out, 'peers', st, i + 1, section, 'stick-table peers');
      break;
    }
    case 'stick':
      collectTableWord([section, st.line], st, 2, 'stick', out);
      break;
    case 'tcp-request':
    case 'tcp-response':
      if (!literal || TRACK_HINT.test(text)) collectTrackTable([section, st.line], st, out);
      break;
    case 'http-request':
    case 'http-response':
    case 'http-after-response':
    case 'http-error': {
      if (!literal || TRACK_HINT.test(text)) collectTrackTable([section, st.line], st, out);
      // `cache-use`/`cache-store` actions and `errorfiles` arguments: a text test first.
      if (literal && !HTTP_RULE_HINT.test(text)) break;
      const words = st.words;
      const action = words[1];
      if (action === 'cache-use' || action === 'cache-store') addWordRefIn(out, 'cache', st, 2, section, `${kw} ${action}`);
      for (let i = 1; i < words.length - 1; i++) {
        const v = words[i];
        if (v === 'if' || v === 'unless') break;
        if (v === 'errorfiles') addWordRefIn(out, 'http-errors', st, i + 1, section, `${kw} errorfiles`);
      }
      break;
    }
  }
  if (cond > 0 && kw !== 'acl') {
    if (plain) collectPlainConditionRefs(section, st, cond + 1, acls, out);
    else collectConditionRefs([section, st.line], st, cond + 1, acls, out);
  }
  if (parens && (!literal || FETCH_ARG_HINT.test(text))) collectFetchArgRefs([section, st.line], st, out);
}

/**
 * Names in rule actions of any rule set: `track-sc0 <key> table <t>` (and `track-sc <n> …`),
 * `do-resolve(<var>,<resolvers>[,<family>])`.
 */
function collectTrackTable(at: Where, st: Statement, out: SymbolSink): void {
  const w = lowerWords(st);
  for (let i = 1; i < w.length; i++) {
    if (w[i] === 'if' || w[i] === 'unless') return;
    if (w[i].startsWith('track-sc')) {
      collectTableWord(at, st, i + 1, w[i], out);
      return;
    }
    if (w[i].startsWith('do-resolve(')) {
      const tok = st.tokenAt(i)!;
      const m = /^do-resolve\([^,()]*,([A-Za-z0-9_.:-]+)[,)]/i.exec(tok.value);
      const off = textOffset(tok);
      if (m && off !== undefined && !hasDynamicPart(tok)) out.push(subSym('resolvers', m[1], tok, off + m[0].length - 1 - m[1].length, at, 'do-resolve', 'reference'));
      return;
    }
  }
}

/** The name after the word `table`, from `from` up to a condition. */
function collectTableWord(at: Where, st: Statement, from: number, via: string, out: SymbolSink): void {
  const w = lowerWords(st);
  for (let i = from; i < w.length - 1; i++) {
    if (w[i] === 'if' || w[i] === 'unless') return;
    if (w[i] === 'table') {
      const tok = st.tokenAt(i + 1)!;
      const off = textOffset(tok);
      if (isStaticName(tok) && off !== undefined) splitTableName(at, tok, off, tok.value, via, out);
      return;
    }
  }
}

/** `track [proxy/]server`, `resolvers X`, `crt @store/x` on server lines. */
function collectServerOptionRefs(at: Where, st: Statement, firstOption: number, out: SymbolSink): void {
  const t = st.tokens;
  const w = lowerWords(st);
  for (let i = firstOption; i < t.length - 1; i++) {
    if (w[i] === 'track') {
      splitProxyServer(at, t[i + 1], 'track', out);
    } else if (w[i] === 'resolvers' && isStaticName(t[i + 1])) {
      out.push(sym('resolvers', t[i + 1], at, 'resolvers', 'reference'));
    }
  }
  collectCrtStoreRefs(at, st, firstOption, out);
}

/** `crt "@store/cert"` (3.0+ crt-store) on bind and server lines. */
function collectCrtStoreRefs(at: Where, st: Statement, from: number, out: SymbolSink): void {
  const t = st.tokens;
  const w = lowerWords(st);
  for (let i = from; i < t.length - 1; i++) {
    if (w[i] !== 'crt' && w[i] !== 'ca-file' && w[i] !== 'crl-file') continue;
    const v = t[i + 1];
    const m = /^@([A-Za-z0-9_.:-]+)\//.exec(v.value);
    const off = textOffset(v);
    if (m && off !== undefined) out.push(subSym('crt-store', m[1], v, off + 1, at, w[i], 'reference'));
  }
}

/** `log ring@name …` and `log … profile name`. */
function collectLogRefs(at: Where, st: Statement, out: SymbolSink): void {
  const t = st.tokens;
  const w = lowerWords(st);
  const target = t[1];
  if (target && target.value.startsWith('ring@')) {
    const off = textOffset(target);
    if (off !== undefined && target.value.length > 5) out.push(subSym('ring', target.value.slice(5), target, off + 5, at, 'log', 'reference'));
  }
  for (let i = 2; i < t.length - 1; i++) {
    if (w[i] === 'profile' && isStaticName(t[i + 1])) out.push(sym('log-profile', t[i + 1], at, 'log profile', 'reference'));
  }
}

/** `[proxy/]server` → a server reference, plus a backend reference when the proxy is given. */
function splitProxyServer(at: Where, tok: Token, via: string, out: SymbolSink): void {
  const off = textOffset(tok);
  if (off === undefined || hasDynamicPart(tok)) return;
  const v = tok.value;
  const slash = v.indexOf('/');
  if (slash < 0) {
    if (v) out.push(subSym('server', v, tok, off, at, via, 'reference'));
    return;
  }
  const proxy = v.slice(0, slash);
  const server = v.slice(slash + 1);
  if (proxy) out.push(subSym('backend', proxy, tok, off, at, via, 'reference'));
  if (server) {
    const s = subSym('server', server, tok, off + slash + 1, at, via, 'reference');
    if (proxy) s.proxy = proxy;
    out.push(s);
  }
}

/**
 * ACL names after `if`/`unless`: `a !b || c or d { anonymous acl }`. Anonymous ACLs in braces
 * are skipped, and so are predefined ACL names unless the section defines an ACL of that name.
 */
function collectConditionRefs(at: Where, st: Statement, from: number, acls: SectionNames | undefined, out: SymbolSink): void {
  // Values first; a Token (tokenAt) only for a word that is an ACL name (plain lines: plainWords.ts).
  const values = st.values;
  let depth = 0;
  for (let i = from; i < values.length; i++) {
    let v = values[i];
    if (v === '{' || v === '!{') { depth++; continue; }
    if (v === '}') { if (depth > 0) depth--; continue; }
    if (depth > 0 || v === '!' || v === '||' || v === 'or' || v === '') continue;
    let skip = 0;
    while (v.startsWith('!')) { v = v.slice(1); skip++; }
    if (!v) continue;
    const tok = st.tokenAt(i)!;
    if (hasDynamicPart(tok)) continue;
    if (PREDEFINED_ACL_NAMES.has(v) && !acls?.hasAcl(v)) continue;
    const off = textOffset(tok);
    if (off === undefined) continue;
    out.push(subSym('acl', v, tok, off + skip, at, 'condition', 'reference'));
  }
}

function firstWord(st: Statement): string {
  return st.keyword;
}

/** A cheap superset test on a server line's text: it may name a tracked server, resolvers or a crt-store. */
const SERVER_REF_HINT = /track|resolvers|[@\\]/i;

/** A cheap superset test on a line's text: it may hold an `if`/`unless` word (any case). */
const MAY_HAVE_CONDITION = /if|unless/i;

/** The union of the escape, `(` and condition tests: a line without any of them names nothing (unless its keyword does). */
const MAY_NAME_SOMETHING = /[\\(]|if|unless/i;

/** The same for a server line, plus SERVER_REF_HINT (its options that name something). */
const SERVER_MAY_NAME = /[\\(@]|if|unless|track|resolvers/i;

/** Superset tests on a rule line's text without quotes or escapes: a `track-sc…`/`do-resolve(` action; a cache action or `errorfiles`. */
const TRACK_HINT = /track-sc|do-resolve\(/i;
const HTTP_RULE_HINT = /cache-use|cache-store|errorfiles/i;
const PEERS_HINT = /peers/i;

/**
 * Superset test on a line's text without quotes or escapes (its values are then substrings of
 * it): a sample fetch or converter that takes a name (fetchArgs.ts; its patterns are case-sensitive).
 */
const FETCH_ARG_HINT = /nbsrv|be_conn|be_sess_rate|queue|connslots|srv_|http_auth|sc[0-9]?_|src_|table_|in_table/;

/** `if`/`unless` (given lower-cased). */
function isConditionWord(w: string): boolean {
  return w === 'if' || w === 'unless';
}

/** First words whose statement names something (the cases of collectStatementRefs' switch). */
const REF_KEYWORDS: ReadonlySet<string> = new Set([
  'default_backend', 'use_backend', 'use-server', 'server', 'server-template', 'default-server', 'bind', 'use-fcgi-app',
  'errorfiles', 'filter', 'stats', 'email-alert', 'stick-table', 'stick', 'tcp-request', 'tcp-response', 'http-request',
  'http-response', 'http-after-response', 'http-error',
]);

function templateRange(spec: string | undefined): { from: number; to: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec ?? '');
  if (!m) return { from: 1, to: 0 };
  return m[2] === undefined ? { from: 1, to: Number(m[1]) } : { from: Number(m[1]), to: Number(m[2]) };
}
