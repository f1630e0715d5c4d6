/**
 * Sample fetches (§7.3.2–§7.3.7, with their ACL derivatives), converters (§7.3.1 table in
 * 3.0+, entries before), predefined ACLs (§7.4) and log-format aliases (§8.2.x table).
 */
import type { AclFact, ConverterFact, FetchFact, LogAliasFact } from '../../server/src/service/haproxy/knowledge/data/factsFormat';
import type { SampleType } from '../../server/src/service/haproxy/knowledge/types';
import { countParenArgs, type DocText } from './docText';
import type { Rec } from './extractProxy';

export function sampleType(word: string): SampleType {
  const w = word.trim().toLowerCase().replace(/^signed\s+/, '');
  const map: Record<string, SampleType> = {
    boolean: 'bool', bool: 'bool', integer: 'int', sint: 'int', int: 'int', string: 'str', str: 'str', binary: 'bin',
    bin: 'bin', ip: 'ip', ipv4: 'ipv4', ipv6: 'ipv6', address: 'addr', addr: 'addr', method: 'meth', meth: 'meth',
  };
  return map[w] ?? 'any';
}

// `int(<integer>) : signed integer` is the one two-word output type (2.8+).
const FETCH_LINE = /^([a-z0-9][\w.-]*)(\(.*\))?\s+:\s+((?:signed\s+)?[a-z0-9]+)(\s*\(deprecated\))?\s*$/;
const DERIVATIVE_LINE = /^\s{3,}([a-z0-9][\w.-]*)(\(.*?\))?\s*:\s*([a-z][a-z ,/-]*?)\s*$/;

export interface SampleFacts {
  fetches: Rec<FetchFact>[];
  converters: Rec<ConverterFact>[];
  acls: Rec<AclFact>[];
  logAliases: Rec<LogAliasFact>[];
}

export function extractFetches(doc: DocText): Rec<FetchFact>[] {
  const out = new Map<string, Rec<FetchFact>>();
  const derived = new Map<string, Rec<FetchFact>>();
  for (const num of ['7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7']) {
    const ch = doc.chapter(num);
    if (!ch) continue;
    let lastType: SampleType = 'any';
    let inDerivatives = false;
    for (let i = ch.start + 2; i < ch.end; i++) {
      const l = doc.lines[i];
      const m = FETCH_LINE.exec(l);
      if (m) {
        inDerivatives = false;
        const as = m[2] ?? '';
        const o = sampleType(m[3]);
        lastType = o;
        if (!out.has(m[1])) out.set(m[1], { n: m[1], o, ...(as ? { as } : {}), ...countParenArgs(as), c: num, ...(m[4] ? { dep: 1 as const } : {}) });
        continue;
      }
      if (/^\s+ACL derivatives\s*:/.test(l)) { inDerivatives = true; continue; }
      if (inDerivatives) {
        const d = DERIVATIVE_LINE.exec(l);
        if (d && /match|\.\.\./.test(d[3])) {
          const as = d[2] ?? '';
          if (!derived.has(d[1])) derived.set(d[1], { n: d[1], o: lastType, ...(as ? { as } : {}), ...countParenArgs(as), c: num, acl: d[3] });
        } else if (l.trim() === '' || !/^\s{3,}/.test(l)) inDerivatives = false;
      }
    }
  }
  // An ACL derivative with the same name as a fetch (e.g. `hdr`) is the fetch itself.
  for (const [n, d] of derived) if (!out.has(n)) out.set(n, d);
  return [...out.values()];
}

export function extractConverters(doc: DocText, typesByName: Map<string, { i: SampleType; o: SampleType }>): Rec<ConverterFact>[] {
  const ch = doc.chapter('7.3.1');
  if (!ch) throw new Error('no §7.3.1');
  const out = new Map<string, Rec<ConverterFact>>();
  let table = false;
  for (let i = ch.start + 2; i < ch.end; i++) {
    const l = doc.lines[i];
    if (/keyword\s+input type\s+output type/.test(l)) { table = true; continue; }
    if (!table) continue;
    if (l.trim() === '' && out.size > 0) break;
    if (/^-/.test(l) || l.trim() === '') continue;
    const cells = l.trim().split(/\s{2,}/);
    if (cells.length < 3) continue;
    const sig = cells[0];
    const m = /^([a-z0-9][\w.-]*)(\(.*\))?$/.exec(sig);
    if (!m) continue;
    // `map_match(…)  _match_  …`: the table's stand-in (an input type in underscores) for the
    // map_<match>[_<output>] family, not a converter name; the real names come from the sources (registeredSamples).
    if (/^_\w+_$/.test(cells[cells.length - 2].trim())) continue;
    const as = m[2] ?? '';
    const outType = cells[cells.length - 1] === 'same' ? 'any' : cells[cells.length - 1];
    out.set(m[1], { n: m[1], i: sampleType(cells[cells.length - 2]), o: sampleType(outType), ...(as ? { as } : {}), ...countParenArgs(as), c: '7.3.1' });
  }
  if (out.size > 0) return [...out.values()];
  // Before 3.0 there is no table: converter entries are column-0 lines `name(<args>)`.
  for (const e of doc.entries(ch.start + 2, ch.end)) {
    for (const sig of e.signatures) {
      const m = /^([a-z0-9][\w.-]*)(\(.*\))?$/.exec(sig.trim());
      if (!m || out.has(m[1])) continue;
      const as = m[2] ?? '';
      const t = typesByName.get(m[1]) ?? { i: 'any' as SampleType, o: 'any' as SampleType };
      out.set(m[1], { n: m[1], i: t.i, o: t.o, ...(as ? { as } : {}), ...countParenArgs(as), c: '7.3.1' });
    }
  }
  return [...out.values()];
}

export function extractPredefinedAcls(doc: DocText): Rec<AclFact>[] {
  const ch = doc.chapter('7.4');
  if (!ch) return [];
  const out: Rec<AclFact>[] = [];
  let inTable = false;
  for (let i = ch.start + 2; i < ch.end; i++) {
    const l = doc.lines[i];
    if (/^ACL name\s+Equivalent to\s+Usage/.test(l)) { inTable = true; continue; }
    if (!inTable || !/^[A-Z]/.test(l)) continue;
    // Columns are not aligned with the header: the usage text follows the last run of 3+ spaces.
    const name = l.split(/\s/)[0];
    const rest = l.slice(name.length).trim();
    const lastRun = [...rest.matchAll(/\s{3,}/g)].pop();
    const e = (lastRun ? rest.slice(0, lastRun.index) : rest).trim().replace(/\s+/g, ' ');
    if (/^[A-Z0-9_.]+$/.test(name)) out.push({ n: name, e, c: '7.4' });
  }
  return out;
}

export function extractLogAliases(doc: DocText): Rec<LogAliasFact>[] {
  const ch = doc.chapterTitled(/^Custom log format/);
  if (!ch) return [];
  const out: Rec<LogAliasFact>[] = [];
  const L = doc.lines;
  for (let i = ch.start + 2; i < ch.end; i++) {
    const cells = L[i].split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^%[A-Za-z]+$/.test(cells[2])) continue;
    if (cells[2] === '%o') continue;
    let type = cells[4];
    // 3.x spreads a row over two lines: the type sits on the second.
    if (!type && i + 1 < ch.end) {
      const next = L[i + 1].split('|').map((c) => c.trim());
      if (next.length >= 6 && next[2] === '') type = next[4];
    }
    const t = /^IP$/i.test(type) ? 'IP' : /numeric/.test(type) ? 'numeric' : /string/.test(type) ? 'string' : /date/.test(type) ? 'date' : 'any';
    const field = cells[3].replace(/\s*\(.*$/, '').trim().slice(0, 48);
    out.push({ n: cells[2].slice(1), f: field, t, c: ch.number, ...(cells[1] === 'H' ? { h: 1 as const } : {}) });
  }
  return out;
}
