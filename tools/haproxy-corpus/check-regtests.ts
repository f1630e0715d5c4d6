/**
 * LOCAL ONLY (not run in CI, nothing from HAProxy is committed): measures false positives of
 * our diagnostics on HAProxy's own reg-test configurations.
 *
 *   node --import tsx tools/haproxy-corpus/check-regtests.ts [--rev v2.6.0] [--version 2.6] [--show 20]
 *
 * It extracts `reg-tests/` of the given tag from the haproxy mirror into a temp directory,
 * cuts every `haproxy NAME -conf {…}` / `-conf-OK {…}` block, replaces the vtest macros with
 * loopback addresses and ports, runs `haproxy -c` on each, and for every config HAProxy
 * accepts (exit 0 or 2) lists the errors validate() reports: each one is a false positive.
 * Blocks `-conf-BAD` are reported separately (HAProxy rejects them; we should report an error).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validate } from '../../server/src/service/haproxy/features/diagnostics/index';
import { getKnowledge } from '../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion } from '../../server/src/service/haproxy/knowledge/types';
import { parseHaproxy } from '../../server/src/service/haproxy/parser/parser';

const MIRROR = '/work/.mirror/haproxy+haproxy/repo';
const HAPROXY = '/usr/sbin/haproxy';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}
const rev = arg('rev', 'v2.6.0');
const version = arg('version', '2.6') as HaproxyVersion;
const show = Number(arg('show', '40'));

const work = mkdtempSync(join(tmpdir(), 'hx-regtests-'));
const tar = spawnSync('git', ['-C', MIRROR, 'archive', '--format=tar', rev, 'reg-tests', 'examples', 'tests/conf'], { maxBuffer: 1 << 30 });
if (tar.status !== 0) throw new Error(`git archive failed: ${tar.stderr}`);
spawnSync('tar', ['-x', '-C', work], { input: tar.stdout });

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.vtci?$/.test(e)) out.push(p);
  }
  return out;
}

interface Block { file: string; kind: 'conf' | 'conf-OK' | 'conf-BAD'; text: string }

function extractBlocks(file: string): Block[] {
  const src = readFileSync(file, 'utf8');
  const out: Block[] = [];
  const re = /haproxy\s+\S+\s+(?:-\S+\s+)*?-(conf|conf-OK|conf-BAD)\s+(?:\{[^}]*\}\s+)?\{/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    while (i < src.length && depth > 0) {
      if (src[i] === '{') depth++;
      else if (src[i] === '}') depth--;
      i++;
    }
    out.push({ file, kind: m[1] as Block['kind'], text: src.slice(start, i - 1) });
  }
  return out;
}

let port = 20000;
function expand(text: string, testdir: string): string {
  return text
    .replace(/\$\{(?:VTC_SOCK_TYPE)\}\+/g, '')
    .replace(/fd@\$\{[^}]+\}/g, () => `127.0.0.1:${port++}`)
    .replace(/\$\{\w+_sock\}/g, () => `127.0.0.1:${port++}`)
    .replace(/\$\{\w+_addr\}/g, '127.0.0.1')
    .replace(/\$\{\w+_port\}/g, () => String(port++))
    .replace(/\$\{testdir\}/g, testdir)
    .replace(/\$\{tmpdir\}/g, join(work, 'tmp'));
}

mkdirSync(join(work, 'tmp'), { recursive: true });
const rows: { name: string; kind: string; accepted: boolean; errors: string[]; haproxy: string }[] = [];
const warningsByCode = new Map<string, string[]>();
const timeoutMismatch: string[] = [];
function countWarnings(diags: readonly Diagnostic[], where: string): void {
  for (const d of diags) if (d.severity === 2) {
    const list = warningsByCode.get(String(d.code)) ?? [];
    list.push(`${where}: ${String(d.message)}`);
    warningsByCode.set(String(d.code), list);
  }
}
let n = 0;
for (const vtc of walk(join(work, 'reg-tests'))) {
  for (const b of extractBlocks(vtc)) {
    const text = expand(b.text, dirname(vtc)).replace(/^\n/, '') + '\n';
    const name = `${relative(work, vtc)}#${n++}`;
    const cfg = join(work, 'tmp', `c${n}.cfg`);
    writeFileSync(cfg, text);
    const r = spawnSync(HAPROXY, ['-c', '-f', cfg], { cwd: dirname(vtc), encoding: 'utf8', timeout: 20000 });
    const document = TextDocument.create(`file://${cfg}`, 'haproxy', 1, text);
    const diags = validate({ uri: document.uri, document, parsed: parseHaproxy(text), kb: getKnowledge(version), isTemplate: false });
    const errors = diags.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message} | ${text.split('\n')[d.range.start.line]?.trim()}`);
    const alert = (r.stderr ?? '').split('\n').filter((l) => l.includes('[ALERT]')).slice(0, 2).join(' / ');
    if (r.status === 0 || r.status === 2) {
      countWarnings(diags, name);
      const theirs = ((r.stderr ?? '').match(/missing timeouts for/g) ?? []).length;
      const ours = diags.filter((d) => d.code === 'missing-timeout').length;
      if (theirs !== ours) timeoutMismatch.push(`${name}: haproxy ${theirs}, ours ${ours}`);
    }
    rows.push({ name, kind: b.kind, accepted: r.status === 0 || r.status === 2, errors, haproxy: alert });
  }
}

// Plain configuration files shipped in the repository (examples/, tests/conf/).
for (const sub of ['examples', join('tests', 'conf')]) {
  let names: string[] = [];
  try {
    names = readdirSync(join(work, sub)).filter((f) => f.endsWith('.cfg'));
  } catch {
    continue;
  }
  for (const f of names) {
    const path = join(work, sub, f);
    const text = readFileSync(path, 'utf8');
    const r = spawnSync(HAPROXY, ['-c', '-f', path], { cwd: join(work, sub), encoding: 'utf8', timeout: 20000 });
    const document = TextDocument.create(`file://${path}`, 'haproxy', 1, text);
    const diags = validate({ uri: document.uri, document, parsed: parseHaproxy(text), kb: getKnowledge(version), isTemplate: false });
    const errors = diags.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message} | ${text.split('\n')[d.range.start.line]?.trim()}`);
    const alert = (r.stderr ?? '').split('\n').filter((l) => l.includes('[ALERT]')).slice(0, 2).join(' / ');
    rows.push({ name: `${sub}/${f}`, kind: 'file', accepted: r.status === 0 || r.status === 2, errors, haproxy: alert });
  }
}

const accepted = rows.filter((r) => r.accepted);
const falsePos = accepted.filter((r) => r.errors.length > 0);
const rejected = rows.filter((r) => !r.accepted);
const caught = rejected.filter((r) => r.errors.length > 0);
const byCode = new Map<string, number>();
for (const r of falsePos) for (const e of r.errors) {
  const c = /\[([a-z-]+)\]/.exec(e)?.[1] ?? '?';
  byCode.set(c, (byCode.get(c) ?? 0) + 1);
}
console.log(`${rev}: ${rows.length} configs; haproxy accepted ${accepted.length}, rejected ${rejected.length}`);
console.log(`false positives: ${falsePos.length} accepted configs with at least one error (${[...byCode].map(([c, k]) => `${c}: ${k}`).join(', ') || 'none'})`);
console.log(`rejected configs where we also report an error: ${caught.length} / ${rejected.length}`);
for (const r of falsePos.slice(0, show)) console.log(`\n${r.name}\n  ${r.errors.slice(0, 5).join('\n  ')}`);
if (process.argv.includes('--warnings')) {
  console.log(`missing-timeout count differs from haproxy's warnings in ${timeoutMismatch.length} configs`);
  for (const m of timeoutMismatch.slice(0, 10)) console.log(`  ${m}`);
  for (const [code, list] of warningsByCode) console.log(`\nWARNING ${code}: ${list.length}\n  ${list.slice(0, 4).join('\n  ')}`);
}
if (process.argv.includes('--missed')) for (const r of rejected.filter((x) => x.errors.length === 0)) console.log(`MISSED ${r.name}: ${r.haproxy}`);
