import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Token } from '../../parser/model';
import { tokenizeLine } from '../../parser/tokenizer';

/**
 * What the user is typing at the cursor: the complete words before it on the line and the
 * partial word under it. Only the cursor's own line is tokenised, never the whole document.
 */
export interface CompletionCursor {
  lineNo: number;
  /** The whole line. */
  line: string;
  /** Line text before the cursor. */
  before: string;
  character: number;
  /** Complete words before the word under the cursor. */
  words: Token[];
  /** Lower-cased values of `words`. */
  lower: string[];
  /** The partial word (raw text from its start to the cursor) and the range it would replace. */
  prefix: string;
  range: Range;
  inComment: boolean;
  /** The cursor is inside an unterminated quoted string. */
  inQuote: boolean;
}

/** The rest of the word after the cursor, up to a `(`: `set-v|ar(txn.x)` replaces `set-var` and keeps `(txn.x)`. */
const WORD_TAIL = /^[^\s#(]*/;

export function analyseCursor(document: TextDocument, position: { line: number; character: number }): CompletionCursor {
  const lineNo = position.line;
  let line = document.getText({ start: { line: lineNo, character: 0 }, end: { line: lineNo + 1, character: 0 } });
  line = line.replace(/\r?\n$/, '');
  const character = Math.min(position.character, line.length);
  const before = line.slice(0, character);
  const lexed = tokenizeLine(before);
  const inQuote = !!lexed.errors?.some((e) => e.code === 'lex-unterminated-quote');
  let words = lexed.tokens;
  let start = character;
  const endsInWord = before.length > 0 && !/\s$/.test(before) && !lexed.comment;
  if (endsInWord && words.length > 0) {
    start = words[words.length - 1].start;
    words = words.slice(0, -1);
  }
  const tail = endsInWord || before.length === 0 || /\s$/.test(before) ? WORD_TAIL.exec(line.slice(character))![0] : '';
  return {
    lineNo,
    line,
    before,
    character,
    words,
    lower: words.map((t) => t.value.toLowerCase()),
    prefix: before.slice(start),
    range: { start: { line: lineNo, character: start }, end: { line: lineNo, character: character + tail.length } },
    inComment: !!lexed.comment,
    inQuote,
  };
}

/** A sub-range of the current word: from column `from` up to the end of the identifier after the cursor. */
export function subRange(cur: CompletionCursor, from: number): Range {
  const tail = /^[A-Za-z0-9_.-]*/.exec(cur.line.slice(cur.character))![0];
  return { start: { line: cur.lineNo, character: from }, end: { line: cur.lineNo, character: cur.character + tail.length } };
}

/** Inside a buildout substitution `${…` that is not closed before the cursor. */
export function insideBuildoutRef(before: string): boolean {
  const open = before.lastIndexOf('${');
  return open >= 0 && before.indexOf('}', open) < 0;
}

/**
 * Inside a `%[…]` sample expression that is not closed before the cursor: returns the column
 * where the expression text starts (just after `%[`).
 */
export function openSampleExpression(before: string): number | undefined {
  const open = before.lastIndexOf('%[');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open + 2; i < before.length; i++) {
    const c = before[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ']' && depth <= 0) return undefined;
  }
  return open + 2;
}
