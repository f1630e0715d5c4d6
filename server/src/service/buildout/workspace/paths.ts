/** POSIX path helpers (the service runs without `node:path`). */

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Normalises `.`/`..` and duplicate slashes of an absolute path. */
export function normalizePath(path: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path)) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function joinPath(base: string, rel: string): string {
  if (rel.startsWith('/')) return normalizePath(rel);
  return normalizePath(base + '/' + rel);
}

/** `rel` relative to `from` directory when inside it, else the absolute path. */
export function relativeTo(fromDir: string, path: string): string {
  const prefix = fromDir.endsWith('/') ? fromDir : fromDir + '/';
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

export function isUrl(s: string): boolean {
  return /^[a-zA-Z0-9+.-]+:\/\//.test(s);
}
