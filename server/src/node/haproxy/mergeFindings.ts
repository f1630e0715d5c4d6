/**
 * `haproxy -c` findings next to the editor's own diagnostics: the same problem must not be
 * listed twice. Ours carry a code, a precise range and often a quick fix; HAProxy's text adds
 * nothing when it is about the same thing on the same line. So a finding is dropped when one
 * of our diagnostics on its line has a code that answers the same question (unknown keyword,
 * removed keyword, missing backend, …). Findings we cannot classify, or that sit on a line
 * where we report something else, are kept: HAProxy may know what we do not.
 *
 * Pure (no vscode): the client applies it to its `haproxy -c` collection; tests call it directly.
 */

/** What a `haproxy -c` message is about, from its wording (HAProxy 2.6 – 3.x formats). */
export type FindingTopic =
  | 'unknown-keyword' | 'out-of-section' | 'removed' | 'unknown-option' | 'missing-backend'
  | 'wrong-capability' | 'duplicate-name' | 'timeout-name' | 'bad-time' | 'missing-timeouts'
  | 'unknown-fetch' | 'unknown-converter' | 'unknown-action' | 'missing-newline' | 'unknown-section' | 'check-with-track'
  | 'experimental' | 'missing-acl' | 'missing-server' | 'track-without-check' | 'missing-reference' | 'bad-port' | 'bad-address' | 'bad-size' | 'bad-number'
  | 'extra-argument' | 'bad-value' | 'missing-option-value' | 'named-defaults' | 'deprecated' | 'missing-argument'
  | 'defaults-rules' | 'missing-table' | 'variable-name' | 'missing-file' | 'missing-user-or-group' | 'program-master-worker';

/** Order matters: the first matching pattern decides (removals before "unknown keyword"). */
const TOPIC_PATTERNS: ReadonlyArray<[FindingTopic, RegExp]> = [
  ['missing-backend', /unable to find required (?:default_backend|use_backend)/],
  ['missing-newline', /Missing LF on last line/],
  ['check-with-track', /unable to enable checks and tracking at the same time/],
  ['experimental', /is experimental, must be allowed via a global 'expose-experimental-directives'/],
  ['missing-acl', /no such ACL : '/],
  ['named-defaults', /not allowed in anonymous 'defaults' section/],
  ['defaults-rules', /cannot inherit from (?:a|the same) defaults section/],
  ['missing-table', /table name must be set in arg |unable to find table '/],
  ['variable-name', /invalid variable name '|invalid syntax at char '/],
  ['deprecated', /is deprecated and will be removed|is deprecated since|deprecated, please use/],
  ['missing-server', /unable to find required server '.*' for tracking/],
  ['missing-file', /unable to stat SSL certificate from file '|: cannot open file '|Couldn't open the (?:ca|crl)-file '|' : unable to load \/|error opening file '|error in Lua file '.*': cannot open /],
  ['missing-user-or-group', /: no such (?:group|user) '.*' specified in (?:user|group) '/],
  ['program-master-worker', /Can't use a 'program' section without master worker mode/],
  ['track-without-check', /for tracking as it does not have any check nor agent enabled/],
  ['missing-reference', /unable to find (?:userlist|required resolvers|sync peers|mailers) '/],
  ['bad-port', /invalid port '|missing port specification|in port number '/],
  ['bad-address', /could not resolve address '|invalid address: '/],
  ['bad-size', /unexpected character '.*' in argument of 'size'/],
  ['bad-number', /'nbthread' value must be between|invalid log length '[^']|total-max-size wrong value '|"total-max-size" \(.*\) must not be greater than/],
  ['extra-argument', /cannot handle unexpected argument '|expects either 'if' or 'unless' followed by a condition but found '/],
  ['missing-option-value', /(?:except|header)' expects <(?:address>\[\/mask\]|header_name>) as argument/],
  ['missing-argument', /lacks a command to launch|balance hash requires a sample expression|balance url_param requires an URL parameter name|expects exactly \d+ arguments|' expects <|expects <expression>|: missing fetch method|stick-table: missing size|redirection type expected|expects <cookie_name>|expects a fetch method|: missing config file|expects a <name> argument|: expects <address> and <facility>|unknown log facility ''|no SSL certificate specified for bind '[^']*' at \[[^\]]*\] \(use 'crt'\)|verify is enabled by default but no CA file specified|does not have agent port/],
  ['bad-value', /only supports optional values: 'except'|' is not a supported algorithm|only supports 'never', 'safe'|'hash-type' only supports|experimental feature 'hash-type avalanche'|only supports option 'clf'|expects one of 'none', 'layer4', 'layer7'|expects one of 'fastinter'|expects 'shutdown-(?:backup-)?sessions' but got|unsupported HTTP code '|response only supports redirect type|expects 'code', 'prefix', 'location'|unknown log (?:format|facility) '[^']|unknown optional (?:minimum )?log level '|unknown proxy mode '|^balance only supports |balance hdr requires an http header field name|balance rdp-cookie : missing cookie name/],
  ['missing-option-value', /: missing certificate location|' : missing value$|' option without value|invalid log length ''|unknown log format ''|missing argument for '/],
  ['out-of-section', /out of section/],
  ['removed', /not supported any ?more|doesn't exist anymore|no longer supported|has been removed|was removed/i],
  ['unknown-fetch', /unknown fetch method/],
  ['unknown-converter', /unknown converter/],
  ['unknown-action', /' expects '.*but got '/],
  ['timeout-name', /^'timeout' supports /],
  ['bad-time', /unexpected character '.*' in 'timeout |unexpected character '.*' in '[\w-]+' argument of server|unexpected character '.*' in argument of 'expire'|after the timer value '/],
  ['missing-timeouts', /^missing timeouts for /],
  ['wrong-capability', /(?:ignored|not allowed) because .* has no (?:frontend|backend) capability/],
  ['duplicate-name', /has the same name as |another server named '.*' was already defined/],
  ['unknown-option', /unknown option '/],
  ['unknown-section', /unknown section/i],
  ['unknown-keyword', /unknown keyword '/],
];

/** Our diagnostic codes that report the same problem as a finding of each topic. */
const OUR_CODES: Readonly<Record<FindingTopic, readonly string[]>> = {
  'unknown-keyword': [
    'unknown-keyword', 'keyword-wrong-section', 'removed-keyword', 'unknown-bind-option', 'unknown-server-option',
    'named-defaults-only', 'outside-section', 'unknown-section', 'unknown-filter',
  ],
  'out-of-section': ['outside-section', 'unknown-section', 'unknown-keyword'],
  removed: ['removed-keyword', 'unknown-option', 'unknown-keyword', 'keyword-wrong-section'],
  'unknown-option': ['unknown-option', 'removed-keyword', 'not-negatable', 'unknown-keyword'],
  'missing-backend': ['undefined-backend'],
  'wrong-capability': ['keyword-ignored', 'keyword-wrong-section'],
  'duplicate-name': ['duplicate-proxy', 'duplicate-server'],
  'timeout-name': ['unknown-timeout', 'removed-keyword'],
  'bad-time': ['invalid-time'],
  'missing-timeouts': ['missing-timeout'],
  'unknown-fetch': ['unknown-fetch'],
  'unknown-converter': ['unknown-converter'],
  'unknown-action': ['unknown-action'],
  'missing-newline': ['missing-final-newline'],
  'unknown-section': ['unknown-section', 'outside-section'],
  'check-with-track': ['check-with-track'],
  experimental: ['experimental-directive'],
  'missing-acl': ['undefined-acl'],
  'named-defaults': ['named-defaults-only'],
  deprecated: ['deprecated-keyword'],
  'missing-server': ['undefined-server'],
  'track-without-check': ['track-without-check'],
  'missing-reference': ['undefined-reference'],
  'bad-port': ['invalid-port'],
  'bad-address': ['invalid-address', 'buildout-leftover'],
  'bad-size': ['invalid-size'],
  'bad-number': ['invalid-number'],
  'extra-argument': ['extra-argument'],
  'missing-argument': ['missing-argument'],
  'bad-value': ['unknown-value'],
  'missing-option-value': ['missing-option-value'],
  'defaults-rules': ['defaults-rules-inheritance'],
  'missing-table': ['undefined-table'],
  'variable-name': ['invalid-variable-name'],
  'missing-file': ['missing-file'],
  'missing-user-or-group': ['undefined-user-or-group'],
  'program-master-worker': ['needs-master-worker'],
};

export function findingTopic(message: string): FindingTopic | undefined {
  for (const [topic, re] of TOPIC_PATTERNS) if (re.test(message)) return topic;
  return undefined;
}

/** The part of a diagnostic the rule looks at (an LSP or a vscode diagnostic fits). */
export interface OwnDiagnostic {
  /** 0-based line of the range start. */
  line: number;
  /** `code`, or `code.value` when the code carries a documentation link. */
  code?: string | number;
}

export interface LineFinding {
  /** 0-based line in the file the user edits (after template mapping). */
  line: number;
  message: string;
}

/** Our diagnostic that already reports `finding`, if any. */
export function coveringDiagnostic(finding: LineFinding, ours: readonly OwnDiagnostic[]): OwnDiagnostic | undefined {
  const topic = findingTopic(finding.message);
  if (!topic) return undefined;
  const codes = OUR_CODES[topic];
  return ours.find((d) => d.line === finding.line && d.code !== undefined && codes.includes(String(d.code)));
}

/** Splits findings into those to show and those our diagnostics already report. */
export function dropCoveredFindings<F extends LineFinding>(
  findings: readonly F[],
  ours: readonly OwnDiagnostic[],
): { kept: F[]; covered: F[] } {
  const kept: F[] = [];
  const covered: F[] = [];
  for (const f of findings) (coveringDiagnostic(f, ours) ? covered : kept).push(f);
  return { kept, covered };
}

/**
 * HAProxy's wording must not be lost when its finding is dropped: each covered finding is
 * attached to the diagnostic of ours that covers it (the client shows it as related
 * information: "haproxy -c: <HAProxy's message>"). Returns, for each of `ours` that covers at
 * least one finding, the findings it covers, in the order given.
 */
export function coveredBy<D, F extends LineFinding>(
  findings: readonly F[],
  ours: readonly D[],
  describe: (d: D) => OwnDiagnostic,
): Map<D, F[]> {
  const own = ours.map(describe);
  const out = new Map<D, F[]>();
  for (const f of findings) {
    const hit = coveringDiagnostic(f, own);
    if (!hit) continue;
    const d = ours[own.indexOf(hit)];
    const list = out.get(d);
    if (list) list.push(f);
    else out.set(d, [f]);
  }
  return out;
}

/** The related-information text for a covered finding. */
export function relatedWording(message: string): string {
  return `haproxy -c: ${message}`;
}

/** LSP-shaped (or vscode-shaped) related information: where, and HAProxy's words. */
export interface RelatedNote<L> {
  location: L;
  message: string;
}

/**
 * Copies of `ours` where each diagnostic that covers HAProxy findings carries their wording as
 * related information (duplicates of a note already there are not added again, so applying it
 * twice changes nothing). `locate` gives the location of a finding (the same file and line).
 */
export function withHaproxyWording<L, D extends { relatedInformation?: RelatedNote<L>[] }, F extends LineFinding>(
  ours: readonly D[],
  findings: readonly F[],
  describe: (d: D) => OwnDiagnostic,
  locate: (f: F) => L,
  copy: (d: D, related: RelatedNote<L>[]) => D,
): D[] {
  const pairs = coveredBy(findings, ours, describe);
  return ours.map((d) => {
    const covered = pairs.get(d);
    if (!covered) return d;
    const related = [...(d.relatedInformation ?? [])];
    for (const f of covered) {
      const message = relatedWording(f.message);
      if (!related.some((r) => r.message === message)) related.push({ location: locate(f), message });
    }
    return copy(d, related);
  });
}
