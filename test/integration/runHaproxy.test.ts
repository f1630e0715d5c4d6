/**
 * "HAProxy: Start" against the real Debian haproxy 2.6: start, stats page, reload (good and
 * broken), stop leaves nothing, port in use, missing binary. Skipped when the binary is absent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { HaproxySession, ConfigCheckError } from '../../server/src/node/haproxy/session';
import { HaproxyInstance } from '../../server/src/node/haproxy/processManager';
import { HaproxyStartError } from '../../server/src/node/haproxy/startErrors';
import { fetchStats, httpGet, parseStatsJson } from '../../server/src/node/haproxy/stats';
import { isAlive, processesInGroup } from '../../server/src/node/haproxy/procfs';
import { detectStale, stopStale, writeRunState, readRunState } from '../../server/src/node/haproxy/pidState';
import { resolveBinary, haproxyVersion, isExecutableFile } from '../../server/src/node/haproxy/binary';
import { HAPROXY, SKIP_NO_HAPROXY, fakeZope, findFreePort, plonelikeConfig, tempDir, until } from './runHelpers';

describe('HAProxy start / reload / stop (real haproxy)', { skip: SKIP_NO_HAPROXY, timeout: 60_000 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let zopes: Array<Awaited<ReturnType<typeof fakeZope>>>;
  let session: HaproxySession | undefined;
  let frontPort: number;
  let deadPort: number;
  const lines: string[] = [];

  before(async () => {
    tmp = tempDir();
    zopes = [await fakeZope('instance1'), await fakeZope('instance2')];
    frontPort = await findFreePort();
    deadPort = await findFreePort(); // nothing listens there: that server must go DOWN
  });

  after(async () => {
    await session?.stop();
    await Promise.all(zopes.map((z) => z.close()));
    tmp.cleanup();
  });

  it('reports the version of the binary', async () => {
    const v = await haproxyVersion(HAPROXY);
    assert.match(v.full, /^\d+\.\d+/);
    assert.equal(v.branch, `${v.major}.${v.minor}`);
  });

  it('starts; the stats page answers and lists the backend with its servers UP and DOWN', async () => {
    session = await HaproxySession.start({
      binary: HAPROXY,
      text: plonelikeConfig({ frontPort, instancePorts: [zopes[0].port, zopes[1].port, deadPort] }),
      generatedFile: path.join(tmp.dir, 'haproxy.conf'),
      cwd: tmp.dir,
      addStatsListener: true,
      onLine: (l) => lines.push(l),
    });
    assert.equal(session.stats?.url, `http://127.0.0.1:${frontPort}/haproxy-status`);
    assert.equal(session.stats?.added, false, 'the config has its own stats page');
    assert.ok(session.firstStats, 'the stats page answered right after start');
    assert.ok(lines.some((l) => /Loading success/.test(l)), 'output lines are streamed');
    const snap = await until(async () => {
      const s = await fetchStats(session!.stats!.url);
      const states = s.backends.find((b) => b.row.proxy === 'zope')?.servers.map((x) => `${x.name}:${x.state}`);
      return states?.join(',') === 'instance1:UP,instance2:UP,instance3:DOWN' ? s : undefined;
    }, 15000, 'health checks to settle');
    assert.deepEqual(snap.frontends.map((f) => f.proxy), ['zeocluster']);
    // Traffic through the frontend reaches the fake instances.
    const res = await httpGet(`http://127.0.0.1:${frontPort}/`);
    assert.equal(res.status, 200);
    assert.ok(zopes[0].hits() + zopes[1].hits() > 0);
    const html = await httpGet(session.stats!.url);
    assert.match(html.body, /Statistics Report/);
    // The typed JSON form gives the same picture as the CSV.
    const json = parseStatsJson((await httpGet(session.stats!.url + ';json')).body);
    assert.deepEqual(
      json.backends.map((b) => [b.row.proxy, b.servers.map((x) => x.name)]),
      snap.backends.map((b) => [b.row.proxy, b.servers.map((x) => x.name)]),
    );
  });

  it('reloads a good config: a new worker serves it', async () => {
    const before = await session!.instance.showProc();
    assert.equal(before.workers.length, 1);
    const text = plonelikeConfig({
      frontPort,
      instancePorts: [zopes[0].port, zopes[1].port],
      extra: ['backend extra', `    server e1 127.0.0.1:${zopes[0].port}`].join('\n'),
    });
    const r = await session!.reload(text);
    assert.equal(r.ok, true, r.message);
    assert.equal(r.result?.via, 'master-cli');
    assert.equal(r.result?.proc?.master?.reloads, (before.master?.reloads ?? 0) + 1);
    const workers = r.result?.proc?.workers.map((w) => w.pid) ?? [];
    assert.ok(workers.some((pid) => pid !== before.workers[0].pid), `a new worker was forked: ${workers}`);
    const s = await until(async () => {
      const x = await fetchStats(session!.stats!.url);
      return x.backends.some((b) => b.row.proxy === 'extra') ? x : undefined;
    }, 10000, 'the new backend');
    assert.deepEqual(s.backends.find((b) => b.row.proxy === 'zope')?.servers.map((x) => x.name), ['instance1', 'instance2']);
    await until(() => !isAlive(before.workers[0].pid) || undefined, 10000, 'the former worker to exit');
  });

  it('refuses a config that fails haproxy -c without touching the running worker', async () => {
    const before = await session!.instance.showProc();
    const r = await session!.reload('frontend broken\n    frobnicate\n');
    assert.equal(r.ok, false);
    assert.equal(r.result, undefined, 'the master was not asked to reload');
    assert.deepEqual(r.check.problems.map((p) => [p.line, p.severity]), [[2, 'error']]);
    const now = await session!.instance.showProc();
    assert.equal(now.master?.reloads, before.master?.reloads);
  });

  it('reloads a config that breaks at load time: the old worker keeps serving, errors reported', async () => {
    const before = await session!.instance.showProc();
    const broken = plonelikeConfig({ frontPort, instancePorts: [zopes[0].port], extra: '    frobnicate-at-reload' });
    const r = await session!.reload(broken, { skipCheck: true });
    assert.equal(r.ok, false);
    const unknown = r.result?.findings.find((f) => /frobnicate-at-reload/.test(f.message));
    assert.ok(unknown, `alerts reported: ${JSON.stringify(r.result?.findings)}`);
    assert.equal(unknown.line, broken.split('\n').indexOf('    frobnicate-at-reload') + 1);
    assert.equal(r.result?.proc?.master?.failedReloads, (before.master?.failedReloads ?? 0) + 1);
    assert.deepEqual(r.result?.proc?.workers.map((w) => w.pid), before.workers.map((w) => w.pid), 'same worker');
    const s = await fetchStats(session!.stats!.url);
    assert.ok(s.backends.some((b) => b.row.proxy === 'extra'), 'still the previous configuration');
  });

  it('stops: no process of the group is left (checked in /proc)', async () => {
    const proc = await session!.instance.showProc();
    const pids = [session!.instance.pid, ...proc.workers.map((w) => w.pid)];
    assert.ok(pids.every(isAlive));
    await session!.stop();
    assert.deepEqual(pids.filter(isAlive), []);
    assert.deepEqual(processesInGroup(session!.instance.pgid), []);
    await assert.rejects(httpGet(`http://127.0.0.1:${frontPort}/`, { timeoutMs: 500 }));
    session = undefined;
  });
});

describe('HAProxy start failures (real haproxy)', { skip: SKIP_NO_HAPROXY, timeout: 30_000 }, () => {
  it('adds a loopback stats listener when the config has none', async () => {
    const t = tempDir();
    const port = await findFreePort();
    const s = await HaproxySession.start({
      binary: HAPROXY,
      text: ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
        'frontend fe', `    bind 127.0.0.1:${port}`, '    http-request return status 204', ''].join('\n'),
      generatedFile: path.join(t.dir, 'plain.cfg'),
      addStatsListener: true,
    });
    try {
      assert.equal(s.stats?.added, true);
      assert.match(s.stats!.url, /^http:\/\/127\.0\.0\.1:\d+\/stats$/);
      assert.notEqual(s.runFile, path.join(t.dir, 'plain.cfg'), 'additions go to a separate run file');
      assert.deepEqual((await fetchStats(s.stats!.url)).frontends.map((f) => f.proxy).sort(), ['fe', 'vscode-haproxy-stats']);
    } finally {
      await s.stop();
      t.cleanup();
    }
  });

  it("writes both files in the template's output-encoding, so HAProxy serves the recipe's bytes", async () => {
    const t = tempDir();
    const port = await findFreePort();
    const generatedFile = path.join(t.dir, 'latin1.cfg');
    const s = await HaproxySession.start({
      binary: HAPROXY,
      text: ['# café', 'defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
        'frontend fe', `    bind 127.0.0.1:${port}`, '    http-request return status 200 content-type text/plain string "café"', ''].join('\n'),
      generatedFile,
      outputEncoding: 'latin-1',
      addStatsListener: true,
    });
    try {
      // collective.recipe.template would write one byte 0xE9 for "é" (UTF-8 would be C3 A9).
      for (const file of [generatedFile, s.runFile]) {
        const bytes = readFileSync(file);
        assert.equal(bytes.subarray(0, 7).toString('hex'), Buffer.from('# caf\xe9\n', 'latin1').toString('hex'), file);
      }
      const body = await new Promise<Buffer>((resolve, reject) => {
        http.get(`http://127.0.0.1:${port}/`, { agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject);
      });
      assert.equal(body.toString('hex'), Buffer.from('caf\xe9', 'latin1').toString('hex'));
    } finally {
      await s.stop();
      t.cleanup();
    }
  });

  it('reports "address already in use" clearly and leaves nothing running', async () => {
    const t = tempDir();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const cfg = path.join(t.dir, 'busy.cfg');
    writeFileSync(cfg, ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
      'frontend fe', `    bind 127.0.0.1:${port}`, ''].join('\n'));
    try {
      const err = await HaproxyInstance.start({ binary: HAPROXY, configFile: cfg }).then(
        () => assert.fail('should not start'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof HaproxyStartError);
      assert.equal(err.failure.kind, 'address-in-use');
      assert.equal(err.failure.address, `127.0.0.1:${port}`);
      assert.match(err.message, /already in use/);
    } finally {
      blocker.close();
      t.cleanup();
    }
  });

  it('reports "permission denied" on a privileged port and suggests a port ≥ 1024', async (t) => {
    // As root, drop to nobody with setpriv (a wrapper script is the "binary"); as a normal user
    // the port is privileged anyway unless the kernel allows it.
    const tmpd = tempDir();
    const isRoot = process.getuid?.() === 0;
    const unprivStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim() || 1024);
    if (isRoot && !isExecutableFile('/usr/bin/setpriv')) return t.skip('root without setpriv');
    if (!isRoot && unprivStart <= 81) return t.skip('this kernel lets everyone bind port 81');
    let binary = HAPROXY;
    if (isRoot) {
      binary = path.join(tmpd.dir, 'haproxy-as-nobody');
      writeFileSync(binary, `#!/bin/sh\nexec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups '${HAPROXY}' "$@"\n`, { mode: 0o755 });
    }
    chmodSync(tmpd.dir, 0o755);
    const cfg = path.join(tmpd.dir, 'priv.cfg');
    writeFileSync(cfg, ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
      'frontend fe', '    bind 127.0.0.1:81', ''].join('\n'), { mode: 0o644 });
    try {
      const err = await HaproxyInstance.start({ binary, configFile: cfg }).then(() => assert.fail('should not start'), (e: unknown) => e);
      assert.ok(err instanceof HaproxyStartError);
      assert.equal(err.failure.kind, 'permission-denied');
      assert.equal(err.failure.address, '127.0.0.1:81');
      assert.match(err.message, /use a port ≥ 1024 \(e\.g\. 8081\)/);
    } finally {
      tmpd.cleanup();
    }
  });

  it('stops at haproxy -c with located findings when the config is broken', async () => {
    const t = tempDir();
    try {
      const err = await HaproxySession.start({
        binary: HAPROXY,
        text: 'frontend fe\n    bind 127.0.0.1:1\n    default_backend nosuch\n',
        generatedFile: path.join(t.dir, 'bad.cfg'),
        addStatsListener: true,
      }).then(() => assert.fail('should not start'), (e: unknown) => e);
      assert.ok(err instanceof ConfigCheckError);
      const missing = err.check.problems.find((p) => p.target === 'nosuch');
      assert.equal(missing?.proxy, 'fe');
    } finally {
      t.cleanup();
    }
  });

  it('says the binary is missing instead of hanging', async () => {
    const err = await HaproxyInstance.start({ binary: '/nonexistent/bin/haproxy', configFile: '/dev/null' }).then(
      () => assert.fail('should not start'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof HaproxyStartError);
    assert.equal(err.failure.kind, 'spawn');
    assert.match(err.message, /not found: \/nonexistent\/bin\/haproxy/);
    const badCwd = await HaproxyInstance.start({ binary: HAPROXY, configFile: '/dev/null', cwd: '/nonexistent/dir' }).then(
      () => assert.fail('should not start'),
      (e: unknown) => e as Error,
    );
    assert.match(badCwd.message, /Working directory for HAProxy does not exist: \/nonexistent\/dir/, 'not mistaken for a missing binary');
    const r = resolveBinary({ executablePath: '/nonexistent/bin/haproxy' });
    assert.equal(r.binary, undefined);
    assert.deepEqual(r.problems.map((p) => p.kind), ['setting-missing']);
    const fallback = resolveBinary({ buildoutBinary: '/nonexistent/buildout/bin/haproxy', envPath: '', defaultPath: HAPROXY });
    assert.deepEqual([fallback.binary?.source, fallback.problems.map((p) => p.kind)], ['default', ['buildout-not-built']]);
  });

  it('detects a stale instance from the state file and stops it', async () => {
    const t = tempDir();
    const port = await findFreePort();
    const cfg = path.join(t.dir, 'stale.cfg');
    writeFileSync(cfg, ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
      'frontend fe', `    bind 127.0.0.1:${port}`, ''].join('\n'));
    const inst = await HaproxyInstance.start({ binary: HAPROXY, configFile: cfg });
    const stateFile = path.join(t.dir, 'state', 'haproxy-run.json');
    try {
      writeRunState(stateFile, { pid: inst.pid, pgid: inst.pgid, binary: HAPROXY, configFile: cfg, startedAt: Date.now() });
      const stale = detectStale(stateFile);
      assert.equal(stale?.pid, inst.pid);
      assert.equal(await stopStale(stateFile, stale!), true);
      assert.equal(isAlive(inst.pid), false);
      assert.equal(readRunState(stateFile), undefined, 'state file removed');
      // A record whose pid is gone is cleaned up silently.
      writeRunState(stateFile, { pid: inst.pid, pgid: inst.pgid, binary: HAPROXY, configFile: cfg, startedAt: 0 });
      assert.equal(detectStale(stateFile), undefined);
    } finally {
      await inst.stop();
      t.cleanup();
    }
  });

  it('stops HAProxy when the host that started it is killed (watchdog)', async () => {
    const t = tempDir();
    const port = await findFreePort();
    const cfg = path.join(t.dir, 'orphan.cfg');
    writeFileSync(cfg, ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
      'frontend fe', `    bind 127.0.0.1:${port}`, ''].join('\n'));
    const host = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'hostThatDies.ts'), HAPROXY, cfg], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = '';
        host.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        host.on('exit', () => reject(new Error(`host exited early: ${out}`)));
      });
      const master = Number(firstLine);
      assert.ok(master > 0, firstLine);
      assert.ok(isAlive(master));
      host.kill('SIGKILL'); // no exit handler runs
      await until(() => (!isAlive(master) && processesInGroup(master).length === 0) || undefined, 8000, 'HAProxy to be stopped by the watchdog');
    } finally {
      host.kill('SIGKILL');
      t.cleanup();
    }
  });

  it('reports a crash with the exit code and the last lines', async () => {
    const t = tempDir();
    const port = await findFreePort();
    const cfg = path.join(t.dir, 'crash.cfg');
    writeFileSync(cfg, ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s',
      'frontend fe', `    bind 127.0.0.1:${port}`, ''].join('\n'));
    const inst = await HaproxyInstance.start({ binary: HAPROXY, configFile: cfg });
    try {
      const exited = new Promise<[number | null, string | null]>((r) => inst.onExit((c, s) => r([c, s])));
      process.kill(inst.pid, 'SIGKILL');
      const [code, signal] = await exited;
      assert.equal(code, null);
      assert.equal(signal, 'SIGKILL');
      assert.equal(inst.stopRequested, false, 'an exit nobody asked for is a crash');
      await until(() => processesInGroup(inst.pgid).length === 0 || undefined, 3000, 'workers of a dead master to be killed');
      const req = http.get(`http://127.0.0.1:${port}/`);
      await assert.rejects(new Promise((res, rej) => req.on('response', res).on('error', rej)));
    } finally {
      await inst.stop();
      t.cleanup();
    }
  });
});
