// The `haproxy-buildout` CLI as CI users run it: `node dist/cli.js check FILE…`, output lines
// `file:line:col: severity: message [code]`, `--json`, and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

test('resolve and render print errors as check does: relative path, line:col, severity, [code]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-err-'));
  writeFileSync(join(dir, 'buildout.cfg'), '[buildout]\nparts = conf\n\n[conf]\nrecipe = collective.recipe.template\ninput = ${buildout:directory}/templates/haproxy.conf.in\noutput = ${buildout:directory}/etc/haproxy.cfg\nport = 8001\n');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 'haproxy.conf.in'), 'global\n    maxconn 10\nfrontend f\n    bind 127.0.0.1:${conf:prot}\n');
  const line = /^[^:\s]+:\d+:\d+: (error|warning|info|hint): .+( \[[a-z-]+\])?$/;
  const rendered = run(['render', 'buildout.cfg'], dir);
  assert.equal(rendered.code, 1);
  assert.equal(rendered.stderr, 'templates/haproxy.conf.in:4:20: error: Referenced option does not exist: conf prot [undefined-option]\n');
  assert.match(rendered.stderr.trim(), line);
  // The same layout as check's lines for the same problem.
  const checked = run(['check', 'templates/haproxy.conf.in'], dir);
  const checkLine = checked.stdout.split('\n').find((l) => l.includes('prot'));
  assert.ok(checkLine, checked.stdout + checked.stderr);
  assert.match(checkLine, /^templates\/haproxy\.conf\.in:4:\d+: error: .+ \[undefined-option\]$/);
  // resolve: an extends that is not there, on the line that names it.
  writeFileSync(join(dir, 'broken.cfg'), '[buildout]\nextends =\n    missing.cfg\n');
  const resolved = run(['resolve', 'broken.cfg'], dir);
  assert.equal(resolved.code, 1);
  assert.match(resolved.stderr, /^broken\.cfg:3:\d+: error: .*missing\.cfg.* \[missing-extends\]\n$/);
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

/** A private copy of the example buildout (profiles/haproxy.cfg, templates/haproxy.conf.in). */
function exampleBuildout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-plone-'));
  cpSync(join(ROOT, 'examples', 'plone-buildout'), dir, { recursive: true });
  return dir;
}

test('files that are neither HAProxy nor buildout are skipped with a note, and do not fail the run', () => {
  const dir = exampleBuildout();
  writeFileSync(join(dir, 'setup.cfg'), '[metadata]\nname = my.site\n\n[options]\npackages = find:\n');
  writeFileSync(join(dir, 'tox.ini'), '[tox]\nenvlist = py311\n');
  writeFileSync(join(dir, 'mypy.cfg'), '[mypy]\nstrict = True\n');
  const r = run(['check', '--haproxy-version', '2.6', 'setup.cfg', 'tox.ini', 'mypy.cfg', 'buildout.cfg'], dir);
  // The INI files would be full of "outside of any section" errors if taken for HAProxy.
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  for (const f of ['setup.cfg', 'tox.ini', 'mypy.cfg']) {
    assert.match(r.stderr, new RegExp(`skipped ${f.replace('.', '\\.')}: not a HAProxy config or buildout profile`));
  }
  assert.doesNotMatch(r.stderr, /buildout\.cfg/);
  const json = run(['check', '--json', 'setup.cfg', 'buildout.cfg'], dir);
  const [setup, profile] = JSON.parse(json.stdout) as { file: string; language: string | null; skipped?: string }[];
  assert.equal(setup.language, null);
  assert.match(setup.skipped ?? '', /not a HAProxy config/);
  assert.equal(profile.language, 'buildout');
  assert.equal(profile.skipped, undefined);
});

test('only skipped files: exit 2 (nothing was checked); --language checks such a file anyway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-skip-'));
  writeFileSync(join(dir, 'setup.cfg'), '[metadata]\nname = x\n');
  const r = run(['check', 'setup.cfg'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /none of the given files is a HAProxy config or buildout profile/);
  const forced = run(['check', '--language', 'haproxy', 'setup.cfg'], dir);
  assert.equal(forced.code, 1, 'as HAProxy, [metadata] is outside of any section');
  assert.match(forced.stdout, /^setup\.cfg:1:1: error: .*\[outside-section\]$/m);
});

test('a profile named haproxy.cfg, reached through extends, is checked as buildout', () => {
  const dir = exampleBuildout();
  const r = run(['check', '--json', '--haproxy-version', '2.6', 'profiles/haproxy.cfg', 'profiles/base.cfg'], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const files = JSON.parse(r.stdout) as { language: string; diagnostics: unknown[] }[];
  assert.deepEqual(files.map((f) => f.language), ['buildout', 'buildout']);
  // As HAProxy, `[haproxy-config]` and `recipe = …` would be errors.
  assert.deepEqual(files[0].diagnostics, []);
});

test('a template is checked as the template of its owning section, found by walking up to buildout.cfg', () => {
  const dir = exampleBuildout();
  // From another directory, by absolute path: the owner is found next to the file, not in the cwd.
  const r = run(['check', '--json', '--haproxy-version', '2.6', join(dir, 'templates', 'haproxy.conf.in')], tmpdir());
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const [file] = JSON.parse(r.stdout) as { language: string; templateOf: string | null; diagnostics: { line: number; code: string; message: string }[] }[];
  assert.equal(file.language, 'haproxy');
  assert.match(file.templateOf ?? '', /buildout\.cfg:haproxy-config$/);
  // The handbook typo is found with the profile's sections (did-you-mean needs them)…
  const typo = file.diagnostics.find((d) => d.code === 'undefined-section');
  assert.ok(typo, JSON.stringify(file.diagnostics));
  assert.equal(typo.line, 6);
  assert.match(typo.message, /haproxy-config/);
  // …and `${frontend-port}` (an option of the owning section) is no problem at all.
  assert.ok(!file.diagnostics.some((d) => /frontend-port/.test(d.message)), JSON.stringify(file.diagnostics));
});

test('a template without an owning profile nearby is still checked as HAProxy, templateOf null', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hb-cli-orphan-'));
  writeFileSync(join(dir, 'haproxy.conf.in'), 'global\n    maxconn ${limits:maxconn}\n');
  const r = run(['check', '--json', '--haproxy-version', '2.6', 'haproxy.conf.in'], dir);
  const [file] = JSON.parse(r.stdout) as { language: string; templateOf: string | null }[];
  assert.equal(file.language, 'haproxy');
  assert.equal(file.templateOf, null);
});
