/**
 * Messages between the status page webview (media/statusPage.js) and the extension host,
 * as discriminated unions on `type`. The webview script mirrors these shapes in JSDoc.
 */
import type { StatsSnapshot } from '../../../server/src/node/haproxy/stats';

export type InstanceState = 'starting' | 'running' | 'stopped' | 'failed';

export interface InstanceInfo {
  state: InstanceState;
  pid?: number;
  version?: string;
  /** The config HAProxy runs, for the header. */
  configLabel?: string;
  message?: string;
}

/** Host → webview. */
export type ToWebviewMessage =
  | { type: 'instance'; info: InstanceInfo }
  | { type: 'stats'; snapshot: StatsSnapshot; fetchedAt: number; url: string }
  | { type: 'statsError'; message: string; url?: string }
  | { type: 'frame'; url: string | null };

/** Webview → host. */
export type FromWebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'openInBrowser' }
  | { type: 'command'; command: 'haproxy.reload' | 'haproxy.stop' | 'haproxy.start' };

const COMMANDS = new Set(['haproxy.reload', 'haproxy.stop', 'haproxy.start']);

/** Validates a message from the webview (it is untrusted input). */
export function parseFromWebview(value: unknown): FromWebviewMessage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as { type?: unknown; command?: unknown };
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'openInBrowser':
      return { type: m.type };
    case 'command':
      return typeof m.command === 'string' && COMMANDS.has(m.command)
        ? { type: 'command', command: m.command as 'haproxy.reload' | 'haproxy.stop' | 'haproxy.start' }
        : undefined;
    default:
      return undefined;
  }
}
