// Placeholder entry point; the client shell is built in client/src (see README).
import type * as vscode from 'vscode';
export function activate(_context: vscode.ExtensionContext): void {}
export function deactivate(): void {}
