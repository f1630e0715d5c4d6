// The `haproxy-buildout` CLI as CI users run it: `node dist/cli.js check FILE…`, output lines
// `file:line:col: severity: message [code]`, `--json`, and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lspClient';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(__dirname, 'fixtures');

function run(args: string[], cwd = FIX, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


test('--help and --version', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: haproxy-buildout <command>/);
  assert.match(help.stdout, /\bcheck\b/);
  const version = run(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^haproxy-buildout \d+\.\d+\.\d+\n$/);
  const checkHelp = run(['check', '--help']);
  assert.equal(checkHelp.code, 0);
  assert.match(checkHelp.stdout, /--haproxy-version/);
});

test('usage errors exit 2', () => {
  assert.equal(run([]).code, 2);
  const unknown = run(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  assert.equal(run(['check']).code, 2);
  assert.equal(run(['check', '--haproxy-version', 'banana', 'haproxy-clean.cfg']).code, 2);
  const missing = run(['check', 'no-such-file.cfg']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no-such-file\.cfg/);
});

test('a valid configuration: no output, exit 0', () => {
  const r = run(['check', '--haproxy-version', '2.6', 'haproxy-clean.cfg']);
  assert.equal(r.stdout, '');
  assert.equal(r.code, 0, r.stderr);
});

test('--json lists every file with its language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-'));
  writeFileSync(join(dir, 'buildout.cfg'), '[buildout]\nparts =\n');
  const r = run(['check', '--json', join(FIX, 'haproxy-clean.cfg'), join(dir, 'buildout.cfg')]);
  assert.equal(r.code, 0, r.stderr);
  const parsed = JSON.parse(r.stdout) as { file: string; language: string; diagnostics: unknown[] }[];
  assert.equal(parsed.length, 2);
  assert.equal(parsed[0].language, 'haproxy');
  assert.equal(parsed[1].language, 'buildout');
  assert.deepEqual(parsed[0].diagnostics, []);
});

const LINE = /^(.+):(\d+):(\d+): (error|warning|info|hint): (.+) \[([\w.-]+)\]$/;

test('errors: one `file:line:col: severity: message [code]` line each (1-based), exit 1', () => {
  const r = run(['check', '--haproxy-version', '2.6', 'haproxy-broken.cfg', 'haproxy-clean.cfg']);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  for (const l of lines) assert.match(l, LINE);
  const removed = lines.map((l) => LINE.exec(l)!).find((m) => m[6] === 'removed-keyword');
  assert.ok(removed, r.stdout);
  assert.deepEqual(removed.slice(1, 5), ['haproxy-broken.cfg', '11', '5', 'error']);
  assert.match(removed[5], /appsession/);
  const missing = lines.map((l) => LINE.exec(l)!).find((m) => m[6] === 'undefined-backend');
  assert.ok(missing, r.stdout);
  assert.deepEqual(missing.slice(1, 4), ['haproxy-broken.cfg', '16', '21']);
  assert.ok(!r.stdout.includes('haproxy-clean.cfg'));
});

test('errors in --json: positions, severity and code per diagnostic', () => {
  const r = run(['check', '--json', '--haproxy-version', '2.6', 'haproxy-broken.cfg']);
  assert.equal(r.code, 1);
  const [file] = JSON.parse(r.stdout) as { file: string; diagnostics: { line: number; column: number; severity: string; code: string; message: string }[] }[];
  assert.equal(file.file, 'haproxy-broken.cfg');
  const removed = file.diagnostics.find((d) => d.code === 'removed-keyword');
  assert.ok(removed);
  assert.equal(removed.line, 11);
  assert.equal(removed.column, 5);
  assert.equal(removed.severity, 'error');
});

test('resolve and render are dispatched to their subcommands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-sub-'));
  writeFileSync(join(dir, 'buildout.cfg'), '[buildout]\nparts = conf\n\n[ports]\nhaproxy = 8001\n\n[conf]\nrecipe = collective.recipe.template\ninput = inline:\n    bind 127.0.0.1:${ports:haproxy}\noutput = ${buildout:directory}/etc/haproxy.cfg\n');
  const resolved = run(['resolve', 'buildout.cfg', 'ports'], dir);
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.match(resolved.stdout, /haproxy = 8001/);
  const help = run(['render', '--help'], dir);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout + help.stderr, /render/i);
});

test('the HAProxy version: the option, else `haproxy -v` of $HAPROXY_BIN', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-bin-'));
  const bin = join(dir, 'haproxy');
  writeFileSync(bin, '#!/bin/sh\necho "HAProxy version 2.8.3 2024/01/01 - https://haproxy.org/"\n');
  chmodSync(bin, 0o755);
  const detected = run(['check', '--json', 'haproxy-clean.cfg'], FIX, { HAPROXY_BIN: bin });
  assert.equal(JSON.parse(detected.stdout)[0].haproxyVersion, '2.8');
  const given = run(['check', '--json', '--haproxy-version', '3.0.5', 'haproxy-clean.cfg'], FIX, { HAPROXY_BIN: bin });
  assert.equal(JSON.parse(given.stdout)[0].haproxyVersion, '3.0');
});

test('URL extends are downloaded, cached, and the profile checked with them', async () => {
  const { createServer } = await import('node:http');
  const { spawn } = await import('node:child_process');
  const server = createServer((_req, res) => {
    res.writeHead(200);
    res.end('[base]\nport = 8080\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-url-'));
  writeFileSync(join(dir, 'buildout.cfg'), `[buildout]\nextends = http://127.0.0.1:${port}/base.cfg\nparts =\n\n[use]\nvalue = \${base:port}\n`);
  const runAsync = (env: Record<string, string>) => new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'check', '--json', 'buildout.cfg'], { cwd: dir, env: { ...process.env, HOME: dir, ...env } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout }));
  });
  try {
    const online = await runAsync({});
    assert.equal(online.code, 0, online.stdout);
    assert.deepEqual(JSON.parse(online.stdout)[0].diagnostics, []);
  } finally {
    server.close();
  }
  // Offline, from the cache only: same result without the server.
  const offline = await runAsync({ HAPROXY_BUILDOUT_OFFLINE: '1' });
  assert.equal(offline.code, 0, offline.stdout);
  assert.deepEqual(JSON.parse(offline.stdout)[0].diagnostics, []);
});
