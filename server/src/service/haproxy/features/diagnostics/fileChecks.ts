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

/**
 * HAProxy refuses a file whose last line has no LF ("Missing LF on last line", a fatal alert in
 * cfgparse.c since 2.3, so in every version we support).
 */
export function checkFinalNewline(cc: CheckContext): void {
  const doc = cc.doc;
  if (doc.endsWithNewline || doc.lineCount === 0) return;
  const extra = ` HAProxy ${cc.version} refuses such a file ("Missing LF on last line"): add a line break at the end.`;
  const line = doc.lineCount - 1;
  cc.report('missingFinalNewline', line, doc.lastLineLength, doc.lastLineLength, { extra }, { insertNewlineAt: { line, character: doc.lastLineLength } }, 'error');
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

/** Section headers whose name HAProxy checks character by character ('$' is refused). */
const NAMED_SECTIONS = new Set(['frontend', 'backend', 'listen', 'defaults', 'peers', 'userlist', 'resolvers', 'mailers', 'cache', 'ring', 'http-errors', 'program']);
/** Keywords whose first argument HAProxy validates strictly (a literal `${…}` there is refused). */
const STRICT_FIRST_ARG = new Set(['bind', 'mode', 'balance', 'hash-type', 'log', 'use_backend', 'default_backend', 'acl', 'nbthread', 'hard-stop-after', 'grace', 'close-spread-time']);
/** Keywords whose second argument is an address or a file HAProxy opens. */
const STRICT_SECOND_ARG = new Set(['peer', 'nameserver', 'mailer', 'errorfile']);
const TWO_WORD_TIMES = new Set(['stats refresh', 'tcp-request inspect-delay', 'tcp-response inspect-delay']);

/**
 * Slots where HAProxy refuses a literal `${…}` (measured with `haproxy -c` 2.6.12): the keyword
 * itself, section and server names, addresses, times, enumerated values, backend and ACL names,
 * `user`/`group`, error files. Anywhere else HAProxy keeps the text as it is and starts.
 */
function isStrictSlot(section: Section | undefined, st: Statement, index: number): boolean {
  if (index === 0) return true;
  const kw = st.tokens[0].value.toLowerCase();
  if (section && st === section.header) return index === 1 && NAMED_SECTIONS.has(kw);
  if (kw === 'timeout') return index === 2;
  if (TWO_WORD_TIMES.has(`${kw} ${st.tokens[1]?.value.toLowerCase()}`)) return index === 2;
  if (STRICT_FIRST_ARG.has(kw)) return index === 1;
  if (STRICT_SECOND_ARG.has(kw)) return index === 2;
  if (kw === 'server') return index === 1 || index === 2;
  if ((kw === 'user' || kw === 'group') && section?.kind === 'global') return index === 1;
  return false;
}

/** An environment variable name HAProxy accepts inside double quotes. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Leftover buildout substitutions in one statement (`section`: undefined before the first
 * section). Not for templates. The severity follows what `haproxy -c` does with the text:
 * an error where HAProxy refuses it (a strict slot, or `"${a:b}"` — inside double quotes
 * HAProxy reads an environment variable and rejects the name), a warning where it accepts
 * it literally (unquoted or in single quotes), worded specially where it reads it as a number.
 * `${X}` without a colon gets a hint: only `"${X}"` is an environment variable.
 */
export function checkStatementBuildout(cc: CheckContext, statement: Statement, section: Section | undefined): void {
  if (cc.ctx.isTemplate) return;
  // Substitutions and environment variables all start with `$`: most lines have none.
  if (!statement.text.includes('$')) return;
  const toks = statement.tokens;
  for (let i = 0; i < toks.length; i++) {
    const tok: Token = toks[i];
    if (tok.envVars) {
      for (const env of tok.envVars) {
        if (!env.name.includes(':') || ENV_NAME.test(env.name)) continue;
        const extra = ' Inside double quotes HAProxy reads it as an environment variable and refuses the name.';
        cc.report('buildoutLeftover', statement.line, env.start, env.end, { text: `\${${env.name}}`, extra }, undefined, 'error');
      }
    }
    if (!tok.buildoutRefs) continue;
    for (const ref of tok.buildoutRefs) {
      if (ref.escaped) continue;
      const text = `\${${ref.inner}}`;
      const envHint = ref.section === undefined && ENV_NAME.test(ref.inner) ? ` HAProxy expands an environment variable only inside double quotes ("${text}").` : '';
      if (isSilentSlot(section, statement, i)) {
        cc.report('buildoutLeftoverSilent', statement.line, ref.start, ref.end, { text, extra: envHint }, undefined, 'warning');
      } else if (isStrictSlot(section, statement, i)) {
        cc.report('buildoutLeftover', statement.line, ref.start, ref.end, { text, extra: ` HAProxy refuses it here.${envHint}` }, undefined, 'error');
      } else {
        cc.report('buildoutLeftover', statement.line, ref.start, ref.end, { text, extra: ` HAProxy accepts it here as literal text.${envHint}` }, undefined, 'warning');
      }
    }
  }
}
