import type { HaproxyDocument, Section, Statement, Token } from '../parser/model';

/**
 * Position lookups on the parsed model. Everything here is a binary search over the
 * already-parsed sections and statements, so requests never re-tokenise the document.
 */

/** The section whose header is at or above `line` (the line may be blank or past its last statement). */
export function sectionAtLine(doc: HaproxyDocument, line: number): Section | undefined {
  const sections = doc.sections;
  let lo = 0;
  let hi = sections.length - 1;
  let found: Section | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].startLine <= line) {
      found = sections[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The statement written on `line` (header, body or preamble), if the line is not blank. */
export function statementAtLine(doc: HaproxyDocument, line: number): { statement: Statement; section?: Section } | undefined {
  const section = sectionAtLine(doc, line);
  if (!section) {
    const s = findByLine(doc.preamble, line);
    return s ? { statement: s } : undefined;
  }
  if (section.header.line === line) return { statement: section.header, section };
  const s = findByLine(section.body, line);
  return s ? { statement: s, section } : undefined;
}

function findByLine(list: readonly Statement[], line: number): Statement | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = list[mid].line;
    if (l === line) return list[mid];
    if (l < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Index of the token containing `character` (end inclusive, so a cursor right after a word is "in" it). */
export function tokenIndexAt(tokens: readonly Token[], character: number): number {
  for (let i = 0; i < tokens.length; i++) {
    if (character >= tokens[i].start && character <= tokens[i].end) return i;
    if (tokens[i].start > character) break;
  }
  return -1;
}

/** Lower-cased values of a statement's tokens. */
export function lowerWords(st: Statement): string[] {
  return st.words;
}

/** The proxy section kinds (they hold ACLs, rules and servers). */
export const PROXY_KINDS: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
