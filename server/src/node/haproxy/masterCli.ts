/**
 * The master CLI (`-S <socket>`): write one command line, shut down the write side (otherwise
 * the master keeps the session open and the reply never ends), read until the master closes.
 */
import * as net from 'node:net';

export function masterCommand(socketPath: string, command: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection({ path: socketPath });
    let reply = '';
    let settled = false;
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(reply);
    };
    const timer = setTimeout(
      () => done(new Error(`master CLI did not answer '${command}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.end(command.replace(/[\r\n]+/g, ' ') + '\n'));
    sock.on('data', (d: string) => (reply += d));
    sock.on('end', () => done());
    sock.on('close', () => done());
    sock.on('error', (err) => done(new Error(`master CLI at ${socketPath}: ${err.message}`)));
  });
}

export interface ProcEntry {
  pid: number;
  type: string;
  /** Reload count as printed; the master's entry also carries the failed count. */
  reloads: number;
  failedReloads?: number;
  uptime: string;
  version: string;
}

export interface ShowProc {
  master?: ProcEntry;
  workers: ProcEntry[];
}

/**
 * Parses `show proc`:
 * ```
 * #<PID>          <type>          <reloads>       <uptime>        <version>
 * 1281            master          0 [failed: 0]   0d00h10m19s     2.6.12-1+deb12u4
 * # workers
 * 1296            worker          0               0d00h10m19s     2.6.12-1+deb12u4
 * ```
 */
export function parseShowProc(text: string): ShowProc {
  const out: ShowProc = { workers: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const m = /^(\d+)\s+(\S+)\s+(\d+)(?:\s+\[failed:\s*(\d+)\])?\s+(\S+)\s+(\S+)/.exec(line.trim());
    if (!m) continue;
    const entry: ProcEntry = { pid: Number(m[1]), type: m[2], reloads: Number(m[3]), uptime: m[5], version: m[6] };
    if (m[4] !== undefined) entry.failedReloads = Number(m[4]);
    if (entry.type === 'master') out.master = entry;
    else if (entry.type === 'worker') out.workers.push(entry);
  }
  return out;
}
