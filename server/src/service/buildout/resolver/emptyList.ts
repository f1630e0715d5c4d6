/**
 * An empty array that already holds "any value" elements. A `[]` literal starts as an array of
 * small integers; the first `push` of a string (or a boolean) into a fresh one deoptimised the
 * optimised function doing it (V8: "not a Smi"). The evaluator and the macro expander make such
 * lists per resolution, and each push site cost a deoptimisation and a recompilation of
 * `section`/`doExtend` (the resolver's largest functions, ≈ 50 ms of compiler time each) during
 * the first resolves of a process. A slice of an array of that kind keeps the kind.
 */
const SEED: readonly unknown[] = [undefined];

export function emptyList<T>(): T[] {
  return SEED.slice(0, 0) as T[];
}
