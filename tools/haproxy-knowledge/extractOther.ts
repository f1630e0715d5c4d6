/**
 * Global keywords (§3 index + signatures), keywords of the other sections (userlist, peers,
 * resolvers, ring …, located by chapter title since the numbering moved between versions),
 * and bind/server options (§5.1/§5.2).
 */
import type { KeywordFact, ParamFact, SectionFact } from '../../server/src/service/haproxy/knowledge/data/factsFormat';
import type { SectionKind } from '../../server/src/service/haproxy/knowledge/types';
import { countArgs, EXPERIMENTAL_MARKER, splitTopLevel, STATUS_MARKERS, type DocText } from './docText';
import { MULTI_WORD_HEADS, type Rec } from './extractProxy';

/** Signature-looking column-0 lines: after a blank (or another signature), followed by blank or indented text. */
export function signatureLines(doc: DocText, start: number, end: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const L = doc.lines;
  let prevSig = false;
  for (let i = start; i < end; i++) {
    const l = L[i];
    const okStart = /^[a-z][a-z0-9_.-]*(\(|\s+[<[{a-z0-9"'-]|$)/.test(l) && l.length < 110 && !/[.:,]$/.test(l.trim());
    const prevOk = i > 0 && (L[i - 1].trim() === '' || prevSig);
    let nextIdx = i + 1;
    let text = l.trim();
    while (nextIdx < end && /^ {6,}[[<{]/.test(L[nextIdx])) text += ` ${L[nextIdx++].trim()}`;
    const next = nextIdx < end ? L[nextIdx] : '';
    const nextOk = next.trim() === '' || /^\s/.test(next) || /^[a-z][a-z0-9_.-]*(\s|$)/.test(next);
    if (okStart && prevOk && nextOk && !/^(note|example|examples|see also)\b/i.test(l)) {
      out.push({ text: text.replace(/\s+/g, ' '), line: i });
      prevSig = true;
      i = nextIdx - 1;
    } else prevSig = false;
  }
  return out;
}

function keywordName(sig: string): string {
  const w = splitTopLevel(sig).map((x) => x.replace(/\(.*$/, ''));
  return MULTI_WORD_HEADS.has(w[0]) && w[1] && /^[a-z][\w.-]*$/.test(w[1]) ? `${w[0]} ${w[1]}` : w[0];
}

function argsOf(name: string, sigs: string[]): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (const s of sigs) {
    const c = countArgs(s.replace(STATUS_MARKERS, ' ').slice(name.length));
    min = Math.min(min, c.min);
    max = max < 0 || c.max < 0 ? -1 : Math.max(max, c.max);
  }
  return { min: min === Infinity ? 0 : min, max };
}

const GLOBAL_CHAPTER_TITLES = /^(Process management and security|Performance tuning|Debugging|HTTPClient tuning)/;

export function extractGlobals(doc: DocText): Rec<KeywordFact>[] {
  const g = doc.chapter('3');
  if (!g) throw new Error('no §3');
  const first = doc.chapters.find((c) => c.number.startsWith('3.'))!;
  const index = new Map<string, { dep: boolean; exp: boolean }>();
  for (let i = g.start; i < first.start; i++) {
    const m = /^ {3}- (\S+)(.*)$/.exec(doc.lines[i]);
    if (m) index.set(m[1], { dep: /deprecated/.test(m[2]), exp: /experimental/.test(m[2]) });
  }
  const sigs = new Map<string, { sy: string[]; c: string }>();
  const extra = new Set<string>();
  for (const ch of doc.chapters.filter((c) => /^3\.\d+$/.test(c.number) && GLOBAL_CHAPTER_TITLES.test(c.title))) {
    const lines = [
      ...signatureLines(doc, ch.start + 2, ch.end).map((s) => ({ text: s.text, indexed: true })),
      ...doc.entries(ch.start + 2, ch.end).flatMap((e) => e.signatures.map((text) => ({ text: text.replace(/\s+/g, ' '), indexed: false }))),
    ];
    for (const s of lines) {
      const w = splitTopLevel(s.text);
      let name = w[0];
      // `stats socket`, `stats timeout` … are indexed as "stats".
      if (name === 'stats' && w[1] && /^[a-z][\w-]*$/.test(w[1])) name = `stats ${w[1]}`;
      if (s.indexed && !index.has(name) && !index.has(w[0])) continue;
      // A few documented globals are missing from the index (e.g. master-worker in 2.6).
      if (!s.indexed && !index.has(name) && !index.has(w[0])) {
        if (!/^[a-z0-9][a-z0-9_.-]*$/.test(w[0]) || (w[1] && !/^[<[{(]|^(no-|on|off)/.test(w[1]))) continue;
        extra.add(name);
      }
      const rec = sigs.get(name) ?? { sy: [], c: ch.number };
      const clean = s.text.replace(STATUS_MARKERS, ' ').trim();
      if (!rec.sy.includes(clean)) rec.sy.push(clean);
      sigs.set(name, rec);
    }
  }
  const out: Rec<KeywordFact>[] = [];
  const seen = new Set<string>();
  const push = (name: string, flags: { dep: boolean; exp: boolean }): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const s = sigs.get(name);
    const a = s ? argsOf(name, s.sy) : { min: 0, max: -1 };
    out.push({
      n: name, s: ['global'], c: s?.c ?? '3', sy: s?.sy ?? [name], min: a.min, max: a.max,
      ...(flags.dep ? { dep: 1 as const } : {}), ...(flags.exp ? { exp: 1 as const } : {}),
    });
  };
  for (const [name, flags] of index) {
    const family = [...sigs.keys()].filter((k) => k.startsWith(`${name} `));
    if (family.length > 0) family.forEach((f) => push(f, flags));
    else push(name, flags);
  }
  for (const name of extra) if (!name.includes(' ')) push(name, { dep: false, exp: false });
  return out;
}

/** Which chapter documents each non-proxy section, by title (numbers moved between 2.6 and 3.2). */
const SECTION_CHAPTERS: [SectionKind, RegExp][] = [
  ['userlist', /^Userlists/], ['peers', /^Peers( declaration)?$/], ['mailers', /^Mailers/], ['program', /^Programs/],
  ['http-errors', /^HTTP-errors/], ['ring', /^Rings/], ['log-forward', /^Log forwarding/], ['cache', /^Cache section/],
  ['fcgi-app', /^Fcgi-app section/], ['resolvers', /^The resolvers section/], ['crt-store', /^Certificate Storage/],
  ['traces', /^Traces/], ['acme', /^ACME/], ['log-profile', /^Log profiles/], ['healthcheck', /^Healthchecks/],
];

export interface SectionKeywords {
  sections: Rec<SectionFact>[];
  keywords: Rec<KeywordFact>[];
}

/** `registered`: section names HAProxy's sources register for this version (authoritative for existence). */
export function extractSectionKeywords(doc: DocText, registered: Set<string>): SectionKeywords {
  const sections: Rec<SectionFact>[] = [
    { n: 'global', r: 'none', c: '3', sy: ['global'] },
    { n: 'defaults', r: 'optional', c: '4', sy: ['defaults [<name>] [ from <defaults_name> ]'] },
    { n: 'frontend', r: 'required', c: '4', sy: ['frontend <name> [ from <defaults_name> ]'] },
    { n: 'listen', r: 'required', c: '4', sy: ['listen <name> [ from <defaults_name> ]'] },
    { n: 'backend', r: 'required', c: '4', sy: ['backend <name> [ from <defaults_name> ]'] },
  ];
  const keywords: Rec<KeywordFact>[] = [];
  for (const [kind, re] of SECTION_CHAPTERS) {
    if (!registered.has(kind)) continue;
    const ch = doc.chapterTitled(re);
    if (!ch) {
      sections.push({ n: kind, r: 'required', c: '' });
      continue;
    }
    const range = doc.range(ch.number)!;
    // Sub-chapters such as 12.7.1 "Load options" describe arguments, not keywords.
    const subs = doc.chapters.filter((c) => c.number.startsWith(`${ch.number}.`));
    const end = subs.length > 0 ? subs[0].start : range.end;
    const bySig = new Map<string, string[]>();
    let header: string | undefined;
    for (const s of signatureLines(doc, ch.start + 2, end)) {
      if (s.text.startsWith('no ')) continue;
      const name = keywordName(s.text);
      if (name === kind) { header ??= s.text; continue; }
      const clean = s.text.replace(STATUS_MARKERS, ' ').trim();
      const list = bySig.get(name) ?? [];
      if (!list.includes(clean)) list.push(clean);
      bySig.set(name, list);
    }
    // No documented header line (crt-store in 3.0): do not demand a name we cannot prove is needed.
    const r = !header ? 'optional' : /\[\s*<[^>]*>\s*\]/.test(header) ? 'optional' : /</.test(header) ? 'required' : 'none';
    sections.push({ n: kind, r, c: ch.number, ...(header ? { sy: [header] } : {}), ...(/deprecated/i.test(ch.title) ? { dep: 1 as const } : {}) });
    for (const [name, sy] of bySig) {
      const a = argsOf(name, sy);
      keywords.push({ n: name, s: [kind], c: ch.number, sy, min: a.min, max: a.max });
    }
  }
  return { sections, keywords };
}

export function extractParams(doc: DocText, chapter: '5.1' | '5.2'): Rec<ParamFact>[] {
  const ch = doc.chapter(chapter);
  if (!ch) throw new Error(`no §${chapter}`);
  const out = new Map<string, Rec<ParamFact>>();
  for (const e of doc.entries(ch.start + 2, ch.end)) {
    for (const sig of e.signatures) {
      const w = splitTopLevel(sig.replace(STATUS_MARKERS, ' ').trim());
      // `set-proxy-v2-tlv-fmt(<id>) <fmt>`: the parenthesised part is an argument, not the name.
      const name = w[0].replace(/\(.*$/, '');
      if (!/^[a-z0-9][\w.-]*$/.test(name) || name === 'server' || name === 'default-server' || name === 'bind') continue;
      const prev = out.get(name);
      const a = w.length - 1;
      const rec: Rec<ParamFact> = prev ?? { n: name, a, c: chapter, sy: [] };
      rec.a = Math.max(rec.a, a);
      if (!rec.sy!.includes(sig)) rec.sy!.push(sig.replace(STATUS_MARKERS, ' ').trim());
      if (/\(deprecated\)/.test(sig)) rec.dep = 1;
      if (EXPERIMENTAL_MARKER.test(sig)) rec.exp = 1;
      if (chapter === '5.2' && name !== 'id') rec.ds = 1;
      out.set(name, rec);
    }
  }
  return [...out.values()];
}
