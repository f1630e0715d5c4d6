/**
 * Which `haproxy` binary to run, and its version.
 *
 * Order: the `haproxy.executablePath` setting; the buildout's `bin/haproxy` (built by a
 * `plone.recipe.haproxy` part); `haproxy` on PATH; `/usr/sbin/haproxy` (Debian installs it
 * there, which is on root's PATH only).
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { ExecError, execFileCollect } from './exec';

export type BinarySource = 'setting' | 'buildout' | 'path' | 'default';

export interface FoundBinary {
  path: string;
  source: BinarySource;
}

export interface BinaryLookup {
  /** `haproxy.executablePath` (may start with `~`). */
  executablePath?: string | null;
  /** `<bin-directory>/haproxy` of a buildout with a plone.recipe.haproxy part, when there is one. */
  buildoutBinary?: string;
  /** PATH to search (defaults to process.env.PATH). */
  envPath?: string;
  /** Last resort (defaults to /usr/sbin/haproxy). */
  defaultPath?: string;
}

export type BinaryProblem =
  | { kind: 'setting-missing'; path: string }
  | { kind: 'setting-not-executable'; path: string }
  | { kind: 'buildout-not-built'; path: string }
  | { kind: 'not-found' };

export interface BinaryResolution {
  binary?: FoundBinary;
  /** Things the user should hear about even when a fallback was found. */
  problems: BinaryProblem[];
}

export function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

export function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

export function resolveBinary(lookup: BinaryLookup): BinaryResolution {
  const problems: BinaryProblem[] = [];
  if (lookup.executablePath) {
    const p = expandHome(lookup.executablePath);
    if (isExecutableFile(p)) return { binary: { path: p, source: 'setting' }, problems };
    // An explicit setting that does not work is an error, not something to silently replace.
    problems.push(exists(p) ? { kind: 'setting-not-executable', path: p } : { kind: 'setting-missing', path: p });
    return { problems };
  }
  if (lookup.buildoutBinary) {
    if (isExecutableFile(lookup.buildoutBinary)) {
      return { binary: { path: lookup.buildoutBinary, source: 'buildout' }, problems };
    }
    problems.push({ kind: 'buildout-not-built', path: lookup.buildoutBinary });
  }
  for (const dir of (lookup.envPath ?? process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'haproxy');
    if (isExecutableFile(p)) return { binary: { path: p, source: 'path' }, problems };
  }
  const fallback = lookup.defaultPath ?? '/usr/sbin/haproxy';
  if (isExecutableFile(fallback)) return { binary: { path: fallback, source: 'default' }, problems };
  problems.push({ kind: 'not-found' });
  return { problems };
}

export function describeProblem(p: BinaryProblem): string {
  switch (p.kind) {
    case 'setting-missing':
      return `haproxy.executablePath points to ${p.path}, which does not exist.`;
    case 'setting-not-executable':
      return `haproxy.executablePath points to ${p.path}, which is not an executable file.`;
    case 'buildout-not-built':
      return `The buildout has a plone.recipe.haproxy part, but ${p.path} has not been built yet (run bin/buildout).`;
    case 'not-found':
      return 'No haproxy binary found: set haproxy.executablePath, build the buildout part, or install HAProxy (e.g. apt-get install haproxy).';
  }
}

export interface HaproxyVersion {
  /** `2.6.12-1+deb12u4` */
  full: string;
  /** `2.6` */
  branch: string;
  major: number;
  minor: number;
}

/** Parses the first line of `haproxy -v` (`HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/`). */
export function parseVersionOutput(text: string): HaproxyVersion | undefined {
  const m = /(?:HAProxy|HA-Proxy) version (\d+)\.(\d+)(\S*)/.exec(text);
  if (!m) return undefined;
  return { full: `${m[1]}.${m[2]}${m[3]}`, branch: `${m[1]}.${m[2]}`, major: Number(m[1]), minor: Number(m[2]) };
}

/** Runs `haproxy -v`; throws ExecError when the binary cannot be run or prints no version. */
export async function haproxyVersion(binary: string, timeoutMs = 5000): Promise<HaproxyVersion> {
  const r = await execFileCollect(binary, ['-v'], { timeoutMs });
  const v = parseVersionOutput(r.stdout + r.stderr);
  if (!v) {
    throw new ExecError(
      r.timedOut ? `${binary} -v did not answer within ${timeoutMs} ms` : `${binary} -v printed no HAProxy version`,
      'spawn-failed',
    );
  }
  return v;
}
