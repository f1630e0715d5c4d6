/**
 * How a resolved value and its history are written for the reader, shared by hover and the
 * inlay hints' tooltips: the value as buildout gives it (with its `_buildout_section_name_`
 * fallback), a fenced block for it, the words for each history operation and the file:line
 * where an entry was written.
 */
import type { HistoryEntry, ValueResult } from '../model';
import type { ProfileView } from '../workspace/profileView';
import { dirName, relativeTo } from '../workspace/paths';

/** The value in a fenced block, cut after `max` characters. */
export function fence(text: string, max: number, lang = ''): string {
  const shown = text.length > max ? text.slice(0, max) + '\n…' : text;
  const ticks = shown.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${shown}\n${ticks}`;
}

/** What each history operation did, in words. */
export const OPERATION_WORDS: Readonly<Record<string, string>> = {
  DEFAULT: 'buildout default', COMPUTED: 'computed', SET: 'set', OVERRIDE: 'overridden', ADD: 'added (+=)',
  REMOVE: 'removed (-=)', MACRO: 'inherited', DIRECTORY: 'made absolute', COMMAND_LINE: 'command line',
};

/** Where a history entry was written (file:line relative to the root profile's folder), '' when nowhere. */
export function historyPlace(view: ProfileView, h: HistoryEntry): string {
  if (!h.file) return '';
  const rel = relativeTo(dirName(view.root), h.file);
  return h.option ? `${rel}:${h.option.line + 1}` : rel;
}

/**
 * The value of `${section:option}` as buildout substitutes it, written in section `writtenIn`:
 * buildout's fallback in `_sub` gives `${section:_buildout_section_name_}` the name of the section
 * the reference is written in (`sectionName` says the value came from there).
 */
export function substitutedValue(view: ProfileView, section: string, option: string, writtenIn?: string): { v: ValueResult; sectionName: boolean } {
  const v = view.value(section, option);
  const sectionName = !v.ok && option === '_buildout_section_name_' && view.section(section) !== undefined;
  return sectionName ? { v: { ok: true, value: writtenIn ?? section }, sectionName } : { v, sectionName };
}
