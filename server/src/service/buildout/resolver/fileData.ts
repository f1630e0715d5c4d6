/**
 * The dictionary buildout's parser returns for one file, rebuilt from the positional parse
 * for a merge mode: 2.13 keeps the last assignment of a key; ≥ 3.2 (the "3.1" mode here)
 * concatenates repeated `+=`/`-=` of one key and lets a later `=` drop earlier increments.
 */
import type { HistoryEntry, MergeMode, ParsedFile, ParsedOption } from '../model';
import { postProcessValue, pyRstrip } from '../parser/pyText';
import { type Data, type SKey, type Section, keyWithHistory, operationOf, optionKey } from './sectionKey';

interface Acc {
  raw: string;
  occurrences: ParsedOption[];
}

/** Section dicts of one file; `extends` is left in (the loader pops it like buildout). */
export function fileData(parsed: ParsedFile, mode: MergeMode, source: string): Data {
  if (mode === '2.13') {
    // The last assignment of a key wins (keeping the key's first position): build directly.
    const data: Data = new Map();
    for (const section of parsed.sections) {
      if (!section.active) continue;
      let dict = data.get(section.name);
      if (!dict) data.set(section.name, (dict = new Map()));
      for (const o of section.options) if (o.active) dict.set(o.key, optionKey(o.value, source, o));
    }
    return data;
  }
  const dicts = new Map<string, Map<string, Acc>>();
  for (const section of parsed.sections) {
    if (!section.active) continue;
    let dict = dicts.get(section.name);
    if (!dict) dicts.set(section.name, (dict = new Map()));
    for (const o of section.options) {
      if (!o.active) continue;
      const last = o.key[o.key.length - 1];
      const isIncrement = last === '+' || last === '-';
      const existing = dict.get(o.key);
      if (mode === '3.1' && existing && isIncrement) {
        let raw = pyRstrip(existing.raw);
        if (o.firstValue) raw += '\n' + o.firstValue;
        for (const c of o.continuations) raw += '\n' + c;
        dict.set(o.key, { raw, occurrences: [...existing.occurrences, o] });
        continue;
      }
      if (mode === '3.1' && !isIncrement) {
        dict.delete(`${o.key} +`);
        dict.delete(`${o.key} -`);
      }
      dict.set(o.key, { raw: o.rawValue, occurrences: [o] });
    }
  }
  const data: Data = new Map();
  for (const [name, dict] of dicts) {
    const section: Section = new Map();
    for (const [key, acc] of dict) section.set(key, annotate(key, acc, source));
    data.set(name, section);
  }
  return data;
}

function annotate(key: string, acc: Acc, source: string): SKey {
  const operation = operationOf(key);
  // One occurrence: the parser already post-processed exactly this raw value.
  const only = acc.occurrences.length === 1 ? acc.occurrences[0] : undefined;
  if (only && acc.raw === only.rawValue) return optionKey(only.value, source, only);
  const value = postProcessValue(acc.raw);
  const history: HistoryEntry[] = acc.occurrences.map((o) => ({ operation, value: o.value, result: value, file: source, option: o }));
  return keyWithHistory(value, source, history);
}
