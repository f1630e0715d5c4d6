/**
 * Keyword rows HAProxy's sources register at a tag, beyond sample fetches and converters:
 * global config keywords (`{ CFG_GLOBAL, "name", parser }`), actions per rule set, server
 * keywords and ACL keywords. For versions without a `haproxy -dKall` dump this is what tells
 * us about names the docs forget (`tune.vars.check-max-size`, `del-acl` after responses …),
 * which would otherwise be false "unknown" errors. Facts only: names, counts, rule sets.
 *
 * A row's list is tied to its registration call in the same file
 * (`INITCALL1(STG_REGISTER, http_req_keywords_register, &list)`), which names the rule set.
 */
import type { RuleSet } from '../../server/src/service/haproxy/knowledge/types';

type Git = (...args: string[]) => string;

const ACTION_REGISTRARS: Record<string, RuleSet> = {
  http_req_keywords_register: 'http-request', http_res_keywords_register: 'http-response',
  http_after_res_keywords_register: 'http-after-response', tcp_req_conn_keywords_register: 'tcp-request connection',
  tcp_req_sess_keywords_register: 'tcp-request session', tcp_req_cont_keywords_register: 'tcp-request content',
  tcp_res_cont_keywords_register: 'tcp-response content', quic_init_actions_register: 'quic-initial',
};

export interface RegisteredKeywords {
  /** Global keywords whose parser accepts them (stubs that only refuse, like 3.2's `nbproc`, are left out). */
  globals: Set<string>;
  actions: Map<RuleSet, Set<string>>;
  /** Server keyword → number of arguments it consumes and whether default-server accepts it. */
  serverOptions: Map<string, { a: number; ds: boolean }>;
  /** Bind keywords, sample fetch and converter names (the generator takes these from the docs and
   * registeredSamples; listed here for the cross-check test). */
  bindOptions: Set<string>;
  fetches: Set<string>;
  converters: Set<string>;
  /** ACL keyword → `fetch -m match` (the form `haproxy -dKall` prints). */
  aclKeywords: Map<string, string>;
}

/** Parsers that exist only to refuse a keyword HAProxy no longer supports. */
const REFUSING_PARSER = /unsupported/;
/**
 * Registered names their parser refuses anyway: 2.8/3.0 register a misspelled
 * `tune.quic.backend.max-idle-timeou` whose parser only knows `…-timeout` and fails ("not handled").
 */
const REFUSED_NAMES = new Set(['tune.quic.backend.max-idle-timeou']);

/** Rows of every `struct X_kw_list name = { … }` of one C file, with the register call of each list. */
export function listRows(text: string): { kind: string; register: string | undefined; fields: string[] }[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
  const registrars = new Map<string, string>();
  for (const m of code.matchAll(/INITCALL1\(\s*STG_REGISTER\s*,\s*(\w+)\s*,\s*&(\w+)\s*\)/g)) registrars.set(m[2], m[1]);
  const rows: { kind: string; register: string | undefined; fields: string[] }[] = [];
  for (const m of code.matchAll(/struct\s+(\w+)_kw_list\s+(\w+)\s*=\s*\{/g)) {
    // The list body ends where its braces balance again.
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < code.length && depth > 0; i++) depth += code[i] === '{' ? 1 : code[i] === '}' ? -1 : 0;
    const body = code.slice(m.index + m[0].length, i);
    for (const r of body.matchAll(/\{\s*((?:CFG_\w+\s*,\s*)?"[^"]*"[^{}]*)\}/g)) {
      rows.push({ kind: m[1], register: registrars.get(m[2]), fields: r[1].split(',').map((f) => f.trim()) });
    }
  }
  return rows;
}

export function registeredKeywords(git: Git, tag: string): RegisteredKeywords {
  const out: RegisteredKeywords = { globals: new Set(), actions: new Map(), serverOptions: new Map(), bindOptions: new Set(), fetches: new Set(), converters: new Set(), aclKeywords: new Map() };
  const files = git('grep', '-l', '-E', '_kw_list [a-z_0-9]+ *= *\\{', tag, '--', 'src', 'addons')
    .split('\n').filter((f) => f.endsWith('.c'));
  for (const file of files) {
    for (const { kind, register, fields } of listRows(git('show', file))) {
      const str = (i: number): string | undefined => /^"([^"]*)"$/.exec(fields[i] ?? '')?.[1];
      if (kind === 'cfg' && fields[0] === 'CFG_GLOBAL' && str(1) && !REFUSING_PARSER.test(fields[2] ?? '') && !REFUSED_NAMES.has(str(1)!)) out.globals.add(str(1)!);
      else if (kind === 'action' && register && ACTION_REGISTRARS[register] && str(0)) {
        const rs = ACTION_REGISTRARS[register];
        if (!out.actions.has(rs)) out.actions.set(rs, new Set());
        out.actions.get(rs)!.add(str(0)!);
      } else if (kind === 'srv' && str(0) && /^\d+$/.test(fields[2] ?? '')) {
        out.serverOptions.set(str(0)!, { a: Number(fields[2]), ds: fields[3] === '1' });
      } else if (kind === 'bind' && str(0)) {
        out.bindOptions.add(str(0)!);
      } else if ((kind === 'sample_fetch' || kind === 'sample_conv') && str(0)) {
        (kind === 'sample_fetch' ? out.fetches : out.converters).add(str(0)!);
      } else if (kind === 'acl' && str(0) && str(1) && /^PAT_MATCH_[A-Z]+$/.test(fields[2] ?? '')) {
        out.aclKeywords.set(str(0)!, `${str(1)} -m ${fields[2].slice(10).toLowerCase()}`);
      }
    }
  }
  return out;
}
