/**
 * Keywords for which HAProxy refuses extra arguments (a fatal "too many args" alert), measured
 * with Debian's haproxy -c 2.6.12 by appending one word to a line it accepts (our corpus and
 * HAProxy's reg-tests). For every other keyword a surplus word is only a warning from us:
 * HAProxy ignores it silently for many of them (`stats uri /s x`, `errorfile 503 f x`).
 * test/unit/haproxy/knowledge-sources.test.ts re-measures the entries it finds a sample line for.
 */
export const EXTRA_ARGS_FATAL: ReadonlySet<string> = new Set([
  'backend', 'backlog', 'ca-base', 'capture request header', 'capture response header', 'crt-base',
  'daemon', 'default_backend', 'dispatch', 'docroot', 'frontend', 'fullconn', 'h1-case-adjust',
  'http-check send-state', 'http-reuse', 'id', 'index', 'listen', 'localpeer', 'max-age',
  'max-object-size', 'max-secondary-entries', 'maxconn', 'mode', 'monitor-uri', 'nbthread', 'node',
  'option abortonclose', 'option dontlognull', 'option http-buffer-request',
  'option http-keep-alive', 'option http-restrict-req-hdr-names', 'option http-server-close',
  'option httpchk', 'option httpclose', 'option keep-conn', 'option ldap-check',
  'option log-health-checks', 'option log-separate-errors', 'option logasap', 'option mysql-check',
  'option pgsql-check', 'option redis-check', 'option smtpchk', 'option socket-stats',
  'option splice-request', 'option splice-response', 'option spop-check', 'option ssl-hello-chk',
  'option start-on-reload', 'option tcp-check', 'option tcpka', 'option tcplog',
  'option transparent', 'path-info', 'pidfile', 'process-vary', 'retries', 'spread-checks',
  'ssl-default-bind-ciphers', 'ssl-default-bind-ciphersuites', 'ssl-dh-param-file',
  'ssl-server-verify', 'timeout check', 'timeout client', 'timeout client-fin', 'timeout connect',
  'timeout http-keep-alive', 'timeout http-request', 'timeout queue', 'timeout server',
  'timeout server-fin', 'timeout tunnel', 'total-max-size', 'tune.bufsize',
  'tune.h2.max-concurrent-streams', 'tune.http.maxhdr', 'tune.idle-pool.shared', 'tune.maxrewrite',
  'tune.ssl.capture-buffer-size', 'tune.ssl.default-dh-param', 'ulimit-n',
]);

/**
 * Keywords whose documented minimum is exact: with fewer words, HAProxy always refuses the
 * line (measured with haproxy -c 2.6.12: "'server' expects <name> and <addr>[:<port>]",
 * "stick-table: missing size", "missing fetch method" for `acl x` …), so `missing-argument` is
 * an error for them even when some arguments are present (elsewhere the documented minimum may
 * count optional parts, so a partial line is only a warning).
 */
export const MISSING_ARGS_FATAL: ReadonlySet<string> = new Set([
  'acl', 'capture request header', 'capture response header', 'errorfile', 'redirect', 'server',
  'server-template', 'stick-table',
]);

/**
 * Actions HAProxy refuses when nothing follows them on the rule line (measured with haproxy -c
 * 2.6.12: `http-request set-header`, `tcp-request content track-sc0` … alone are fatal). Actions
 * not listed (newer ones, or ones 2.6 accepts bare such as `add-acl(<file>)` with an empty key)
 * are never reported, so no valid line is flagged.
 */
export const ACTIONS_NEEDING_ARGS: ReadonlySet<string> = new Set([
  'add-header', 'cache-store', 'cache-use', 'capture', 'del-header', 'do-resolve', 'early-hint',
  'expect-netscaler-cip', 'expect-proxy', 'redirect', 'replace-header', 'replace-path', 'replace-pathq',
  'replace-uri', 'replace-value', 'send-spoe-group', 'set-dst', 'set-dst-port', 'set-header',
  'set-log-level', 'set-mark', 'set-method', 'set-nice', 'set-path', 'set-pathq', 'set-priority-class',
  'set-priority-offset', 'set-query', 'set-src', 'set-src-port', 'set-status', 'set-tos', 'set-uri',
  'set-var', 'set-var-fmt', 'strict-mode', 'switch-mode', 'track-sc0', 'track-sc1', 'track-sc2',
  'use-service', 'wait-for-body',
]);

/**
 * HTTP rule actions that take an exact number of words before the condition (haproxy -c 2.6.12
 * refuses fewer: "expects exactly 2 arguments" for `http-request set-header X`). Measured in
 * `http-request`, `http-response` and `http-after-response` for the header actions, in
 * `http-request` only for the others. Only a partial line is judged from this table (nothing
 * at all after the action is ACTIONS_NEEDING_ARGS).
 */
const HEADER_ACTION_WORDS: ReadonlyArray<[string, number]> = [
  ['set-header', 2], ['add-header', 2], ['replace-header', 3], ['replace-value', 3],
];
export const HTTP_ACTION_WORDS: Readonly<Record<string, ReadonlyMap<string, number>>> = {
  'http-request': new Map([...HEADER_ACTION_WORDS, ['replace-path', 2], ['replace-pathq', 2], ['replace-uri', 2], ['early-hint', 2]]),
  'http-response': new Map(HEADER_ACTION_WORDS),
  'http-after-response': new Map(HEADER_ACTION_WORDS),
};
