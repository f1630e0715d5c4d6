/**
 * Lone carriage returns. The editor (and LSP positions) start a new line at a CR that no LF
 * follows, but HAProxy does not: its line reader only splits at LF and then cuts the line at
 * the first CR, so everything from a lone CR up to the next LF is silently dropped (measured
 * with `haproxy -c` 2.6.12: an unknown keyword after a lone CR is not reported). Such a CR
 * usually comes from an old Mac editor or a botched copy. The dropped editor lines are marked
 * as lines HAProxy never reads (line state 2), so no other check judges them, and one
 * `lone-carriage-return` warning spans from the CR to the end of the dropped text.
 */
import type { CheckContext } from './reporter';

const LINE_SKIPPED = 2;
const EXCERPT = 40;

/** Marks the editor lines HAProxy drops and keeps the runs for `checkLoneCarriageReturns`. */
export function markLoneCarriageReturns(cc: CheckContext): void {
  const text = cc.ctx.document.getText();
  if (!text.includes('\r')) return;
  const doc = cc.ctx.document;
  const re = /\r(?!\n)/g;
  const found: LoneCr[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const cr = m.index;
    if (cr + 1 >= text.length) break; // a final CR drops nothing
    // HAProxy drops up to the next LF (further lone CRs included): one report per run.
    let lf = text.indexOf('\n', cr + 1);
    if (lf < 0) lf = text.length;
    const dropped = text.slice(cr + 1, lf).replace(/\r$/, '');
    const from = doc.positionAt(cr);
    const to = doc.positionAt(cr + 1 + dropped.length);
    if (dropped.trim() !== '') found.push({ line: from.line, character: from.character, endLine: to.line, endCharacter: to.character, dropped });
    if (!cc.lineStates) cc.lineStates = new Uint8Array(Math.max(1, cc.doc.lineCount));
    for (let l = from.line + 1; l <= to.line && l < cc.lineStates.length; l++) cc.lineStates[l] = LINE_SKIPPED;
    re.lastIndex = lf;
  }
  loneCrs.set(cc, found);
}

interface LoneCr {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  dropped: string;
}

const loneCrs = new WeakMap<CheckContext, LoneCr[]>();

/** One warning per lone CR that drops text, on the CR's line, reaching to the end of the dropped text. */
export function checkLoneCarriageReturns(cc: CheckContext): void {
  for (const f of loneCrs.get(cc) ?? []) {
    const flat = f.dropped.replace(/\s+/g, ' ').trim();
    const ignored = flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
    const before = cc.diagnostics.length;
    cc.report('loneCarriageReturn', f.line, f.character, f.character, { ignored });
    // report() ranges stay on one line; this one covers the dropped text on the next line(s).
    const d = cc.diagnostics[before];
    if (d && cc.diagnostics.length === before + 1) d.range.end = { line: f.endLine, character: f.endCharacter };
  }
}
