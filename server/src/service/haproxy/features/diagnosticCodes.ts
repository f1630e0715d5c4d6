/**
 * The stable diagnostic codes of the HAProxy language service. The id is the diagnostic's
 * `code` and the key of the `haproxy.diagnostics.severity.<code>` setting, so ids never change
 * once released. Messages are templates with `{name}` placeholders, written in our own words.
 */
import type { SeverityName } from '../context';

export type DefaultSeverity = Exclude<SeverityName, 'off'>;

export interface DiagnosticCodeInfo {
  readonly id: string;
  readonly severity: DefaultSeverity;
  readonly message: string;
  /** One line for the docs table: when the check fires. */
  readonly description: string;
}

function code(id: string, severity: DefaultSeverity, message: string, description: string): DiagnosticCodeInfo {
  return { id, severity, message, description };
}

export const DIAGNOSTIC_CODES = {
  // Syntax and file level
  unterminatedQuote: code('unterminated-quote', 'error', 'This quote is never closed on this line; HAProxy rejects the line.', 'A single or double quote is not closed before the end of the line.'),
  trailingBackslash: code('trailing-backslash', 'warning', 'A backslash at the end of the line escapes nothing (HAProxy has no continuation lines).', 'A line ends with a lone backslash.'),
  lineTooLong: code('line-too-long', 'warning', 'This line is very long; only its first {max} characters were checked.', 'A line over 1 MiB.'),
  missingFinalNewline: code('missing-final-newline', 'error', 'The file does not end with a line feed.{extra}', 'The last line has no line feed (HAProxy refuses such a file: "Missing LF on last line" is fatal since 2.3).'),
  loneCarriageReturn: code('lone-carriage-return', 'warning', "A carriage return without a line feed: the editor starts a new line here, but HAProxy ends the line at the CR and ignores everything up to the next line feed ('{ignored}'). Use LF (or CRLF) line ends.", 'A CR not followed by LF (old Mac line end): HAProxy silently drops the text after it up to the next LF; those lines are not checked.'),
  unknownDirective: code('unknown-directive', 'error', "Unknown conditional directive '{name}'.{hint}", 'A line starts with an unknown `.directive` (e.g. `.elseif` instead of `.elif`).'),
  unbalancedConditional: code('unbalanced-conditional', 'error', '{detail}', '`.if` without `.endif`, or `.elif`/`.else`/`.endif` without `.if`.'),
  outsideSection: code('outside-section', 'error', "'{name}' is outside of any section; HAProxy expects a section header such as 'global' or 'frontend <name>' first.", 'A keyword before the first section header.'),
  // Keywords
  unknownSection: code('unknown-section', 'error', "HAProxy {version} has no '{name}' section.{since}", 'A section kind that does not exist in the target version.'),
  invalidName: code('invalid-name', 'error', "'{name}' contains '{char}', which HAProxy does not allow in {what} names (use letters, digits, '-', '_', '.' and ':').", 'A proxy, section or ACL name with characters HAProxy refuses.'),
  missingSectionName: code('missing-section-name', 'error', "A '{name}' section needs a name, e.g. '{name} my_{name}'.", 'A section header without its required name.'),
  unknownKeyword: code('unknown-keyword', 'error', "Unknown keyword '{name}' in a '{section}' section.{hint}", 'A keyword HAProxy does not know in any section.'),
  wrongSection: code('keyword-wrong-section', 'error', "'{name}' cannot be used in a '{section}' section; it belongs in {allowed}.", 'A known keyword used in a section kind that does not accept it.'),
  ignoredInProxy: code('keyword-ignored', 'warning', "'{name}' is ignored in a {section}: it only applies to {capability}.", 'A proxy keyword HAProxy ignores (with a warning) because the proxy lacks the capability.'),
  notForDefaults: code('keyword-not-for-defaults', 'warning', "'{name}' is documented for {capability} only; HAProxy accepts it in a defaults section, but it may not be inherited as you expect.", 'A proxy keyword whose documentation excludes defaults, which HAProxy still accepts there.'),
  namedDefaultsOnly: code('named-defaults-only', 'error', "'{name}' is only allowed in a named 'defaults' section (e.g. 'defaults my-defaults').", 'A keyword allowed only in named defaults, in an anonymous defaults section.'),
  removedKeyword: code('removed-keyword', 'error', "'{name}' was removed in HAProxy {removed}. {advice}", 'A keyword no longer accepted by the target version.'),
  deprecatedKeyword: code('deprecated-keyword', 'warning', "'{name}' is deprecated since HAProxy {deprecated}. {advice}", 'A keyword still accepted but deprecated.'),
  notNegatable: code('not-negatable', 'error', "'{name}' cannot be used with '{prefix}': only options marked as negatable accept it.", '`no option X` / `default option X` for an option HAProxy does not allow to negate or reset.'),
  missingArgument: code('missing-argument', 'error', "'{name}' needs {expected}.", 'Fewer arguments than the keyword requires.'),
  extraArgument: code('extra-argument', 'warning', "'{name}' takes at most {max} argument{s}; '{extra}' is one too many.", 'More arguments than the keyword accepts.'),
  // Argument values
  invalidTime: code('invalid-time', 'error', "'{value}' is not a valid time. Use a number with an optional unit: us, ms, s, m, h or d (e.g. 5s, 250ms).{extra}", 'A time value that HAProxy cannot parse (a warning when HAProxy only warns and reads the leading part, e.g. `5sec`).'),
  invalidSize: code('invalid-size', 'error', "'{value}' is not a valid size. Use a number with an optional unit k, m or g (e.g. 16k).", 'A size value that HAProxy cannot parse.'),
  invalidNumber: code('invalid-number', 'warning', "'{value}' is not a valid number for '{name}'.{extra}", 'A numeric argument that is not a whole number. HAProxy often reads only the leading digits without complaint, hence a warning.'),
  invalidPort: code('invalid-port', 'error', "'{value}' is not a valid port: ports go from 1 to 65535.{extra}", 'A port (or port range) outside 1–65535 or not numeric.'),
  invalidAddress: code('invalid-address', 'error', "'{value}' is not a valid address for '{name}': {reason}", 'A bind/server/peer address HAProxy cannot parse.'),
  unknownOption: code('unknown-option', 'error', "Unknown option '{name}'.{hint}", '`option <name>` with a name HAProxy does not know.'),
  unknownTimeout: code('unknown-timeout', 'error', "Unknown timeout '{name}'.{hint}", '`timeout <name>` with an unknown timeout name.'),
  unknownEnumValue: code('unknown-value', 'error', "'{value}' is not a valid value for '{name}'.{hint}", 'An enumerated argument (balance algorithm, mode, …) with an unknown value.'),
  unknownBindOption: code('unknown-bind-option', 'error', "Unknown bind option '{name}'.{hint}", 'A `bind` line option HAProxy does not know.'),
  unknownServerOption: code('unknown-server-option', 'error', "Unknown server option '{name}'.{hint}", 'A `server`/`default-server` option HAProxy does not know.'),
  missingOptionValue: code('missing-option-value', 'error', "The '{name}' option needs a value after it.", 'A bind/server option that takes a value is last on the line.'),
  trackWithoutCheck: code('track-without-check', 'error', "'{target}' runs no health check ('check' or 'agent-check') and tracks no other server, so there is no state to follow: HAProxy refuses to track it. Add 'check' to it, or track a server that has one.", 'A `track` naming a server without `check`, `agent-check` or a `track` of its own (HAProxy: "does not have any check nor agent enabled").'),
  checkWithTrack: code('check-with-track', 'error', "'{name}' has both 'check' and 'track': HAProxy refuses a server that runs its own health checks and also tracks another server. Keep one of them.", 'A server line with both `check` and `track` (HAProxy: "unable to enable checks and tracking at the same time").'),
  unknownAction: code('unknown-action', 'error', "Unknown action '{name}' for '{ruleSet}'.{hint}", 'An action after `http-request`, `tcp-request …` etc. that the rule set does not have.'),
  unknownFetch: code('unknown-fetch', 'error', "Unknown sample fetch '{name}'.{hint}", 'An ACL or condition uses a fetch HAProxy does not know.'),
  unknownConverter: code('unknown-converter', 'error', "Unknown converter '{name}'.{hint}", 'A converter in a sample expression HAProxy does not know.'),
  experimentalDirective: code('experimental-directive', 'error', "'{name}' is an experimental {what} in HAProxy {version}: it is refused unless 'expose-experimental-directives' appears in 'global' on an earlier line.", 'An experimental directive or action (`http-request normalize-uri`, `tune.fd.edge-triggered` …) used without an earlier `expose-experimental-directives` in `global`.'),
  invalidVariableName: code('invalid-variable-name', 'error', "'{name}' is not a valid variable name: {reason}", 'A `set-var(…)`, `set-var-fmt(…)` or `unset-var(…)` action (or the global `set-var`) whose variable name lacks its scope (`txn.`, `req.`, `res.`, `sess.`, `proc.`, `check.`) or has a character other than letters, digits, `_` and `.`.'),
  unknownFilter: code('unknown-filter', 'error', "HAProxy {version} has no filter named '{name}'.{hint}", '`filter <name>` with a filter the target version does not register (e.g. `bwlim-in` before 2.8).'),
  missingFile: code('missing-file', 'error', "'{path}' does not exist: {meaning}", 'A file HAProxy opens while it reads the configuration is missing: `bind … crt`/`crt-list`/`ca-file`/`ca-verify-file`/`crl-file`, `server … ca-file`/`crl-file` (and `crt` with `ssl`), `errorfile`, the file of an `http-request return` rule, `lua-load`. Only absolute paths (or paths under an absolute `crt-base`/`ca-base`) are checked.'),
  needsMasterWorker: code('needs-master-worker', 'warning', "A 'program' section only runs in master-worker mode: HAProxy refuses it unless 'master-worker' is set in 'global' or HAProxy is started with -W (or -Ws, as Debian's systemd unit does).", 'A `program` section in a file whose `global` does not set `master-worker`: HAProxy refuses it ("without master worker mode") unless started with `-W`/`-Ws`.'),
  // References
  undefinedBackend: code('undefined-backend', 'error', "No backend named '{name}' is defined in this file.{hint}", '`use_backend`/`default_backend` naming a backend that does not exist.'),
  undefinedAcl: code('undefined-acl', 'error', "No ACL named '{name}' is defined in this section.{hint}", 'A condition uses an ACL that is not declared in the proxy (nor predefined).'),
  undefinedServer: code('undefined-server', 'error', "No server named '{name}' exists{where}.{hint}", '`track`/`use-server` naming a server that does not exist.'),
  undefinedSection: code('undefined-reference', 'error', "No {kind} section named '{name}' is defined in this file.{hint}", 'A reference to a userlist, peers, resolvers, cache, ring … that is not defined.'),
  undefinedUserOrGroup: code('undefined-user-or-group', 'error', "No {kind} named '{name}' is declared in userlist '{list}', but {owner} lists it: HAProxy refuses the configuration.{hint}", 'A `user … groups <g1,g2>` naming a group, or a `group … users <u1,u2>` naming a user, that the same userlist does not declare (HAProxy: "no such group \'ops\' specified in user \'bob\'").'),
  undefinedTable: code('undefined-table', 'error', '{detail}{hint}', 'A stick-table reference (`track-sc0 … table <t>`, `stick on … table <t>`, `sc_*`/`src_*`/`table_*` arguments) to a proxy without a `stick-table` line, or to a peers table that is not declared.'),
  duplicateProxy: code('duplicate-proxy', 'error', "A {kind} named '{name}' is already defined on line {line}.", 'Two proxies (or named sections) with the same name where HAProxy refuses it.'),
  duplicateServer: code('duplicate-server', 'error', "A server named '{name}' already exists in this {kind} (line {line}).", 'Two servers with the same name in one backend.'),
  // Proxies
  defaultsRulesInheritance: code('defaults-rules-inheritance', 'error', '{detail}', 'A section starts from a named `defaults` section with TCP/HTTP rules where HAProxy refuses it: another `defaults … from` it, a `listen`, frontends and backends both, a backend when it has `tcp-request connection|session` rules, a frontend when it has `tcp-response content` rules.'),
  missingTimeout: code('missing-timeout', 'warning', "This {kind} ({mode} mode) has no {missing}; HAProxy warns about missing timeouts, and stalled connections could stay open forever.", 'A tcp/http proxy without client (frontend side) or connect/server (backend side, with servers) timeouts, counting its defaults, as HAProxy warns.'),
  // Buildout leftovers
  buildoutLeftover: code('buildout-leftover', 'error', "'{text}' is a zc.buildout substitution left in a file HAProxy reads directly; it was never replaced.{extra}", 'A `${section:option}` (or `${option}`) in a non-template file: an error where HAProxy refuses it (names, addresses, times, enumerated values, `"${a:b}"` read as an environment variable), a warning where HAProxy keeps it as literal text.'),
  buildoutLeftoverSilent: code('buildout-leftover-silent', 'warning', "'{text}' is a zc.buildout substitution that was never replaced, and HAProxy would silently accept it here (as 0 or garbage) instead of reporting it.{extra}", 'A leftover `${…}` in a slot where HAProxy does not complain (numeric values).'),
} as const;

export type DiagnosticCodeKey = keyof typeof DIAGNOSTIC_CODES;

/** All codes by id, for the settings schema and docs. */
export const CODES_BY_ID: ReadonlyMap<string, DiagnosticCodeInfo> = new Map(
  Object.values(DIAGNOSTIC_CODES).map((c) => [c.id, c]),
);

/** Fills `{name}` placeholders; unknown placeholders become empty. */
export function formatMessage(template: string, args: Readonly<Record<string, string | number | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = args[k];
    return v === undefined ? '' : String(v);
  });
}
