/**
 * Merges per-version fact lists into records carrying a version bit mask: identical records
 * (same facts in several versions) become one record, so the generated file stays small.
 */
import type { FactsFile } from '../../server/src/service/haproxy/knowledge/data/factsFormat';

type Lists = Omit<FactsFile, 'sources'>;
export type VersionFacts = { [K in keyof Lists]: Omit<Lists[K][number], 'v'>[] };

const KEYS = ['sections', 'keywords', 'bindOptions', 'serverOptions', 'actions', 'fetches', 'converters', 'acls', 'logAliases', 'enums'] as const;

/** Stable JSON with sorted keys, so equal facts compare equal regardless of property order. */
function canonical(rec: object): string {
  return JSON.stringify(rec, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v);
}

export function mergeVersions(perVersion: VersionFacts[]): Lists {
  const out = {} as Record<string, object[]>;
  for (const key of KEYS) {
    const byFacts = new Map<string, { rec: Record<string, unknown>; v: number }>();
    perVersion.forEach((facts, index) => {
      const seen = new Set<string>();
      for (const rec of facts[key] as object[]) {
        const id = canonical(rec);
        if (seen.has(id)) continue;
        seen.add(id);
        const cur = byFacts.get(id);
        if (cur) cur.v |= 1 << index;
        else byFacts.set(id, { rec: rec as Record<string, unknown>, v: 1 << index });
      }
    });
    const name = (r: Record<string, unknown>): string => String(r.n ?? r.k);
    out[key] = [...byFacts.values()]
      .sort((a, b) => name(a.rec).localeCompare(name(b.rec)) || a.v - b.v)
      .map(({ rec, v }) => {
        const { n, k, ...rest } = rec as { n?: string; k?: string };
        return n !== undefined ? { n, v, ...rest } : { k, v, ...rest };
      });
  }
  return out as unknown as Lists;
}
