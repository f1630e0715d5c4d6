/**
 * HAProxy diagnostics computed on a rendered template, moved back onto the template: a
 * problem inside a substituted value points at the `${…}` that produced it and says which
 * value it was; anything else keeps its text position, shifted by the substitutions before it
 * on the same line.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { RenderResult, RenderSpan } from '../model';

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
function overlaps(r: Range, s: Range): boolean {
  // Touching zero-width ranges at a span's start count as inside it.
  if (r.start.line === r.end.line && r.start.character === r.end.character) {
    return !before(r.start, s.start) && before(r.start, s.end);
  }
  return before(r.start, s.end) && before(s.start, r.end);
}

/** Template column for an output column, undoing the length changes of earlier spans on the line. */
function mapColumn(spans: readonly RenderSpan[], outLine: number, outChar: number): number {
  let delta = 0;
  for (const s of spans) {
    if (s.outputRange.end.line !== outLine) continue;
    if (s.outputRange.end.character > outChar) continue;
    if (s.outputRange.start.line !== s.outputRange.end.line) {
      // A multi-line value ended on this line: columns restart after its end.
      delta = s.templateRange.end.character - s.outputRange.end.character;
      continue;
    }
    delta += (s.templateRange.end.character - s.templateRange.start.character) - (s.outputRange.end.character - s.outputRange.start.character);
  }
  return Math.max(0, outChar + delta);
}

function mapPosition(render: RenderResult, p: { line: number; character: number }): { line: number; character: number } {
  const line = render.lineMap[p.line] ?? render.lineMap[render.lineMap.length - 1] ?? 0;
  return { line, character: mapColumn(render.spans, p.line, p.character) };
}

function quote(value: string): string {
  const one = value.length > 60 ? value.slice(0, 57) + '…' : value;
  return JSON.stringify(one);
}

export function mapRenderedDiagnostics(render: RenderResult, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const span = render.spans.find((s) => overlaps(d.range, s.outputRange));
    if (span) {
      out.push({
        ...d,
        range: span.templateRange,
        message: `${typeof d.message === 'string' ? d.message : d.message.value}\n(in the value of \${${span.section}:${span.option}} = ${quote(span.value)})`,
        data: { ...(typeof d.data === 'object' && d.data ? d.data : {}), fromSubstitution: `${span.section}:${span.option}` },
      });
      continue;
    }
    out.push({ ...d, range: { start: mapPosition(render, d.range.start), end: mapPosition(render, d.range.end) } });
  }
  return out;
}
