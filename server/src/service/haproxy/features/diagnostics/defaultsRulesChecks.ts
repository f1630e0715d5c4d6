/**
 * Named `defaults` sections that carry TCP/HTTP rules (`http-request`, `http-response`,
 * `http-after-response`, `tcp-request connection|session|content`, `tcp-response content`).
 * HAProxy does not copy such rules into the proxies: each proxy keeps a reference to the
 * defaults section and runs its rules first. Hence the limits it enforces when a section
 * starts from one (the same tests from 2.6 to 3.4: cfgparse-listen.c, proxy.c in 3.4), each
 * refused by haproxy -c 2.6.12:
 * - another `defaults … from` it: "a defaults section cannot inherit from a defaults section
 *   defining TCP/HTTP rules";
 * - a `listen`: "a listen section cannot inherit from a defaults section defining TCP/HTTP rules";
 * - frontends and backends both (the first proxy that uses it decides which): "frontends and
 *   backends cannot inherit from the same defaults section if it defines TCP/HTTP rules";
 * - a backend, when it has `tcp-request connection|session` rules; a frontend, when it has
 *   `tcp-response content` rules.
 * Once a proxy uses it, its rules are resolved against the defaults section itself, which never
 * has a stick table: `track-scN` without `table` ("unable to find table 'd' referenced by
 * track-sc0") and `src_*`/`table_*` fetches without a table argument ("table name must be set
 * in arg 1 of …") are refused (reported as undefined-table).
 *
 * A proxy uses the defaults section named by `from`, else the last `defaults` above it; a
 * `defaults` uses one only through `from`. Rules in an anonymous `defaults` are refused on
 * their own line (named-defaults-only) and never added, so they count for nothing here.
 * Exactness over reach: nothing is reported when a section header sits inside an `.if` block
 * (which sections exist then depends on the condition), when a `from` name is ambiguous, or
 * for rule lines inside `.if` blocks (only rules HAProxy surely reads count; more rules can
 * only add refusals, so every report stands). Cheap on large files: the body lines of
 * `defaults` sections are looked at by keyword, proxies only by their header, and proxy bodies
 * only for `disabled` when a defaults section's own-table rules are to be reported.
 */
import type { Section, Statement } from '../../parser/model';
import type { CheckContext } from './reporter';

/** What the rules of a defaults section imply for the proxies that use it. */
interface RuleDefaults {
  name: string;
  section: Section;
  /** First line of any rule, of a `tcp-request connection|session` rule, of a `tcp-response content` rule (-1: none). */
  rules: number;
  sessionRules: number;
  responseRules: number;
  /** The proxy kind the first successful user fixed ('' while unused), and that user. */
  side: '' | 'frontend' | 'backend';
  firstUser: Section | undefined;
  users: Section[];
}

const RULE_KEYWORDS = new Set(['http-request', 'http-response', 'http-after-response', 'tcp-request', 'tcp-response']);

export function checkDefaultsRules(cc: CheckContext): void {
  const states = cc.lineStates;
  // Which sections exist is decided by `.if` blocks: give up rather than guess.
  for (const section of cc.doc.sections) if (states && states[section.header.line] !== 0) return;
  /** Defaults sections declared so far, by name (several: an ambiguous `from`). */
  const byName = new Map<string, (RuleDefaults | undefined)[]>();
  let last: RuleDefaults | undefined;
  let lastSeen = false;
  const withRules: RuleDefaults[] = [];
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind !== 'defaults' && kind !== 'frontend' && kind !== 'backend' && kind !== 'listen') continue;
    // Two or three words of the header read alone (not the header's values array: every proxy has one).
    const header = section.header;
    const count = header.tokenCount;
    const h1 = header.valueAt(1);
    const h2 = header.valueAt(2);
    const anonymousFrom = kind === 'defaults' && h1 === 'from' && count === 3;
    const name = anonymousFrom ? '' : h1 ?? '';
    const fromAt = anonymousFrom ? 1 : h2 === 'from' && count === 4 ? 2 : -1;
    let used: RuleDefaults | undefined;
    let resolved = true;
    if (fromAt > 0) {
      const found = byName.get(header.valueAt(fromAt + 1)!);
      resolved = found !== undefined && found.length === 1;
      used = resolved ? found![0] : undefined;
    } else if (kind !== 'defaults') {
      used = last;
      resolved = lastSeen;
    }
    if (resolved && used) checkUse(cc, section, kind, used, fromAt);
    if (kind === 'defaults') {
      const entry = name !== '' ? scanDefaults(cc, section, name) : undefined;
      if (entry) withRules.push(entry);
      last = entry;
      lastSeen = true;
      if (name !== '') {
        const list = byName.get(name) ?? [];
        list.push(entry);
        byName.set(name, list);
      }
    }
  }
  for (const d of withRules) {
    if (byName.get(d.name)!.length !== 1) continue;
    // HAProxy resolves the rules once a proxy that is not disabled uses the section.
    if (d.users.some((p) => !p.body.some((st) => st.keyword === 'disabled'))) reportOwnTableRules(cc, d);
  }
}

/** The rule lines of a named defaults section; undefined when it has none. */
function scanDefaults(cc: CheckContext, section: Section, name: string): RuleDefaults | undefined {
  let rules = -1;
  let sessionRules = -1;
  let responseRules = -1;
  for (const st of section.body) {
    const kw = st.keyword;
    if (!RULE_KEYWORDS.has(kw) || (cc.lineStates && cc.lineStates[st.line] !== 0)) continue;
    if (kw === 'tcp-request' || kw === 'tcp-response') {
      const set = st.valueAt(1);
      if (kw === 'tcp-request' && (set === 'connection' || set === 'session')) {
        if (sessionRules < 0) sessionRules = st.line;
      } else if (kw === 'tcp-response' && set === 'content') {
        if (responseRules < 0) responseRules = st.line;
      } else if (set !== 'content') {
        continue; // inspect-delay and the like set a value, they are not rules
      }
    }
    if (rules < 0) rules = st.line;
  }
  if (rules < 0) return undefined;
  return { name, section, rules, sessionRules, responseRules, side: '', firstUser: undefined, users: [] };
}

/** One section starting from a defaults section with rules: HAProxy's tests, in its order. */
function checkUse(cc: CheckContext, section: Section, kind: string, d: RuleDefaults, fromAt: number): void {
  const at = `'${d.name}' (line ${d.section.header.line + 1})`;
  const uses = fromAt > 0 ? `starts from the defaults section ${at},` : `uses the defaults section ${at}, the last one above it,`;
  let detail: string | undefined;
  if (kind === 'defaults') {
    detail = `This defaults section starts from ${at}, which defines TCP/HTTP rules: HAProxy refuses to base a defaults section on one with rules. Start from a defaults section without rules, or move the rules into the proxies.`;
  } else if (kind === 'listen') {
    detail = `This listen section ${uses} which defines TCP/HTTP rules: HAProxy lets only frontends or only backends use a defaults section with rules, never a listen. Give it a defaults section without rules (an anonymous 'defaults' above it, or 'from' another one), or split it into a frontend and a backend.`;
  } else if (d.side !== '' && d.side !== kind) {
    detail = `This ${kind} ${uses} whose TCP/HTTP rules already serve the ${d.side} '${d.firstUser!.header.valueAt(1) ?? ''}' (line ${d.firstUser!.header.line + 1}): HAProxy lets a defaults section with rules serve frontends or backends, not both. Give the ${kind}s a defaults section of their own (e.g. an anonymous 'defaults' above them).`;
  } else if (kind === 'backend' && d.sessionRules >= 0) {
    detail = `This backend ${uses} which has 'tcp-request connection' or 'tcp-request session' rules (line ${d.sessionRules + 1}): those run only in frontends, and HAProxy refuses to pass them to a backend.`;
  } else if (kind === 'frontend' && d.responseRules >= 0) {
    detail = `This frontend ${uses} which has 'tcp-response content' rules (line ${d.responseRules + 1}): those run only in backends, and HAProxy refuses to pass them to a frontend.`;
  }
  if (detail === undefined) {
    if (kind === 'frontend' || kind === 'backend') {
      d.side = kind;
      d.firstUser ??= section;
      d.users.push(section);
    }
    return;
  }
  const h = section.header;
  // The `from <name>` words when written, else the header's keyword and name.
  const first = fromAt > 0 ? fromAt : 0;
  const lastWord = fromAt > 0 ? fromAt + 1 : Math.min(1, h.tokenCount - 1);
  cc.report('defaultsRulesInheritance', h.line, h.tokenStart(first), h.tokenEnd(lastWord), { detail });
}

/** `src_conn_cur`, `table_cnt`, `src_get_gpc0()` … without a table argument (as in referenceChecks.ts). */
const OWN_TABLE_FETCH = /(^|[[,{])((?:src_(?!is_local\b|port\b)[a-z0-9_]+|table_avl|table_cnt))(?:\(\))?(?=$|[\s,\]}])/;

/** `track-scN` without `table`, and own-table fetches, in the rules of a used defaults section. */
function reportOwnTableRules(cc: CheckContext, d: RuleDefaults): void {
  for (const st of d.section.body) {
    if (!RULE_KEYWORDS.has(st.keyword) || (cc.lineStates && cc.lineStates[st.line] !== 0)) continue;
    const text = st.text;
    if (!text.includes('track-sc') && !text.includes('src_') && !text.includes('table_')) continue;
    reportLine(cc, st, d.name);
  }
}

function reportLine(cc: CheckContext, st: Statement, name: string): void {
  const v = st.values;
  for (let i = 1; i < v.length; i++) {
    const w = v[i];
    if (/^track-sc\d+$/.test(w)) {
      if (!v.includes('table', i + 1) && !cc.deferredAt(st, i)) {
        cc.reportAt('undefinedTable', st, i, { detail: `'${w}' without 'table' in the defaults section '${name}' tracks in that section's own table, and a defaults section never has one (HAProxy: "unable to find table '${name}'").`, hint: " Name the table: 'table <backend with a stick-table>'." });
      }
      return;
    }
    if (w === 'if' || w === 'unless' || cc.deferredAt(st, i)) continue;
    const m = OWN_TABLE_FETCH.exec(w);
    if (m) {
      const start = st.tokenStart(i) + (st.plain ? m.index + m[1].length : 0);
      const end = st.plain ? start + m[2].length : st.tokenEnd(i);
      cc.report('undefinedTable', st.line, start, end, { detail: `'${m[2]}' in the defaults section '${name}' needs a table argument: without one it reads the section's own table, and a defaults section never has one (HAProxy: "table name must be set").`, hint: ` Name the table, e.g. '${m[2]}(<backend>)'.` });
    }
  }
}
