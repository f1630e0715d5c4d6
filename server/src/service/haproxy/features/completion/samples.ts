import type { CompletionItem } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../../context';
import type { Section } from '../../parser/model';
import { buildNameIndex } from '../nameIndex';
import { argsBeforeTable, TABLE_SAMPLE_NAME } from '../names/fetchArgs';
import { subRange, type CompletionCursor } from './cursor';
import { entryItem, nameItem, valueItem } from './items';
import { lineText, tableItems } from './names';

/** Completion inside sample expressions (`fetch(args),conv1,conv2(args)`) and ACL conditions. */

const USERLIST_FETCHES = new Set(['http_auth', 'http_auth_group', 'http_auth_pass']);
const BACKEND_FETCHES = new Set(['nbsrv', 'be_conn', 'be_conn_free', 'be_sess_rate', 'queue', 'avg_queue', 'connslots']);
const SERVER_FETCHES = new Set(['srv_is_up', 'srv_conn', 'srv_conn_free', 'srv_sess_rate', 'srv_queue', 'srv_iweight', 'srv_uweight', 'srv_weight']);

/** Match methods for `-m` in ACLs (configuration.txt §7.1.3), stable across versions. */
export const MATCH_METHODS = ['found', 'bool', 'int', 'ip', 'bin', 'len', 'str', 'sub', 'reg', 'beg', 'end', 'dir', 'dom'];

/**
 * The sample expression starts at column `exprStart` of the line and runs to the cursor:
 * offers fetches for its first element, converters after a comma, and names for fetch
 * arguments that take one (`http_auth(<userlist>)`, `nbsrv(<backend>)`).
 */
export function sampleItems(ctx: HaproxyContext, cur: CompletionCursor, exprStart: number, opts: { acl?: boolean } = {}): CompletionItem[] {
  const expr = cur.before.slice(exprStart);
  // Find the innermost unclosed parenthesis and the last top-level comma.
  let depth = 0;
  let openParen = -1;
  let lastComma = -1;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(') { if (depth === 0) openParen = i; depth++; }
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) lastComma = i;
  }
  if (depth > 0) return fetchArgItems(ctx, cur, expr, openParen, exprStart);
  const { kb } = ctx;
  if (lastComma >= 0) {
    const range = subRange(cur, exprStart + lastComma + 1);
    return kb.converters().filter((c) => !c.removed).map((c) => entryItem(kb, c, range));
  }
  const range = subRange(cur, exprStart);
  const items = kb.fetches().filter((f) => !f.removed).map((f) => entryItem(kb, f, range));
  // Where an ACL criterion starts, the ACL-only derivatives (`path_beg`, `hdr_sub` …) are valid too.
  if (opts.acl) for (const a of kb.aclKeywords?.() ?? []) if (!a.removed) items.push(entryItem(kb, a, range));
  return items;
}

function fetchArgItems(ctx: HaproxyContext, cur: CompletionCursor, expr: string, openParen: number, exprStart: number): CompletionItem[] {
  const fnStart = Math.max(expr.lastIndexOf(',', openParen) + 1, 0);
  const fn = expr.slice(fnStart, openParen).toLowerCase();
  const argText = expr.slice(openParen + 1);
  // Stick-table samples: `sc_http_req_rate(0,<table>)`, `src_conn_cur(<table>)`, `table_cnt(<table>)`.
  if (TABLE_SAMPLE_NAME.test(fn)) {
    const commas = argText.split(',').length - 1;
    if (commas !== argsBeforeTable(fn)) return [];
    return tableItems(ctx, subRange(cur, exprStart + openParen + 1 + argText.lastIndexOf(',') + 1));
  }
  if (argText.includes(',')) return [];
  const range = subRange(cur, exprStart + openParen + 1);
  const idx = buildNameIndex(ctx.parsed);
  const text = (line: number) => lineText(ctx, line);
  if (USERLIST_FETCHES.has(fn)) return idx.definitions('userlist').map((d) => nameItem(d, range, () => text(d.range.start.line)));
  if (BACKEND_FETCHES.has(fn)) return idx.definitions('backend').map((d) => nameItem(d, range, () => text(d.range.start.line)));
  if (SERVER_FETCHES.has(fn)) {
    return idx.definitions('server').filter((d) => d.section.name).map((d) => nameItem(d, range, () => text(d.range.start.line), `${d.section.name!.value}/${d.name}`));
  }
  return [];
}

/**
 * Completion after `if`/`unless`: ACL names of the section and predefined ACLs outside braces;
 * a fetch as the first word of an anonymous `{ … }` ACL; match methods after `-m`.
 */
export function conditionItems(ctx: HaproxyContext, cur: CompletionCursor, condStart: number, section: Section | undefined): CompletionItem[] {
  let depth = 0;
  let firstInBlock = false;
  for (let i = condStart; i < cur.lower.length; i++) {
    const w = cur.lower[i];
    if (w === '{' || w === '!{') { depth++; firstInBlock = true; continue; }
    if (w === '}') { depth = Math.max(0, depth - 1); firstInBlock = false; continue; }
    firstInBlock = false;
  }
  if (depth > 0) {
    if (firstInBlock) return sampleItems(ctx, cur, cur.range.start.character, { acl: true });
    if (cur.lower[cur.lower.length - 1] === '-m') return MATCH_METHODS.map((m) => valueItem(m, cur.range, 'match method'));
    return [];
  }
  const bang = /^!*/.exec(cur.prefix)![0].length;
  const range = subRange(cur, cur.range.start.character + bang);
  const items: CompletionItem[] = [];
  if (section) {
    const seen = new Set<string>();
    for (const d of buildNameIndex(ctx.parsed).definitions('acl', undefined, section)) {
      if (seen.has(d.name)) continue;
      seen.add(d.name);
      items.push(nameItem(d, range, () => lineText(ctx, d.range.start.line)));
    }
  }
  for (const p of ctx.kb.predefinedAcls()) items.push(entryItem(ctx.kb, p, range, { sort: 3 }));
  return items;
}
