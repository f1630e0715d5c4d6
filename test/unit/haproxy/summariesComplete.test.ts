import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import type { KnowledgeEntry } from '../../../server/src/service/haproxy/knowledge/types';
import { SUPPORTED_VERSIONS } from '../../../server/src/service/haproxy/knowledge/types';

/** Every hover/completion text is an own-words summary: the generic fallbacks of summaryLookup.ts never show. */
const GENERIC = /^Sample fetch `|^Converter `|No summary written yet|See the HAProxy documentation/;

describe('haproxy summaries', () => {
  for (const version of SUPPORTED_VERSIONS) {
    it(`every ${version} entry has an own-words summary`, () => {
      const kb = getKnowledge(version);
      const all: KnowledgeEntry[] = [...kb.sections(), ...kb.bindOptions(), ...kb.serverOptions(), ...kb.fetches(), ...(kb.aclKeywords?.() ?? []), ...kb.converters(), ...kb.predefinedAcls(), ...kb.logAliases()];
      for (const s of kb.sections()) all.push(...kb.keywordsIn(s.name as never));
      for (const rs of kb.ruleSets()) all.push(...kb.actions(rs));
      const generic = [...new Set(all.filter((e) => !e.summary || GENERIC.test(e.summary)).map((e) => `${e.kind}:${e.name}`))];
      assert.deepEqual(generic, []);
    });
  }
});
