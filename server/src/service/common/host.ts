/**
 * Host capabilities injected into the language service. The service never touches the
 * file system, the network or the clock on its own: the LSP server, the CLI and the tests
 * pass an implementation (real disk, or an in-memory map).
 *
 * Paths are absolute POSIX-style file system paths. The methods are synchronous on purpose:
 * buildout resolution reads many small files and memoises them; the server implements them
 * over an in-memory overlay of open documents plus a cached disk read.
 */
export interface FileSystemHost {
  /** File contents, or `undefined` when the file does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Whether a file or directory exists at this path. */
  exists(path: string): boolean;
  /** Entries of a directory (names only, directories suffixed with `/`), or `[]`. */
  listDirectory(path: string): string[];
  /** The user's home directory (for `~/.buildout/default.cfg`), if known. */
  homeDirectory?(): string | undefined;
  /**
   * Content of a URL (buildout `extends = http://…`) from the host's cache, or `undefined`
   * when it is not (yet) available. The host may start a download in the background and
   * notify the server later; the service never waits for the network.
   */
  readUrl?(url: string): { content?: string; error?: string } | undefined;
  /**
   * Whether the file's bytes on disk are not valid UTF-8 (`readFile` then has U+FFFD in place
   * of the bad bytes). zc.buildout on Python 3 cannot read such a profile (UnicodeDecodeError).
   * Optional: a host without it (or returning false) reports nothing.
   */
  isInvalidUtf8?(path: string): boolean;
  /**
   * The file's bytes on disk (never an editor's buffer), or `undefined`. For readers that decode
   * with another encoding than UTF-8: collective.recipe.template's `input-encoding`.
   */
  readBytes?(path: string): Uint8Array | undefined;
  /**
   * Told after each HAProxy validation which files its `missing-file` checks looked at
   * (absolute paths, present or not; [] when none), so that the server can watch them and
   * validate the document again when one appears or disappears. Optional: the CLI and the
   * tests leave it out.
   */
  referencedFilesChecked?(documentUri: string, paths: readonly string[]): void;
}

/** A host over a plain map, for tests, benchmarks and the CLI's stdin mode. */
export function createMemoryHost(files: Record<string, string>, home?: string): FileSystemHost {
  const map = new Map(Object.entries(files));
  const dirs = new Set<string>();
  for (const p of map.keys()) {
    let d = p;
    while (d.lastIndexOf('/') > 0) {
      d = d.slice(0, d.lastIndexOf('/'));
      dirs.add(d);
    }
    dirs.add('/');
  }
  return {
    readFile: (p) => map.get(p),
    exists: (p) => map.has(p) || dirs.has(p),
    listDirectory: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const out = new Set<string>();
      for (const p of [...map.keys(), ...dirs]) {
        if (p.startsWith(prefix) && p.length > prefix.length) {
          const rest = p.slice(prefix.length);
          const slash = rest.indexOf('/');
          out.add(slash < 0 ? (dirs.has(p) ? rest + '/' : rest) : rest.slice(0, slash) + '/');
        }
      }
      return [...out].sort();
    },
    homeDirectory: () => home,
  };
}
