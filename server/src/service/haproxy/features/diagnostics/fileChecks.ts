/**
 * File-level checks: lexer problems, the final line feed, statements before any section,
 * and zc.buildout `${section:option}` substitutions left in a file HAProxy reads directly.
 * The lexer and buildout checks look at one statement (localChecks.ts runs and caches them).
 */
import type { Section, Statement, Token } from '../../parser/model';
import type { CheckContext } from './reporter';

/** Problems the tokenizer found on one statement's line. */
export function checkStatementLexErrors(cc: CheckContext, statement: Statement): void {
  if (!statement.errors) return;
  for (const e of statement.errors) {
    const key = e.code === 'lex-unterminated-quote' ? 'unterminatedQuote' : e.code === 'lex-trailing-backslash' ? 'trailingBackslash' : e.code === 'lex-line-too-long' ? 'lineTooLong' : undefined;
    if (key) cc.report(key, statement.line, e.start, e.end, { max: e.start });
  }
}

/** HAProxy 2.6 refuses a file whose last line has no LF ("Missing LF on last line"); later versions accept it. */
export function checkFinalNewline(cc: CheckContext): void {
  const doc = cc.doc;
  if (doc.endsWithNewline || doc.lineCount === 0) return;
  const fatal = cc.version === '2.6';
  const extra = fatal
    ? ' HAProxy 2.6 refuses such a file ("Missing LF on last line"): add a line break at the end.'
    : ' Add a line break at the end; some tools and HAProxy 2.6 treat this as a truncated file.';
  const line = doc.lineCount - 1;
  cc.report('missingFinalNewline', line, doc.lastLineLength, doc.lastLineLength, { extra }, { insertNewlineAt: { line, character: doc.lastLineLength } }, fatal ? 'error' : 'warning');
}

export function checkOutsideSection(cc: CheckContext): void {
  for (const st of cc.doc.preamble) {
    const tok = st.tokens[0];
    if (!tok || st.tokens[0].value.startsWith('.')) continue;
    cc.reportToken('outsideSection', st, tok, { name: tok.value });
  }
}

/**
 * Slots where HAProxy parses a number with atoi()/atol() and so silently accepts a leftover
 * `${…}` (as 0 or garbage). Measured with haproxy 2.6: `maxconn ${x:y}` is accepted.
 */
const SILENT_NUMERIC_KEYWORDS = new Set([
  'maxconn', 'fullconn', 'backlog', 'retries', 'rate-limit', 'maxconnrate', 'maxsessrate',
  'maxsslconn', 'maxsslrate', 'maxpipes', 'maxcomprate', 'maxcompcpuusage', 'spread-checks',
  'ulimit-n', 'hard-stop-after', 'uid', 'gid', 'nbthread', 'tune.maxaccept', 'max-spread-checks',
]);
const SILENT_SERVER_OPTIONS = new Set(['maxconn', 'maxqueue', 'minconn', 'slowstart', 'max-reuse', 'pool-max-conn', 'pool-purge-delay']);

function isSilentSlot(section: Section | undefined, st: Statement, index: number): boolean {
  const kw = st.tokens[0]?.value.toLowerCase();
  if (kw === undefined || index === 0) return false;
  if (SILENT_NUMERIC_KEYWORDS.has(kw) && index === 1) return true;
  if ((kw === 'server' || kw === 'default-server') && section && index >= 2) {
    const prev = st.tokens[index - 1]?.value.toLowerCase();
    return prev !== undefined && SILENT_SERVER_OPTIONS.has(prev);
  }
  return false;
}

/**
 * Leftover buildout substitutions in one statement (`section`: undefined before the first
 * section): error everywhere, worded specially where HAProxy stays silent. Not for templates.
 */
export function checkStatementBuildout(cc: CheckContext, statement: Statement, section: Section | undefined): void {
  if (cc.ctx.isTemplate) return;
  const toks = statement.tokens;
  for (let i = 0; i < toks.length; i++) {
    const tok: Token = toks[i];
    if (!tok.buildoutRefs) continue;
    for (const ref of tok.buildoutRefs) {
      if (ref.escaped) continue;
      const text = `\${${ref.inner}}`;
      const key = isSilentSlot(section, statement, i) ? 'buildoutLeftoverSilent' : 'buildoutLeftover';
      cc.report(key, statement.line, ref.start, ref.end, { text });
    }
  }
}
