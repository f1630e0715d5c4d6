/**
 * Buildout performance benchmark (targets of issue #3 "Performance").
 *
 *   node --import tsx bench/buildout.ts [components]     (default 400; needs `node esbuild.mjs` for (d))
 *
 * (a) cold resolve of a generated SlapOS-shaped graph (bench/buildout/generate.ts): parse,
 *     extends, merge and substitution of every option of every section, ours (2.13 mode) vs
 *     zc.buildout 2.13.2 in-process (bench/buildout/reference_timed.py, /usr/bin/python3);
 * (b) re-resolve after editing one leaf component (shared parse/subtree cache, as the workspace);
 * (c) hover and completion p95 on a `${…}` in software.cfg through createBuildoutService;
 * (d) RSS of `node dist/server.js --stdio` after opening software.cfg and one hover.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../server/src/service/common/host';
import { createBuildoutService } from '../server/src/service/buildout/index';
import { ParseCache } from '../server/src/service/buildout/resolver/loader';
import { resolveProfile } from '../server/src/service/buildout/resolver/profile';
import { DEFAULT_SETTINGS } from '../server/src/service/languageService';
import { generateGraph } from './buildout/generate';

const N = Number(process.argv[2] ?? 400);
const dir = mkdtempSync(path.join(os.tmpdir(), 'buildout-bench-'));
const g = generateGraph(dir, N);

function resolveAll(files: Record<string, string>, cache: ParseCache): { ms: number; values: number } {
  const t0 = performance.now();
  const p = resolveProfile(createMemoryHost(files), g.root, { mergeMode: '2.13', userDefaults: false }, cache);
  let values = 0;
  for (const s of p.sectionNames()) for (const o of p.getSection(s)?.options.keys() ?? []) { p.getValue(s, o); values++; }
  return { ms: performance.now() - t0, values };
}
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

// (a) ours, cold (fresh cache each run; the first run also pays JIT warm-up, so report both)
const first = resolveAll(g.files, new ParseCache());
const colds = Array.from({ length: 5 }, () => resolveAll(g.files, new ParseCache()).ms);
const oursCold = pct(colds, 0.5);

// (a) zc.buildout 2.13.2
const w0 = performance.now();
const py = spawnSync('/usr/bin/python3', [path.join(__dirname, 'buildout/reference_timed.py'), g.root], { encoding: 'utf8', timeout: 600_000 });
const pyWall = performance.now() - w0;
const pyOut = py.status === 0 ? JSON.parse(py.stdout) : undefined;
const pyMs = pyOut ? pyOut.seconds * 1000 : NaN;

// (b) re-resolve after editing one leaf file
const cache = new ParseCache();
const files = { ...g.files };
resolveAll(files, cache);
const edits: number[] = [];
for (let k = 0; k < 20; k++) {
  files[g.leaf] += `\n[edit${k}]\nx = ${k}\n`;
  const t0 = performance.now();
  const p = resolveProfile(createMemoryHost(files), g.root, { mergeMode: '2.13', userDefaults: false }, cache);
  const v = p.getValue('instance-profile', 'c0');
  edits.push(performance.now() - t0);
  if (!v.ok || !('ok' in p.getValue(`edit${k}`, 'x'))) throw new Error('edit not seen');
}

// (c) hover / completion through the facade
const service = createBuildoutService(createMemoryHost(g.files), [dir]);
const settings = { ...DEFAULT_SETTINGS, buildout: { ...DEFAULT_SETTINGS.buildout, mergeMode: '2.13' as const, userDefaults: false } };
const text = g.files[g.root];
const doc = TextDocument.create(`file://${g.root}`, 'buildout', 1, text);
const lines = text.split('\n');
const refLine = lines.findIndex((l) => l.startsWith('c0 = ${c0:location}'));
const hoverPos = { line: refLine, character: 'c0 = ${c0:loc'.length };
const complPos = { line: refLine, character: 'c0 = ${c0:'.length };
const never = { isCancellationRequested: false } as never;
const hovers: number[] = [];
const compls: number[] = [];
let hoverOk = false;
for (let k = 0; k < 200; k++) {
  let t0 = performance.now();
  hoverOk = service.hover(doc, hoverPos, settings, never) !== null;
  hovers.push(performance.now() - t0);
  t0 = performance.now();
  service.complete(doc, complPos, settings, never);
  compls.push(performance.now() - t0);
}

// (d) LSP server RSS
async function serverRss(): Promise<number> {
  const bin = path.join(__dirname, '..', 'dist', 'server.js');
  if (!existsSync(bin)) return NaN;
  const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let buf = '';
  const waiters = new Map<number, () => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buf += d;
    for (const m of buf.matchAll(/"id":(\d+),"result"/g)) waiters.get(Number(m[1]))?.();
  });
  const send = (msg: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const request = (id: number, method: string, params: object) => new Promise<void>((res) => { waiters.set(id, res); send({ id, method, params }); });
  const uri = `file://${dir}`;
  await request(1, 'initialize', { processId: process.pid, rootUri: uri, capabilities: {}, workspaceFolders: [{ uri, name: 'bench' }] });
  send({ method: 'initialized', params: {} });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri: doc.uri, languageId: 'buildout', version: 1, text } } });
  for (let k = 2; k < 12; k++) { await request(k, 'textDocument/hover', { textDocument: { uri: doc.uri }, position: hoverPos }); await new Promise((r) => setTimeout(r, 100)); }
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  child.kill();
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

serverRss().then((rss) => {
  rmSync(dir, { recursive: true, force: true });
  const row = (m: string, v: string, t: string, ok: boolean) => `| ${m} | ${v} | ${t} | ${ok ? 'yes' : 'NO'} |`;
  const fileCount = Object.keys(g.files).length;
  console.log(`graph: ${fileCount} files, ${first.values} options substituted; loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; node ${process.version}`);
  console.log('| Measure | Result | Target | Met |\n|---|---|---|---|');
  console.log(row('(a) cold resolve, ours (median of 5; first run incl. JIT)', `${oursCold.toFixed(0)} ms (first ${first.ms.toFixed(0)} ms)`, '', true));
  console.log(row('(a) cold resolve, zc.buildout 2.13.2 in-process (wall incl. interpreter)', pyOut ? `${pyMs.toFixed(0)} ms (${pyWall.toFixed(0)} ms; ${pyOut.sections} sections, ${pyOut.errors} errors)` : `failed: ${py.stderr?.slice(-200)}`, '', !!pyOut));
  console.log(row('(a) speed-up', `${(pyMs / oursCold).toFixed(0)}×`, '≥ 100×', pyMs / oursCold >= 100));
  console.log(row('(b) re-resolve after one leaf edit (p50 / p95 of 20)', `${pct(edits, 0.5).toFixed(1)} / ${pct(edits, 0.95).toFixed(1)} ms`, '≤ 20 ms', pct(edits, 0.5) <= 20));
  console.log(row('(c) hover p95 (200 requests)', `${pct(hovers, 0.95).toFixed(2)} ms${hoverOk ? '' : ' (empty!)'}`, '≤ 10 ms', pct(hovers, 0.95) <= 10));
  console.log(row('(c) completion p95 (200 requests)', `${pct(compls, 0.95).toFixed(2)} ms`, '≤ 10 ms', pct(compls, 0.95) <= 10));
  console.log(row('(d) server RSS after opening software.cfg', `${rss.toFixed(0)} MB`, '≤ 200 MB', rss <= 200));
});
