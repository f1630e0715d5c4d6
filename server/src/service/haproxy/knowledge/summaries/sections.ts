/**
 * Section kinds, keyed by section name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const SECTION_SUMMARIES: Record<string, string> = {
  global: 'Process-wide settings: limits, users, logging targets, the stats socket, SSL defaults and tuning.',
  defaults: 'Default settings inherited by the frontends, backends and listen sections that follow (or that name it with `from`).',
  frontend: 'Accepts client connections on `bind` addresses and decides, with rules, which backend handles them.',
  backend: 'A pool of servers with a load-balancing algorithm, health checks and persistence.',
  listen: 'A frontend and a backend in one section; handy for simple services and the stats page.',
  userlist: 'Users and groups for HTTP basic authentication (`http_auth` ACLs, `stats auth`).',
  peers: 'Other HAProxy instances with which stick-table contents are synchronised, e.g. across reloads or a cluster.',
  resolvers: 'DNS servers and settings used to resolve server addresses at run time.',
  mailers: 'SMTP servers for e-mail alerts; since 3.3 the mails are sent by a Lua script rather than by HAProxy itself.',
  program: 'An external program started and supervised by the master process; deprecated in 3.1 and removed in 3.3.',
  'http-errors': 'A named set of error pages that proxies can use with `errorfiles`.',
  ring: 'An in-memory ring buffer for logs or traces, optionally forwarded to remote syslog servers.',
  cache: 'A small in-memory HTTP object cache used with `http-request cache-use` and `http-response cache-store`.',
  'log-forward': 'Receives syslog messages over UDP/TCP and forwards them to other log targets.',
  'fcgi-app': 'Settings for talking FastCGI to application servers such as PHP-FPM.',
  'crt-store': 'Declares certificates (and their keys, OCSP, issuers) once so SSL settings can reference them.',
  traces: 'Trace settings applied at startup, the configuration form of the `trace` CLI command.',
  acme: 'Automatic certificate issuance and renewal from an ACME provider such as Let\'s Encrypt.',
  'log-profile': 'Named log formats per logging step that `log` lines can refer to with `profile`.',
  healthcheck: 'A reusable health-check definition that servers can reference instead of their proxy\'s check settings.',
};
