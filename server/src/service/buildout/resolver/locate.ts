/** Where a piece of a merged value is written: the option occurrence and the `${…}` range. */
import type { ParsedOption, Range } from '../model';
import { pyLstrip } from '../parser/pyText';
import type { SKey } from './sectionKey';

/** The text of each value range of an occurrence (first line, then non-empty continuations). */
export function optionPieces(o: ParsedOption): Array<{ text: string; range: Range }> {
  const texts = [o.firstValue, ...o.continuations.filter((c) => c.length > 0)].map((t) => pyLstrip(t));
  return o.valueRanges.map((range, i) => ({ text: texts[i] ?? '', range }));
}

/** The file and range of `token` in the latest occurrence of this value that contains it. */
export function locateToken(key: SKey | undefined, token: string): { file?: string; range?: Range } {
  if (!key) return {};
  for (let i = key.history.length - 1; i >= 0; i--) {
    const h = key.history[i];
    if (!h.option || !h.file) continue;
    for (const p of optionPieces(h.option)) {
      const at = p.text.indexOf(token);
      if (at >= 0) {
        const line = p.range.start.line;
        const col = p.range.start.character + at;
        return { file: h.file, range: { start: { line, character: col }, end: { line, character: col + token.length } } };
      }
    }
  }
  const last = [...key.history].reverse().find((h) => h.option && h.file);
  return last ? { file: last.file, range: last.option!.nameRange } : {};
}
