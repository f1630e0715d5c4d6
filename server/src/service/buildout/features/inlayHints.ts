/**
 * Inlay hints: the resolved value of each `${section:option}` / `${:option}` in a profile, and
 * of each `${option}` / `${section:option}` in a template (resolved against the section that
 * renders it), shown after the closing `}`. The values come from the graph's `ProfileView`,
 * the same resolution hover shows: no second resolver here.
 *
 * The label is one part linked to the definition that won (Ctrl+click opens it) when the value
 * was written in a profile file, plain text otherwise (computed values, `extends = http…`).
 *
 * Only references inside the requested range are resolved (the editor asks per visible
 * range), so a 10,000-section profile costs what its visible lines cost. A reference that does
 * not resolve gets no hint: its diagnostic already says why.
 */
import type { InlayHint, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import type { CancellationCheck } from '../../common/cancellation';
import type { SubstitutionReference } from '../model';
import type { DocFile } from './doc';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { templateContext } from '../templates/features';
import { fileUri, offsetAt, positionAt } from './text';
import { fence, historyPlace, OPERATION_WORDS, substitutedValue } from './valueText';

/** Characters of a value shown in the hint itself; the tooltip has the rest. */
export const HINT_VALUE_LENGTH = 40;
/** Tooltips stay short: a huge value is cut here (hover shows more). */
const TOOLTIP_VALUE_LENGTH = 600;

/** Whether `p` lies in `r` (ends included: a hint sits right after the `}` at the range end). */
function inRange(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** The text of a hint, whether one string or label parts. */
export function hintText(hint: InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}

const NON_SPACE = /\S/g;

/** Offset of the first non-whitespace character at or after `from`, -1 when none. */
function nextNonSpace(text: string, from: number): number {
  NON_SPACE.lastIndex = from;
  const m = NON_SPACE.exec(text);
  return m ? m.index : -1;
}

/**
 * The hint text for a value: its first non-blank line, cut to HINT_VALUE_LENGTH, `…` when more
 * follows (the rest of a cut line, or further lines). Reads only that line's start and the next
 * non-blank character, so a megabyte value costs no more than a short one.
 */
export function hintLabel(value: string): string {
  const first = nextNonSpace(value, 0);
  if (first < 0) return '= (empty)';
  let end = value.indexOf('\n', first);
  if (end < 0) end = value.length;
  const stop = Math.min(end, first + HINT_VALUE_LENGTH);
  const more = nextNonSpace(value, stop) >= 0;
  return `= ${value.slice(first, stop).trimEnd()}${more ? '…' : ''}`;
}

/** The file:line where the value was last shaped (the winning definition), relative to the root's folder. */
function lastDefinition(view: ProfileView, section: string, option: string): string | undefined {
  const history = view.option(section, option)?.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    const where = historyPlace(view, h);
    if (!where) continue;
    const from = h.fromSection ? ` from [${h.fromSection}]` : '';
    return `${OPERATION_WORDS[h.operation] ?? h.operation}${from} in ${where}`;
  }
  return undefined;
}

/**
 * The hint for `${section:option}` ending at `end`, or undefined when it does not resolve.
 * `writtenIn` is the section the reference is written in (the template's owner in a template):
 * buildout substitutes that name for `${:_buildout_section_name_}`, as hover shows.
 */
export function valueHint(view: ProfileView, section: string, option: string, end: Position, writtenIn?: string): InlayHint | undefined {
  const { v } = substitutedValue(view, section, option, writtenIn);
  if (!v.ok) return undefined;
  const tooltipLines = [`**\${${section}:${option}}**`, ''];
  let label: string;
  if (v.unknownValue) {
    label = '= (set by the recipe at install)';
    tooltipLines.push('*Computed by the recipe at install time; the value is not known before.*');
  } else {
    label = hintLabel(v.value);
    tooltipLines.push(v.value === '' ? '*(empty)*' : fence(v.value, TOOLTIP_VALUE_LENGTH));
  }
  if (v.computed) tooltipLines.push('', '*Computed, not written in a profile.*');
  const where = lastDefinition(view, section, option);
  if (where) tooltipLines.push('', `${where[0].toUpperCase()}${where.slice(1)}.`);
  const tooltip: MarkupContent = { kind: 'markdown', value: tooltipLines.join('\n') };
  // Ctrl+click on the value opens the definition that won (an option written in a profile).
  const def = view.option(section, option)?.definition;
  if (def && !/^[a-z][a-z0-9+.-]*:\/\//i.test(def.file)) {
    return { position: end, label: [{ value: label, location: { uri: fileUri(def.file), range: def.option.nameRange } }], paddingLeft: true, tooltip };
  }
  return { position: end, label, paddingLeft: true, tooltip };
}

/**
 * Whether a file's references are in line order (checked once per references array, which the
 * resolver keeps per parse): then the visible range is found by binary search instead of a walk
 * over every `${…}` of the file (tens of thousands in a 10,000-section profile).
 */
const inLineOrder = new WeakMap<readonly SubstitutionReference[], boolean>();

function firstOnOrAfter(refs: readonly SubstitutionReference[], line: number): number {
  let sorted = inLineOrder.get(refs);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < refs.length && sorted; i++) if (refs[i].range.start.line < refs[i - 1].range.start.line) sorted = false;
    inLineOrder.set(refs, sorted);
  }
  if (!sorted) return 0;
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].range.end.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Hints for the `${…}` of a profile file inside `range`. */
export function profileInlayHints(view: ProfileView, doc: DocFile, range: Range, token: CancellationCheck): InlayHint[] {
  const out: InlayHint[] = [];
  const refs = view.references(doc.path);
  const first = firstOnOrAfter(refs, range.start.line);
  const sorted = inLineOrder.get(refs) === true;
  for (let i = first; i < refs.length; i++) {
    if (token.isCancellationRequested) return out;
    const r = refs[i];
    if (sorted && r.range.start.line > range.end.line) break;
    if (r.syntaxError || r.inactive || !inRange(range, r.range.end)) continue;
    const hint = valueHint(view, r.section, r.option, r.range.end, r.inSection);
    if (hint) out.push(hint);
  }
  return out;
}

/**
 * Hints for a template's `${…}` inside `range`, resolved against the section that renders it
 * (the owner hover and diagnostics use). No owner: no hints.
 */
export function templateInlayHints(ws: BuildoutWorkspace, templatePath: string, text: string, range: Range, token: CancellationCheck, chosenOwner?: string): InlayHint[] {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return [];
  const out: InlayHint[] = [];
  // Offsets of the range: references outside it are skipped without computing positions.
  const from = offsetAt(ctx.starts, range.start);
  const to = offsetAt(ctx.starts, range.end);
  for (const r of ctx.refs) {
    if (token.isCancellationRequested) return out;
    if (r.end < from) continue;
    if (r.end > to) break;
    if (r.syntaxError || r.section === undefined || r.option === undefined) continue;
    const hint = valueHint(ctx.view, r.section, r.option, positionAt(ctx.starts, r.end), ctx.owner.section);
    if (hint) out.push(hint);
  }
  return out;
}
