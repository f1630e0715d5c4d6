/**
 * Reads HAProxy's own reg-test configurations from a local haproxy/haproxy mirror at a tag, at
 * test time. Nothing from HAProxy is committed (its reg-tests are GPL): when the mirror is not
 * on the machine, `mirrorPath()` is undefined and the callers skip with a message.
 *
 * A `.vtc` file embeds configurations as `haproxy h1 [-opts] -conf {…}` (also `-conf-OK`,
 * `-conf-BAD`). Their addresses are vtest macros (`${s1_addr}:${s1_port}`, `fd@${fe}`); we
 * substitute loopback addresses and distinct ports so `haproxy -c` can parse them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEFAULT_MIRROR = '/work/.mirror/haproxy+haproxy/repo';

export interface RegtestConfig {
  /** `reg-tests/dir/file.vtc#n` (n counts blocks within the file). */
  name: string;
  /** The path of the .vtc inside the repository (for relative files it references). */
  vtc: string;
  kind: 'conf' | 'conf-OK' | 'conf-BAD';
  text: string;
}

/** The mirror's git directory when it is present and holds `tag`; undefined otherwise. */
export function mirrorPath(tag: string): string | undefined {
  const dir = process.env.HAPROXY_MIRROR ?? DEFAULT_MIRROR;
  if (!existsSync(dir)) return undefined;
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', `${tag}^{commit}`], { encoding: 'utf8' });
  return r.status === 0 ? dir : undefined;
}

/**
 * Every embedded configuration of `reg-tests/` at `tag`, macros substituted. With `tree`, the
 * `reg-tests/` directory is also written there, so `${testdir}` files (maps, certificates,
 * error pages) exist for `haproxy -c`; without it `${testdir}` points to `scratch`.
 */
export function regtestConfigs(mirror: string, tag: string, opts: { tree?: string; scratch?: string } = {}): RegtestConfig[] {
  const scratch = opts.scratch ?? tmpdir();
  if (opts.tree) {
    const tar = spawnSync('git', ['-C', mirror, 'archive', '--format=tar', tag, 'reg-tests'], { maxBuffer: 1 << 30 });
    if (tar.status === 0) spawnSync('tar', ['-x', '-C', opts.tree], { input: tar.stdout, maxBuffer: 1 << 30 });
  }
  const ls = spawnSync('git', ['-C', mirror, 'ls-tree', '-r', '--name-only', tag, 'reg-tests'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const files = ls.stdout.split('\n').filter((f) => /\.vtci?$/.test(f));
  // One `git cat-file --batch` for all files instead of one process per file.
  const batch = spawnSync('git', ['-C', mirror, 'cat-file', '--batch'], {
    input: files.map((f) => `${tag}:${f}`).join('\n') + '\n', maxBuffer: 1 << 28,
  });
  const out: RegtestConfig[] = [];
  const buf = batch.stdout;
  let pos = 0;
  const ports = { next: 20000 };
  for (const file of files) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString('utf8').split(' ');
    const size = Number(header[2]);
    const src = buf.subarray(nl + 1, nl + 1 + size).toString('utf8');
    pos = nl + 1 + size + 1;
    let n = 0;
    for (const b of extractBlocks(src)) {
      const testdir = opts.tree ? join(opts.tree, dirname(file)) : scratch;
      out.push({ name: `${file}#${n++}`, vtc: file, kind: b.kind, text: substituteMacros(b.text, testdir, scratch, ports).replace(/^\n/, '') + '\n' });
    }
  }
  return out;
}

export function extractBlocks(src: string): { kind: RegtestConfig['kind']; text: string }[] {
  const out: { kind: RegtestConfig['kind']; text: string }[] = [];
  const re = /haproxy\s+\S+\s+(?:-\S+\s+)*?-(conf|conf-OK|conf-BAD)\s+(?:\{[^}]*\}\s+)?\{/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    while (i < src.length && depth > 0) {
      if (src[i] === '{') depth++;
      else if (src[i] === '}') depth--;
      i++;
    }
    out.push({ kind: m[1] as RegtestConfig['kind'], text: src.slice(start, i - 1) });
  }
  return out;
}

/** vtest macros → loopback addresses, distinct ports, a scratch directory. */
export function substituteMacros(text: string, testdir: string, scratch: string, ports: { next: number }): string {
  return text
    .replace(/\$\{VTC_SOCK_TYPE\}\+/g, '')
    .replace(/fd@\$\{[^}]+\}/g, () => `127.0.0.1:${ports.next++}`)
    .replace(/\$\{\w+_sock\}/g, () => `127.0.0.1:${ports.next++}`)
    .replace(/\$\{\w+_addr\}/g, '127.0.0.1')
    .replace(/\$\{\w+_port\}/g, () => String(ports.next++))
    .replace(/\$\{testdir\}/g, testdir)
    .replace(/\$\{tmpdir\}/g, scratch);
}

/** The plain configuration files of `examples/` and `tests/conf/` at `tag` (used as they are). */
export function plainConfigs(mirror: string, tag: string): RegtestConfig[] {
  const ls = spawnSync('git', ['-C', mirror, 'ls-tree', '-r', '--name-only', tag, 'examples', 'tests/conf'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const files = ls.stdout.split('\n').filter((f) => f.endsWith('.cfg'));
  if (files.length === 0) return [];
  const batch = spawnSync('git', ['-C', mirror, 'cat-file', '--batch'], { input: files.map((f) => `${tag}:${f}`).join('\n') + '\n', maxBuffer: 1 << 26 });
  const out: RegtestConfig[] = [];
  let pos = 0;
  for (const file of files) {
    const nl = batch.stdout.indexOf(10, pos);
    const size = Number(batch.stdout.subarray(pos, nl).toString('utf8').split(' ')[2]);
    out.push({ name: file, vtc: file, kind: 'conf', text: batch.stdout.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    pos = nl + 1 + size + 1;
  }
  return out;
}
