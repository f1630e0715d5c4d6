/**
 * Facts about HAProxy features that are gated: directives and actions each version marks as
 * experimental (refused unless an earlier `expose-experimental-directives` line in `global`
 * allows them), and the filter names each version registers for `filter <name>`.
 * Names and version ranges only, read from each version's configuration.txt and checked
 * against `haproxy -c` 2.6.12; see https://docs.haproxy.org/ for what each one does.
 */
import { SUPPORTED_VERSIONS, type HaproxyVersion, type RuleSet } from './types';

export interface ExperimentalFact {
  /** `keyword`: a section keyword (first words of the line); `action`: a rule action. */
  readonly what: 'keyword' | 'action';
  readonly name: string;
  /** Section kinds (keywords) or rule sets (actions) where the name is gated. */
  readonly where: readonly string[];
  /** First version where it is experimental, and the first where it no longer is. */
  readonly since: HaproxyVersion;
  readonly until?: HaproxyVersion;
}

export const EXPERIMENTAL: readonly ExperimentalFact[] = [
  { what: 'action', name: 'normalize-uri', where: ['http-request'] satisfies RuleSet[], since: '2.6' },
  { what: 'action', name: 'attach-srv', where: ['tcp-request session'] satisfies RuleSet[], since: '3.0' },
  { what: 'keyword', name: 'tune.fd.edge-triggered', where: ['global'], since: '2.6' },
  { what: 'keyword', name: 'tune.disable-fast-forward', where: ['global'], since: '2.8', until: '3.4' },
  { what: 'keyword', name: 'trace', where: ['global'], since: '2.8', until: '3.2' },
  { what: 'keyword', name: 'force-cfg-parser-pause', where: ['global'], since: '3.2' },
];

/**
 * Experimental parts of `bind` and `server`/`default-server` lines. `option`: the option name
 * itself (`ktls`); `value`: an option whose value starts with `value` (`proto qmux`,
 * `quic-cc-algo nocc`); `address`: an address written with that prefix (`rhttp@`).
 * From each release's sources (bind/server keyword parsers that test
 * `experimental_directives_allowed`) and §5.1/§5.2 `[ EXPERIMENTAL ]` tags; 2.6 has none
 * (its `haproxy -c` 2.6.12 does not know nbconn/ktls/ech at all).
 */
export interface ExperimentalParamFact {
  readonly what: 'option' | 'value' | 'address';
  /** `bind` for bind lines, `server` for server, server-template and default-server lines. */
  readonly line: 'bind' | 'server';
  readonly name: string;
  /** For `value`: the value prefix that is gated. */
  readonly value?: string;
  readonly since: HaproxyVersion;
  readonly until?: HaproxyVersion;
}

export const EXPERIMENTAL_PARAMS: readonly ExperimentalParamFact[] = [
  { what: 'option', line: 'bind', name: 'nbconn', since: '3.0' },
  { what: 'option', line: 'bind', name: 'ktls', since: '3.4' },
  { what: 'option', line: 'server', name: 'ktls', since: '3.4' },
  { what: 'option', line: 'bind', name: 'ech', since: '3.4' },
  { what: 'value', line: 'bind', name: 'quic-cc-algo', value: 'nocc', since: '2.8' },
  { what: 'value', line: 'bind', name: 'proto', value: 'qmux', since: '3.4' },
  { what: 'value', line: 'server', name: 'proto', value: 'qmux', since: '3.4' },
  { what: 'address', line: 'bind', name: 'rhttp@', since: '3.0' },
  { what: 'address', line: 'server', name: 'rhttp@', since: '3.0' },
  { what: 'address', line: 'server', name: 'quic4@', since: '3.4' },
  { what: 'address', line: 'server', name: 'quic6@', since: '3.4' },
];

/** Sections that are experimental as a whole (HAProxy refuses each of their lines, header included). */
export const EXPERIMENTAL_SECTIONS: readonly { name: string; since: HaproxyVersion; until?: HaproxyVersion }[] = [
  { name: 'acme', since: '3.2' },
];

export function isExperimentalSection(version: HaproxyVersion, kind: string): boolean {
  return EXPERIMENTAL_SECTIONS.some((f) => f.name === kind && inRange(version, f.since, f.until));
}

/** One experimental word of a bind/server line: the token index and what it is. */
export interface ExperimentalParamUse {
  readonly tokenIndex: number;
  readonly fact: ExperimentalParamFact;
  /** For messages: `bind option`, `server option`, `value of proto`, `address prefix`. */
  readonly label: string;
  readonly name: string;
}

/** Keywords whose lines carry bind or server options, with the index of the address word and of the first option. */
const PARAM_LINES: Readonly<Record<string, { line: 'bind' | 'server'; address?: number; first: number }>> = {
  bind: { line: 'bind', address: 1, first: 2 },
  server: { line: 'server', address: 2, first: 3 },
  'server-template': { line: 'server', address: 3, first: 4 },
  'default-server': { line: 'server', first: 1 },
};

const paramHints = new Map<HaproxyVersion, RegExp | null>();

/**
 * A quick test on a bind/server line's raw text: can it hold an experimental word in `version`?
 * undefined when the version gates none (2.6), so most lines are never walked.
 */
export function experimentalParamHint(version: HaproxyVersion): RegExp | undefined {
  let re = paramHints.get(version);
  if (re === undefined) {
    // Whole words only: an option name followed by a blank or the end, a value or address prefix.
    const parts = EXPERIMENTAL_PARAMS.filter((f) => inRange(version, f.since, f.until))
      .map((f) => (f.what === 'option' ? `${f.name}(?=\\s|$)` : (f.what === 'value' ? f.value! : f.name).replace(/[.@]/g, '\\$&')));
    re = parts.length ? new RegExp(`(?:^|[\\s,"'])(?:${[...new Set(parts)].join('|')})`, 'i') : null;
    paramHints.set(version, re);
  }
  return re ?? undefined;
}

/** Whether a line starting with this (lower-case) keyword can hold experimental options. */
export function hasExperimentalParams(keyword: string): boolean {
  return Object.hasOwn(PARAM_LINES, keyword);
}

/**
 * The experimental options, option values and address prefixes of a bind/server line
 * (`words`: its lower-cased words) in `version`. Options are walked with their argument
 * counts (`argCount(name)`, undefined = unknown option, where the walk stops, as nobody can
 * tell where its arguments end).
 */
export function experimentalParamUses(
  version: HaproxyVersion, words: readonly string[], argCount: (line: 'bind' | 'server', name: string) => number | undefined,
): ExperimentalParamUse[] {
  const shape = PARAM_LINES[words[0]];
  if (!shape) return [];
  const facts = EXPERIMENTAL_PARAMS.filter((f) => f.line === shape.line && inRange(version, f.since, f.until));
  if (facts.length === 0) return [];
  const out: ExperimentalParamUse[] = [];
  if (shape.address !== undefined && words[shape.address] !== undefined) {
    // `bind a,b,c`: each comma-separated address may carry a prefix.
    const addresses = words[shape.address].split(',');
    const f = facts.find((x) => x.what === 'address' && addresses.some((a) => a.startsWith(x.name)));
    if (f) out.push({ tokenIndex: shape.address, fact: f, label: 'address prefix', name: f.name });
  }
  for (let i = shape.first; i < words.length; i++) {
    const name = words[i].replace(/\(.*$/s, '');
    const n = argCount(shape.line, name) ?? (name.startsWith('no-') ? argCount(shape.line, name.slice(3)) : undefined);
    if (n === undefined) {
      // A word that cannot be an option name is the value of an option with a varying argument count.
      if (/^[a-z][a-z0-9_.-]*$/.test(name)) break;
      continue;
    }
    for (const f of facts) {
      if (f.name !== name) continue;
      if (f.what === 'option') out.push({ tokenIndex: i, fact: f, label: `${shape.line} option`, name });
      else if (f.what === 'value' && words[i + 1]?.startsWith(f.value!)) out.push({ tokenIndex: i + 1, fact: f, label: `value of '${name}'`, name: words[i + 1] });
    }
    i += n;
  }
  return out;
}

/** The global keyword that unlocks experimental directives for the lines after it. */
export const EXPOSE_EXPERIMENTAL = 'expose-experimental-directives';

function inRange(version: HaproxyVersion, since: HaproxyVersion, until?: HaproxyVersion): boolean {
  const at = SUPPORTED_VERSIONS.indexOf(version);
  return at >= SUPPORTED_VERSIONS.indexOf(since) && (until === undefined || at < SUPPORTED_VERSIONS.indexOf(until));
}

/** The experimental fact for a keyword or action in `where` (section kind or rule set), if gated in `version`. */
export function experimentalIn(version: HaproxyVersion, what: ExperimentalFact['what'], name: string, where: string): ExperimentalFact | undefined {
  return EXPERIMENTAL.find((f) => f.what === what && f.name === name && f.where.includes(where) && inRange(version, f.since, f.until));
}

/**
 * Whether a name is experimental in `version` anywhere it can be used: a keyword or an action
 * (any section or rule set), or a bind/server option name. For documentation (hover, completion).
 */
export function isExperimentalName(version: HaproxyVersion, what: 'keyword' | 'action' | 'bind' | 'server', name: string): boolean {
  if (what === 'keyword' || what === 'action') return EXPERIMENTAL.some((f) => f.what === what && f.name === name && inRange(version, f.since, f.until));
  return EXPERIMENTAL_PARAMS.some((f) => f.what === 'option' && f.line === what && f.name === name && inRange(version, f.since, f.until));
}

interface FilterFact {
  readonly name: string;
  readonly since: HaproxyVersion;
  readonly until?: HaproxyVersion;
}

/** Filter names each version registers (chapter 9 of configuration.txt). */
const FILTERS: readonly FilterFact[] = [
  { name: 'trace', since: '2.6' },
  { name: 'compression', since: '2.6' },
  { name: 'cache', since: '2.6' },
  { name: 'spoe', since: '2.6' },
  { name: 'fcgi-app', since: '2.6' },
  { name: 'bwlim-in', since: '2.8' },
  { name: 'bwlim-out', since: '2.8' },
  { name: 'comp-req', since: '3.4' },
  { name: 'comp-res', since: '3.4' },
];

/**
 * Filters that exist only in builds made with an optional library or add-on (OpenTracing,
 * OpenTelemetry): a name we cannot prove unknown, so it is never reported.
 */
export const BUILD_OPTIONAL_FILTERS: ReadonlySet<string> = new Set(['opentracing', 'opentelemetry']);

export function filterNames(version: HaproxyVersion): string[] {
  return FILTERS.filter((f) => inRange(version, f.since, f.until)).map((f) => f.name);
}
