/**
 * POSIX path helpers with Python `os.path` semantics. buildout joins without normalising, so
 * its messages say `/a/profiles/../base.cfg`; we keep that spelling for messages and use the
 * normalised path as the file's identity.
 */

const URL_START = /^[a-zA-Z0-9+.-]+:\/\//;
/** An absolute path (the common case) is never a URL: skip the regex for it. */
export const isUrl = (s: string): boolean => s.charCodeAt(0) !== 47 && URL_START.test(s);

/** `os.path.join(a, b)` (two arguments). */
export function pyJoin(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '' || a.endsWith('/')) return a + b;
  return a + '/' + b;
}

/** `os.path.dirname`. */
export function pyDirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  // Trailing slashes go unless the head is made of slashes only ("/" or "//").
  let end = i;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? p.slice(0, i) : p.slice(0, end);
}

/** `os.path.normpath` for absolute POSIX paths (and a best effort for relative ones). */
export function normalizePath(p: string): string {
  if (isUrl(p)) return normalizeUrl(p);
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return abs ? '/' + joined : joined || '.';
}

/**
 * `normalizePath(spelled)` where `spelled` is `pyJoin(base, rel)` and `normDir` is
 * `normalizePath(base)`, absolute: `rel`'s leading `../` and `./` apply to `normDir`, and a
 * rest made of plain segments is appended (normalisation is lexical, so this is the same
 * path). Anything else (absolute, `..` later on, empty segments …) normalises `spelled`.
 */
export function joinNormalized(normDir: string, rel: string, spelled: string): string {
  if (rel.charCodeAt(0) === 47 || normDir.charCodeAt(0) !== 47) return normalizePath(spelled);
  let dir = normDir;
  let i = 0;
  for (;;) {
    if (rel.startsWith('../', i)) {
      const cut = dir.lastIndexOf('/');
      dir = cut > 0 ? dir.slice(0, cut) : '/';
      i += 3;
    } else if (rel.startsWith('./', i)) i += 2;
    else break;
  }
  // The rest must be plain segments: non-empty, not "." or "..".
  let segStart = i;
  for (let k = i; k <= rel.length; k++) {
    if (k < rel.length && rel.charCodeAt(k) !== 47) continue;
    const len = k - segStart;
    if (len === 0 || (len === 1 && rel.charCodeAt(segStart) === 46) || (len === 2 && rel.charCodeAt(segStart) === 46 && rel.charCodeAt(segStart + 1) === 46)) {
      return normalizePath(spelled);
    }
    segStart = k + 1;
  }
  const rest = i === 0 ? rel : rel.slice(i);
  return dir === '/' ? '/' + rest : dir + '/' + rest;
}

function normalizeUrl(u: string): string {
  const m = /^([a-zA-Z0-9+.-]+:\/\/[^/]*)(\/.*)?$/.exec(u);
  if (!m) return u;
  return m[1] + (m[2] ? normalizePath(m[2]) : '');
}

/** `os.path.abspath` relative to `cwd`. */
export function pyAbspath(p: string, cwd: string): string {
  return normalizePath(p.startsWith('/') ? p : pyJoin(cwd, p));
}

/** `os.path.expanduser` for `~` and `~/…` (other users are left alone, as without a passwd entry). */
export function expandUser(p: string, home: string | undefined): string {
  if (!home || !p.startsWith('~')) return p;
  if (p === '~' || p.startsWith('~/')) return home.replace(/\/+$/, '') + p.slice(1) || '/';
  return p;
}
