/**
 * One "HAProxy: Start" session without VS Code: check the generated config with `haproxy -c`,
 * add a loopback stats listener when the config has no stats page, start master-worker HAProxy,
 * wait until the stats page answers. Reload re-checks and reuses the same stats port.
 *
 * Two files: `generatedFile` is the config as rendered (what the user may open, and what
 * `haproxy -c` findings refer to); `runFile` is what HAProxy runs (generated + our additions),
 * so our additions never end up in a file the user owns.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runCheck, type CheckResult } from './checkRunner';
import { findFreePort, prepareConfig, type PreparedConfig, type StatsEndpoint } from './configPrep';
import { HaproxyInstance, type OutputStream, type ReloadResult } from './processManager';
import { waitForStats, type StatsSnapshot } from './stats';
import { classifyFailure, HaproxyStartError } from './startErrors';
import { pyCodec } from '../../service/buildout/render/pyCodecs';

export class ConfigCheckError extends Error {
  constructor(readonly check: CheckResult, readonly file: string) {
    const errors = check.problems.filter((p) => p.severity === 'error');
    super(
      check.timedOut
        ? '`haproxy -c` did not finish in time.'
        : `The configuration has ${errors.length || 'some'} error(s); HAProxy was not started.`,
    );
  }
}

export interface SessionOptions {
  binary: string;
  /** The configuration text to run (a rendered template or the user's file). */
  text: string;
  /** Where the generated config is written (and checked). */
  generatedFile: string;
  /** Where the run config (generated + additions) is written; default: next to generatedFile. */
  runFile?: string;
  cwd?: string;
  /**
   * A template's `output-encoding`: the files are written in it, as collective.recipe.template's
   * install() writes `output` (undefined: UTF-8). A reload may change it.
   */
  outputEncoding?: string;
  addStatsListener: boolean;
  onLine?: (line: string, stream: OutputStream) => void;
  /** Deadline for the stats page to answer after "Loading success." (default 5 s). */
  statsTimeoutMs?: number;
  readyTimeoutMs?: number;
}

export interface SessionTimings {
  checkMs: number;
  spawnMs: number;
  statsMs: number;
  totalMs: number;
}

export interface SessionReload {
  check: CheckResult;
  result?: ReloadResult;
  ok: boolean;
  message: string;
}

export class HaproxySession {
  private constructor(
    readonly instance: HaproxyInstance,
    readonly options: SessionOptions,
    private prepared: PreparedConfig,
    readonly check: CheckResult,
    readonly timings: SessionTimings,
    readonly firstStats: StatsSnapshot | undefined,
  ) {}

  get stats(): StatsEndpoint | undefined {
    return this.prepared.stats;
  }

  get notes(): readonly string[] {
    return this.prepared.notes;
  }

  get runFile(): string {
    return runFileOf(this.options);
  }

  static async start(options: SessionOptions): Promise<HaproxySession> {
    const t0 = performance.now();
    const check = await writeAndCheck(options, options.text);
    if (!check.valid || check.timedOut) throw new ConfigCheckError(check, options.generatedFile);
    const t1 = performance.now();
    const prepared = prepareConfig(options.text, {
      addStatsListener: options.addStatsListener,
      freePort: options.addStatsListener ? await findFreePort() : 0,
    });
    const runFile = writeRunFile(options, prepared);
    const instance = await HaproxyInstance.start({
      binary: options.binary,
      configFile: runFile,
      cwd: options.cwd,
      onLine: options.onLine,
      readyTimeoutMs: options.readyTimeoutMs,
    });
    const t2 = performance.now();
    let firstStats: StatsSnapshot | undefined;
    if (prepared.stats) {
      try {
        firstStats = await waitForStats(prepared.stats.url, options.statsTimeoutMs ?? 5000, {
          auth: prepared.stats.auth,
          keepTrying: () => instance.running,
        });
      } catch (err) {
        // HAProxy runs; the page is what failed. Report, keep running, let the caller decide.
        prepared.notes.push(`Stats page not reachable: ${(err as Error).message}`);
      }
    }
    if (!instance.running) {
      // "Loading success." but the worker died right after (e.g. it could not drop privileges):
      // a failed start, not a session. Let the last lines arrive first.
      await new Promise((r) => setTimeout(r, 50));
      throw new HaproxyStartError(classifyFailure(instance.recentLines, instance.exit ?? {}, [runFile]));
    }
    const t3 = performance.now();
    return new HaproxySession(instance, options, prepared, check, {
      checkMs: t1 - t0,
      spawnMs: t2 - t1,
      statsMs: t3 - t2,
      totalMs: t3 - t0,
    }, firstStats);
  }

  /**
   * Checks `text`, writes it and reloads. A config that fails `haproxy -c` is not handed to
   * the master at all (the running worker is untouched); one that passes the check but fails
   * at load time still leaves the old worker serving, and the master's alerts are returned.
   */
  async reload(text: string, options: { skipCheck?: boolean; outputEncoding?: string } = {}): Promise<SessionReload> {
    if ('outputEncoding' in options) this.options.outputEncoding = options.outputEncoding;
    const check = await writeAndCheck(this.options, text, options.skipCheck);
    if (!options.skipCheck && !check.valid) {
      return { check, ok: false, message: 'The new configuration has errors; HAProxy keeps running the previous one.' };
    }
    // Keep the port of a listener we added, so the status page stays where it is.
    const port = this.prepared.stats?.added ? this.prepared.stats.port : 0;
    const freePort = this.options.addStatsListener ? port || (await findFreePort()) : 0;
    this.prepared = prepareConfig(text, { addStatsListener: this.options.addStatsListener, freePort });
    writeRunFile(this.options, this.prepared);
    const result = await this.instance.reload();
    return { check, result, ok: result.ok, message: result.message };
  }

  stop(): Promise<void> {
    return this.instance.stop();
  }
}

function runFileOf(options: SessionOptions): string {
  return options.runFile ?? options.generatedFile.replace(/(\.[^./]+)?$/, '.session$1');
}

function writeRunFile(options: SessionOptions, prepared: PreparedConfig): string {
  // HAProxy is always started on the same path, so a reload reads the updated file.
  const file = runFileOf(options);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, configBytes(prepared.text, options.outputEncoding), { mode: 0o600 });
  return file;
}

async function writeAndCheck(options: SessionOptions, text: string, skip?: boolean): Promise<CheckResult> {
  mkdirSync(path.dirname(options.generatedFile), { recursive: true });
  writeFileSync(options.generatedFile, configBytes(text, options.outputEncoding));
  if (skip) {
    return { exitCode: 0, valid: true, noListener: false, timedOut: false, findings: [], problems: [], output: '' };
  }
  return runCheck(options.binary, options.generatedFile, { cwd: options.cwd });
}

/**
 * A config's bytes as buildout would write them: encoded with the template's output-encoding.
 * HAProxy reads bytes, so a Latin-1 `é` in a header value must reach it as one byte, not two.
 * Encodings Python has but we do not model fall back to UTF-8 (the renderer could not check
 * them either); a text the encoding cannot hold never gets here (rendering fails first).
 */
export function configBytes(text: string, encoding: string | undefined): string | Uint8Array {
  const codec = encoding === undefined ? undefined : pyCodec(encoding);
  return codec && codec.encodeError(text) === undefined ? codec.encode(text) : text;
}
