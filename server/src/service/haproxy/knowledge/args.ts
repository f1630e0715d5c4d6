/**
 * Argument specifications where they matter for validation and completion: value types
 * (time, size, integer, port, address, enum) and references to named things (`refersTo`).
 * Hand-written from the argument descriptions in configuration.txt; the argument *counts*
 * come from the generated facts. Enum `values` left empty are filled per version from the
 * facts' enum table (see build.ts).
 */
import type { ArgumentSpec, RefKind } from './types';

const int = (name: string, optional = false): ArgumentSpec => ({ name, type: 'integer', ...(optional ? { optional } : {}) });
const time = (name = 'timeout'): ArgumentSpec => ({ name, type: 'time' });
const size = (name: string): ArgumentSpec => ({ name, type: 'size' });
const str = (name: string, optional = false): ArgumentSpec => ({ name, type: 'string', ...(optional ? { optional } : {}) });
const file = (name: string): ArgumentSpec => ({ name, type: 'file' });
const en = (name: string, values: readonly string[], optional = false): ArgumentSpec => ({ name, type: 'enum', values, ...(optional ? { optional } : {}) });
const cond: ArgumentSpec = { name: 'condition', type: 'condition', optional: true, variadic: true };

/** Proxy-section keywords (defaults/frontend/listen/backend). `timeout …` keywords all take one time. */
export const PROXY_KEYWORD_ARGS: Record<string, readonly ArgumentSpec[]> = {
  maxconn: [int('conns')],
  backlog: [int('conns')],
  fullconn: [int('conns')],
  retries: [int('value')],
  'rate-limit sessions': [int('rate')],
  'max-keep-alive-queue': [int('value')],
  'max-session-srv-conns': [int('nb')],
  mode: [{ name: 'mode', type: 'enum' }],
  balance: [{ name: 'algorithm', type: 'enum', optional: true }, { name: 'arguments', type: 'any', optional: true, variadic: true }],
  'hash-type': [en('method', ['map-based', 'consistent']), en('function', ['sdbm', 'djb2', 'wt6', 'crc32', 'none'], true), str('modifier', true)],
  'http-reuse': [en('mode', ['never', 'safe', 'aggressive', 'always'])],
  default_backend: [{ name: 'backend', type: 'name', refersTo: 'backend' }],
  use_backend: [{ name: 'backend', type: 'name', refersTo: 'backend' }, cond],
  'use-server': [{ name: 'server', type: 'name', refersTo: 'server' }, cond],
  'use-fcgi-app': [{ name: 'name', type: 'name', refersTo: 'fcgi-app' }],
  errorfiles: [{ name: 'name', type: 'name', refersTo: 'http-errors' }, { name: 'code', type: 'integer', optional: true, variadic: true }],
  'email-alert mailers': [{ name: 'mailersect', type: 'name', refersTo: 'mailers' }],
  'email-alert level': [{ name: 'level', type: 'enum' }],
  'log-tag': [str('tag')],
  'stats refresh': [time('delay')],
  'stats uri': [str('prefix')],
  'stats realm': [str('realm')],
  'stats auth': [str('user:passwd')],
  'stats enable': [],
  'stats show-node': [str('name', true)],
  'stats scope': [str('name')],
  'option httplog': [en('clf', ['clf'], true)],
  'option redispatch': [int('interval', true)],
  'option tcplog': [en('clf', ['clf'], true)],
  'option http-restrict-req-hdr-names': [en('policy', ['preserve', 'delete', 'reject'])],
  'monitor-uri': [str('uri')],
  'server-state-file-name': [str('file', true)],
  'load-server-state-from-file': [en('mode', ['global', 'local', 'none'])],
  cookie: [str('name'), { name: 'options', type: 'any', optional: true, variadic: true }],
  'default-server': [{ name: 'options', type: 'any', optional: true, variadic: true }],
  server: [{ name: 'name', type: 'name' }, { name: 'address', type: 'address' }, { name: 'options', type: 'any', optional: true, variadic: true }],
  bind: [{ name: 'address', type: 'address' }, { name: 'options', type: 'any', optional: true, variadic: true }],
  acl: [{ name: 'aclname', type: 'name' }, { name: 'criterion', type: 'sample' }, { name: 'values', type: 'any', optional: true, variadic: true }],
  'log-format': [{ name: 'format', type: 'log-format' }],
  'log-format-sd': [{ name: 'format', type: 'log-format' }],
  'error-log-format': [{ name: 'format', type: 'log-format' }],
  'unique-id-format': [{ name: 'format', type: 'log-format' }],
};

/** Global-section keywords. */
export const GLOBAL_KEYWORD_ARGS: Record<string, readonly ArgumentSpec[]> = {
  maxconn: [int('number')],
  maxconnrate: [int('number')],
  maxsessrate: [int('number')],
  maxsslconn: [int('number')],
  maxsslrate: [int('number')],
  maxpipes: [int('number')],
  maxcomprate: [int('number')],
  nbthread: [int('number')],
  'ulimit-n': [int('number')],
  'spread-checks': [int('0..50, in percent')],
  'max-spread-checks': [time('delay')],
  'hard-stop-after': [time('time')],
  'close-spread-time': [time('time')],
  grace: [time('time')],
  'stats timeout': [time('timeout')],
  'stats maxconn': [int('connections')],
  uid: [int('number')],
  gid: [int('number')],
  user: [str('user name')],
  group: [str('group name')],
  chroot: [file('jail dir')],
  pidfile: [file('pidfile')],
  'ca-base': [file('dir')],
  'crt-base': [file('dir')],
  'key-base': [file('dir')],
  'server-state-file': [file('file')],
  'server-state-base': [file('dir')],
  'tune.bufsize': [size('number')],
  'tune.maxrewrite': [size('number')],
  'tune.ssl.default-dh-param': [int('number')],
  'tune.ssl.cachesize': [int('number')],
  'tune.ssl.lifetime': [time('timeout')],
  'tune.http.maxhdr': [int('number')],
  'tune.maxaccept': [int('number')],
  'tune.maxpollevents': [int('number')],
  'tune.ssl.capture-buffer-size': [int('number')],
  'ssl-server-verify': [en('mode', ['none', 'required'])],
  'log-send-hostname': [str('string', true)],
  'log-tag': [str('string')],
};

/** Keywords of the other sections, keyed `section:name`. */
export const SECTION_KEYWORD_ARGS: Record<string, readonly ArgumentSpec[]> = {
  'resolvers:hold': [en('status', ['nx', 'other', 'refused', 'timeout', 'valid', 'obsolete']), time('period')],
  'resolvers:resolve_retries': [int('nb')],
  'resolvers:timeout': [en('event', ['resolve', 'retry']), time('time')],
  'cache:process-vary': [en('state', ['on', 'off'])],
  'log-forward:option host': [en('mode', ['replace', 'fill', 'keep', 'append'])],
  'ring:format': [en('format', ['iso', 'local', 'raw', 'rfc3164', 'rfc5424', 'short', 'timed'])],
  'ring:timeout connect': [time('timeout')],
  'ring:timeout server': [time('timeout')],
  'mailers:timeout mail': [time('time')],
  'resolvers:accepted_payload_size': [int('nb')],
  'peers:peer': [{ name: 'peername', type: 'name' }, { name: 'address', type: 'address' }],
  'mailers:mailer': [{ name: 'mailername', type: 'name' }, { name: 'address', type: 'address' }],
  'cache:total-max-size': [int('megabytes')],
  'cache:max-object-size': [int('bytes')],
  'cache:max-age': [int('seconds')],
  'ring:size': [size('size')],
  'ring:maxlen': [int('length')],
  'log-forward:maxconn': [int('conns')],
  'log-forward:backlog': [int('conns')],
};

/** `server` / `default-server` options. */
export const SERVER_OPTION_ARGS: Record<string, readonly ArgumentSpec[]> = {
  inter: [time('delay')], fastinter: [time('delay')], downinter: [time('delay')],
  'agent-inter': [time('delay')], slowstart: [time('start_time')], 'pool-purge-delay': [time('delay')],
  rise: [int('count')], fall: [int('count')], weight: [int('weight')], maxconn: [int('maxconn')],
  minconn: [int('minconn')], maxqueue: [int('maxqueue')], 'max-reuse': [int('count')],
  'pool-max-conn': [int('max')], 'pool-low-conn': [int('max')], 'error-limit': [int('count')], id: [int('value')],
  port: [{ name: 'port', type: 'port' }], 'agent-port': [{ name: 'port', type: 'port' }],
  addr: [{ name: 'ipv4|ipv6', type: 'address' }], 'agent-addr': [{ name: 'addr', type: 'address' }],
  track: [{ name: '[<backend>/]<server>', type: 'name', refersTo: 'server' }],
  resolvers: [{ name: 'id', type: 'name', refersTo: 'resolvers' }],
  observe: [en('mode', ['layer4', 'layer7'])],
  'on-error': [en('mode', ['fastinter', 'fail-check', 'sudden-death', 'mark-down'])],
  'on-marked-down': [en('action', ['shutdown-sessions'])],
  'on-marked-up': [en('action', ['shutdown-backup-sessions'])],
  'resolve-prefer': [en('family', ['ipv4', 'ipv6'])],
  verify: [en('mode', ['none', 'required'])],
  'ssl-min-ver': [en('version', ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])],
  'ssl-max-ver': [en('version', ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])],
  'log-proto': [en('logproto', ['legacy', 'octet-count'])],
  'init-addr': [str('method[,method]*')],
  crt: [file('cert')], 'ca-file': [file('cafile')], 'crl-file': [file('crlfile')],
  cookie: [str('value')], sni: [{ name: 'expression', type: 'sample' }], 'check-sni': [str('sni')],
  proto: [str('name')], alpn: [str('protocols')], 'check-alpn': [str('protocols')],
};

/** `bind` options. */
export const BIND_OPTION_ARGS: Record<string, readonly ArgumentSpec[]> = {
  maxconn: [int('maxconn')], backlog: [int('backlog')], mss: [int('maxseg')], id: [int('id')], nice: [int('nice')],
  'tcp-ut': [time('delay')],
  crt: [file('cert')], 'ca-file': [file('cafile')], 'crl-file': [file('crlfile')], 'crt-list': [file('file')],
  verify: [en('verify', ['none', 'optional', 'required'])],
  'ssl-min-ver': [en('version', ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])],
  'ssl-max-ver': [en('version', ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])],
  level: [en('level', ['user', 'operator', 'admin'])],
  'severity-output': [en('format', ['none', 'number', 'string'])],
  alpn: [str('protocols')], name: [str('name')], thread: [str('[<thread-group>/]<thread-set>')],
  process: [str('process-set[/thread-set]')], interface: [str('interface')], proto: [str('name')],
  user: [str('user')], group: [str('group')], mode: [str('mode')], uid: [int('uid')], gid: [int('gid')],
};

/** Named references inside keyword lines: after the key word comes a name of that kind. */
export const KEYWORD_WORD_REFS: Record<string, Readonly<Record<string, RefKind>>> = {
  'stick-table': { peers: 'peers' },
  'stick on': { table: 'proxy' },
  'stick match': { table: 'proxy' },
  'stick store-request': { table: 'proxy' },
  'stick store-response': { table: 'proxy' },
  filter: { cache: 'cache', 'fcgi-app': 'fcgi-app' },
};

/** Positional arguments of actions, where they name something. */
export const ACTION_ARGS: Record<string, readonly ArgumentSpec[]> = {
  'cache-use': [{ name: 'cache', type: 'name', refersTo: 'cache' }],
  'cache-store': [{ name: 'cache', type: 'name', refersTo: 'cache' }],
  'set-log-level': [{ name: 'level', type: 'enum', values: ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug', 'silent'] }],
  'set-timeout': [{ name: 'timeout', type: 'enum', values: ['server', 'tunnel', 'client'] }, { name: 'value', type: 'any' }],
  'strict-mode': [{ name: 'mode', type: 'enum', values: ['on', 'off'] }],
  'set-status': [{ name: 'status', type: 'integer' }],
  'set-nice': [{ name: 'nice', type: 'integer' }],
};

/** Named references after actions. */
export const ACTION_WORD_REFS: Record<string, Readonly<Record<string, RefKind>>> = {
  'track-sc0': { table: 'proxy' }, 'track-sc1': { table: 'proxy' }, 'track-sc2': { table: 'proxy' }, 'track-sc': { table: 'proxy' },
};

/** What a placeholder inside a fetch/converter argument list names. */
export function argRefsOf(argSyntax: string | undefined): (RefKind | undefined)[] | undefined {
  if (!argSyntax) return undefined;
  const inner = argSyntax.replace(/^\(/, '').replace(/\)$/, '').replace(/[[\]]/g, '');
  let any = false;
  const refs = inner.split(',').map((part): RefKind | undefined => {
    // The converter tables of 3.0+ write placeholders without angle brackets: `(table)`.
    const p = part.trim().replace(/[<>]/g, '');
    let r: RefKind | undefined;
    if (/(^|\/)server$/.test(p)) r = 'server';
    else if (p === 'backend') r = 'backend';
    else if (p === 'table') r = 'proxy';
    else if (p === 'userlist') r = 'userlist';
    else if (p === 'resolvers') r = 'resolvers';
    if (r) any = true;
    return r;
  });
  return any ? refs : undefined;
}
