/**
 * The status page: one webview panel beside the editor with the live stats page of the running
 * HAProxy in an iframe (reached through asExternalUri + portMapping, so it also works in remote
 * and browser VS Code) and a native overview rendered from `;csv`, polled in the extension host.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { fetchStats } from '../../../server/src/node/haproxy/stats';
import type { StatsEndpoint } from '../../../server/src/node/haproxy/configPrep';
import { statusPageHtml } from './html';
import { parseFromWebview, type InstanceInfo, type ToWebviewMessage } from './messages';

export interface StatusPageSource {
  stats(): StatsEndpoint | undefined;
  instance(): InstanceInfo;
  refreshSeconds(): number;
}

export class StatusPagePanel implements vscode.Disposable {
  static readonly viewType = 'haproxy.statusPage';
  private static current: StatusPagePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private frameUrl: string | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly source: StatusPageSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidChangeViewState(() => this.schedule()),
    );
  }

  /** Opens (or reveals) the status page and points it at the current instance. */
  static async show(extensionUri: vscode.Uri, source: StatusPageSource, log: vscode.LogOutputChannel): Promise<StatusPagePanel> {
    if (StatusPagePanel.current) {
      StatusPagePanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      await StatusPagePanel.current.update();
      return StatusPagePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      StatusPagePanel.viewType,
      'HAProxy Status',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    const p = new StatusPagePanel(panel, extensionUri, source, log);
    StatusPagePanel.current = p;
    await p.update();
    return p;
  }

  /** Tells an open status page that the instance changed (started, reloaded, stopped). */
  static async refreshIfOpen(): Promise<void> {
    await StatusPagePanel.current?.update();
  }

  static disposeCurrent(): void {
    StatusPagePanel.current?.dispose();
  }

  /** Re-renders the shell for the current stats endpoint and restarts polling. */
  async update(): Promise<void> {
    const ep = this.source.stats();
    let frameUrl: string | undefined;
    if (ep && this.source.instance().state === 'running') {
      const local = vscode.Uri.parse(ep.url);
      // Desktop: unchanged; remote/browser: a forwarded URL the webview can load.
      const external = await vscode.env.asExternalUri(local);
      frameUrl = external.toString(true);
      const port = ep.port;
      this.panel.webview.options = {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
        portMapping: [{ webviewPort: port, extensionHostPort: port }],
      };
    }
    if (frameUrl !== this.frameUrl || !this.panel.webview.html) {
      this.frameUrl = frameUrl;
      const webview = this.panel.webview;
      webview.html = statusPageHtml({
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'statusPage.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'statusPage.css')).toString(),
        frameUrl,
        refreshSeconds: this.source.refreshSeconds(),
      });
    } else {
      await this.post({ type: 'frame', url: frameUrl ?? null });
    }
    await this.post({ type: 'instance', info: this.source.instance() });
    this.schedule();
    void this.poll();
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = Math.max(1, this.source.refreshSeconds());
    // Only poll while someone can see it and something runs.
    if (this.panel.visible && this.source.instance().state === 'running') {
      this.timer = setInterval(() => void this.poll(), seconds * 1000);
    }
  }

  private async poll(): Promise<void> {
    const ep = this.source.stats();
    if (!ep || this.polling || this.source.instance().state !== 'running') return;
    this.polling = true;
    try {
      let snapshot = await fetchStats(ep.url, { timeoutMs: 2000, auth: ep.auth });
      // The listener we added is plumbing, not part of the user's setup: keep it out of the overview.
      if (ep.added) {
        snapshot = {
          frontends: snapshot.frontends.filter((f) => f.proxy !== ep.section),
          backends: snapshot.backends.filter((b) => b.row.proxy !== ep.section),
        };
      }
      await this.post({ type: 'stats', snapshot, fetchedAt: Date.now(), url: ep.url });
    } catch (err) {
      await this.post({ type: 'statsError', message: `Stats page unreachable: ${(err as Error).message}`, url: ep.url });
    } finally {
      this.polling = false;
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        await this.post({ type: 'instance', info: this.source.instance() });
        void this.poll();
        break;
      case 'refresh':
        void this.poll();
        break;
      case 'openInBrowser': {
        const ep = this.source.stats();
        if (ep) await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(ep.url)));
        break;
      }
      case 'command':
        await vscode.commands.executeCommand(msg.command);
        break;
    }
  }

  private async post(message: ToWebviewMessage): Promise<void> {
    try {
      await this.panel.webview.postMessage(message);
    } catch (err) {
      this.log.debug(`status page message not delivered: ${String(err)}`);
    }
  }

  dispose(): void {
    if (StatusPagePanel.current === this) StatusPagePanel.current = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
