/**
 * Where a buildout puts the `haproxy` it builds: `<bin-directory>/haproxy` when a part of the
 * profile uses `plone.recipe.haproxy`. A deliberately small reader (sections, `key = value`
 * with indented continuation lines, local `extends`, `${buildout:directory}`), enough to find
 * the binary; the full buildout semantics live in the language service.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

type Profile = Map<string, Map<string, string>>;

function readProfile(file: string, seen: Set<string>, depth = 0): Profile {
  const merged: Profile = new Map();
  if (depth > 20 || seen.has(file)) return merged;
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return merged;
  }
  const own: Profile = new Map();
  let section: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*[#;]/.test(line) || !line.trim()) continue;
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head) {
      const name = head[1].trim();
      section = own.get(name) ?? new Map();
      own.set(name, section);
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(line) && section && lastKey) {
      section.set(lastKey, `${section.get(lastKey)}\n${line.trim()}`);
      continue;
    }
    const kv = /^([^=\s][^=]*?)\s*[+-]?=\s*(.*)$/.exec(line);
    if (kv && section) {
      lastKey = kv[1].trim();
      section.set(lastKey, kv[2].trim());
    }
  }
  // Extended profiles first, then this one on top (later wins, as in buildout).
  const ext = own.get('buildout')?.get('extends');
  for (const e of (ext ?? '').split(/\s+/).filter(Boolean)) {
    if (/^[a-z]+:\/\//i.test(e)) continue;
    const base = readProfile(path.resolve(path.dirname(file), e), seen, depth + 1);
    for (const [name, sec] of base) merged.set(name, new Map([...(merged.get(name) ?? []), ...sec]));
  }
  for (const [name, sec] of own) merged.set(name, new Map([...(merged.get(name) ?? []), ...sec]));
  return merged;
}

export interface BuildoutHaproxy {
  /** The part using plone.recipe.haproxy. */
  part: string;
  /** `<bin-directory>/haproxy` (may not exist yet). */
  binary: string;
}

/** Finds the haproxy a buildout (given its main profile, e.g. `<ws>/buildout.cfg`) builds. */
export function findBuildoutHaproxy(profileFile: string): BuildoutHaproxy | undefined {
  const profile = readProfile(profileFile, new Set());
  const parts = (profile.get('buildout')?.get('parts') ?? '').split(/\s+/).filter(Boolean);
  const candidates = [...profile.entries()].filter(([, sec]) => /^plone\.recipe\.haproxy\b/.test(sec.get('recipe') ?? ''));
  const part = candidates.find(([name]) => parts.includes(name)) ?? candidates[0];
  if (!part) return undefined;
  const root = path.dirname(profileFile);
  const directory = substitute(profile.get('buildout')?.get('directory') ?? root, root);
  const binDir = substitute(profile.get('buildout')?.get('bin-directory') ?? 'bin', directory);
  return { part: part[0], binary: path.resolve(directory, binDir, 'haproxy') };
}

function substitute(value: string, directory: string): string {
  return value.replace(/\$\{buildout:directory\}/g, directory);
}
