/**
 * The parsed form of an HAProxy configuration. HAProxy has no continuation lines, so one
 * physical line is one statement; sections start at a section keyword wherever it is
 * indented (indentation carries no meaning for HAProxy).
 *
 * All positions are 0-based lines and UTF-16 columns, as in LSP.
 */

/** A buildout substitution `${section:option}` / `${option}` found inside a word. */
export interface BuildoutRef {
  /** Column range of the whole `${…}` in the line. */
  start: number;
  end: number;
  /** Text between the braces. */
  inner: string;
  /** `undefined` for the template shorthand `${option}` (no colon). */
  section?: string;
  option: string;
  /** Preceded by `$` (i.e. `$${…}`). */
  escaped: boolean;
}

/** An HAProxy environment variable used inside double quotes: `"${NAME}"`, `"${NAME-default}"`, `"$NAME"`. */
export interface EnvVarRef {
  start: number;
  end: number;
  name: string;
  defaultValue?: string;
}

export interface Token {
  /** The word as written, quotes and escapes included. */
  text: string;
  /** The word after quote removal and escape processing (what HAProxy sees, env vars unexpanded). */
  value: string;
  /** Column of the first character. */
  start: number;
  /** Column after the last character. */
  end: number;
  /** The word contains a quoted part. */
  quoted: boolean;
  /** Buildout substitutions inside this word (outside quotes, or inside single quotes). */
  buildoutRefs?: BuildoutRef[];
  /** Environment variables inside double-quoted parts. */
  envVars?: EnvVarRef[];
}

export interface Comment {
  start: number;
  text: string;
}

/** One non-empty line. */
export interface Statement {
  line: number;
  /** The line as written (the columns of tokens and comment index into it). */
  readonly text: string;
  /** Column of the first token (or of the comment on a comment-only line). */
  indent: number;
  tokens: Token[];
  /**
   * Token `i` alone (undefined past the end), equal to `tokens[i]` but not necessarily the same
   * object: for a pass that needs one token of a line (a name) without building the others.
   */
  tokenAt(i: number): Token | undefined;
  /** Equal line texts give equal numbers (0 when unknown): a cheap filter for repeated lines. */
  readonly lineHash?: number;
  /** The first word lower-cased (`words[0]`), '' when there is none; a cheap field (most passes look at nothing else). */
  readonly keyword: string;
  /** The tokens' values (`tokens[i].value`), without building tokens. Shared: do not mutate. */
  readonly values: string[];
  /** The tokens' values lower-cased (HAProxy keywords are case-insensitive). Shared: do not mutate. */
  readonly words: string[];
  /** Number of tokens, without building them. */
  readonly tokenCount: number;
  /**
   * Every token is plain: unquoted, without escape or `$`, so its value is its text and nothing
   * in it is deferred (buildout or environment substitution). Nearly all lines; a check can then
   * read `values`/`words` and the columns below instead of building Token objects.
   */
  readonly plain: boolean;
  /** A plain statement none of whose words has an upper-case or non-ASCII character (`words` is `values`). */
  readonly asciiLower: boolean;
  /** The value of token `i` (`values[i]`) alone: a plain word is sliced from the text, no array built. */
  valueAt(i: number): string | undefined;
  /** Columns of token `i` (`tokens[i].start` / `.end`), without building it. */
  tokenStart(i: number): number;
  tokenEnd(i: number): number;
  comment?: Comment;
  /** Problems found while splitting the line (unterminated quote, bad escape…). */
  errors?: LexError[];
}

export interface LexError {
  start: number;
  end: number;
  message: string;
  code: string;
}

export interface Section {
  /** The section keyword as written, lower-case: `global`, `frontend`, `backend`, `peers`… */
  kind: string;
  /** The header statement (its first token is the section keyword). */
  header: Statement;
  /** The section name (`frontend www` → `www`), when one is given. */
  name?: Token;
  /** Statements of the body, comment-only lines included, in order. */
  body: Statement[];
  /** First and last line of the section (the last non-empty line of its body, or the header). */
  startLine: number;
  endLine: number;
}

/** `.if`/`.elif`/`.else`/`.endif` and the diagnostic directives (`.notice` …). */
export interface Directive {
  statement: Statement;
  name: string;
}

export interface HaproxyDocument {
  lineCount: number;
  /** Statements before the first section (only comments are valid there). */
  preamble: Statement[];
  sections: Section[];
  directives: Directive[];
  /** Whether the text ends with a line feed (HAProxy 2.6 rejects a last line without one). */
  endsWithNewline: boolean;
  /** Length of the last line, for ranges at the end of the file. */
  lastLineLength: number;
}

/** Every statement in document order, headers and directives included. */
export function* allStatements(doc: HaproxyDocument): Generator<{ statement: Statement; section?: Section }> {
  for (const s of doc.preamble) yield { statement: s };
  for (const section of doc.sections) {
    yield { statement: section.header, section };
    for (const s of section.body) yield { statement: s, section };
  }
}
