/**
 * Runs one HAProxy in master-worker mode in the foreground, in its own process group:
 *
 *   haproxy -W -db -f <cfg> -S <runDir>/master.sock -p <runDir>/haproxy.pid
 *
 * `runDir` is a private (0700) temp dir, short enough for a unix socket path. Output lines are
 * streamed to a callback. Reload goes through the master CLI (`reload`), falling back to
 * SIGUSR2; the outcome is read from the master's "Loading success." / "Loading failure!" lines
 * (the CLI itself answers nothing). Stop is SIGTERM to the master, then SIGKILL to the group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { assertDirectory, ExecError, toExecError } from './exec';
import { masterCommand, parseShowProc, type ShowProc } from './masterCli';
import { isAlive, processesInGroup, sleep } from './procfs';
import { classifyFailure, HaproxyStartError, type StartFailure } from './startErrors';
import { parseCheckOutput, significantFindings, type CheckFinding } from './checkOutput';
import { startWatchdog } from './watchdog';

export type OutputStream = 'stdout' | 'stderr';

export interface StartOptions {
  binary: string;
  /** The configuration file to run (already prepared). */
  configFile: string;
  /** Working directory: relative paths in the config resolve here. */
  cwd?: string;
  /** Called for every output line of master and workers. */
  onLine?: (line: string, stream: OutputStream) => void;
  /** How long to wait for "Loading success." (default 10 s). */
  readyTimeoutMs?: number;
  /** Extra environment for HAProxy (`"${VAR}"` in the config). */
  env?: NodeJS.ProcessEnv;
  /** Stop HAProxy if this process dies without stopping it (default true). */
  watchdog?: boolean;
}

export interface ReloadResult {
  ok: boolean;
  /** Alerts and warnings the master printed while loading the new config. */
  findings: CheckFinding[];
  via: 'master-cli' | 'SIGUSR2';
  /** `show proc` after the reload, when the master CLI answered. */
  proc?: ShowProc;
  message: string;
}

const KEEP_LINES = 200;
const LOADING_SUCCESS = /\bLoading success\./;
const LOADING_FAILURE = /\bLoading failure!/;
const RELOADING = /\bReloading HAProxy\b/;

/** Every instance still running in this process, killed synchronously if the host exits. */
const live = new Set<HaproxyInstance>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const inst of live) inst.killNow();
  });
}

export class HaproxyInstance {
  readonly runDir: string;
  readonly masterSocket: string;
  readonly pidFile: string;
  readonly startedAt = Date.now();
  /** Recent output lines (master and workers), oldest first. */
  readonly recentLines: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitWaiters: Array<() => void> = [];
  private readonly lineListeners = new Set<(line: string, stream: OutputStream) => void>();
  private readonly exitListeners = new Set<(code: number | null, signal: NodeJS.Signals | null) => void>();
  private stopping = false;
  private watchdog: ChildProcess | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly options: StartOptions,
    runDir: string,
  ) {
    this.runDir = runDir;
    this.masterSocket = path.join(runDir, 'master.sock');
    this.pidFile = path.join(runDir, 'haproxy.pid');
    if (options.onLine) this.lineListeners.add(options.onLine);
  }

  /** The process group of master and workers (the master leads it). */
  get pgid(): number {
    return this.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exitInfo;
  }

  /** True after stop() was called: an exit then is expected, not a crash. */
  get stopRequested(): boolean {
    return this.stopping;
  }

  onLine(listener: (line: string, stream: OutputStream) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Spawns HAProxy and waits for "Loading success."; throws HaproxyStartError otherwise. */
  static async start(options: StartOptions): Promise<HaproxyInstance> {
    // Short path under the OS temp dir: unix socket paths are limited to ~107 bytes.
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'haproxy-run-'));
    const sock = path.join(runDir, 'master.sock');
    const pidFile = path.join(runDir, 'haproxy.pid');
    const args = ['-W', '-db', '-f', options.configFile, '-S', `${sock},mode,600`, '-p', pidFile];
    let child: ChildProcess;
    try {
      assertDirectory(options.cwd);
      child = spawn(options.binary, args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // own process group, so stop can signal master and workers together
        shell: false,
      });
    } catch (err) {
      rmSync(runDir, { recursive: true, force: true });
      throw spawnFailure(options.binary, err);
    }
    const spawned = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', (err) => resolve(err));
    });
    if (spawned || child.pid === undefined) {
      rmSync(runDir, { recursive: true, force: true });
      throw spawnFailure(options.binary, spawned);
    }
    const inst = new HaproxyInstance(child, child.pid, options, runDir);
    if (options.watchdog !== false) inst.watchdog = startWatchdog(child.pid, child.pid);
    inst.wire();
    live.add(inst);
    installExitHook();
    await inst.waitReady(options.readyTimeoutMs ?? 10_000);
    return inst;
  }

  private wire(): void {
    const feed = (stream: OutputStream) => (line: string) => {
      this.recentLines.push(line);
      if (this.recentLines.length > KEEP_LINES) this.recentLines.shift();
      for (const l of this.lineListeners) {
        try {
          l(line, stream);
        } catch {
          // A listener's bug must not break output streaming.
        }
      }
    };
    createInterface({ input: this.child.stdout! }).on('line', feed('stdout'));
    createInterface({ input: this.child.stderr! }).on('line', feed('stderr'));
    this.child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      live.delete(this);
      this.watchdog?.kill('SIGKILL');
      this.watchdog = undefined;
      // Workers may outlive a crashed master: clean up the group.
      try {
        process.kill(-this.pgid, 'SIGKILL');
      } catch {
        // group already empty
      }
      rmSync(this.runDir, { recursive: true, force: true });
      for (const w of this.exitWaiters.splice(0)) w();
      for (const l of this.exitListeners) l(code, signal);
    });
  }

  private waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Waits for a line matching one of the patterns (after the current point), exit, or timeout. */
  private waitForLine(patterns: RegExp[], timeoutMs: number, collect?: string[]): Promise<RegExp | 'exit' | 'timeout'> {
    return new Promise((resolve) => {
      let finished = false;
      const end = (r: RegExp | 'exit' | 'timeout') => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        offLine();
        offExit();
        resolve(r);
      };
      const offLine = this.onLine((line) => {
        collect?.push(line);
        const hit = patterns.find((p) => p.test(line));
        if (hit) end(hit);
      });
      const offExit = this.onExit(() => end('exit'));
      const timer = setTimeout(() => end('timeout'), timeoutMs);
      if (!this.running) end('exit');
    });
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const lines: string[] = [];
    const r = await this.waitForLine([LOADING_SUCCESS, LOADING_FAILURE], timeoutMs, lines);
    if (r === LOADING_SUCCESS) return;
    if (r === 'timeout' || r === LOADING_FAILURE) await this.stop(2000);
    // Let the streams drain so the failure message sees the last lines.
    await this.waitForExit(1000);
    await sleep(20);
    const failure: StartFailure = classifyFailure(
      this.recentLines,
      { code: this.exitInfo?.code, signal: this.exitInfo?.signal, timedOut: r === 'timeout' },
      [this.options.configFile],
    );
    throw new HaproxyStartError(failure);
  }

  /**
   * `show proc` on the master CLI. Right after a reload the re-executed master needs a moment
   * before it accepts connections again, so a refused connection is retried until the deadline.
   */
  async showProc(timeoutMs = 2000): Promise<ShowProc> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        return parseShowProc(await masterCommand(this.masterSocket, 'show proc', Math.max(end - Date.now(), 100)));
      } catch (err) {
        if (Date.now() >= end || !this.running) throw err;
        await sleep(20);
      }
    }
  }

  /** Any master CLI command (`@1 show info`, `show proc` …). */
  command(line: string, timeoutMs = 2000): Promise<string> {
    return masterCommand(this.masterSocket, line, timeoutMs);
  }

  /**
   * Reloads the configuration file given at start (edit it first). With a broken config the
   * master keeps the old worker serving; the result says so and carries the alerts.
   */
  async reload(timeoutMs = 10_000): Promise<ReloadResult> {
    if (!this.running) throw new Error('HAProxy is not running');
    const lines: string[] = [];
    const outcome = this.waitForLine([LOADING_SUCCESS, LOADING_FAILURE], timeoutMs, lines);
    let via: ReloadResult['via'] = 'master-cli';
    try {
      // A previous reload may still be re-executing the master: wait until its CLI answers.
      await this.showProc(3000);
      await masterCommand(this.masterSocket, 'reload', 2000);
    } catch {
      via = 'SIGUSR2';
      process.kill(this.pid, 'SIGUSR2');
    }
    const r = await outcome;
    const start = lines.findIndex((l) => RELOADING.test(l));
    const findings = significantFindings(
      parseCheckOutput(lines.slice(start < 0 ? 0 : start).join('\n'), [this.options.configFile]),
    ).filter((f) => !/^(Former worker|Proxy \S+ stopped|Loading failure)/.test(f.message));
    let proc: ShowProc | undefined;
    if (this.running) proc = await this.showProc().catch(() => undefined);
    if (r === LOADING_SUCCESS) return { ok: true, findings, via, proc, message: 'Reloaded: a new worker serves the new configuration.' };
    if (r === 'exit') return { ok: false, findings, via, message: `HAProxy exited during the reload (code ${this.exitInfo?.code}).` };
    if (r === 'timeout') return { ok: false, findings, via, proc, message: 'No reload result within the timeout.' };
    return { ok: false, findings, via, proc, message: 'The new configuration has errors; the previous worker keeps serving.' };
  }

  /** SIGTERM to the master, wait, then SIGKILL the whole group. Resolves when nothing is left. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.running) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      if (!(await this.waitForExit(graceMs))) {
        this.killNow();
        await this.waitForExit(2000);
      }
    }
    // Belt and braces: workers that somehow survived the master.
    for (let i = 0; i < 20 && processesInGroup(this.pgid).length > 0; i++) {
      try {
        process.kill(-this.pgid, 'SIGKILL');
      } catch {
        break;
      }
      await sleep(25);
    }
    live.delete(this);
  }

  /** Synchronous SIGKILL of the group (used on host exit). */
  killNow(): void {
    this.stopping = true;
    try {
      process.kill(-this.pgid, 'SIGKILL');
    } catch {
      // nothing to kill
    }
  }

  /** Whether the master process still exists (per /proc). */
  masterAlive(): boolean {
    return isAlive(this.pid);
  }
}

function spawnFailure(binary: string, err: unknown): HaproxyStartError {
  const e = err instanceof ExecError ? err : toExecError(binary, err);
  return new HaproxyStartError({ kind: 'spawn', message: e.message, findings: [], lastLines: [] });
}
