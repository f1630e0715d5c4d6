/**
 * Walks the options of a `bind`/`server` line the way HAProxy reads them: each known option
 * consumes its own argument words. A word that cannot be an option name (an address, a number)
 * is the value of an option whose argument count varies and is skipped; an unknown name-like
 * word stops the walk, as nobody can tell where its arguments end.
 */
export interface WalkedOption {
  /** Lower-cased option name (without a `(…)` parameter). */
  readonly name: string;
  /** Index of the option word in `words`. */
  readonly index: number;
}

export function walkOptions(words: readonly string[], first: number, argCount: (name: string) => number | undefined): WalkedOption[] {
  const out: WalkedOption[] = [];
  for (let i = first; i < words.length; i++) {
    const name = words[i].replace(/\(.*$/s, '');
    const n = argCount(name) ?? (name.startsWith('no-') ? argCount(name.slice(3)) : undefined);
    if (n === undefined) {
      if (/^[a-z][a-z0-9_.-]*$/.test(name)) break;
      continue;
    }
    out.push({ name, index: i });
    i += n;
  }
  return out;
}

/**
 * `check` and `track` on the same server line (the last of `check`/`no-check` wins): HAProxy
 * refuses it ("unable to enable checks and tracking at the same time!", 2.6 … 3.4). Returns the
 * index of the `track` word, or undefined. Checks inherited from `default-server`: inheritedChecks.ts.
 */
export function checkWithTrack(options: readonly WalkedOption[]): number | undefined {
  let check = false;
  let track: number | undefined;
  for (const o of options) {
    if (o.name === 'check') check = true;
    else if (o.name === 'no-check') check = false;
    else if (o.name === 'track') track = o.index;
  }
  return check ? track : undefined;
}
