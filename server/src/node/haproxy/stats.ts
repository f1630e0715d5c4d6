/**
 * The stats page as data: fetch `<stats uri>;csv` (or `;json`) with Node's http client and
 * parse it into frontends, backends and their servers. The CSV layout is documented in
 * HAProxy's management guide (§9.1): the first line is `# pxname,svname,…`; columns are named,
 * so they are looked up by name, never by position.
 */
import * as http from 'node:http';

export type ObjectKind = 'frontend' | 'backend' | 'server' | 'listener';
/** Normalised state: the first word of HAProxy's `status` column. */
export type ServerState = 'UP' | 'DOWN' | 'MAINT' | 'DRAIN' | 'NOLB' | 'OPEN' | 'STOP' | 'no check' | 'unknown';

export interface StatsRow {
  proxy: string;
  name: string;
  kind: ObjectKind;
  /** Status as printed (`UP`, `DOWN 1/2`, `MAINT (via be/s1)`, `no check`, `OPEN`). */
  status: string;
  state: ServerState;
  /** Current / max / limit of sessions, total sessions. */
  sessions: { current: number; max: number; limit?: number; total: number };
  /** Request errors (frontends), connection and response errors (backends, servers). */
  errors: { request: number; connection: number; response: number };
  checkStatus?: string;
  /** Seconds since the last state change. */
  lastChange?: number;
  address?: string;
  weight?: number;
}

export interface BackendStats {
  row: StatsRow;
  servers: StatsRow[];
}

export interface StatsSnapshot {
  frontends: StatsRow[];
  backends: BackendStats[];
}

function num(v: string | undefined): number {
  const n = Number(v);
  return v === undefined || v === '' || Number.isNaN(n) ? 0 : n;
}

function optNum(v: string | undefined): number | undefined {
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

export function normaliseState(status: string): ServerState {
  const s = status.trim();
  if (s === 'no check') return 'no check';
  const word = s.split(/\s+/)[0]?.toUpperCase();
  switch (word) {
    case 'UP':
    case 'DOWN':
    case 'MAINT':
    case 'DRAIN':
    case 'NOLB':
    case 'OPEN':
    case 'STOP':
      return word;
    default:
      return 'unknown';
  }
}

function kindOf(type: string | undefined, svname: string): ObjectKind {
  switch (type) {
    case '0':
      return 'frontend';
    case '1':
      return 'backend';
    case '2':
      return 'server';
    case '3':
      return 'listener';
  }
  if (svname === 'FRONTEND') return 'frontend';
  if (svname === 'BACKEND') return 'backend';
  return 'server';
}

function rowFrom(get: (name: string) => string | undefined): StatsRow {
  const name = get('svname') ?? '';
  const status = get('status') ?? '';
  const row: StatsRow = {
    proxy: get('pxname') ?? '',
    name,
    kind: kindOf(get('type'), name),
    status,
    state: normaliseState(status),
    sessions: { current: num(get('scur')), max: num(get('smax')), total: num(get('stot')) },
    errors: { request: num(get('ereq')), connection: num(get('econ')), response: num(get('eresp')) },
  };
  const limit = optNum(get('slim'));
  if (limit !== undefined) row.sessions.limit = limit;
  const check = get('check_status');
  if (check) row.checkStatus = check;
  const lastChange = optNum(get('lastchg'));
  if (lastChange !== undefined) row.lastChange = lastChange;
  const addr = get('addr');
  if (addr) row.address = addr;
  const weight = optNum(get('weight'));
  if (weight !== undefined) row.weight = weight;
  return row;
}

/** Groups rows: frontends, and backends with the servers that belong to them (in order). */
export function groupRows(rows: readonly StatsRow[]): StatsSnapshot {
  const frontends = rows.filter((r) => r.kind === 'frontend');
  const backends: BackendStats[] = [];
  const byName = new Map<string, BackendStats>();
  for (const r of rows) {
    if (r.kind === 'backend') {
      const existing = byName.get(r.proxy);
      if (existing) existing.row = r;
      else {
        const b = { row: r, servers: [] as StatsRow[] };
        byName.set(r.proxy, b);
        backends.push(b);
      }
    }
  }
  for (const r of rows) {
    if (r.kind !== 'server') continue;
    let b = byName.get(r.proxy);
    if (!b) {
      // A server row before its backend row (or a listen section filtered out): keep it visible.
      b = { row: { ...r, name: 'BACKEND', kind: 'backend' }, servers: [] };
      byName.set(r.proxy, b);
      backends.push(b);
    }
    b.servers.push(r);
  }
  return { frontends, backends };
}

/** Splits one CSV line; HAProxy quotes no field in practice, but tolerate `"…"` with `""`. */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseStatsCsv(text: string): StatsSnapshot {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerLine = lines.find((l) => l.startsWith('#'));
  if (!headerLine) throw new Error('not a HAProxy stats CSV (no "# pxname,…" header line)');
  const header = splitCsvLine(headerLine.replace(/^#\s*/, ''));
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  if (!index.has('pxname') || !index.has('svname')) throw new Error('stats CSV header lacks pxname/svname');
  const rows: StatsRow[] = [];
  for (const line of lines) {
    if (!line || line.startsWith('#')) continue;
    const cells = splitCsvLine(line);
    rows.push(rowFrom((name) => {
      const i = index.get(name);
      return i === undefined ? undefined : cells[i];
    }));
  }
  return groupRows(rows);
}

interface JsonField {
  objType?: string;
  proxyId?: number;
  id?: number;
  field?: { name?: string };
  value?: { value?: unknown };
}

/** Parses `;json`: an array (one per process) of arrays of typed fields. */
export function parseStatsJson(text: string): StatsSnapshot {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('stats JSON is not an array');
  const flat: JsonField[] = (data as unknown[]).flatMap((x) => (Array.isArray(x) ? (x as JsonField[]) : [x as JsonField]));
  const objects = new Map<string, Map<string, string>>();
  for (const f of flat) {
    if (!f || typeof f !== 'object' || !f.field?.name) continue;
    const key = `${f.objType}/${f.proxyId}/${f.id}`;
    let fields = objects.get(key);
    if (!fields) objects.set(key, (fields = new Map()));
    const v = f.value?.value;
    fields.set(f.field.name, v === undefined || v === null ? '' : String(v));
    if (!fields.has('type') && f.objType) {
      const t = { Frontend: '0', Backend: '1', Server: '2', Listener: '3' }[f.objType];
      if (t) fields.set('type', t);
    }
  }
  return groupRows([...objects.values()].map((fields) => rowFrom((n) => fields.get(n))));
}

export interface FetchOptions {
  timeoutMs?: number;
  /** `user:password` from `stats auth`, sent as basic auth. */
  auth?: string;
}

/** GET a URL with a hard timeout; resolves with status and body, rejects on network errors. */
export function httpGet(url: string, options: FetchOptions = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: options.timeoutMs ?? 2000, auth: options.auth, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 2000} ms`)));
    req.on('error', reject);
  });
}

/** Fetches `<statsUrl>;csv` and parses it. */
export async function fetchStats(statsUrl: string, options: FetchOptions = {}): Promise<StatsSnapshot> {
  const res = await httpGet(statsUrl + ';csv', options);
  if (res.status === 401) throw new Error(`stats page ${statsUrl} asks for credentials (stats auth)`);
  if (res.status !== 200) throw new Error(`stats page ${statsUrl} answered HTTP ${res.status}`);
  return parseStatsCsv(res.body);
}

/** Polls until the stats page answers 200 or the deadline passes. */
export async function waitForStats(
  statsUrl: string,
  deadlineMs: number,
  options: FetchOptions & { keepTrying?: () => boolean } = {},
): Promise<StatsSnapshot> {
  const end = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    // Stop early when there is nothing left to wait for (HAProxy exited).
    if (options.keepTrying && !options.keepTrying()) break;
    try {
      return await fetchStats(statsUrl, { ...options, timeoutMs: Math.min(options.timeoutMs ?? 1000, Math.max(end - Date.now(), 50)) });
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`stats page ${statsUrl} unreachable: ${(lastError as Error)?.message ?? lastError}`);
}
