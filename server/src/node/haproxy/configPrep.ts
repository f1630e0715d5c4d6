/**
 * Finds the stats page of a configuration (a frontend/listen with a bind and `stats enable` /
 * `stats uri`, possibly inherited from `defaults`), and when there is none, appends a stats
 * listener bound to 127.0.0.1 on a free port for this session only.
 */
import * as net from 'node:net';
import { parseHaproxy } from '../../service/haproxy/parser/parser';
import type { Section, Statement } from '../../service/haproxy/parser/model';

export interface StatsEndpoint {
  /** `http://127.0.0.1:8001/haproxy-status` — what the extension host fetches. */
  url: string;
  host: string;
  port: number;
  uri: string;
  /** Section that serves it, and its header line (0-based). */
  section: string;
  line: number;
  /** `user:password` from `stats auth`, if any. */
  auth?: string;
  /** True for the listener we appended. */
  added: boolean;
}

interface StatsSettings {
  enabled: boolean;
  uri?: string;
  auth?: string;
  tcp?: boolean;
}

/** HAProxy's default stats URI when `stats enable` is given without `stats uri`. */
export const DEFAULT_STATS_URI = '/haproxy?stats';

function words(st: Statement): string[] {
  return st.tokens.map((t) => t.value);
}

function statsSettingsOf(section: Section, inherited: StatsSettings): StatsSettings {
  const s: StatsSettings = { ...inherited };
  for (const st of section.body) {
    const w = words(st);
    if (w[0] === 'mode' && w[1]) s.tcp = w[1] !== 'http';
    if (w[0] !== 'stats') continue;
    if (w[1] === 'enable') s.enabled = true;
    else if (w[1] === 'disable') s.enabled = false;
    else if (w[1] === 'uri' && w[2]) {
      s.enabled = true;
      s.uri = w[2];
    } else if (w[1] === 'auth' && w[2]) {
      s.enabled = true;
      s.auth ??= w[2];
    }
  }
  return s;
}

export interface BindAddress {
  host: string;
  port: number;
  ssl: boolean;
}

/** Parses the address list of a `bind` line into TCP addresses we can connect to. */
export function parseBindAddresses(st: Statement): BindAddress[] {
  const w = words(st);
  if (w[0] !== 'bind' || !w[1]) return [];
  const ssl = w.slice(2).includes('ssl');
  const out: BindAddress[] = [];
  for (let spec of w[1].split(',')) {
    spec = spec.replace(/^(ipv4|ipv6|tcp|tcp4|tcp6)@/, '');
    if (/^(unix|abns|fd|sockpair|udp\d?|quic\d?)@/.test(spec) || spec.startsWith('/')) continue;
    let host: string;
    let portText: string;
    const v6 = /^\[([^\]]*)\]:(.+)$/.exec(spec);
    if (v6) {
      host = v6[1];
      portText = v6[2];
    } else {
      const i = spec.lastIndexOf(':');
      if (i < 0) continue;
      host = spec.slice(0, i);
      portText = spec.slice(i + 1);
    }
    const port = Number(portText.split('-')[0]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) continue;
    out.push({ host: connectHost(host), port, ssl });
  }
  return out;
}

/** Where to connect for a bind address: wildcards become the loopback of their family. */
function connectHost(host: string): string {
  if (host === '' || host === '*' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === ':') return '::1';
  return host;
}

function urlFor(host: string, port: number, uri: string): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}${uri.startsWith('/') ? uri : '/' + uri}`;
}

/** Finds every reachable stats page of a config, in file order. */
export function findStatsEndpoints(text: string): StatsEndpoint[] {
  const doc = parseHaproxy(text);
  const out: StatsEndpoint[] = [];
  let defaults: StatsSettings = { enabled: false };
  const backendStats = new Map<string, StatsSettings>();
  // Backends may serve stats for the frontends that route to them by default_backend.
  {
    let d: StatsSettings = { enabled: false };
    for (const s of doc.sections) {
      if (s.kind === 'defaults') d = statsSettingsOf(s, { enabled: false });
      else if (s.kind === 'backend' && s.name) backendStats.set(s.name.value, statsSettingsOf(s, d));
    }
  }
  for (const section of doc.sections) {
    if (section.kind === 'defaults') {
      defaults = statsSettingsOf(section, { enabled: false });
      continue;
    }
    if (section.kind !== 'frontend' && section.kind !== 'listen') continue;
    let settings = statsSettingsOf(section, defaults);
    if (!settings.enabled && section.kind === 'frontend') {
      const def = section.body.find((st) => st.tokens[0]?.value === 'default_backend');
      const be = def?.tokens[1] && backendStats.get(def.tokens[1].value);
      if (be && be.enabled) settings = { ...be, tcp: settings.tcp || be.tcp };
    }
    if (!settings.enabled || settings.tcp) continue;
    const addresses = section.body.flatMap(parseBindAddresses).filter((a) => !a.ssl);
    const addr = addresses[0];
    if (!addr) continue;
    const uri = settings.uri ?? DEFAULT_STATS_URI;
    const ep: StatsEndpoint = {
      url: urlFor(addr.host, addr.port, uri),
      host: addr.host,
      port: addr.port,
      uri,
      section: section.name?.value ?? section.kind,
      line: section.startLine,
      added: false,
    };
    if (settings.auth) ep.auth = settings.auth;
    out.push(ep);
  }
  return out;
}

export interface PreparedConfig {
  text: string;
  stats?: StatsEndpoint;
  /** Lines of `text` that we added (0-based, inclusive start), for mapping findings. */
  addedFromLine?: number;
  /** Human-readable notes for the log ("added a stats listener on …"). */
  notes: string[];
}

export const ADDED_LISTENER_NAME = 'vscode-haproxy-stats';

/** The stats listener we append. Loopback only; own timeouts so it adds no warnings. */
export function statsListenerBlock(name: string, port: number): string {
  return [
    `# Added for this session by the VS Code HAProxy extension (setting haproxy.run.addStatsListener).`,
    `listen ${name}`,
    `    bind 127.0.0.1:${port}`,
    `    mode http`,
    `    timeout client 30s`,
    `    timeout connect 5s`,
    `    timeout server 30s`,
    `    stats enable`,
    `    stats uri /stats`,
    `    stats refresh 5s`,
    `    stats show-legends`,
    '',
  ].join('\n');
}

/**
 * Prepares the text HAProxy will run: unchanged when it has a stats page (or when adding is
 * off), otherwise with a loopback stats listener appended on `freePort`.
 */
export function prepareConfig(text: string, options: { addStatsListener: boolean; freePort: number }): PreparedConfig {
  const found = findStatsEndpoints(text);
  if (found.length > 0) {
    return { text, stats: found[0], notes: [`Stats page from the configuration: ${found[0].url} (${found[0].section}).`] };
  }
  if (!options.addStatsListener) {
    return { text, notes: ['The configuration has no stats page, and haproxy.run.addStatsListener is off: no status page.'] };
  }
  const doc = parseHaproxy(text);
  const taken = new Set(doc.sections.map((s) => s.name?.value));
  let name = ADDED_LISTENER_NAME;
  for (let i = 2; taken.has(name); i++) name = `${ADDED_LISTENER_NAME}-${i}`;
  const base = text.length === 0 || text.endsWith('\n') ? text : text + '\n';
  const lead = base.length === 0 ? '' : '\n';
  const addedFromLine = base.length === 0 ? 0 : base.split('\n').length - 1;
  const out = base + lead + statsListenerBlock(name, options.freePort);
  const stats: StatsEndpoint = {
    url: urlFor('127.0.0.1', options.freePort, '/stats'),
    host: '127.0.0.1',
    port: options.freePort,
    uri: '/stats',
    section: name,
    line: addedFromLine + (lead ? 2 : 1),
    added: true,
  };
  return {
    text: out,
    stats,
    addedFromLine,
    notes: [`The configuration has no stats page: added listener '${name}' on ${stats.url} for this session (not written to your file).`],
  };
}

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
