import type { BuildoutRef, Comment, EnvVarRef, LexError, Token } from './model';
import type { TokenStore } from './statement';

/**
 * Splits one line into words the way HAProxy's parser does (configuration.txt §2.2):
 * blanks separate words; `\` escapes the next character; "double quotes" allow
 * environment variables, 'single quotes' are literal; `#` outside quotes starts a comment.
 * Adjacent quoted and unquoted parts form a single word ("a"'b'c).
 *
 * Buildout substitutions `${section:option}` outside double quotes are kept whole, so a
 * template line such as `bind ${cfg:host}:${cfg:port}` is one word with two refs.
 */
export interface LineTokens {
  tokens: Token[];
  comment?: Comment;
  errors?: LexError[];
}

const MAX_LINE = 1 << 20;

export function tokenizeLine(line: string): LineTokens {
  const tokens: Token[] = [];
  let errors: LexError[] | undefined;
  let comment: Comment | undefined;
  let n = Math.min(line.length, MAX_LINE);
  // HAProxy ends a line at a CR even inside quotes (a CRLF file's lines end before the CR), so an
  // unterminated quote or a comment stops there too instead of reaching past the editor's line.
  const cr = line.indexOf('\r');
  if (cr >= 0 && cr < n) n = cr;
  let i = 0;
  while (i < n) {
    const ch = line.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 13 || ch === 12 || ch === 11) {
      i++;
      continue;
    }
    if (ch === 35 /* # */) {
      comment = { start: i, text: line.slice(i, n) };
      break;
    }
    // A word.
    const start = i;
    // Fast path: most words have no escape, quote or `$`; their value is their text, and
    // slicing once avoids building the value character by character (GC on large files).
    let j = i;
    while (j < n) {
      const c = line.charCodeAt(j);
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 35) break;
      if (c === 92 /* \\ */ || c === 34 /* " */ || c === 39 /* ' */ || c === 36 /* $ */) {
        j = -1;
        break;
      }
      j++;
    }
    if (j >= 0) {
      const text = line.slice(start, j);
      tokens.push({ text, value: text, start, end: j, quoted: false });
      i = j;
      continue;
    }
    let value = '';
    let quoted = false;
    let refs: BuildoutRef[] | undefined;
    let envs: EnvVarRef[] | undefined;
    while (i < n) {
      const c = line[i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') break;
      if (c === '#') break;
      if (c === '\\') {
        if (i + 1 >= n) {
          (errors ??= []).push({ start: i, end: i + 1, message: 'A backslash at the end of a line escapes nothing.', code: 'lex-trailing-backslash' });
          i++;
          break;
        }
        const e = line[i + 1];
        if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          value += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 4;
        } else {
          value += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
          i += 2;
        }
        continue;
      }
      if (c === '"' || c === "'") {
        quoted = true;
        const quote = c;
        const qStart = i;
        i++;
        let closed = false;
        while (i < n) {
          const q = line[i];
          if (q === quote) {
            closed = true;
            i++;
            break;
          }
          if (q === '\\' && quote === '"' && i + 1 < n) {
            const e = line[i + 1];
            value += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
            i += 2;
            continue;
          }
          if (q === '$' && quote === '"') {
            const env = readEnvVar(line, i, n);
            if (env) {
              (envs ??= []).push(env.ref);
              value += line.slice(i, env.end);
              i = env.end;
              continue;
            }
          }
          if (q === '$' && quote === "'" && line[i + 1] === '{') {
            const r = readBuildoutRef(line, i, n);
            if (r) {
              (refs ??= []).push(r);
              value += line.slice(i, r.end);
              i = r.end;
              continue;
            }
          }
          value += q;
          i++;
        }
        if (!closed) {
          (errors ??= []).push({ start: qStart, end: n, message: `Unterminated ${quote === '"' ? 'double' : 'single'} quote.`, code: 'lex-unterminated-quote' });
        }
        continue;
      }
      if (c === '$' && line[i + 1] === '{') {
        const r = readBuildoutRef(line, i, n);
        if (r) {
          (refs ??= []).push(r);
          value += line.slice(i, r.end);
          i = r.end;
          continue;
        }
      }
      if (c === '$' && line[i + 1] === '$' && line[i + 2] === '{') {
        const r = readBuildoutRef(line, i + 1, n);
        if (r) {
          r.escaped = true;
          r.start = i;
          (refs ??= []).push(r);
          value += line.slice(i, r.end);
          i = r.end;
          continue;
        }
      }
      value += c;
      i++;
    }
    const tok: Token = { text: line.slice(start, i), value, start, end: i, quoted };
    if (refs) tok.buildoutRefs = refs;
    if (envs) tok.envVars = envs;
    tokens.push(tok);
  }
  if (line.length > MAX_LINE) {
    (errors ??= []).push({ start: MAX_LINE, end: line.length, message: `Line longer than ${MAX_LINE} characters; the rest was not analysed.`, code: 'lex-line-too-long' });
  }
  const out: LineTokens = { tokens };
  if (comment) out.comment = comment;
  if (errors) out.errors = errors;
  return out;
}

/** `${…}` starting at `i` (which points at `$`), closed on the same line, no nested `{`. */
function readBuildoutRef(line: string, i: number, n: number): BuildoutRef | undefined {
  const close = line.indexOf('}', i + 2);
  if (close < 0 || close >= n) return undefined;
  const inner = line.slice(i + 2, close);
  if (inner.includes('{')) return undefined;
  const colon = inner.indexOf(':');
  const ref: BuildoutRef = { start: i, end: close + 1, inner, option: colon < 0 ? inner : inner.slice(colon + 1), escaped: false };
  if (colon >= 0) ref.section = inner.slice(0, colon);
  return ref;
}

/** `$NAME`, `${NAME}`, `${NAME-default}` or `${NAME[*]}` inside double quotes. */
function readEnvVar(line: string, i: number, n: number): { ref: EnvVarRef; end: number } | undefined {
  if (line[i + 1] === '{') {
    const close = line.indexOf('}', i + 2);
    if (close < 0 || close >= n) return undefined;
    const inner = line.slice(i + 2, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[\*\])?(?:-(.*))?$/s.exec(inner);
    if (!m) return { ref: { start: i, end: close + 1, name: inner }, end: close + 1 };
    const ref: EnvVarRef = { start: i, end: close + 1, name: m[1] };
    if (m[2] !== undefined) ref.defaultValue = m[2];
    return { ref, end: close + 1 };
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1, Math.min(n, i + 257)));
  if (!m) return undefined;
  return { ref: { start: i, end: i + 1 + m[0].length, name: m[0] }, end: i + 1 + m[0].length };
}

/**
 * The fast path of `tokenizeLine` for plain lines (nearly all): appends each word's
 * [start, end) columns to `store` and returns the word count, or -1 when the line needs the
 * full tokenizer (a quote, backslash or `$`, or a line longer than the limit) — then nothing
 * is appended. A comment's column is left in `scan.commentAt` (-1 when none) and the column
 * where the line ends for HAProxy (a CR ends it) in `scan.end`, and whether a word has an
 * upper-case or non-ASCII character in `scan.upper`; `scan.hash` is a hash of the words'
 * characters (equal lines, equal hashes: a cheap filter for finding repeated lines). Creates no object.
 */
export const scan = { commentAt: -1, end: 0, upper: false, hash: 0 };

/** A hash of a whole line (for the lines the fast scan leaves to `tokenizeLine`). */
export function hashLine(line: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 16777619);
  return hash;
}

export function scanPlainLine(line: string, store: TokenStore): number {
  return scanPlainRange(line, 0, line.length, store);
}

/**
 * `scanPlainLine` of the line `text[from, to)`, columns relative to `from`. The parser scans
 * the whole document text this way rather than the strings `split` made of it: those are slices
 * of the text, and reading a slice char by char is measurably slower than reading the flat text.
 */
export function scanPlainRange(text: string, from: number, to: number, store: TokenStore): number {
  const len = to - from;
  if (len > MAX_LINE) return -1;
  const mark = store.size;
  const d = store.reserve(len + 1);
  let p = mark;
  let i = from;
  let count = 0;
  let upper = false;
  let hash = 0x811c9dc5 | 0;
  scan.commentAt = -1;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 13) break;
    if (c === 35 /* # */) {
      scan.commentAt = i - from;
      // The comment ends at a CR (HAProxy cuts the line there) or at the line's end.
      let cr = i;
      while (cr < to && text.charCodeAt(cr) !== 13) cr++;
      scan.end = cr - from;
      scan.upper = upper;
      scan.hash = hash;
      store.size = p;
      return count;
    }
    const start = i;
    while (i < to) {
      c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 35) break;
      if (c === 92 /* \\ */ || c === 34 /* " */ || c === 39 /* ' */ || c === 36 /* $ */) {
        store.size = mark;
        return -1;
      }
      if (c <= 90 ? c >= 65 : c > 127) upper = true;
      hash = Math.imul(hash ^ c, 16777619);
      i++;
    }
    d[p++] = start - from;
    d[p++] = i - from;
    hash = Math.imul(hash ^ 32, 16777619);
    count++;
  }
  scan.end = i - from;
  scan.upper = upper;
  scan.hash = hash;
  store.size = p;
  return count;
}
