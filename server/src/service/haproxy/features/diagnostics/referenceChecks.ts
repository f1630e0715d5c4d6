/**
 * References and duplicates. References come from the shared name index (which already
 * skips run-time names such as `use_backend %[…]` and `${…}`); duplicates follow HAProxy
 * 2.6's own rules, measured with `haproxy -c`:
 * - a frontend or listen clashes with an earlier frontend/listen; a backend with an earlier
 *   backend/listen (`backend x` then `listen x` is accepted, the reverse is not);
 * - servers of one proxy must be unique;
 * - peers, resolvers, ring, http-errors, mailers, fcgi-app, log-forward names are fatal when
 *   repeated; a repeated userlist is only ignored with a warning; defaults may repeat.
 */
import { suggest } from '../../../common/didYouMean';
import { buildNameIndex, type NameSymbol } from '../nameIndex';
import type { Section, Statement } from '../../parser/model';
import { mailersLookupLines } from './emailAlertChecks';
import { didYouMeanHint, valueIs, type CheckContext, type RawReport } from './reporter';

const FATAL_DUPLICATE_SECTIONS = new Set(['peers', 'resolvers', 'ring', 'http-errors', 'mailers', 'fcgi-app', 'log-forward', 'cache', 'crt-store', 'log-profile', 'program', 'acme', 'traces']);

export function checkReferences(cc: CheckContext): void {
  const index = buildNameIndex(cc.doc);
  const holdsTable = new Map<Section, boolean>();
  let peersNames: string[] | undefined;
  let mailersLines: Set<number> | undefined;
  // An indexed loop: the iterator's result objects of `for…of` showed in the allocation profile.
  const refs = index.allReferences();
  for (let r = 0; r < refs.length; r++) {
    const sym = refs[r];
    if (sym.kind === 'table') {
      checkTableRef(cc, sym, index.tableDefinitions(sym), holdsTable, (peersNames ??= index.definitions('peers').map((d) => d.name)));
      continue;
    }
    // `stats scope <name>`: HAProxy 2.6 accepts any name silently (haproxy -c), so do we.
    // A lookup, not resolve(): the list (and its memo entry) is not needed for a defined name.
    if (sym.kind === 'proxy' || index.isDefined(sym)) continue;
    // An incomplete or unused `email-alert` set is dropped before its mailers name is looked up.
    if (sym.kind === 'mailers' && !(mailersLines ??= mailersLookupLines(cc)).has(sym.line)) continue;
    reportUndefined(cc, sym, (kind) => index.definitions(kind).map((d) => d.name));
  }
  checkOwnTableRules(cc, holdsTable);
}

/**
 * Rules that use the proxy's own table when no `table` is named, which then must exist
 * (haproxy -c: "unable to find stick-table 'be'" / "unable to find table 'fe' referenced by
 * track-sc0" / "… in arg 1 of ACL keyword 'src_conn_cur'"): `stick on|match|store-*` in a
 * backend, `track-scN <key>` and `src_*(`/`table_avl`/`table_cnt` without a table argument in
 * any proxy.
 */
function checkOwnTableRules(cc: CheckContext, holdsTable: Map<Section, boolean>): void {
  const sections = cc.doc.sections;
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si];
    const k = section.kind;
    if (k !== 'backend' && k !== 'listen' && k !== 'frontend') continue;
    if (hasStickTable(section, holdsTable)) continue;
    // All this looks at is the section itself, and the parser hands an edited document the
    // same Section objects for unchanged sections: the scan of every rule word runs once per
    // Section, later validations replay its reports (lines included: a reused section has not moved).
    let reports = ownTableReports.get(section);
    if (!reports) {
      // Reused between sections (nearly always left empty).
      const sink = ownSink;
      const lines = ownLines;
      sink.length = 0;
      lines.length = 0;
      cc.sink = sink;
      try {
        scanOwnTableRules(cc, section, lines);
      } finally {
        cc.sink = undefined;
      }
      // Nearly every table-less proxy reports nothing: they share one empty list.
      reports = sink.length === 0 ? NO_OWN_TABLE_REPORTS : sink.map((raw, i) => ({ line: lines[i], raw }));
      if (sink.length > 0) {
        sink.length = 0;
        lines.length = 0;
      }
      ownTableReports.set(section, reports);
    }
    for (let r = 0; r < reports.length; r++) {
      const { line, raw } = reports[r];
      cc.emit(raw.key, line, raw.start, raw.end, raw.args, raw.data, raw.defaultSeverity);
    }
  }
}

const ownTableReports = new WeakMap<Section, readonly { line: number; raw: RawReport }[]>();
const NO_OWN_TABLE_REPORTS: readonly { line: number; raw: RawReport }[] = [];
const ownSink: RawReport[] = [];
const ownLines: number[] = [];

/** Reports (into `cc.sink`, their lines into `lines`) the rules of a table-less proxy that use its own table. */
function scanOwnTableRules(cc: CheckContext, section: Section, lines: number[]): void {
  const k = section.kind;
  const name = section.name?.value ?? '';
  for (const st of section.body) {
    // Keyword, then values (no Token objects): only lines that may use the own table build tokens.
    const kw = st.keyword;
    if (kw !== 'stick' && !RULE_KEYWORDS.has(kw) && kw !== 'acl') continue;
    // Without quotes or escapes the values are substrings of the text: one test, no words built.
    if (kw !== 'stick' && (st.plain || isLiteral(st.text)) && !OWN_TABLE_WORD.test(st.text)) continue;
    if (st.plain) {
      scanPlainOwnTableRule(cc, st, kw, k, name, lines);
      continue;
    }
    const v = st.values;
    if (v.length < 2) continue;
    if (v[0] !== 'stick' && !RULE_KEYWORDS.has(v[0]) && v[0] !== 'acl') continue;
    if (v[0] !== 'stick' && !mayUseOwnTable(v)) continue;
    const t = st.tokens;
    if (t[0].value === 'stick' && k !== 'frontend') {
      if (t.some((tok) => tok.value === 'table')) continue;
      lines.push(st.line);
      cc.report('undefinedTable', st.line, t[0].start, t[1].end, { detail: `This stick rule uses the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
      continue;
    }
    if (!RULE_KEYWORDS.has(t[0].value) && t[0].value !== 'acl') continue;
    for (let i = 1; i < t.length; i++) {
      const tok = t[i];
      if (tok.value.startsWith('track-sc') && !tok.quoted) {
        if (!t.some((x, j) => j > i && x.value === 'table')) {
          lines.push(st.line);
          cc.report('undefinedTable', st.line, tok.start, tok.end, { detail: `'${tok.value}' without 'table' tracks in the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
        }
        break;
      }
      // Cheap filter first: this runs over every word of every rule of table-less proxies.
      if (!tok.value.includes('src_') && !tok.value.includes('table_')) continue;
      const m = OWN_TABLE_FETCH.exec(tok.value);
      if (m && !cc.isDeferred(tok)) {
        lines.push(st.line);
        cc.report('undefinedTable', st.line, tok.start + m.index + m[1].length, tok.start + m.index + m[0].length, { detail: `'${m[2]}' without a table argument reads the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
      }
    }
  }
}

/**
 * The loop body of scanOwnTableRules for a plain statement, on the text and the word columns:
 * same tests and reports, without the line's values and Token objects (a tracking rule is on
 * nearly every frontend). A plain word's value is its text and it holds nothing deferred.
 */
function scanPlainOwnTableRule(cc: CheckContext, st: Statement, kw: string, k: string, name: string, lines: number[]): void {
  const n = st.tokenCount;
  if (n < 2) return;
  // `kw` passed the keyword filter (lower-case words): the value passes it only if it is `kw` itself.
  if (!valueIs(st, 0, kw)) return;
  const text = st.text;
  if (kw !== 'stick') {
    let may = false;
    for (let i = 1; i < n && !may; i++) {
      const s = st.tokenStart(i);
      const e = st.tokenEnd(i);
      may = (e - s >= 8 && text.startsWith('track-sc', s)) || within(text, 'src_', s, e) || within(text, 'table_', s, e);
    }
    if (!may) return;
  }
  const tableAfter = (i: number): boolean => {
    for (let j = i + 1; j < n; j++) if (valueIs(st, j, 'table')) return true;
    return false;
  };
  if (kw === 'stick' && k !== 'frontend') {
    if (tableAfter(-1)) return;
    lines.push(st.line);
    cc.report('undefinedTable', st.line, st.tokenStart(0), st.tokenEnd(1), { detail: `This stick rule uses the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
    return;
  }
  if (!RULE_KEYWORDS.has(kw) && kw !== 'acl') return;
  for (let i = 1; i < n; i++) {
    const s = st.tokenStart(i);
    const e = st.tokenEnd(i);
    if (e - s >= 8 && text.startsWith('track-sc', s)) {
      if (!tableAfter(i)) {
        lines.push(st.line);
        cc.report('undefinedTable', st.line, s, e, { detail: `'${text.slice(s, e)}' without 'table' tracks in the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
      }
      break;
    }
    if (!within(text, 'src_', s, e) && !within(text, 'table_', s, e)) continue;
    const m = OWN_TABLE_FETCH.exec(text.slice(s, e));
    if (m) {
      lines.push(st.line);
      cc.report('undefinedTable', st.line, s + m.index + m[1].length, s + m.index + m[0].length, { detail: `'${m[2]}' without a table argument reads the table of '${name}', which has no 'stick-table' line.`, hint: OWN_TABLE_HINT });
    }
  }
}

/** Whether `needle` occurs in `text[s, e)`. */
function within(text: string, needle: string, s: number, e: number): boolean {
  const at = text.indexOf(needle, s);
  return at >= 0 && at + needle.length <= e;
}

/** A word that can read the own table: `track-sc…` or a `src_`/`table_` sample. */
function mayUseOwnTable(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v.startsWith('track-sc') || v.includes('src_') || v.includes('table_')) return true;
  }
  return false;
}

/** What mayUseOwnTable looks for, on a line's text (case-sensitive, like it). */
const OWN_TABLE_WORD = /track-sc|src_|table_/;

function isLiteral(text: string): boolean {
  return text.indexOf('\\') < 0 && text.indexOf('"') < 0 && text.indexOf("'") < 0;
}

const OWN_TABLE_HINT = " Add a 'stick-table' line, or name a table (e.g. 'table <proxy>' or a table argument).";
const RULE_KEYWORDS = new Set(['http-request', 'http-response', 'http-after-response', 'tcp-request', 'tcp-response', 'use_backend', 'use-server', 'redirect', 'monitor', 'stick']);
/** `src_conn_cur`, `src_get_gpc0()`, `table_cnt` … with no argument at all, as a whole sample name. */
const OWN_TABLE_FETCH = /(^|[[,{])((?:src_(?!is_local\b|port\b)[a-z0-9_]+|table_avl|table_cnt))(?:\(\))?(?=$|[\s,\]}])/;

/**
 * `table be` needs a proxy `be` with a `stick-table` line; `table p/t` a `table t` line in
 * `peers p`. HAProxy 2.6 refuses both ("unable to find table …"), hence an error.
 */
function checkTableRef(cc: CheckContext, sym: NameSymbol, defs: readonly NameSymbol[], holdsTable: Map<Section, boolean>, peersNames: string[]): void {
  const { line, start: character, end } = sym;
  if (sym.proxy !== undefined) {
    // A missing peers section is already an undefined-reference on the `peers` part.
    if (defs.length > 0 || !peersNames.includes(sym.proxy)) return;
    const names = cc.doc.sections.filter((s) => s.kind === 'peers' && s.name?.value === sym.proxy)
      .flatMap((s) => s.body.filter((st) => st.tokens[0]?.value.toLowerCase() === 'table' && st.tokens[1]).map((st) => st.tokens[1].value));
    const sugg = suggest(sym.name, names);
    cc.report('undefinedTable', line, character, end, { detail: `The peers section '${sym.proxy}' declares no table '${sym.name}'.`, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
    return;
  }
  if (defs.some((d) => hasStickTable(d.section, holdsTable))) return;
  const holders: string[] = [];
  const qualified: string[] = [];
  for (const s of cc.doc.sections) {
    if (!s.name) continue;
    if ((s.kind === 'frontend' || s.kind === 'backend' || s.kind === 'listen') && hasStickTable(s, holdsTable)) holders.push(s.name.value);
    // `t1` written for a table of `peers p` is most likely meant as `p/t1`.
    if (s.kind === 'peers') for (const st of s.body) if (st.tokens[0]?.value.toLowerCase() === 'table' && st.tokens[1]?.value === sym.name) qualified.push(`${s.name.value}/${sym.name}`);
  }
  const sugg = qualified.length > 0 ? qualified.slice(0, 3) : suggest(sym.name, holders);
  const detail = defs.length > 0
    ? `'${sym.name}' has no 'stick-table' line, so there is no table '${sym.name}'.`
    : `No stick table named '${sym.name}': no frontend, backend or listen of that name is defined in this file.`;
  cc.report('undefinedTable', line, character, end, { detail, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
}

/**
 * Whether a section has a `stick-table` line, once per validation (`cache`). Not memoised per
 * Section across validations: comparing the keywords of a body costs less than a WeakMap entry.
 */
function hasStickTable(section: Section, cache: Map<Section, boolean>): boolean {
  let v = cache.get(section);
  if (v === undefined) {
    v = false;
    const body = section.body;
    for (let k = 0; k < body.length; k++) if (body[k].keyword === 'stick-table') { v = true; break; }
    cache.set(section, v);
  }
  return v;
}

function reportUndefined(cc: CheckContext, sym: NameSymbol, namesOf: (kind: NameSymbol['kind']) => string[]): void {
  const { line, start: character, end } = sym;
  if (sym.kind === 'backend') {
    const sugg = suggest(sym.name, namesOf('backend'));
    cc.report('undefinedBackend', line, character, end, { name: sym.name, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
  } else if (sym.kind === 'acl') {
    const local = namesOf('acl').length > 0 ? aclNamesIn(cc, sym.section) : [];
    const sugg = suggest(sym.name, local);
    cc.report('undefinedAcl', line, character, end, { name: sym.name, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
  } else if (sym.kind === 'server') {
    const proxy = sym.proxy ?? sym.section.name?.value;
    // `track be/s1` where `be` itself is missing is already reported as an undefined backend.
    if (sym.proxy && !cc.doc.sections.some((s) => (s.kind === 'backend' || s.kind === 'listen') && s.name?.value === sym.proxy)) return;
    const names = cc.doc.sections.filter((s) => s.name?.value === proxy).flatMap((s) => serverNamesIn(s));
    const sugg = suggest(sym.name, names);
    const where = proxy ? ` in '${proxy}'` : '';
    cc.report('undefinedServer', line, character, end, { name: sym.name, where, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
  } else {
    const sugg = suggest(sym.name, namesOf(sym.kind));
    cc.report('undefinedSection', line, character, end, { kind: sym.kind, name: sym.name, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
  }
}

function aclNamesIn(_cc: CheckContext, section: Section): string[] {
  const out: string[] = [];
  for (const st of section.body) if (st.tokens[0]?.value === 'acl' && st.tokens[1]) out.push(st.tokens[1].value);
  return out;
}

function serverNamesIn(section: Section): string[] {
  const out: string[] = [];
  for (const st of section.body) if (st.tokens[0]?.value === 'server' && st.tokens[1]) out.push(st.tokens[1].value);
  return out;
}

export function checkDuplicates(cc: CheckContext): void {
  const frontSide = new Map<string, Section>();
  const backSide = new Map<string, Section>();
  const named = new Map<string, Section>();
  for (const section of cc.doc.sections) {
    const name = section.name;
    if (name && !cc.isDeferred(name) && cc.lineStates?.[section.startLine] !== 2) {
      const k = section.kind;
      const v = name.value;
      if (k === 'frontend' || k === 'listen' || k === 'backend') {
        const clash = k === 'backend' ? backSide.get(v) : frontSide.get(v);
        if (clash) {
          cc.report('duplicateProxy', section.header.line, name.start, name.end, { kind: clash.kind === k ? k : `${clash.kind}`, name: v, line: clash.header.line + 1 });
        }
        if (k !== 'backend' && !frontSide.has(v)) frontSide.set(v, section);
        if (k !== 'frontend' && !backSide.has(v)) backSide.set(v, section);
      } else if (FATAL_DUPLICATE_SECTIONS.has(k) || k === 'userlist') {
        const key = `${k}\u0000${v}`;
        const first = named.get(key);
        if (first) {
          cc.report('duplicateProxy', section.header.line, name.start, name.end, { kind: `${k} section`, name: v, line: first.header.line + 1 }, undefined, k === 'userlist' ? 'warning' : undefined);
        } else {
          named.set(key, section);
        }
      }
    }
    if (section.kind === 'backend' || section.kind === 'listen') checkDuplicateServers(cc, section);
  }
}

function checkDuplicateServers(cc: CheckContext, section: Section): void {
  const body = section.body;
  // A usual backend (a few servers among a few dozen lines) compares the names in place with the
  // servers above each one: no Map and no name strings per backend. Large sections use the Map.
  if (body.length > SMALL_SECTION) {
    checkDuplicateServersByMap(cc, section);
    return;
  }
  // The counted server lines' indexes, then each name compared with those above it.
  const servers = smallServers;
  let m = 0;
  for (let i = 0; i < body.length; i++) if (countedServer(cc, body[i])) servers[m++] = i;
  for (let a = 1; a < m; a++) {
    const st = body[servers[a]];
    for (let b = 0; b < a; b++) {
      const prev = body[servers[b]];
      if (!sameServerName(st, prev)) continue;
      // The first server of that name (the Map kept the first line).
      cc.reportAt('duplicateServer', st, 1, { name: serverName(st), kind: section.kind, line: prev.line + 1 });
      break;
    }
  }
}

const SMALL_SECTION = 64;
const smallServers = new Int32Array(SMALL_SECTION);

/** A `server` line (that exact keyword) with a literal name, on a line HAProxy reads. */
function countedServer(cc: CheckContext, st: Statement): boolean {
  // Keyword, then only the first two words (a server line has many): read from the text of a
  // plain line (its words are their text), from two tokens otherwise.
  if (st.keyword !== 'server' || st.tokenCount < 2) return false;
  if (st.plain) {
    // The keyword is `server` in some case: the word is exactly `server` when the text says so.
    if (!st.text.startsWith('server', st.tokenStart(0))) return false;
  } else if (st.tokenAt(0)!.value !== 'server' || cc.isDeferred(st.tokenAt(1)!)) {
    return false;
  }
  return !(cc.lineStates?.[st.line] !== undefined && cc.lineStates[st.line] !== 0);
}

function serverName(st: Statement): string {
  return st.plain ? st.valueAt(1)! : st.tokenAt(1)!.value;
}

function sameServerName(a: Statement, b: Statement): boolean {
  if (!a.plain || !b.plain) return serverName(a) === serverName(b);
  const a0 = a.tokenStart(1);
  const b0 = b.tokenStart(1);
  const len = a.tokenEnd(1) - a0;
  if (b.tokenEnd(1) - b0 !== len) return false;
  const at = a.text;
  const bt = b.text;
  for (let k = 0; k < len; k++) if (at.charCodeAt(a0 + k) !== bt.charCodeAt(b0 + k)) return false;
  return true;
}

function checkDuplicateServersByMap(cc: CheckContext, section: Section): void {
  const seen = new Map<string, number>();
  for (const st of section.body) {
    if (!countedServer(cc, st)) continue;
    const n = serverName(st);
    const prev = seen.get(n);
    if (prev !== undefined) {
      cc.reportAt('duplicateServer', st, 1, { name: n, kind: section.kind, line: prev + 1 });
    } else {
      seen.set(n, st.line);
    }
  }
}
