import type { CompletionItem } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../../context';
import type { KeywordEntry, ParamEntry, RuleSet } from '../../knowledge/types';
import type { Section } from '../../parser/model';
import type { NameKind } from '../nameIndex';
import type { CompletionCursor } from './cursor';
import { entryItem, valueItem } from './items';
import { definedNameItems, serverItems, tableItems } from './names';
import { MATCH_METHODS, sampleItems } from './samples';

/** Completion of the words after a complete keyword. `args` are the typed words after the keyword. */
export function argumentItems(
  ctx: HaproxyContext, cur: CompletionCursor, entry: KeywordEntry, wordCount: number, section: Section | undefined,
): CompletionItem[] {
  const args = cur.lower.slice(wordCount);
  const i = args.length;
  const range = cur.range;
  const names = (kind: NameKind) => definedNameItems(ctx, kind, range);
  const condition = () => [valueItem('if', range, 'condition: apply when it matches', 5), valueItem('unless', range, 'condition: apply when it does not match', 5)];

  if (entry.name.startsWith('stick ') && args[i - 1] === 'table') return tableItems(ctx, range);
  if (entry.ruleSet) return ruleItems(ctx, cur, entry.ruleSet, args, section);
  switch (entry.name) {
    case 'use_backend':
      return i === 0 ? names('backend') : condition();
    case 'default_backend':
      return i === 0 ? names('backend') : [];
    case 'use-server':
      return i === 0 ? serverItems(ctx, range, section, false) : condition();
    case 'acl':
      if (i === 1) return sampleItems(ctx, cur, range.start.character, { acl: true });
      if (i >= 2 && args[i - 1] === '-m') return MATCH_METHODS.map((m) => valueItem(m, range, 'match method'));
      return [];
    case 'bind':
      return i === 0 ? [] : optionItems(ctx, cur, args, 1, 'bind');
    case 'server':
      return i < 2 ? [] : optionItems(ctx, cur, args, 2, 'server', section);
    case 'server-template':
      return i < 3 ? [] : optionItems(ctx, cur, args, 3, 'server', section);
    case 'default-server':
      return optionItems(ctx, cur, args, 0, 'server', section, true);
    case 'stick-table':
      if (args[i - 1] === 'peers') return names('peers');
      if (args[i - 1] === 'type') return ['ip', 'ipv6', 'integer', 'string', 'binary'].map((v) => valueItem(v, range, 'stick-table key type'));
      return [];
    case 'filter':
      return i === 1 && args[0] === 'cache' ? names('cache') : [];
    case 'errorfiles':
      return i === 0 ? names('http-errors') : [];
    case 'use-fcgi-app':
      return i === 0 ? names('fcgi-app') : [];
    case 'email-alert mailers':
      return i === 0 ? names('mailers') : [];
    case 'log':
      return logItems(ctx, cur, args);
    case 'stats scope':
      return i === 0 ? proxyItems(ctx, cur) : [];
    case 'cookie':
      return cookieItems(cur, args);
  }
  return genericArgItems(ctx, cur, entry, args);
}

/**
 * `stats scope <name>`: any proxy (frontend, backend or listen, each name once) or `.` for the
 * proxy the line is in. Defaults and other named sections are not proxies HAProxy lists.
 */
function proxyItems(ctx: HaproxyContext, cur: CompletionCursor): CompletionItem[] {
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const kind of ['frontend', 'backend', 'listen'] as const) {
    for (const item of definedNameItems(ctx, kind, cur.range)) {
      if (seen.has(item.label)) continue;
      seen.add(item.label);
      out.push(item);
    }
  }
  out.push(valueItem('.', cur.range, 'this proxy', 2, '`.` limits the statistics page to the proxy this line is in.'));
  return out;
}

/** Enumerated values and references declared by the knowledge table, then `if`/`unless` when the keyword takes a condition. */
function genericArgItems(ctx: HaproxyContext, cur: CompletionCursor, entry: KeywordEntry, args: string[]): CompletionItem[] {
  const i = args.length;
  const spec = entry.args?.[i] ?? entry.args?.find((a) => a.variadic && entry.args!.indexOf(a) <= i);
  const values = spec?.values ?? (i === 0 ? ctx.kb.enumValues(entry.name) : undefined);
  if (values) return values.map((v) => valueItem(v, cur.range, `${entry.name} ${spec?.name ? '<' + spec.name + '>' : 'value'}`));
  if (spec?.refersTo) {
    const kind: NameKind = spec.refersTo === 'proxy' ? 'backend' : spec.refersTo;
    return definedNameItems(ctx, kind, cur.range);
  }
  if (spec?.type === 'sample') return sampleItems(ctx, cur, cur.range.start.character);
  if (entry.args?.some((a) => a.type === 'condition') && i >= entry.minArgs) {
    return [valueItem('if', cur.range, 'condition', 5), valueItem('unless', cur.range, 'condition', 5)];
  }
  return [];
}

/** Actions that take a sample expression as their first argument. */
const SAMPLE_ACTIONS = /^(set-var|set-src|set-dst|set-src-port|set-dst-port|capture|track-sc\d*|sc-set-gpt\d*|set-priority-class|set-priority-offset|set-mark|set-tos|set-retries|do-resolve|set-bandwidth-limit)$/;

function ruleItems(ctx: HaproxyContext, cur: CompletionCursor, ruleSet: RuleSet, args: string[], section: Section | undefined): CompletionItem[] {
  const { kb } = ctx;
  const range = cur.range;
  if (args.length === 0) return kb.actions(ruleSet).filter((a) => !a.removed).map((a) => entryItem(kb, a, range));
  const actionName = args[0].replace(/\(.*$/, '');
  const action = kb.action(ruleSet, actionName);
  const i = args.length - 1; // index among the action's arguments
  if ((actionName === 'cache-use' || actionName === 'cache-store') && i === 0) return definedNameItems(ctx, 'cache', range);
  if (args[args.length - 1] === 'errorfiles') return definedNameItems(ctx, 'http-errors', range);
  if (args[args.length - 1] === 'table' && actionName.startsWith('track-sc')) return tableItems(ctx, range);
  if (actionName === 'use-server' && i === 0) return serverItems(ctx, range, section, false);
  if (i === 0 && SAMPLE_ACTIONS.test(actionName)) return sampleItems(ctx, cur, range.start.character);
  if (!action || i >= action.minArgs) {
    return [valueItem('if', range, 'condition: apply the rule when it matches', 5), valueItem('unless', range, 'condition: apply the rule when it does not match', 5)];
  }
  return [];
}

/**
 * Values the knowledge table does not enumerate: multiplexer protocols (`haproxy -vv`, 2.6:
 * h2/h1/fcgi on servers, h2/h1 on binds, `none` for tcp) and the `init-addr` methods (a comma
 * list; an IP address is also allowed).
 */
const OPTION_VALUES: Readonly<Record<string, readonly string[]>> = {
  'server:proto': ['h1', 'h2', 'fcgi', 'none'],
  'bind:proto': ['h1', 'h2', 'none'],
  'server:init-addr': ['last', 'libc', 'none', 'last,libc,none'],
};

/**
 * `bind`/`server` options after the fixed words: walks the options already written (an option
 * consumes its own argument words) so that used ones are not offered again and the cursor on
 * an option's argument gets that argument's values (`track` → servers, `resolvers` → names).
 */
function optionItems(
  ctx: HaproxyContext, cur: CompletionCursor, args: string[], first: number, kind: 'bind' | 'server',
  section?: Section, onDefaultServer = false,
): CompletionItem[] {
  const { kb } = ctx;
  const lookup = (name: string) => (kind === 'bind' ? kb.bindOption(name) : kb.serverOption(name));
  const used = new Set<string>();
  let j = first;
  let pending: { option: ParamEntry | undefined; name: string; argIndex: number } | undefined;
  while (j < args.length) {
    const opt = lookup(args[j]);
    used.add(args[j]);
    const count = opt?.argCount ?? 0;
    if (j + count >= args.length) {
      pending = { option: opt, name: args[j], argIndex: args.length - j - 1 };
      break;
    }
    j += 1 + count;
  }
  if (pending && pending.option && pending.argIndex < pending.option.argCount) {
    if (pending.name === 'track') return serverItems(ctx, cur.range, section, true);
    if (pending.name === 'resolvers') return definedNameItems(ctx, 'resolvers', cur.range);
    const values = pending.option.args?.[pending.argIndex]?.values ?? OPTION_VALUES[`${kind}:${pending.name}`];
    return values ? values.map((v) => valueItem(v, cur.range, `${pending!.name} value`)) : [];
  }
  const all = kind === 'bind' ? kb.bindOptions() : kb.serverOptions();
  return all
    .filter((o) => !o.removed && !used.has(o.name) && (!onDefaultServer || o.defaultServer !== false))
    .map((o) => entryItem(kb, o, cur.range, { insert: o.argCount > 0 ? o.name + ' ' : o.name, retrigger: o.argCount > 0 && (o.name === 'track' || o.name === 'resolvers' || !!o.args?.[0]?.values || !!OPTION_VALUES[`${kind}:${o.name}`]) }));
}

/** `cookie <name>` options (§4.2 "cookie", the same in 2.6 … 3.4); the three modes exclude each other. */
const COOKIE_MODES = ['rewrite', 'insert', 'prefix'];
const COOKIE_FLAGS = ['indirect', 'nocache', 'postonly', 'preserve', 'httponly', 'secure', 'dynamic'];
/** Options followed by a value word. */
const COOKIE_VALUED = ['domain', 'maxidle', 'maxlife', 'attr'];

function cookieItems(cur: CompletionCursor, args: string[]): CompletionItem[] {
  if (args.length === 0) return [];
  if (COOKIE_VALUED.includes(args[args.length - 1])) return [];
  const used = new Set(args.slice(1));
  const out: CompletionItem[] = [];
  if (!COOKIE_MODES.some((m) => used.has(m))) for (const m of COOKIE_MODES) out.push(valueItem(m, cur.range, 'cookie mode'));
  for (const f of COOKIE_FLAGS) if (!used.has(f)) out.push(valueItem(f, cur.range, 'cookie option'));
  // `domain` and `attr` may repeat.
  for (const v of COOKIE_VALUED) if (v === 'domain' || v === 'attr' || !used.has(v)) out.push(valueItem(v, cur.range, 'cookie option with a value'));
  return out;
}

/** Syslog facilities (fixed by the syslog protocol). */
const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'auth2', 'ftp', 'ntp', 'audit', 'alert', 'cron2',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
/** `log` options that take one argument word before the facility. */
const LOG_OPTIONS = new Set(['len', 'format', 'sample', 'profile']);

/** `log <target> [len <n>] [format <f>] [sample <r>:<s>] [profile <p>] <facility> [<level> [<minlevel>]]`. */
function logItems(ctx: HaproxyContext, cur: CompletionCursor, args: string[]): CompletionItem[] {
  const range = cur.range;
  if (args.length === 0) {
    if (cur.prefix.toLowerCase().startsWith('ring@')) {
      const sub = { start: { line: range.start.line, character: range.start.character + 5 }, end: range.end };
      return definedNameItems(ctx, 'ring', sub);
    }
    const fixed = ['global', 'stdout', 'stderr'].map((v) => valueItem(v, range, 'log target'));
    const rings = definedNameItems(ctx, 'ring', range).map((item) => ({ ...item, label: 'ring@' + item.label, textEdit: { range, newText: 'ring@' + item.label } }));
    return [...fixed, ...rings];
  }
  if (args[0] === 'global') return [];
  const prev = args[args.length - 1];
  if (LOG_OPTIONS.has(prev)) {
    if (prev === 'profile') return definedNameItems(ctx, 'log-profile', range);
    if (prev === 'format') return ['local', 'rfc3164', 'rfc5424', 'short', 'raw', 'iso', 'timed', 'priority'].map((v) => valueItem(v, range, 'log format'));
    return [];
  }
  const facilityAt = args.findIndex((a, k) => k > 0 && FACILITIES.includes(a));
  if (facilityAt < 0) {
    return [...FACILITIES.map((f) => valueItem(f, range, 'syslog facility')), ...[...LOG_OPTIONS].map((o) => valueItem(o, range, 'log option', 3))];
  }
  const afterFacility = args.length - 1 - facilityAt;
  return afterFacility < 2 ? LOG_LEVELS.map((l) => valueItem(l, range, afterFacility === 0 ? 'maximum level' : 'minimum level')) : [];
}
