import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FACTS } from '../../../server/src/service/haproxy/knowledge/data/facts.generated';
import { getKnowledge, nearestSupportedVersion, REMOVED_KEYWORDS } from '../../../server/src/service/haproxy/knowledge/index';
import { PREDEFINED_ACL_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/acls';
import { CONVERTER_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/converters';
import { FETCH_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/fetches';
import { LOG_ALIAS_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/logAliases';
import { parseKeywordDump } from '../../../tools/haproxy-knowledge/dumpKeywords';

describe('haproxy knowledge: sample summaries only name known facts', () => {
  const tables: [string, Record<string, string>, Set<string>][] = [
    ['fetches', FETCH_SUMMARIES, new Set(FACTS.fetches.map((f) => f.n))],
    ['converters', CONVERTER_SUMMARIES, new Set(FACTS.converters.map((f) => f.n))],
    ['predefined ACLs', PREDEFINED_ACL_SUMMARIES, new Set(FACTS.acls.map((f) => f.n))],
    ['log aliases', LOG_ALIAS_SUMMARIES, new Set(FACTS.logAliases.map((f) => f.n))],
  ];
  for (const [what, table, known] of tables) {
    it(`${what}: every summary key exists in some version`, () => {
      const unknown = Object.keys(table).filter((k) => !known.has(k));
      assert.deepEqual(unknown, [], `unknown ${what}: ${unknown.join(', ')}`);
      for (const [k, v] of Object.entries(table)) assert.ok(v.trim().length > 10, `${what} ${k} has an empty summary`);
    });
  }

  it('falls back to a generic summary built from the facts when none is written', () => {
    const kb = getKnowledge('3.4');
    const f = kb.fetches().find((x) => !Object.prototype.hasOwnProperty.call(FETCH_SUMMARIES, x.name))!;
    if (f) assert.match(f.summary, new RegExp(`\`${f.name.replace(/[.]/g, '\\.')}\`.*${f.output}`));
  });
});

const HAPROXY = '/usr/sbin/haproxy';

describe('haproxy knowledge: spot checks against the local haproxy -dKall', { skip: !existsSync(HAPROXY) && `${HAPROXY} is absent` }, () => {
  function dump(): { version: string; text: string } {
    const version = /version (\d+\.\d+(?:\.\d+)?)/.exec(execFileSync(HAPROXY, ['-v'], { encoding: 'utf8' }))![1];
    let text: string;
    try {
      text = execFileSync(HAPROXY, ['-dKall', '-q', '-c', '-f', '/dev/null'], { encoding: 'utf8', maxBuffer: 16 << 20 });
    } catch (e) {
      text = String((e as { stdout?: string }).stdout ?? '');
    }
    return { version, text };
  }

  it('knows every bind/server option, action, converter, fetch and global the binary registers', () => {
    const { version, text } = dump();
    const d = parseKeywordDump(text);
    const table = nearestSupportedVersion(version);
    // Other builds may register keywords the generator never saw; the check is exact only for
    // the binary the facts were generated with (Debian's 2.6.12 here and in CI).
    if (!FACTS.sources[table]?.includes('-dKall')) return;
    const kb = getKnowledge(table);
    assert.ok(d.bindArgs.size > 40 && d.serverArgs.size > 60, 'dump parsed');
    for (const [n, argc] of d.bindArgs) assert.equal(kb.bindOption(n)?.argCount, argc, `bind ${n}`);
    for (const [n, argc] of d.serverArgs) assert.equal(kb.serverOption(n)?.argCount, argc, `server ${n}`);
    for (const [rs, names] of d.actions) for (const n of names) assert.ok(kb.action(rs, n), `${rs} ${n}`);
    for (const [n, t] of d.converters) {
      const c = kb.converter(n);
      assert.ok(c, `converter ${n}`);
      if (c && c.input !== 'any' && t.i !== 'any') assert.equal(c.input, t.i, `converter ${n} input`);
    }
    for (const n of d.fetches.keys()) assert.ok(kb.fetch(n) ?? kb.aclKeyword(n), `fetch ${n}`);
    for (const n of d.acls.keys()) assert.ok(kb.aclKeyword(n), `ACL keyword ${n}`);
    const globals = new Set(kb.keywordsIn('global').map((k) => k.name.split(' ')[0]));
    const removed = new Set(REMOVED_KEYWORDS.map((r) => r.name));
    for (const g of d.globals) assert.ok(globals.has(g) || removed.has(g), `global ${g}`);
  });

  it('agrees with the binary on keywords the doc table marks as removed', () => {
    const { version, text } = dump();
    const kb = getKnowledge(nearestSupportedVersion(version));
    // `bind-process` still parses in 2.6; `nbproc` is registered only to print its removal error.
    if (nearestSupportedVersion(version) === '2.6') assert.ok(kb.matchKeyword('global', ['nbproc']) === undefined);
    assert.ok(text.includes('# List of registered configuration keywords:'));
  });
});
