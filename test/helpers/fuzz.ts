/**
 * Shared pieces of the fuzz/property tests: a seeded PRNG (a failure names its seed and case,
 * so it reproduces), text mutations that mimic editing (deleted/duplicated/swapped lines,
 * half-typed lines, stray characters, binary junk), and random cursor positions.
 *
 * FUZZ_ITERATIONS=<factor> multiplies every iteration count (default 1) for longer local runs;
 * FUZZ_SEED=<n> replaces every base seed (to explore other inputs or replay a printed one).
 */

export type Rand = () => number;

/** mulberry32: tiny, fast, good enough for test inputs. */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An iteration count scaled by FUZZ_ITERATIONS (a factor). */
export function iterations(n: number): number {
  const factor = Number(process.env.FUZZ_ITERATIONS ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** The seed a test uses: its own, unless FUZZ_SEED overrides it. */
export function seedFor(base: number): number {
  const env = process.env.FUZZ_SEED;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : base;
}

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Rand, n: number): number => Math.floor(r() * n);

/**
 * Runs `count` cases; case i gets its own PRNG seeded with (seed + i), so one failing case is
 * replayed alone with FUZZ_SEED=<seed+i> and count 1. A failure reports seed, case and input.
 */
export function forEachCase(name: string, baseSeed: number, count: number, body: (r: Rand, index: number, note: (input: string) => void) => void): void {
  const seed = seedFor(baseSeed);
  const n = process.env.FUZZ_SEED !== undefined ? Math.min(count, iterations(count)) : iterations(count);
  for (let i = 0; i < n; i++) {
    let input = '';
    try {
      body(rng(seed + i), i, (text) => (input = text));
    } catch (err) {
      const shown = input.length > 3000 ? `${input.slice(0, 3000)}… (${input.length} chars)` : input;
      const e = err as Error;
      e.message = `${name}: case ${i} failed (replay: FUZZ_SEED=${seed + i}) — ${e.message}\n--- input ---\n${JSON.stringify(shown)}`;
      throw e;
    }
  }
}

/** Characters that matter to the tokenizers of both languages, plus odd code points. */
export const SPECIALS = [
  '{', '}', '[', ']', '(', ')', '"', "'", '\\', '#', ';', ':', ',', '=', '+=', '-=', '<=', '${', '$$', '%[', '%{', '$', '!',
  ' if ', ' unless ', '||', '\t', '\r', '\n', '\n  ', '\u0000', '\uFEFF', '\uFFFD', '\uD800', '\uDC00', 'é', '😀', '.if', '.endif',
];

/** Random bytes as a string (what reading binary as Latin-1 or a broken paste yields). */
export function binaryJunk(r: Rand, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(int(r, 256));
  return s;
}

/**
 * One editing-like damage to a text: line deleted, duplicated, swapped or truncated
 * (a half-typed line), characters inserted, the text cut at a random offset.
 */
export function mutateOnce(text: string, r: Rand, extraPieces: readonly string[] = []): string {
  const lines = text.split('\n');
  const line = int(r, lines.length);
  const op = int(r, 8);
  switch (op) {
    case 0:
      lines.splice(line, 1);
      return lines.join('\n');
    case 1:
      lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    case 2: {
      const other = int(r, lines.length);
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return lines.join('\n');
    }
    case 3:
      // A half-typed line: the rest of the line is not written yet.
      lines[line] = lines[line].slice(0, int(r, lines[line].length + 1));
      return lines.join('\n');
    case 4:
      // The file cut at a random offset (half-typed last line).
      return text.slice(0, int(r, text.length + 1));
    case 5: {
      const at = int(r, text.length + 1);
      return text.slice(0, at) + text.slice(at + 1 + int(r, 12));
    }
    case 6: {
      const at = int(r, text.length + 1);
      return text.slice(0, at) + String.fromCharCode(int(r, 0x10000)) + text.slice(at);
    }
    default: {
      const at = int(r, text.length + 1);
      const piece = r() < 0.5 && extraPieces.length > 0 ? pick(r, extraPieces) : pick(r, SPECIALS);
      return text.slice(0, at) + piece + text.slice(at);
    }
  }
}

export function mutate(text: string, r: Rand, maxOps = 6, extraPieces: readonly string[] = []): string {
  let t = text;
  const n = 1 + int(r, maxOps);
  for (let i = 0; i < n; i++) t = mutateOnce(t, r, extraPieces);
  return t;
}

/** Random positions, including past the end of lines and past the last line (editors race). */
export function randomPositions(text: string, r: Rand, count: number): { line: number; character: number }[] {
  const lines = text.split('\n');
  const out: { line: number; character: number }[] = [];
  for (let i = 0; i < count; i++) {
    const line = int(r, lines.length + 1);
    out.push({ line, character: int(r, (lines[line]?.length ?? 0) + 3) });
  }
  return out;
}

/** Every line of `text` as [lines, lineCount] helpers for range checks. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

type Pos = { line: number; character: number };
type Rng = { start: Pos; end: Pos };

/** A range that lies inside the document (end after start, lines and characters in bounds). */
export function assertRangeInside(range: Rng, lengths: number[], what: string, allowPastLineEnd = false): void {
  // LSP clamps a character past the line's end to the end; `allowPastLineEnd` accepts that
  // deliberate "to the end of the line" idiom (never a line past the document).
  const ok = (p: Pos) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 &&
    (p.line < lengths.length ? allowPastLineEnd || p.character <= lengths[p.line] : p.line === lengths.length && p.character === 0);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  if (!ok(range.start) || !ok(range.end) || !ordered) {
    throw new Error(`${what}: range outside the document or reversed: ${JSON.stringify(range)} (${lengths.length} lines)`);
  }
}
