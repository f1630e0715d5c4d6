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
