/**
 * Messages that do not block: operations run one at a time, and awaiting a toast that the user
 * never clicks would block Stop and every later command.
 */
import * as vscode from 'vscode';

export function notify(level: 'info' | 'warning' | 'error', message: string, actions: string[], onAction: (action: string) => void): void {
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`HAProxy: ${message}`, ...actions).then((c) => {
    if (c) onAction(c);
  });
}
