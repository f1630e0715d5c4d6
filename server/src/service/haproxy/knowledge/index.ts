/**
 * Entry point of the HAProxy keyword knowledge: one KnowledgeBase per supported version,
 * built lazily from the generated facts and cached for the life of the process.
 */
import { buildKnowledge, type FullKnowledgeBase } from './build';
import { FACTS } from './data/facts.generated';
import { addedAfterHint, type LaterKind } from './lifecycle';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS, type HaproxyVersion } from './types';

export type { FullKnowledgeBase, KnowledgeBaseExtras } from './build';
export { ACTIONS_NEEDING_ARGS, EXTRA_ARGS_FATAL, HTTP_ACTION_WORDS, MISSING_ARGS_FATAL } from './strictArgs';
export { defaultErrorCodes } from './errorCodes';
export { REMOVED_KEYWORDS, compareVersions, removalStatusIn, type RemovedRecord, type RemovedWhat } from './removed';

/** " 'x' exists from HAProxy 3.0 on; …" for an unknown name a newer supported version has, else ''. */
export function newerVersionHint(what: LaterKind, name: string, version: HaproxyVersion): string {
  return addedAfterHint(FACTS, what, name, version);
}

const cache = new Map<HaproxyVersion, FullKnowledgeBase>();

/** The knowledge for one version; built on first use, then shared. */
export function getKnowledge(version: HaproxyVersion): FullKnowledgeBase {
  let kb = cache.get(version);
  if (!kb) {
    kb = buildKnowledge(FACTS, isSupportedVersion(version) ? version : nearestSupportedVersion(version));
    cache.set(version, kb);
  }
  return kb;
}

export function isSupportedVersion(v: string): v is HaproxyVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(v);
}

/**
 * Maps any version string ("2.6.12", "2.6.12-1+deb12u4", "3.3-dev2", "3.1") to the table to use.
 * Odd (short-lived) branches round *up* to the next LTS table: a 3.1 user gets 3.2's keywords,
 * so nothing valid on their binary is flagged unknown, while things removed in 3.1 are still
 * reported. Older than 2.6 → 2.6, newer than 3.4 → 3.4, unparsable → the default (3.2).
 */
export function nearestSupportedVersion(v: string): HaproxyVersion {
  const m = /^\s*v?(\d+)\.(\d+)/.exec(v);
  if (!m) return DEFAULT_VERSION;
  const value = Number(m[1]) * 100 + Number(m[2]);
  for (const candidate of SUPPORTED_VERSIONS) {
    const [maj, min] = candidate.split('.').map(Number);
    if (value <= maj * 100 + min) return candidate;
  }
  return SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1];
}
