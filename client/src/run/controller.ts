/**
 * The "HAProxy: Start" feature on the VS Code side: one HAProxy session per window, driven by
 * the commands, the status bar, save events and the status page. All process work is done by
 * server/src/node/haproxy (testable without VS Code); this file decides, asks and reports.
 *
 * Safety: nothing runs in Restricted Mode; the process group is stopped on Stop, on dispose
 * (window close / deactivate) and killed on extension-host exit; a state file lets the next
 * activation find an instance left by a crashed host.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { HaproxySession, ConfigCheckError } from '../../../server/src/node/haproxy/session';
import { classifyFailure, HaproxyStartError } from '../../../server/src/node/haproxy/startErrors';
import { clearRunState, writeRunState } from '../../../server/src/node/haproxy/pidState';
import type { OutputStream } from '../../../server/src/node/haproxy/processManager';
import type { ExtensionShell } from '../shell';
import { CONTEXT_KEYS } from '../contextKeys';
import { StatusPagePanel } from '../statusPage/panel';
import type { InstanceInfo } from '../statusPage/messages';
import { chooseBinary, type ChosenBinary } from './binaryChoice';
import { resolveConfigSource, type ConfigSource } from './configSource';
import { checkSource } from './checkCommand';
import { HaproxyCheckDiagnostics, revealFirst } from './diagnostics';
import { notify } from './notify';
import { offerToStopStale } from './staleInstance';
import { readRunSettings } from './settings';
import { RunStatusBar } from './statusBar';

const RUNNING_CONTEXT = CONTEXT_KEYS.running;
const RESTRICTED_CONTEXT = CONTEXT_KEYS.restricted;

export class RunController implements vscode.Disposable {
  private session: HaproxySession | undefined;
  /** While Stop runs: HAProxy's shutdown lines ("worker exited with code 143") are expected, not errors. */
  private stopping = false;
  private source: ConfigSource | undefined;
  private binary: ChosenBinary | undefined;
  private info: InstanceInfo = { state: 'stopped' };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly diagnostics = new HaproxyCheckDiagnostics();
  private readonly statusBar = new RunStatusBar();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly saveTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly shell: ExtensionShell) {
    this.disposables.push(
      this.diagnostics,
      this.statusBar,
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSaved(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A checked binary is reused for checks; a new setting means asking again.
        if (e.affectsConfiguration('haproxy.executablePath') && !this.session) this.binary = undefined;
      }),
    );
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    // Our own key: VS Code's `isWorkspaceTrusted` is not set when trust is disabled altogether
    // (the commands then vanished from the palette although the workspace counts as trusted).
    // Negative, so the commands are offered before activation too (see contextKeys.ts).
    const setRestricted = () => void vscode.commands.executeCommand('setContext', RESTRICTED_CONTEXT, !vscode.workspace.isTrusted);
    setRestricted();
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(setRestricted));
    void offerToStopStale(this.stateFile, this.log);
  }

  private get log(): vscode.LogOutputChannel {
    return this.shell.output;
  }

  private get storageDir(): string {
    const ctx = this.shell.context;
    return path.join((ctx.storageUri ?? ctx.globalStorageUri).fsPath, 'run');
  }

  private get stateFile(): string {
    return path.join(this.storageDir, 'haproxy-run.json');
  }

  /** Runs operations one at a time: a Stop while Start is in flight waits for it. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setInfo(info: InstanceInfo): void {
    this.info = info;
    this.statusBar.update(info);
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, info.state === 'running');
    void StatusPagePanel.refreshIfOpen();
  }

  private requireTrust(): boolean {
    if (this.shell.isTrusted()) return true;
    const msg = 'HAProxy: this workspace is in Restricted Mode, so HAProxy is not run (nothing was executed). Trust the workspace to start or check it.';
    this.log.warn(msg);
    void vscode.window.showErrorMessage(msg, 'Manage Workspace Trust').then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }

  private generatedFileFor(source: ConfigSource, allowRecipePath: boolean): string {
    if (source.kind === 'template' && allowRecipePath && source.recipeOutput) return source.recipeOutput;
    return path.join(this.storageDir, 'generated', source.baseName);
  }

  /** What HAProxy runs: the generated config plus our additions (a stats listener). */
  private runFileFor(source: ConfigSource): string {
    return path.join(this.storageDir, 'run', `${source.baseName}.session`);
  }

  private onLine = (line: string, stream: OutputStream): void => {
    if (this.stopping) this.log.info(`[haproxy] ${line}`);
    else if (/^\[ALERT\]/.test(line)) this.log.error(`[haproxy] ${line}`);
    else if (/^\[WARNING\]/.test(line)) this.log.warn(`[haproxy] ${line}`);
    else this.log.info(`[haproxy${stream === 'stdout' ? ':out' : ''}] ${line}`);
  };

  // ---- commands -------------------------------------------------------------------------

  start(resource?: vscode.Uri): Promise<void> {
    return this.serial(async () => {
      if (!this.requireTrust()) return;
      if (this.session?.instance.running) {
        // Modal: a question inside the serial queue must get an answer (a toast can be ignored forever).
        const restart = await vscode.window.showInformationMessage(
          `HAProxy is already running (pid ${this.session.instance.pid}).`, { modal: true }, 'Show Status', 'Restart');
        if (restart === 'Show Status') await this.openStatusPage();
        if (restart !== 'Restart') return;
        await this.stopSession();
      }
      const settings = readRunSettings(resource);
      const source = await resolveConfigSource(this.shell, resource);
      if (!source) return;
      for (const w of source.warnings) this.log.warn(`${source.sourceUri.fsPath}: ${w}`);
      const binary = await chooseBinary(this.log, settings.executablePath, source.sourceUri, source.owner?.replace(/:[^:]*$/, ''), false, this.shell.context.workspaceState);
      if (!binary) return;
      const generatedFile = this.generatedFileFor(source, settings.writeOutputToRecipePath);
      this.log.info(`Generated config: ${generatedFile}${source.kind === 'template' ? ` (rendered from ${source.sourceUri.fsPath})` : ''}`);
      this.setInfo({ state: 'starting', version: binary.version.full, configLabel: source.baseName });
      try {
        const session = await HaproxySession.start({
          binary: binary.path,
          text: source.text,
          generatedFile,
          runFile: this.runFileFor(source),
          cwd: source.cwd,
          outputEncoding: source.outputEncoding,
          addStatsListener: settings.addStatsListener,
          onLine: this.onLine,
          readyTimeoutMs: settings.startTimeoutSeconds * 1000,
        });
        this.session = session;
        this.source = source;
        this.binary = binary;
        this.diagnostics.show(source, session.check.problems, generatedFile);
        for (const n of session.notes) this.log.info(n);
        const t = session.timings;
        this.log.info(`HAProxy ${binary.version.full} started: master pid ${session.instance.pid}, stats ${session.stats?.url ?? 'none'} (check ${t.checkMs.toFixed(0)} ms, start ${t.spawnMs.toFixed(0)} ms, stats page ${t.statsMs.toFixed(0)} ms).`);
        writeRunState(this.stateFile, {
          pid: session.instance.pid, pgid: session.instance.pgid, binary: binary.path,
          configFile: session.runFile, startedAt: Date.now(),
        });
        session.instance.onExit((code, signal) => this.onExit(session, code, signal));
        // It may have died between the start and the line above: report that too.
        if (!session.instance.running) {
          this.onExit(session, session.instance.exit?.code ?? null, session.instance.exit?.signal ?? null);
          return;
        }
        this.setInfo({ state: 'running', pid: session.instance.pid, version: binary.version.full, configLabel: source.baseName });
        if (session.stats?.added) void vscode.window.showInformationMessage(`HAProxy: ${session.notes[session.notes.length - 1]}`);
        if (session.stats && !session.firstStats) {
          notify('warning', `HAProxy runs, but its stats page ${session.stats.url} did not answer (see the log).`, ['Show Log'], () => this.showLog());
        }
        await this.openStatusPage();
      } catch (err) {
        await this.reportStartFailure(err, source, generatedFile);
      }
    });
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      if (!this.session) {
        void vscode.window.showInformationMessage('HAProxy is not running.');
        return;
      }
      const pid = this.session.instance.pid;
      await this.stopSession();
      this.log.info(`HAProxy (pid ${pid}) stopped.`);
    });
  }

  reload(): Promise<void> {
    return this.serial(() => this.reloadNow(false));
  }

  private async reloadNow(quiet: boolean): Promise<void> {
    if (!this.requireTrust()) return;
    const session = this.session;
    if (!session || !session.instance.running || !this.source) {
      if (!quiet) void vscode.window.showWarningMessage('HAProxy is not running: start it first.');
      return;
    }
    // Re-read the same config source (re-render the template) so edits take effect.
    const source = await resolveConfigSource(this.shell, this.source.sourceUri, this.source.owner);
    if (!source) return;
    const r = await session.reload(source.text, { outputEncoding: source.outputEncoding });
    this.source = source;
    // Check findings name the generated file; the master's load-time alerts name the run file.
    if (r.result?.findings.length) this.diagnostics.show(source, r.result.findings, session.runFile);
    else this.diagnostics.show(source, r.check.problems, session.options.generatedFile);
    if (r.ok) {
      this.log.info(`Reload: ${r.message}${r.result?.proc ? ` Workers: ${r.result.proc.workers.map((w) => w.pid).join(', ')}.` : ''}`);
      if (!quiet) void vscode.window.showInformationMessage('HAProxy reloaded.');
      this.setInfo({ ...this.info, state: 'running' });
    } else {
      this.log.error(`Reload failed: ${r.message}`);
      notify('error', r.message, ['Show Problems'], () => void vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
  }

  async showStatus(): Promise<void> {
    if (!this.session?.instance.running) {
      const c = await vscode.window.showInformationMessage('HAProxy is not running.', 'Start');
      if (c) await this.start();
      return;
    }
    await this.openStatusPage();
  }

  checkConfig(resource?: vscode.Uri, quiet = false): Promise<void> {
    return this.serial(async () => {
      if (!this.requireTrust()) return;
      const settings = readRunSettings(resource);
      // The check on save (quiet) must not pop up an owner pick on every save.
      const source = await resolveConfigSource(this.shell, resource, undefined, !quiet);
      if (!source) return;
      const binary = this.binary ?? (await chooseBinary(this.log, settings.executablePath, source.sourceUri, source.owner?.replace(/:[^:]*$/, ''), quiet, this.shell.context.workspaceState));
      if (!binary) return;
      await checkSource({ log: this.log, diagnostics: this.diagnostics, checkDir: path.join(this.storageDir, 'check') }, source, binary, quiet);
    });
  }

  showLog(): void {
    this.log.show(true);
  }

  // ---- internals ------------------------------------------------------------------------

  private async openStatusPage(): Promise<void> {
    await StatusPagePanel.show(this.shell.context.extensionUri, {
      stats: () => (this.session?.instance.running ? this.session.stats : undefined),
      instance: () => this.info,
      refreshSeconds: () => readRunSettings().statsRefreshSeconds,
    }, this.log);
  }

  private async stopSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.stopping = true;
    try {
      if (s) await s.stop();
    } finally {
      this.stopping = false;
    }
    clearRunState(this.stateFile);
    this.setInfo({ state: 'stopped', version: this.binary?.version.full });
  }

  private onExit(session: HaproxySession, code: number | null, signal: NodeJS.Signals | null): void {
    if (session.instance.stopRequested) return;
    // Not asked to stop: a crash or a fatal error at runtime.
    if (this.session === session) this.session = undefined;
    clearRunState(this.stateFile);
    const failure = classifyFailure(session.instance.recentLines, { code, signal }, [session.runFile]);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const message = `HAProxy ${how}. ${failure.kind === 'exited' ? '' : failure.message}`.trim();
    this.log.error(`${message}\nLast lines:\n${failure.lastLines.join('\n')}`);
    this.setInfo({ state: 'failed', version: this.binary?.version.full, message });
    notify('error', message, ['Show Log'], () => this.showLog());
  }

  private async reportStartFailure(err: unknown, source: ConfigSource, generatedFile: string): Promise<void> {
    if (err instanceof ConfigCheckError) {
      const diags = this.diagnostics.show(source, err.check.problems, generatedFile);
      this.setInfo({ state: 'stopped', version: this.binary?.version.full });
      this.log.error(`${err.message}\n${err.check.output}`);
      notify('error', err.message, ['Go to First Error', 'Show Log'], (c) => {
        if (c === 'Go to First Error') void revealFirst(source.sourceUri, diags);
        else this.showLog();
      });
      return;
    }
    if (err instanceof HaproxyStartError) {
      const f = err.failure;
      if (f.findings.length) this.diagnostics.show(source, f.findings, this.runFileFor(source));
      this.log.error(`${f.message}${f.lastLines.length ? `\nLast lines:\n${f.lastLines.join('\n')}` : ''}`);
      this.setInfo({ state: 'failed', message: f.message });
      notify('error', f.message, ['Show Log'], () => this.showLog());
      return;
    }
    this.setInfo({ state: 'failed', message: String((err as Error)?.message ?? err) });
    throw err;
  }

  private onSaved(doc: vscode.TextDocument): void {
    if (!this.shell.isTrusted() || doc.uri.scheme !== 'file') return;
    const settings = readRunSettings(doc.uri);
    const isHaproxy = doc.languageId === 'haproxy' || /\.in$/i.test(doc.fileName);
    const running = this.session?.instance.running && this.source;
    const affectsRun = running && (doc.uri.toString() === this.source!.sourceUri.toString() || doc.languageId === 'buildout');
    const key = doc.uri.toString();
    clearTimeout(this.saveTimers.get(key));
    this.saveTimers.set(key, setTimeout(() => {
      this.saveTimers.delete(key);
      if (affectsRun && settings.reloadOnSave) {
        void this.serial(() => this.reloadNow(true)).catch((e) => this.log.error(`reload on save: ${String(e)}`));
      } else if (isHaproxy && settings.checkOnSave) {
        void this.checkConfig(doc.uri, true).catch((e) => this.log.warn(`check on save: ${String(e)}`));
      }
    }, 300));
  }

  /** Stops HAProxy and waits (deactivate). */
  async shutdown(): Promise<void> {
    await this.stopSession().catch(() => undefined);
  }

  dispose(): void {
    // stop() sends SIGTERM synchronously; the rest completes if the host lives on, and the
    // process manager's exit hook SIGKILLs the group if the host exits first.
    const s = this.session;
    this.session = undefined;
    if (s) void s.stop().then(() => clearRunState(this.stateFile));
    for (const t of this.saveTimers.values()) clearTimeout(t);
    StatusPagePanel.disposeCurrent();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
