/**
 * Proxy keywords (§4.1 matrix + §4.2 entries) and rule actions (§4.3/§4.4 in 3.0+, the
 * `http-request <action>` … signatures of §4.2 in 2.6/2.8).
 */
import type { ActionFact, Context, KeywordFact } from '../../server/src/service/haproxy/knowledge/data/factsFormat';
import type { RuleSet, SectionKind } from '../../server/src/service/haproxy/knowledge/types';
import { countArgs, splitTopLevel, STATUS_MARKERS, type DocText } from './docText';

export type Rec<T> = Omit<T, 'v'>;

const PROXY_COLUMNS: SectionKind[] = ['defaults', 'frontend', 'listen', 'backend'];
/** First words that form multi-word keywords when followed by a literal word. */
export const MULTI_WORD_HEADS = new Set([
  'option', 'timeout', 'stats', 'capture', 'email-alert', 'external-check', 'rate-limit', 'http-check', 'tcp-check',
  'tcp-request', 'tcp-response', 'declare', 'stick', 'persist', 'unique-id', 'log-steps',
]);

const RULE_SETS: Record<string, RuleSet> = {
  'http-request': 'http-request', 'http-response': 'http-response', 'http-after-response': 'http-after-response',
  'tcp-request connection': 'tcp-request connection', 'tcp-request session': 'tcp-request session',
  'tcp-request content': 'tcp-request content', 'tcp-response content': 'tcp-response content',
  'quic-initial': 'quic-initial',
};

interface MatrixRow { name: string; sections: SectionKind[]; nd: boolean; neg: boolean; dep: boolean; exp: boolean }

function parseMatrix(doc: DocText): MatrixRow[] {
  const r = doc.range('4.1');
  if (!r) throw new Error('no §4.1');
  const rows: MatrixRow[] = [];
  for (let i = r.start; i < r.end; i++) {
    const line = doc.lines[i];
    const m = /^(\S.*?)\s+(X \(!\)|X|-)\s+(X|-)\s+(X|-)\s+(X|-)\s*$/.exec(line);
    if (!m || line.startsWith(' keyword') || line.startsWith('--')) continue;
    const head = m[1];
    const flags: string[] = head.match(/\([^)]*\)/g) ?? [];
    const name = head.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
    const cells = [m[2], m[3], m[4], m[5]];
    rows.push({
      name,
      sections: PROXY_COLUMNS.filter((_, k) => cells[k].startsWith('X')),
      nd: cells[0] === 'X (!)', neg: flags.includes('(*)'), dep: flags.includes('(deprecated)'), exp: flags.includes('(experimental)'),
    });
  }
  return rows;
}

/** The keyword name a §4.2 signature documents, given the known names. */
function nameOf(sig: string, known: Set<string>): string | undefined {
  const words = splitTopLevel(sig.replace(/^no\s+/, '')).map((w) => w.replace(/\(.*$/, ''));
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const cand = words.slice(0, n).join(' ');
    if (known.has(cand)) return cand;
  }
  return undefined;
}

function sectionsTable(body: string[]): { sections: SectionKind[]; nd: boolean } | undefined {
  for (let k = 0; k + 1 < body.length && k < 14; k++) {
    if (!/May be used in sections/.test(body[k])) continue;
    const cells = body[k + 1].split('|').map((c) => c.trim());
    if (cells.length !== 4) return undefined;
    return { sections: PROXY_COLUMNS.filter((_, i) => cells[i].startsWith('yes')), nd: cells[0] === 'yes(!)' };
  }
  return undefined;
}

function contextsOf(body: string[]): Context[] | undefined {
  for (const l of body.slice(0, 8)) {
    const m = /May be used in the following contexts:\s*(.*)$/.exec(l);
    if (m) return m[1].split(/[,\s]+/).filter((x): x is Context => x === 'tcp' || x === 'http' || x === 'log');
  }
  return undefined;
}

export interface ProxyFacts {
  keywords: Rec<KeywordFact>[];
  actions: Rec<ActionFact>[];
  balance: string[];
  modes: string[];
  /** Deprecated keywords documented without sections (name → signature); `neg` when a `no` form exists. */
  orphans: { n: string; sy: string; neg: boolean }[];
}

export function extractProxy(doc: DocText): ProxyFacts {
  const rows = parseMatrix(doc);
  const known = new Set(rows.map((r) => r.name));
  const r42 = doc.range('4.2');
  if (!r42) throw new Error('no §4.2');
  const entries = doc.entries(r42.start, r42.end);

  const sigsByName = new Map<string, string[]>();
  const tableByName = new Map<string, { sections: SectionKind[]; nd: boolean }>();
  const ctxByName = new Map<string, Context[]>();
  const depByName = new Set<string>();
  const negByName = new Set<string>();
  const orphans = new Map<string, string>();
  const actions2x = new Map<string, { rs: Set<RuleSet>; sy: string[]; min: number; max: number }>();

  for (const e of entries) {
    const table = sectionsTable(e.body);
    for (const rawSig of e.signatures) {
      const sig = rawSig.replace(/\s+/g, ' ');
      let name = nameOf(sig, known);
      if (!name && table) {
        // Documented keywords the matrix leaves out (deprecated or "discouraged" ones).
        const w = splitTopLevel(sig.replace(/^no /, '')).map((x) => x.replace(/\(.*$/, ''));
        name = MULTI_WORD_HEADS.has(w[0]) && w[1] && /^[a-z][\w.-]*$/.test(w[1]) ? `${w[0]} ${w[1]}` : w[0];
        known.add(name);
      }
      if (!name && /\(deprecated\)/.test(sig)) {
        // Deprecated keywords kept out of the matrix and without a sections table: the
        // generator takes their sections from the previous version.
        const w = splitTopLevel(sig.replace(/^no /, '')).map((x) => x.replace(/\(.*$/, ''));
        const orphan = MULTI_WORD_HEADS.has(w[0]) && w[1] && /^[a-z][\w.-]*$/.test(w[1]) ? `${w[0]} ${w[1]}` : w[0];
        if (!sig.startsWith('no ')) orphans.set(orphan, sig.replace(/\s*\(deprecated\)\s*/g, ' ').trim());
        else negByName.add(orphan);
        continue;
      }
      if (!name) continue;
      if (sig.startsWith('no ')) { negByName.add(name); continue; }
      // `compression algo <x> (deprecated)` deprecates a sub-form, not all of `compression`.
      const tail = sig.slice(name.length).replace(/\s*\(deprecated\)\s*/g, ' ').trim();
      if (/\(deprecated\)/.test(sig) && (tail === '' || /^[<[{]/.test(tail))) depByName.add(name);
      const clean = sig.replace(/\s*\(deprecated\)\s*/g, ' ').trim();
      const rs = RULE_SETS[name];
      const after = clean.slice(name.length).trim();
      if (rs && !after.startsWith('<') && after !== '') {
        // 2.6/2.8 style: "http-request set-header <name> <fmt> [ { if | unless } <condition> ]".
        const head = splitTopLevel(after)[0];
        const action = head.replace(/\(.*$/, '');
        const args = after.slice(head.length).replace(/\[\s*\{\s*if\s*\|\s*unless\s*\}\s*<condition>\s*\]/, '').trim();
        const cnt = countArgs(args);
        const a = actions2x.get(action) ?? { rs: new Set<RuleSet>(), sy: [], min: cnt.min, max: cnt.max };
        a.rs.add(rs);
        const sy = after;
        if (!a.sy.includes(sy)) a.sy.push(sy);
        a.min = Math.min(a.min, cnt.min);
        a.max = a.max < 0 || cnt.max < 0 ? -1 : Math.max(a.max, cnt.max);
        actions2x.set(action, a);
        continue;
      }
      const list = sigsByName.get(name) ?? [];
      if (!list.includes(clean)) list.push(clean);
      sigsByName.set(name, list);
      if (table && !tableByName.has(name)) tableByName.set(name, table);
      const ctx = contextsOf(e.body);
      if (ctx && !ctxByName.has(name)) ctxByName.set(name, ctx);
    }
  }

  const keywords: Rec<KeywordFact>[] = [];
  const seen = new Set<string>();
  const add = (name: string, sections: SectionKind[], nd: boolean, neg: boolean, dep: boolean, exp: boolean): void => {
    if (seen.has(name) || sections.length === 0) return;
    seen.add(name);
    const sy = sigsByName.get(name) ?? [name];
    let min = Infinity;
    let max = 0;
    for (const s of sy) {
      const c = countArgs(s.slice(name.length));
      min = Math.min(min, c.min);
      max = max < 0 || c.max < 0 ? -1 : Math.max(max, c.max);
    }
    const rs = RULE_SETS[name];
    const ctx = ctxByName.get(name);
    keywords.push({
      n: name, s: sections, c: '4.2', sy, min: rs ? 1 : min === Infinity ? 0 : min, max: rs ? -1 : max,
      ...(nd ? { nd: 1 as const } : {}), ...(neg || negByName.has(name) ? { neg: 1 as const } : {}),
      ...(dep || depByName.has(name) ? { dep: 1 as const } : {}), ...(exp ? { exp: 1 as const } : {}),
      ...(ctx && ctx.length ? { ctx } : {}), ...(rs ? { rs } : {}),
    });
  };
  for (const row of rows) add(row.name, row.sections, row.nd, row.neg, row.dep, row.exp);
  for (const [name, t] of tableByName) add(name, t.sections, t.nd, false, false, false);

  let actions: Rec<ActionFact>[] = [...actions2x].map(([n, a]) => ({ n, rs: [...a.rs], c: '4.2', sy: a.sy, min: a.min, max: a.max }));
  const matrixActions = extractActionMatrix(doc);
  if (matrixActions.length > 0) actions = matrixActions;

  return {
    keywords, actions, balance: balanceAlgorithms(doc, entries), modes: modeValues(sigsByName.get('mode') ?? []),
    orphans: [...orphans].filter(([n]) => !seen.has(n)).map(([n, sy]) => ({ n, sy, neg: negByName.has(n) })),
  };
}

/** §4.3 matrix + §4.4 signatures (3.0+). */
function extractActionMatrix(doc: DocText): Rec<ActionFact>[] {
  const r43 = doc.range('4.3');
  const r44 = doc.range('4.4');
  if (!r43 || !r44 || !/Actions/.test(doc.chapter('4.3')!.title)) return [];
  let columns: RuleSet[] = [];
  const out: Rec<ActionFact>[] = [];
  const sigs = new Map<string, string[]>();
  for (const e of doc.entries(r44.start, r44.end)) {
    if (!e.body.some((l) => /Usable in:/.test(l))) continue;
    for (const s of e.signatures) {
      const name = s.split(/[\s(]/)[0];
      const list = sigs.get(name) ?? [];
      list.push(s.replace(/\s+/g, ' ').replace(STATUS_MARKERS, ' ').trim());
      sigs.set(name, list);
    }
  }
  for (let i = r43.start; i < r43.end; i++) {
    const line = doc.lines[i];
    if (/^ keyword\s/.test(line)) {
      columns = [
        ...(line.includes('QUIC') ? (['quic-initial'] as RuleSet[]) : []),
        'tcp-request connection', 'tcp-request session', 'tcp-request content', 'tcp-response content',
        'http-request', 'http-response', 'http-after-response',
      ];
      continue;
    }
    if (columns.length === 0 || !/^[a-z]/.test(line)) continue;
    const toks = line.trim().split(/\s+/);
    const cells = toks.filter((t) => t === 'X' || t === '-');
    if (cells.length !== columns.length) continue;
    const name = toks[0];
    const dep = line.includes('(deprecated)');
    const sy = sigs.get(name) ?? [name];
    let min = Infinity;
    let max = 0;
    for (const s of sy) {
      const c = countArgs(s.replace(/^\S+/, '').replace(/^\([^)]*\)/, ''));
      min = Math.min(min, c.min);
      max = max < 0 || c.max < 0 ? -1 : Math.max(max, c.max);
    }
    out.push({
      n: name, rs: columns.filter((_, k) => cells[k] === 'X'), c: '4.4', sy, min: min === Infinity ? 0 : min, max,
      ...(dep ? { dep: 1 as const } : {}),
    });
  }
  return out;
}

function balanceAlgorithms(doc: DocText, entries: ReturnType<DocText['entries']>): string[] {
  const e = entries.find((x) => x.signatures.some((s) => s.startsWith('balance <algorithm>')));
  if (!e) return [];
  const out = new Set<string>();
  for (const l of e.body) {
    const m = /^ {6}([a-z][\w-]*)(\([^)]*\))?(\s{2,}|\s+[A-Z]|\s*$)/.exec(l);
    if (m) out.add(m[1]);
  }
  void doc;
  return [...out];
}

function modeValues(sigs: string[]): string[] {
  for (const s of sigs) {
    const m = /\{\s*([^}]*)\}/.exec(s);
    if (m) return m[1].split('|').map((x) => x.trim()).filter(Boolean);
  }
  return [];
}
