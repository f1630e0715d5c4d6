/**
 * The real-disk FileSystemHost for the server and the CLI: open editor documents overlay the
 * disk (the service must see unsaved edits), disk reads are memoised until a file watcher or
 * an edit invalidates them, and `extends = http…` URLs are served from an on-disk cache that
 * is filled in the background (never while the service waits).
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileSystemHost } from '../service/common/host';

export interface DiskHostOptions {
  /** Directory for downloaded `extends` URLs; default `~/.cache/haproxy-buildout/extends`. */
  urlCacheDir?: string;
  /** Never download; serve only what the cache already has. */
  offline?: () => boolean;
  /** Called when a URL finished downloading (so dependants can be re-validated). */
  onUrlLoaded?: (url: string) => void;
  /** Download timeout in ms. */
  timeoutMs?: number;
}

export interface DiskHost extends FileSystemHost {
  /** Make an open document's text visible at its path (or remove it with `undefined`). */
  setOverlay(path: string, text: string | undefined): void;
  /** Forget memoised disk content for a path (file watcher event). */
  invalidate(path: string): void;
  /** Waits for the downloads started so far; true when at least one finished (the CLI re-checks then). */
  whenDownloaded(): Promise<boolean>;
}

const MAX_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Profiles are read into one reused buffer (reads are synchronous, so it is never shared):
 * open, read, close is three system calls per file instead of stat, open, fstat, read, close
 * (a cold resolve reads hundreds of small files; each call costs microseconds in a VM).
 */
const readBuffer = Buffer.allocUnsafe(64 * 1024);
/** Non-blocking: opening a FIFO (or a device) at an `extends` path must never hang the server. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A regular file's bytes: their count when they fit in `readBuffer` (valid until the next
 * call), a buffer of their own for a larger file, or undefined for a missing file, a directory
 * (read fails with EISDIR), anything that is not a regular file and files over MAX_FILE_BYTES.
 * A count, not a view: a `subarray` per file was a typed-array object per profile read.
 */
function readRaw(path: string): number | Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const n = readSync(fd, readBuffer, 0, readBuffer.length, null);
    // A short read of a regular file is the whole file; only an empty or a large one needs fstat
    // (an empty FIFO or device also reads 0 bytes and must stay "unreadable", as before).
    if (n > 0 && n < readBuffer.length) return n;
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    if (n === 0) return 0;
    // Larger than the buffer: read the rest into a buffer of its own.
    const chunks = [Buffer.from(readBuffer.subarray(0, n))];
    let total = n;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(readBuffer.length, st.size - total + 1));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      total += got;
      if (total > MAX_FILE_BYTES) return undefined;
      chunks.push(chunk.subarray(0, got));
    }
    return Buffer.concat(chunks, total);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `readRaw` as bytes (a view into `readBuffer` when they fit, valid until the next call). */
function readBytes(path: string): Buffer | undefined {
  const raw = readRaw(path);
  return typeof raw === 'number' ? readBuffer.subarray(0, raw) : raw;
}

export function createDiskHost(options: DiskHostOptions = {}): DiskHost {
  const overlay = new Map<string, string>();
  const disk = new Map<string, string | undefined>();
  /** Disk files (memoised in `disk`) whose bytes are not valid UTF-8. */
  const notUtf8 = new Set<string>();
  const urlState = new Map<string, { content?: string; error?: string; pending?: boolean }>();
  let pending: Promise<void>[] = [];
  const cacheDir = options.urlCacheDir ?? join(homedir(), '.cache', 'haproxy-buildout', 'extends');

  function readDisk(path: string): string | undefined {
    if (disk.has(path)) return disk.get(path);
    const raw = readRaw(path);
    let text: string | undefined;
    if (raw !== undefined) {
      text = typeof raw === 'number' ? readBuffer.toString('utf8', 0, raw) : raw.toString('utf8');
      // Decoding replaces bad bytes with U+FFFD; remember them, as buildout would refuse the
      // file. Valid UTF-8 decodes without U+FFFD unless the file spells one: only then scan the bytes.
      if (text.includes('\uFFFD') && !isUtf8(typeof raw === 'number' ? readBuffer.subarray(0, raw) : raw)) notUtf8.add(path);
    }
    disk.set(path, text);
    return text;
  }

  function cachePath(url: string): string {
    return join(cacheDir, createHash('sha1').update(url).digest('hex') + '.cfg');
  }

  function download(url: string): void {
    urlState.set(url, { pending: true });
    const get = url.startsWith('https:') ? https.get : http.get;
    let finished!: () => void;
    pending.push(new Promise<void>((r) => (finished = r)));
    const done = (state: { content?: string; error?: string }) => {
      if (!urlState.get(url)?.pending) return;
      urlState.set(url, state);
      finished();
      options.onUrlLoaded?.(url);
    };
    try {
      const req = get(url, { timeout: options.timeoutMs ?? 10_000 }, (res) => {
        if ((res.statusCode ?? 0) >= 300 && (res.statusCode ?? 0) < 400 && res.headers.location) {
          res.resume();
          // Follow one redirect level per call; the cache key stays the original URL.
          const target = new URL(res.headers.location, url).toString();
          const inner = target.startsWith('https:') ? https.get : http.get;
          inner(target, { timeout: options.timeoutMs ?? 10_000 }, (r2) => collect(r2)).on('error', (e) => done({ error: e.message }));
          return;
        }
        collect(res);
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => done({ error: `${url}: ${e.message}` }));
    } catch (e) {
      done({ error: `${url}: ${(e as Error).message}` });
    }
    function collect(res: http.IncomingMessage): void {
      if (res.statusCode !== 200) {
        res.resume();
        done({ error: `${url}: HTTP ${res.statusCode}` });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const content = Buffer.concat(chunks).toString('utf8');
        try {
          mkdirSync(cacheDir, { recursive: true });
          writeFileSync(cachePath(url), content);
        } catch {
          // A read-only cache directory only costs a re-download next session.
        }
        done({ content });
      });
      res.on('error', (e) => done({ error: `${url}: ${e.message}` }));
    }
  }

  return {
    readFile(path) {
      return overlay.get(path) ?? readDisk(path);
    },
    exists(path) {
      if (overlay.has(path)) return true;
      try {
        return statSync(path, { throwIfNoEntry: false }) !== undefined;
      } catch {
        return false;
      }
    },
    listDirectory(path) {
      try {
        return readdirSync(path, { withFileTypes: true })
          .map((e) => (e.isDirectory() ? e.name + '/' : e.name))
          .sort();
      } catch {
        return [];
      }
    },
    homeDirectory: () => homedir(),
    readBytes(path) {
      const bytes = readBytes(path);
      // A copy: the reader's buffer is reused by the next read.
      return bytes && Uint8Array.from(bytes);
    },
    isInvalidUtf8(path) {
      readDisk(path);
      return notUtf8.has(path);
    },
    readUrl(url) {
      const known = urlState.get(url);
      if (known && !known.pending) return known;
      const cached = readDisk(cachePath(url));
      if (cached !== undefined) return { content: cached };
      if (known?.pending) return undefined;
      if (options.offline?.()) {
        return { error: `${url} is not in the download cache and buildout.offline is on` };
      }
      if (!/^https?:\/\//.test(url)) return { error: `${url}: unsupported URL scheme` };
      download(url);
      return undefined;
    },
    async whenDownloaded() {
      if (pending.length === 0) return false;
      const now = pending;
      pending = [];
      await Promise.all(now);
      return true;
    },
    setOverlay(path, text) {
      if (text === undefined) overlay.delete(path);
      else overlay.set(path, text);
    },
    invalidate(path) {
      disk.delete(path);
      notUtf8.delete(path);
    },
  };
}
