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
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validate } from '../../server/src/service/haproxy/features/diagnostics/index';
import { getKnowledge } from '../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion } from '../../server/src/service/haproxy/knowledge/types';
import { parseHaproxy } from '../../server/src/service/haproxy/parser/parser';
import { DEFAULT_MIRROR, plainConfigs, regtestConfigs } from '../../test/integration/regtests/extract';

const HAPROXY = '/usr/sbin/haproxy';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}
const rev = arg('rev', 'v2.6.0');
const version = arg('version', '2.6') as HaproxyVersion;
const show = Number(arg('show', '40'));
const mirror = process.env.HAPROXY_MIRROR ?? DEFAULT_MIRROR;

// The reg-tests (written to `work` by regtestConfigs) and the example files they or the plain
// configs reference, so haproxy -c finds maps, certificates and error pages where it runs.
const work = mkdtempSync(join(tmpdir(), 'hx-regtests-'));
const scratch = join(work, 'tmp');
mkdirSync(scratch, { recursive: true });
const tar = spawnSync('git', ['-C', mirror, 'archive', '--format=tar', rev, 'examples', 'tests/conf'], { maxBuffer: 1 << 30 });
if (tar.status === 0) spawnSync('tar', ['-x', '-C', work], { input: tar.stdout, maxBuffer: 1 << 30 });
const configs = [
  ...regtestConfigs(mirror, rev, { tree: work, scratch }).map((c) => ({ ...c, kind: c.kind as string })),
  ...plainConfigs(mirror, rev).map((c) => ({ ...c, kind: 'file' })),
];

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
for (const c of configs) {
  const text = c.text.endsWith('\n') ? c.text : c.text + '\n';
  const cfg = join(scratch, `c${n++}.cfg`);
  writeFileSync(cfg, text);
  const r = spawnSync(HAPROXY, ['-c', '-f', cfg], { cwd: join(work, dirname(c.vtc)), encoding: 'utf8', timeout: 20000 });
  const document = TextDocument.create(`file://${cfg}`, 'haproxy', 1, text);
  const diags = validate({ uri: document.uri, document, parsed: parseHaproxy(text), kb: getKnowledge(version), isTemplate: false });
  const errors = diags.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message} | ${text.split('\n')[d.range.start.line]?.trim()}`);
  const alert = (r.stderr ?? '').split('\n').filter((l) => l.includes('[ALERT]')).slice(0, 2).join(' / ');
  const accepted = r.status === 0 || r.status === 2;
  if (accepted && c.kind !== 'file') {
    countWarnings(diags, c.name);
    const theirs = ((r.stderr ?? '').match(/missing timeouts for/g) ?? []).length;
    const ours = diags.filter((d) => d.code === 'missing-timeout').length;
    if (theirs !== ours) timeoutMismatch.push(`${c.name}: haproxy ${theirs}, ours ${ours}`);
  }
  rows.push({ name: c.name, kind: c.kind, accepted, errors, haproxy: alert });
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
