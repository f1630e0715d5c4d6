/**
 * Which `.cfg` files are zc.buildout profiles. A file is one when it is named `buildout.cfg`,
 * when its first line that is not blank or a comment is `[buildout]`, or when a known profile
 * reaches it through `extends`. Other `.cfg` files (setup.cfg, tox-style files, HAProxy
 * configurations) are never claimed: HAProxy tooling wants `.cfg` too.
 */

const NEVER_PROFILES = /^(setup\.cfg|tox\.ini|pytest\.ini|mypy\.ini|\.flake8|\.coveragerc|pylintrc|\.pylintrc)$/i;
const HAPROXY_FIRST_LINE = /^\s*(global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|program|cache|ring|http-errors)(\s|$)/;

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The first line that is neither blank nor a column-0 comment (looks only at the file's head). */
export function firstContentLine(text: string): string | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  for (const line of head.split('\n')) {
    if (line.trim() === '' || line[0] === '#' || line[0] === ';') continue;
    return line.replace(/\r$/, '');
  }
  return undefined;
}

export type ProfileReason = 'name' | 'header' | 'extends';

/**
 * Why `path` is a buildout profile, or undefined when it is not. `reachedByExtends` tells
 * whether a known profile's extends graph contains it (the workspace knows that).
 */
export function profileReason(path: string, text: string | undefined, reachedByExtends = false): ProfileReason | undefined {
  const name = baseName(path);
  if (NEVER_PROFILES.test(name)) return undefined;
  if (name === 'buildout.cfg') return 'name';
  const first = text === undefined ? undefined : firstContentLine(text);
  if (first !== undefined && /^\[\s*buildout\s*\]/.test(first)) return 'header';
  if (reachedByExtends) {
    // An extended file that reads like a HAProxy configuration is someone's mistake, not a profile.
    if (first !== undefined && HAPROXY_FIRST_LINE.test(first) && !first.startsWith('[')) return undefined;
    return 'extends';
  }
  return undefined;
}

export function isBuildoutProfile(path: string, text: string | undefined, reachedByExtends = false): boolean {
  return profileReason(path, text, reachedByExtends) !== undefined;
}
