import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FACTS } from '../../../server/src/service/haproxy/knowledge/data/facts.generated';
import { getKnowledge, nearestSupportedVersion, REMOVED_KEYWORDS, removalStatusIn } from '../../../server/src/service/haproxy/knowledge/index';
import { PREDEFINED_ACL_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/acls';
import { CONVERTER_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/converters';
import { FETCH_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/fetches';
import { LOG_ALIAS_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/logAliases';
import { haproxyChecker } from './realHaproxy';
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

  it('agrees with `haproxy -c`: removed keywords are rejected, deprecated ones only warn', () => {
    const { version } = dump();
    const table = nearestSupportedVersion(version);
    const lines = ['global'];
    const expected: { line: number; name: string; status: 'removed' | 'deprecated' }[] = [];
    const add = (name: string, status: 'removed' | 'deprecated', arg: string): void => {
      lines.push(`    ${name}${arg}`);
      expected.push({ line: lines.length, name, status });
    };
    const keywords = REMOVED_KEYWORDS.filter((r) => (r.what ?? 'keyword') === 'keyword');
    for (const r of keywords.filter((x) => x.sections.includes('global'))) {
      const status = removalStatusIn(r, version);
      if (status) add(r.name, status, ' 1');
    }
    lines.push('defaults', '    mode http', '    timeout client 1s', '    timeout server 1s', '    timeout connect 1s', 'listen l', '    bind 127.0.0.1:18999');
    for (const r of keywords.filter((x) => !x.sections.includes('global'))) {
      const status = removalStatusIn(r, version);
      if (status) add(r.name, status, r.name.startsWith('option ') || r.name === 'mode health' ? '' : ' 1');
    }
    const checker = haproxyChecker('hk-removed-');
    try {
      const { stderr } = checker.run(`${lines.join('\n')}\n`);
      const alerts = new Set<number>();
      for (const l of stderr.split('\n')) {
        const m = /\[[^\]]*c\.cfg:(\d+)\]/.exec(l);
        if (m && l.includes('[ALERT]')) alerts.add(Number(m[1]));
      }
      assert.ok(expected.length > 30, `only ${expected.length} removed keywords apply to ${table}`);
      for (const e of expected) assert.equal(alerts.has(e.line), e.status === 'removed', `${e.name} (${e.status} in ${version})`);
    } finally {
      checker.remove();
    }
  });
});
