/**
 * Benchmark of "HAProxy: Start" without VS Code: time from start to the stats page answering,
 * the cost of a reload and of a stop, with the real haproxy and the same code the extension
 * runs (server/src/node/haproxy/session.ts).
 *
 *   node --import tsx bench/start.ts [runs]        (default 10 runs; HAPROXY_BIN to override)
 *
 * Each run: write the generated config, `haproxy -c`, add nothing (the config has its stats
 * page, as the example buildout does), spawn `haproxy -W -db …`, wait for "Loading success.",
 * poll `<stats uri>;csv` every 25 ms until it answers. Then reload (check + master CLI
 * `reload` + "Loading success."), then stop (SIGTERM, wait until the group is gone).
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { HaproxySession } from '../server/src/node/haproxy/session';
import { findFreePort } from '../server/src/node/haproxy/configPrep';
import { haproxyVersion, isExecutableFile } from '../server/src/node/haproxy/binary';
import { fetchStats } from '../server/src/node/haproxy/stats';

const BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
const RUNS = Number(process.argv[2] ?? 10);

function config(frontPort: number, instancePorts: number[], extra = ''): string {
  return [
    'global', '    maxconn 256',
    'defaults', '    mode http', '    timeout connect 2s', '    timeout client 10s', '    timeout server 10s',
    'frontend zeocluster', `    bind 127.0.0.1:${frontPort}`, '    stats enable', '    stats uri /haproxy-status',
    '    stats refresh 5s', '    default_backend zope',
    'backend zope', '    balance roundrobin', '    option httpchk GET /',
    ...instancePorts.map((p, i) => `    server instance${i + 1} 127.0.0.1:${p} check inter 2s`),
    extra, '',
  ].join('\n');
}

/**
 * CPU time (ms) of our reaped children (haproxy -c runs, masters and, through them, workers),
 * from /proc/self/stat cutime + cstime: unlike wall time, it hardly depends on machine load.
 */
function childCpuMs(): number {
  try {
    const text = readFileSync('/proc/self/stat', 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat (1-based), i.e. 13 and 14 after "pid (comm) ".
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

function stats(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}

async function main(): Promise<void> {
  if (!isExecutableFile(BIN)) {
    console.log(`${BIN} not found: install haproxy or set HAPROXY_BIN.`);
    process.exit(1);
  }
  const version = await haproxyVersion(BIN);
  // Two loopback servers play the Zope instances.
  const zopes = await Promise.all([0, 1].map(() => new Promise<http.Server>((resolve) => {
    const s = http.createServer((_q, r) => r.end('ok'));
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = zopes.map((z) => (z.address() as { port: number }).port);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const rows = { total: [] as number[], check: [] as number[], spawn: [] as number[], stats: [] as number[], reload: [] as number[], reloadCli: [] as number[], stop: [] as number[] };
  const cpu0 = childCpuMs();
  try {
    for (let i = 0; i < RUNS; i++) {
      const front = await findFreePort();
      const t0 = performance.now();
      const session = await HaproxySession.start({
        binary: BIN, text: config(front, ports), generatedFile: path.join(dir, `haproxy-${i}.conf`), cwd: dir, addStatsListener: true,
      });
      const t1 = performance.now();
      if (!session.firstStats) throw new Error('stats page did not answer');
      rows.total.push(t1 - t0);
      rows.check.push(session.timings.checkMs);
      rows.spawn.push(session.timings.spawnMs);
      rows.stats.push(session.timings.statsMs);
      const r0 = performance.now();
      const r = await session.reload(config(front, ports, `backend extra${i}\n    server e 127.0.0.1:${ports[0]}`));
      const r1 = performance.now();
      if (!r.ok) throw new Error(`reload failed: ${r.message}`);
      rows.reload.push(r1 - r0);
      // The master CLI part alone (no haproxy -c): the same file again.
      const c0 = performance.now();
      const again = await session.instance.reload();
      rows.reloadCli.push(performance.now() - c0);
      if (!again.ok) throw new Error('second reload failed');
      await fetchStats(session.stats!.url);
      const s0 = performance.now();
      await session.stop();
      rows.stop.push(performance.now() - s0);
    }
  } finally {
    zopes.forEach((z) => z.close());
    rmSync(dir, { recursive: true, force: true });
  }
  const cpuPerCycle = (childCpuMs() - cpu0) / RUNS;
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  const load = os.loadavg()[0].toFixed(1);
  console.log(`HAProxy ${version.full}, ${RUNS} runs, ${os.cpus().length} CPUs, load average ${load}, Node ${process.version}`);
  console.log(`${'step'.padEnd(44)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}  (ms)`);
  const table: Array<[string, number[]]> = [
    ['start → stats page answers (total)', rows.total],
    ['  haproxy -c', rows.check],
    ['  spawn → "Loading success."', rows.spawn],
    ['  → first ;csv answer', rows.stats],
    ['reload (haproxy -c + master CLI + success)', rows.reload],
    ['  master CLI reload only', rows.reloadCli],
    ['stop (SIGTERM → group gone)', rows.stop],
  ];
  for (const [name, xs] of table) {
    const s = stats(xs);
    console.log(`${name.padEnd(44)}${fmt(s.median)}${fmt(s.min)}${fmt(s.max)}`);
  }
  console.log(`haproxy CPU time per start + 2 reloads + stop: ${cpuPerCycle.toFixed(0)} ms (user + system, all haproxy processes)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
