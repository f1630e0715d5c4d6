/**
 * HAProxy language-server benchmark over LSP (issue 2, "Performance").
 *
 *   node esbuild.mjs && node --import tsx bench/haproxy-lsp.ts [--sizes 20000,100000] [--repeat 50] [--opens 5] [--edits 10] [--workspace] [--cpu-prof DIR]
 *
 * For each size: generate a valid config (bench/lib/haproxyConfigGen.ts), check it with
 * `haproxy -c -f` (median of 5 wall times), spawn `node dist/server.js --stdio`, then measure
 * from the client side (JSON-RPC round trip included):
 *  - didOpen → first publishDiagnostics (full diagnostics; the server validates an opened
 *    document without debounce). The first open of the process is "cold" (JIT warm-up);
 *    further opens are "warm": each opens a *different* text of the same size (another
 *    variant of the generator: other names, other numbers), so no cache keyed by statement
 *    or content can answer it and every one is a real full validation in a JIT-warm server.
 *    The server's CPU time (utime+stime from /proc) for each open is reported next to it,
 *    because wall times on the shared 2-core machine move with the load. Right after each warm
 *    open, `haproxy -c` checks that same text (the server idles meanwhile): the per-open ratio
 *    compares both in the same moment, which the VM's drifting speed makes the fairest ratio.
 *  - completion and hover p50/p95 at positions in the last frontend, each repeated REPEAT times
 *    (the client announces VS Code's completion capabilities: item defaults, resolve);
 *  - an incremental didChange of one line near the end: a completion sent right after it
 *    (it must re-parse the new version), then the next diagnostics, minus the server's 400 ms
 *    edit debounce (VALIDATION_DELAY_MS, subtracted, not disabled).
 *  - the server's RSS after the document is open and validated.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, fileUri, type TestClient } from '../test/lsp/lspClient';
import { VALIDATION_DELAY_MS } from '../server/src/lsp/validation';
import { benchTail, generateHaproxyConfig } from './lib/haproxyConfigGen';
import { percentile, median, fmtMs } from './lib/stats';

const BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
const args = process.argv.slice(2);
const argOf = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const REPEAT = Number(argOf('--repeat') ?? 50);
const OPENS = Number(argOf('--opens') ?? 5);
const EDITS = Number(argOf('--edits') ?? 10);
const SIZES = (argOf('--sizes') ?? '20000,100000').split(',').map(Number);
/** `--cpu-prof DIR`: the server writes a V8 CPU profile there when it exits (for `--cpu-prof` analysis). */
const CPU_PROF_DIR = argOf('--cpu-prof');
/**
 * `--workspace`: what an editor with a folder open does. The opened files are saved inside a
 * copy of examples/plone-buildout (buildout.cfg, profiles, templates) sent as the workspace
 * folder, so each open, edit and close also reaches the buildout workspace (is this file a
 * profile? a template?). Without it (the default, comparable with earlier runs) the files are
 * opened from a temporary directory with no workspace folder.
 */
const WORKSPACE = args.includes('--workspace');

interface Row { name: string; p50: number; p95: number; max: number; note?: string }
interface SizeResult {
  lines: number; bytes: number; haproxyMs: number; haproxyCpuMs: number; openCold: number; openWarm: number;
  /** `haproxy -c` of each warm open's text, run right after that open (same minutes, same text). */
  interleavedHaproxy: number[]; interleavedRatios: number[];
  cpuCold: number; cpuWarm: number; diagnostics: number;
  rows: Row[]; editDiag: number[]; editCpu: number[]; editCompletion: number[]; rssMb: number;
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

/** CPU time (ms) from /proc/<pid>/stat: the process's own (utime+stime) or its waited-for children's. */
function cpuMs(pid: number | 'self', children = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [u, s] = children ? [f[13], f[14]] : [f[11], f[12]];
  return (Number(u) + Number(s)) * TICK_MS;
}

/** One `haproxy -c` of `file`: wall and CPU ms (the CPU of the waited-for child). */
function haproxyCheckOnce(file: string): { wall: number; cpu: number } {
  const c0 = cpuMs('self', true);
  const t0 = performance.now();
  const r = spawnSync(BIN, ['-c', '-q', '-f', file], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`haproxy -c rejected the generated config:\n${r.stderr}`);
  return { wall, cpu: cpuMs('self', true) - c0 };
}

function haproxyCheckMs(file: string): { wall: number; cpu: number } {
  const runs = Array.from({ length: 5 }, () => haproxyCheckOnce(file));
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Position of `needle` (+ offset) on the tail line that starts with `linePrefix`. */
function tailPos(totalLines: number, linePrefix: string, needle: string, after = true, delta = 0) {
  const tail = benchTail(0);
  const idx = tail.findIndex((l) => l.startsWith(linePrefix));
  if (idx < 0) throw new Error(`no tail line ${linePrefix}`);
  const col = tail[idx].indexOf(needle);
  if (col < 0) throw new Error(`no ${needle} in ${tail[idx]}`);
  return { line: totalLines - tail.length + idx, character: col + (after ? needle.length : 0) + delta };
}

async function timeRequest(client: TestClient, method: string, params: unknown, check: (r: unknown) => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const r = await client.request(method, params);
    times.push(performance.now() - t0);
    if (i === 0 && !check(r)) throw new Error(`${method} ${JSON.stringify(params)} answered ${JSON.stringify(r)?.slice(0, 300)}`);
  }
  return times;
}

const items = (r: unknown) => ((r as { items?: { label: string }[] } | null)?.items ?? (r as { label: string }[] | null) ?? []);
const hasLabel = (label: string) => (r: unknown) => items(r).some((i) => i.label === label);
const hoverHas = (text: string) => (r: unknown) => JSON.stringify(r ?? '').includes(text);

async function benchSize(target: number, dir: string): Promise<SizeResult> {
  // Variant 0 is the one HAProxy checks and the one left open for the requests (opened last).
  const { text, lines } = generateHaproxyConfig(target);
  const file = path.join(dir, `haproxy-${target}.cfg`);
  writeFileSync(file, text);
  const haproxy = haproxyCheckMs(file);
  const variants = Array.from({ length: OPENS }, (_, i) => (i === OPENS - 1 ? text : generateHaproxyConfig(target, OPENS - 1 - i).text));

  const ws = path.join(dir, `ws-${target}`);
  if (WORKSPACE) cpSync(path.join(__dirname, '..', 'examples', 'plone-buildout'), ws, { recursive: true });
  const client = await startServer({
    settings: { haproxy: { version: '2.6' } },
    // What VS Code's client (vscode-languageclient 11) announces for completion: lists may send
    // the shared edit range once (itemDefaults), documentation comes through completionItem/resolve.
    textDocumentCapabilities: {
      completion: {
        completionItem: { resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] }, insertReplaceSupport: true, labelDetailsSupport: true },
        completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
      },
    },
    workspaceFolders: WORKSPACE ? [ws] : undefined,
    // Node refuses --cpu-prof in NODE_OPTIONS; the hook takes the same profile through node:inspector.
    env: CPU_PROF_DIR
      ? { NODE_OPTIONS: `--require ${path.join(__dirname, 'lib', 'cpuProfileHook.cjs')}`, CPU_PROF_DIR: path.resolve(CPU_PROF_DIR) }
      : undefined,
  });
  try {
    const opens: number[] = [];
    const cpus: number[] = [];
    const pid = client.process.pid!;
    let diagnostics = 0;
    const interleavedHaproxy: number[] = [];
    const interleavedRatios: number[] = [];
    const uri = (i: number) => fileUri(path.join(WORKSPACE ? ws : dir, `open${i}`, 'haproxy.cfg'));
    if (WORKSPACE) {
      for (let i = 0; i < OPENS; i++) {
        mkdirSync(path.join(ws, `open${i}`), { recursive: true });
        writeFileSync(path.join(ws, `open${i}`, 'haproxy.cfg'), variants[i]);
      }
    }
    for (let i = 0; i < OPENS; i++) {
      const c0 = cpuMs(pid);
      const t0 = performance.now();
      const pending = client.diagnostics(uri(i), 120_000);
      client.open(uri(i), 'haproxy', variants[i]);
      const d = await pending;
      opens.push(performance.now() - t0);
      cpus.push(cpuMs(pid) - c0);
      diagnostics = Math.max(diagnostics, d.length);
      // The VM's speed drifts by up to 2 x within minutes: time haproxy -c on the same text right
      // after each warm open (the server is idle meanwhile), so each ratio compares one moment.
      if (i > 0) {
        const variantFile = path.join(dir, `variant-${target}-${i}.cfg`);
        writeFileSync(variantFile, variants[i]);
        const h = haproxyCheckOnce(variantFile).wall;
        interleavedHaproxy.push(h);
        interleavedRatios.push(opens[i] / h);
      }
      // Keep only the last opened copy: close the others so the server's memory is one document.
      if (i < OPENS - 1) {
        const cleared = client.diagnostics(uri(i), 60_000);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(i) } });
        await cleared;
      }
    }
    const docUri = uri(OPENS - 1);
    const rss = rssMb(client.process.pid!);
    const td = { uri: docUri };
    const rows: Row[] = [];
    const add = (name: string, t: number[]) => rows.push({ name, p50: percentile(t, 50), p95: percentile(t, 95), max: Math.max(...t) });

    add('completion: keyword position', await timeRequest(client, 'textDocument/completion',
      { textDocument: td, position: tailPos(lines, '    option', 'option', false) }, hasLabel('option')));
    add('completion: after `option `', await timeRequest(client, 'textDocument/completion',
      { textDocument: td, position: tailPos(lines, '    option', 'option ') }, hasLabel('httplog')));
    add('completion: after `use_backend `', await timeRequest(client, 'textDocument/completion',
      { textDocument: td, position: tailPos(lines, '    use_backend', 'use_backend ') }, hasLabel('be_app0')));
    add('completion: ACL condition (after `if `)', await timeRequest(client, 'textDocument/completion',
      { textDocument: td, position: tailPos(lines, '    use_backend', 'if ') }, hasLabel('is_static')));
    add('hover: keyword `option`', await timeRequest(client, 'textDocument/hover',
      { textDocument: td, position: tailPos(lines, '    option', 'option', false, 2) }, hoverHas('option')));
    add('hover: backend name', await timeRequest(client, 'textDocument/hover',
      { textDocument: td, position: tailPos(lines, '    use_backend', 'be_app0', false, 3) }, hoverHas('be_app0')));

    // Incremental edits: replace the `option httplog` line of the last frontend, alternating.
    const editDiag: number[] = [];
    const editCpu: number[] = [];
    const editCompletion: number[] = [];
    const optLine = tailPos(lines, '    option', 'option').line;
    for (let i = 0; i < EDITS; i++) {
      const newLine = i % 2 === 0 ? '    option httpclose' : '    option httplog';
      const pending = client.diagnostics(docUri, 60_000);
      const c0 = cpuMs(pid);
      const t0 = performance.now();
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: docUri, version: 10 + i },
        contentChanges: [{ range: { start: { line: optLine, character: 0 }, end: { line: optLine, character: 999 } }, text: newLine }],
      });
      const q0 = performance.now();
      const r = await client.request('textDocument/completion', { textDocument: td, position: { line: optLine, character: 11 } });
      editCompletion.push(performance.now() - q0);
      if (!hasLabel('httplog')(r)) throw new Error('completion after the edit did not offer httplog');
      await pending;
      editDiag.push(performance.now() - t0 - VALIDATION_DELAY_MS);
      // Everything the server did for this edit: apply it, re-parse (for the completion), the
      // completion itself and the re-validation.
      editCpu.push(cpuMs(pid) - c0);
    }
    return {
      lines, bytes: Buffer.byteLength(text), haproxyMs: haproxy.wall, haproxyCpuMs: haproxy.cpu, interleavedHaproxy, interleavedRatios,
      openCold: opens[0], openWarm: median(opens.slice(1)), cpuCold: cpus[0], cpuWarm: median(cpus.slice(1)),
      diagnostics, rows, editDiag, editCpu, editCompletion, rssMb: rss,
    };
  } finally {
    await client.shutdown();
  }
}

function report(results: SizeResult[], loadBefore: number[], loadAfter: number[]): string {
  const out: string[] = [];
  const haproxyVer = execFileSync(BIN, ['-v'], { encoding: 'utf8' }).split('\n')[0];
  out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, ${haproxyVer}`);
  out.push(`Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}`);
  out.push(WORKSPACE ? 'Files opened inside a workspace folder (a copy of examples/plone-buildout), saved on disk.' : 'No workspace folder.');
  out.push('');
  out.push(`| measure | ${results.map((r) => `${r.lines.toLocaleString('en')} lines`).join(' | ')} |`);
  out.push(`|---|${results.map(() => '---:').join('|')}|`);
  const row = (name: string, f: (r: SizeResult) => string) => out.push(`| ${name} | ${results.map(f).join(' | ')} |`);
  row('`haproxy -c -f` wall time (median of 5)', (r) => fmtMs(r.haproxyMs));
  row('`haproxy -c -f` CPU time (median of 5)', (r) => fmtMs(r.haproxyCpuMs));
  row('didOpen → diagnostics, first open (cold): wall / server CPU', (r) => `${fmtMs(r.openCold)} / ${fmtMs(r.cpuCold)}`);
  row(`didOpen → diagnostics, warm, a new text each time (median of ${OPENS - 1}): wall / server CPU`, (r) => `${fmtMs(r.openWarm)} / ${fmtMs(r.cpuWarm)}`);
  row('warm diagnostics ÷ `haproxy -c` (wall)', (r) => (r.openWarm / r.haproxyMs).toFixed(2));
  row('warm diagnostics ÷ `haproxy -c` (CPU)', (r) => (r.cpuWarm / r.haproxyCpuMs).toFixed(2));
  row(`\`haproxy -c\` of each warm open's text, run right after it (median of ${OPENS - 1}; min–max)`, (r) => `${fmtMs(median(r.interleavedHaproxy))} (${fmtMs(Math.min(...r.interleavedHaproxy))}–${fmtMs(Math.max(...r.interleavedHaproxy))})`);
  row('warm open ÷ the `haproxy -c` right after it (wall): median of the per-open ratios (min–max)', (r) => `${median(r.interleavedRatios).toFixed(2)} (${Math.min(...r.interleavedRatios).toFixed(2)}–${Math.max(...r.interleavedRatios).toFixed(2)})`);
  row('diagnostics published (max over the opens)', (r) => String(r.diagnostics));
  for (let i = 0; i < results[0].rows.length; i++) {
    row(`${results[0].rows[i].name} p50 / p95`, (r) => `${fmtMs(r.rows[i].p50)} / ${fmtMs(r.rows[i].p95)}`);
  }
  row(`edit one line → diagnostics (minus ${VALIDATION_DELAY_MS} ms debounce), p50 / max`, (r) => `${fmtMs(median(r.editDiag))} / ${fmtMs(Math.max(...r.editDiag))}`);
  row('server CPU per edit (apply, re-parse, completion, re-validation), p50 / max', (r) => `${fmtMs(median(r.editCpu))} / ${fmtMs(Math.max(...r.editCpu))}`);
  row('completion right after the edit, p50 / max', (r) => `${fmtMs(median(r.editCompletion))} / ${fmtMs(Math.max(...r.editCompletion))}`);
  row('server RSS after open + diagnostics', (r) => `${r.rssMb.toFixed(0)} MB`);
  out.push('');
  out.push(`(${REPEAT} repetitions per completion/hover row, ${EDITS} edits; times measured by the client, JSON-RPC round trip included;`);
  out.push(`CPU times from /proc in ${TICK_MS} ms ticks.)`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-haproxy-lsp-'));
  const loadBefore = os.loadavg();
  try {
    const results: SizeResult[] = [];
    for (const size of SIZES) results.push(await benchSize(size, dir));
    console.log(report(results, loadBefore, os.loadavg()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
