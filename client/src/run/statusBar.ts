/**
 * The run status bar item: stopped (click: start), starting, running with version and pid
 * (click: the status page), failed (click: the log).
 */
import * as vscode from 'vscode';
import type { InstanceInfo } from '../statusPage/messages';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('haproxy.run', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'HAProxy (run)';
    this.update({ state: 'stopped' });
  }

  update(info: InstanceInfo): void {
    const version = info.version ? ` ${info.version}` : '';
    switch (info.state) {
      case 'stopped':
        this.item.text = '$(play) HAProxy';
        this.item.tooltip = 'HAProxy is not running. Click to start it (HAProxy: Start).';
        this.item.command = 'haproxy.start';
        this.item.backgroundColor = undefined;
        break;
      case 'starting':
        this.item.text = `$(loading~spin) HAProxy${version}`;
        this.item.tooltip = 'Starting HAProxy…';
        this.item.command = 'haproxy.showStatus';
        this.item.backgroundColor = undefined;
        break;
      case 'running':
        this.item.text = `$(pulse) HAProxy${version} · pid ${info.pid}`;
        this.item.tooltip = `HAProxy${version} is running (master pid ${info.pid})${info.configLabel ? ` with ${info.configLabel}` : ''}. Click for the status page.`;
        this.item.command = 'haproxy.showStatus';
        this.item.backgroundColor = undefined;
        break;
      case 'failed':
        this.item.text = `$(error) HAProxy${version}`;
        this.item.tooltip = info.message ?? 'HAProxy stopped unexpectedly.';
        this.item.command = 'haproxy.showRunLog';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
