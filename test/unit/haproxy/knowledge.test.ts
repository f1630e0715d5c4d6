import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getKnowledge, isSupportedVersion, nearestSupportedVersion, REMOVED_KEYWORDS, removalStatusIn } from '../../../server/src/service/haproxy/knowledge/index';
import { keywordFallback } from '../../../server/src/service/haproxy/knowledge/summaryLookup';
import { ACTION_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/actions';
import { BIND_OPTION_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/bindOptions';
import { SECTION_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/sections';
import { SERVER_OPTION_SUMMARIES } from '../../../server/src/service/haproxy/knowledge/summaries/serverOptions';
import { SUPPORTED_VERSIONS, type RuleSet, type SectionKind } from '../../../server/src/service/haproxy/knowledge/types';

const RULE_SETS: readonly RuleSet[] = [
  'http-request', 'http-response', 'http-after-response', 'tcp-request connection', 'tcp-request session',
  'tcp-request content', 'tcp-response content', 'quic-initial', 'http-check', 'tcp-check',
];
const REF_KINDS = new Set(['backend', 'frontend', 'proxy', 'server', 'acl', 'userlist', 'peers', 'resolvers', 'mailers', 'ring', 'cache', 'http-errors', 'log-forward', 'fcgi-app', 'crt-store', 'log-profile']);

function assertUnique(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    assert.ok(!seen.has(n), `${what}: duplicate ${n}`);
    seen.add(n);
  }
}

describe('haproxy knowledge: table consistency per version', () => {
  for (const version of SUPPORTED_VERSIONS) {
    describe(version, () => {
      const kb = getKnowledge(version);

      it('has unique names per kind and non-trivial sizes', () => {
        assertUnique(kb.sections().map((s) => s.name), 'sections');
        for (const s of kb.sections()) assertUnique(kb.keywordsIn(s.name as SectionKind).map((k) => k.name), `keywords in ${s.name}`);
        assertUnique(kb.bindOptions().map((o) => o.name), 'bind options');
        assertUnique(kb.serverOptions().map((o) => o.name), 'server options');
        for (const rs of RULE_SETS) assertUnique(kb.actions(rs).map((a) => a.name), `actions of ${rs}`);
        assertUnique(kb.fetches().map((f) => f.name), 'fetches');
        assertUnique(kb.converters().map((c) => c.name), 'converters');
        assertUnique(kb.predefinedAcls().map((a) => a.name), 'predefined ACLs');
        assertUnique(kb.logAliases().map((a) => a.name), 'log aliases');
        assert.ok(kb.keywordsIn('global').length > 150, 'global keywords');
        assert.ok(kb.keywordsIn('backend').length > 120, 'backend keywords');
        assert.ok(kb.bindOptions().length > 60 && kb.serverOptions().length > 90);
        assert.ok(kb.actions('http-request').length > 50);
        assert.ok(kb.fetches().length > 400 && kb.converters().length > 100);
        assert.ok(kb.predefinedAcls().length >= 19 && kb.logAliases().length >= 60);
      });

      it('gives every keyword at least one section, sane arg bounds and a written summary', () => {
        for (const s of kb.sections()) {
          for (const k of kb.keywordsIn(s.name as SectionKind)) {
            assert.ok(k.sections.length >= 1, k.name);
            assert.ok(k.minArgs >= 0 && k.maxArgs >= k.minArgs, `${k.name}: ${k.minArgs}..${k.maxArgs}`);
            assert.notEqual(k.summary, keywordFallback(k.name, k.sections), `no summary for ${s.name} keyword '${k.name}'`);
            assert.ok(k.syntax.length >= 1 && k.syntax.every((x) => x.length > 0), k.name);
          }
        }
      });

      it('has written summaries for sections, bind/server options and actions', () => {
        for (const s of kb.sections()) assert.ok(SECTION_SUMMARIES[s.name], `section ${s.name}`);
        for (const o of kb.bindOptions()) assert.ok(BIND_OPTION_SUMMARIES[o.name], `bind option ${o.name}`);
        for (const o of kb.serverOptions()) assert.ok(SERVER_OPTION_SUMMARIES[o.name], `server option ${o.name}`);
        for (const rs of RULE_SETS) for (const a of kb.actions(rs)) assert.ok(ACTION_SUMMARIES[a.name], `action ${a.name}`);
      });

      it('uses only valid refersTo kinds and rule sets', () => {
        const sections = new Set(kb.sections().map((s) => s.name));
        for (const s of kb.sections()) {
          for (const k of kb.keywordsIn(s.name as SectionKind)) {
            for (const a of k.args ?? []) if (a.refersTo) assert.ok(REF_KINDS.has(a.refersTo), `${k.name}: ${a.refersTo}`);
            if (k.ruleSet) assert.ok(kb.actions(k.ruleSet).length > 0, `${k.name} → ${k.ruleSet} has no actions`);
            for (const sec of k.sections) assert.ok(sections.has(sec), `${k.name} in unknown section ${sec}`);
          }
        }
        for (const o of [...kb.bindOptions(), ...kb.serverOptions()]) {
          for (const a of o.args ?? []) if (a.refersTo) assert.ok(REF_KINDS.has(a.refersTo), `${o.name}: ${a.refersTo}`);
          assert.ok(o.argCount >= 0 && o.argCount <= 4, `${o.name}: ${o.argCount}`);
        }
        for (const rs of RULE_SETS) for (const a of kb.actions(rs)) for (const r of a.ruleSets) assert.ok(RULE_SETS.includes(r), `${a.name}: ${r}`);
        for (const rs of RULE_SETS) {
          for (const a of kb.actions(rs)) {
            for (const r of Object.values(a.wordRefs ?? {})) assert.ok(REF_KINDS.has(r), `${a.name}: ${r}`);
            for (const x of a.args ?? []) if (x.refersTo) assert.ok(REF_KINDS.has(x.refersTo), `${a.name}: ${x.refersTo}`);
          }
        }
        for (const f of [...kb.fetches(), ...kb.aclKeywords(), ...kb.converters()]) {
          for (const r of f.argRefs ?? []) if (r) assert.ok(REF_KINDS.has(r), `${f.name}: ${r}`);
          if (f.argRefs) assert.ok(f.argRefs.length <= Math.max(f.maxArgs, f.argRefs.length) && f.argSyntax, f.name);
        }
      });

      it('builds docs.haproxy.org URLs from the chapter of each fact', () => {
        const re = new RegExp(`^https://docs\\.haproxy\\.org/${version.replace('.', '\\.')}/configuration\\.html#\\d+(\\.\\d+)*(-\\S+)?$`);
        const all = [
          ...kb.sections(), ...kb.keywordsIn('global'), ...kb.keywordsIn('backend'), ...kb.bindOptions(), ...kb.serverOptions(),
          ...kb.actions('http-request'), ...kb.fetches(), ...kb.converters(), ...kb.predefinedAcls(), ...kb.logAliases(),
        ];
        for (const e of all) assert.match(kb.docUrl(e), re, e.name);
        const url = (e: { name: string } | undefined): string => kb.docUrl(e as never);
        assert.ok(url(kb.matchKeyword('backend', ['balance'])?.entry).endsWith('#4.2-balance'));
        assert.ok(url(kb.matchKeyword('defaults', ['option', 'httpchk'])?.entry).endsWith('#4.2-option%20httpchk'));
        assert.ok(url(kb.matchKeyword('global', ['maxconn'])?.entry).endsWith('#3.2-maxconn'));
        assert.ok(url(kb.serverOption('check')).endsWith('#5.2-check'));
        assert.ok(url(kb.bindOption('ssl')).endsWith('#5.1-ssl'));
        assert.ok(url(kb.converter('base64')).endsWith('#7.3.1-base64'));
        assert.ok(url(kb.fetch('req.hdr')).endsWith('#7.3.6-req.hdr'));
        assert.ok(url(kb.section('frontend')).endsWith('#4'), 'sections link to their chapter');
        assert.ok(url(kb.action('http-request', 'set-header')).endsWith(version < '3.0' ? '#4.2-http-request%20set-header' : '#4.4-set-header'));
        assert.ok(url(kb.section('userlist')).endsWith(`#${kb.section('userlist')!.docChapter}`));
      });

      it('matches the longest multi-word keyword and handles no/default prefixes', () => {
        const m = (s: SectionKind, line: string) => kb.matchKeyword(s, line.split(' '));
        assert.deepEqual([m('backend', 'option httpchk GET /health')?.entry.name, m('backend', 'option httpchk GET /health')?.wordCount], ['option httpchk', 2]);
        assert.equal(m('defaults', 'timeout client 30s')?.entry.name, 'timeout client');
        assert.equal(m('listen', 'stats uri /stats')?.entry.name, 'stats uri');
        assert.equal(m('frontend', 'tcp-request content accept if x')?.entry.name, 'tcp-request content');
        assert.equal(m('frontend', 'tcp-request content accept')?.entry.ruleSet, 'tcp-request content');
        assert.equal(m('frontend', 'capture request header Host len 20')?.wordCount, 3);
        const no = m('backend', 'no option redispatch');
        assert.deepEqual([no?.entry.name, no?.wordCount, no?.entry.negatable], ['option redispatch', 3, true]);
        assert.equal(m('frontend', 'no option httplog')?.entry.name, 'option httplog');
        assert.equal(m('backend', 'default option redispatch')?.wordCount, 3);
        assert.equal(m('backend', 'http-check set-var(check.path) str(/x)')?.entry.name, 'http-check set-var');
        assert.equal(m('backend', 'frobnicate 1'), undefined);
        assert.equal(m('global', 'balance roundrobin'), undefined, 'balance is not a global keyword');
        assert.equal(kb.matchKeywordAnywhere(['balance', 'roundrobin'])?.entry.name, 'balance');
        assert.equal(m('global', 'stats socket /run/admin.sock level admin')?.entry.name, 'stats socket');
        assert.equal(m('backend', 'http-request set-header X-A b')?.entry.ruleSet, 'http-request');
        assert.equal(m('defaults', 'acl is_static path_end .css')?.entry.namedDefaultsOnly, true);
        assert.equal(m('userlist', 'user admin password x')?.entry.name, 'user');
      });

      it('knows enum values, argument types and references', () => {
        for (const a of ['roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr', 'random', 'first']) {
          assert.ok(kb.enumValues('balance')?.includes(a), `balance ${a}`);
        }
        assert.ok(kb.enumValues('mode')?.includes('http') && kb.enumValues('mode')?.includes('tcp'));
        const timeouts = kb.enumValues('timeout') ?? [];
        for (const t of ['client', 'server', 'connect', 'check', 'queue', 'http-request', 'tunnel']) assert.ok(timeouts.includes(t), t);
        assert.ok(!timeouts.includes('mail'), 'mailers-only timeout must not be offered in proxies');
        assert.ok((kb.enumValues('option') ?? []).includes('httpchk'));
        assert.equal(kb.matchKeyword('defaults', ['timeout', 'connect'])?.entry.args?.[0].type, 'time');
        assert.equal(kb.matchKeyword('frontend', ['maxconn'])?.entry.args?.[0].type, 'integer');
        assert.deepEqual(kb.matchKeyword('backend', ['mode'])?.entry.args?.[0].values, kb.enumValues('mode'));
        assert.equal(kb.matchKeyword('frontend', ['default_backend'])?.entry.args?.[0].refersTo, 'backend');
        assert.equal(kb.matchKeyword('frontend', ['use_backend'])?.entry.args?.[0].refersTo, 'backend');
        assert.equal(kb.serverOption('track')?.args?.[0].refersTo, 'server');
        assert.equal(kb.serverOption('resolvers')?.args?.[0].refersTo, 'resolvers');
        assert.deepEqual(kb.fetch('nbsrv')?.argRefs, ['backend']);
        assert.deepEqual(kb.fetch('srv_is_up')?.argRefs, ['server']);
        assert.deepEqual(kb.fetch('http_auth')?.argRefs, ['userlist']);
        assert.deepEqual(kb.converter('in_table')?.argRefs, ['proxy']);
        assert.deepEqual(kb.matchKeyword('backend', ['stick-table'])?.entry.wordRefs, { peers: 'peers' });
        assert.deepEqual(kb.action('http-request', 'track-sc0')?.wordRefs, { table: 'proxy' });
        assert.equal(kb.action('http-request', 'track-sc7')?.name, 'track-sc0', 'track-scN beyond 2 with tune.stick-counters');
        assert.equal(kb.action('http-request', 'cache-use')?.args?.[0].refersTo, 'cache');
        assert.deepEqual(kb.matchKeyword('resolvers', ['timeout', 'retry', '1s'])?.entry.args?.[0].values, ['resolve', 'retry']);
        assert.equal(kb.matchKeyword('ring', ['timeout', 'connect', '5s'])?.entry.args?.[0].type, 'time');
        assert.equal(kb.serverOption('inter')?.args?.[0].type, 'time');
        assert.equal(kb.serverOption('check')?.argCount, 0);
        assert.equal(kb.serverOption('weight')?.argCount, 1);
        assert.equal(kb.serverOption('id')?.defaultServer, undefined, 'id is not accepted on default-server');
        assert.equal(kb.serverOption('inter')?.defaultServer, true);
        assert.equal(kb.action('http-request', 'set-var(txn.x)')?.name, 'set-var');
        assert.equal(kb.fetch('req.hdr')?.output, 'str');
        assert.equal(kb.converter('lower')?.input, 'str');
        assert.ok(kb.aclKeyword('hdr_beg')?.aclMatch, 'hdr_beg is an ACL derivative');
        assert.equal(kb.fetch('hdr_beg'), undefined, 'ACL-only keywords are not sample fetches');
        assert.equal(kb.predefinedAcls().find((a) => a.name === 'METH_GET')?.equivalent, 'method GET HEAD');
        assert.equal(kb.logAliases().find((a) => a.name === 'HM')?.httpOnly, true);
        assert.equal(kb.logAliases().find((a) => a.name === 'ci')?.type, 'IP');
      });
    });
  }
});

describe('haproxy knowledge: removed and deprecated keywords', () => {
  it('has bind … process deprecated in 2.6 (HAProxy warns) and removed in 2.7', () => {
    const r = getKnowledge('2.6').removedOf('bind-option', 'process');
    assert.ok(r);
    assert.equal(r.deprecated, '2.6');
    assert.equal(r.removed, '2.7');
    assert.equal(removalStatusIn(r, '2.6'), 'deprecated');
    assert.equal(removalStatusIn(r, '2.8'), 'removed');
  });

  it('accepts balance without an argument in every version (bare balance is roundrobin)', () => {
    for (const version of SUPPORTED_VERSIONS) {
      const entry = getKnowledge(version).keyword('backend', 'balance');
      assert.equal(entry?.minArgs, 0, version);
      assert.ok(entry?.args?.[0].values?.includes('roundrobin'), version);
    }
  });

  it('has a version and advice for every entry, and a known replacement where one is named', () => {
    const latest = getKnowledge('3.4');
    for (const r of REMOVED_KEYWORDS) {
      assert.ok(r.removed || r.deprecated, r.name);
      assert.ok(r.advice.length > 20, r.name);
      const simple = r.replacement && /^[a-z][\w.-]*( [a-z][\w.-]*)?$/.test(r.replacement) && (r.what ?? 'keyword') === 'keyword';
      if (simple) {
        const words = r.replacement!.split(' ');
        const found = latest.matchKeywordAnywhere(words) ?? getKnowledge('2.6').matchKeywordAnywhere(words);
        assert.ok(found, `${r.name} → ${r.replacement} is not a known keyword`);
      }
    }
  });

  for (const version of SUPPORTED_VERSIONS) {
    it(`agrees with the ${version} table: removed names are gone, deprecated ones still exist`, () => {
      const kb = getKnowledge(version);
      for (const r of REMOVED_KEYWORDS) {
        const status = removalStatusIn(r, version);
        if (!status) continue;
        const what = r.what ?? 'keyword';
        const exists =
          what === 'section' ? kb.section(r.name) !== undefined
            : what === 'action' ? kb.ruleSets().some((rs) => kb.action(rs, r.name))
              : what === 'bind-option' ? kb.bindOption(r.name) !== undefined
                : what === 'server-option' ? kb.serverOption(r.name) !== undefined
                  : r.sections.some((s) => kb.matchKeyword(s, r.name.split(' '))?.entry.name === r.name);
        assert.equal(exists, status === 'deprecated', `${r.name} is ${status} in ${version} but ${exists ? 'present' : 'absent'}`);
        if (what === 'keyword') {
          assert.equal(kb.matchRemoved([...r.name.split(' '), 'x'])?.entry.name, r.name);
          for (const s of r.sections) assert.equal(kb.matchRemoved([...r.name.split(' '), 'x'], s)?.entry.name, r.name);
        }
      }
    });
  }

  it('reports appsession, reqadd, nbproc and forceclose as removed everywhere', () => {
    for (const v of SUPPORTED_VERSIONS) {
      const kb = getKnowledge(v);
      assert.equal(kb.matchRemoved(['appsession', 'JSESSIONID', 'len', '52'])?.entry.replacement, 'cookie');
      assert.equal(kb.matchRemoved(['reqadd', 'X-A:\\ b'])?.entry.replacement, 'http-request add-header');
      assert.equal(kb.matchRemoved(['nbproc', '4'])?.entry.removed, '2.5');
      assert.equal(kb.matchRemoved(['option', 'forceclose'])?.wordCount, 2);
      assert.equal(kb.matchKeywordAnywhere(['appsession']), undefined);
    }
    assert.equal(getKnowledge('2.6').matchRemoved(['bind-process', '1']), undefined, 'bind-process is still valid in 2.6');
    assert.equal(getKnowledge('3.4').matchRemoved(['grace', '10s'], 'global'), undefined, 'only the proxy grace was removed');
    assert.equal(getKnowledge('3.4').matchRemoved(['grace', '10s'], 'backend')?.entry.removed, '2.5');
    assert.equal(getKnowledge('2.8').matchRemoved(['bind-process', '1'])?.entry.removed, '2.7');
    assert.equal(getKnowledge('3.2').matchRemoved(['dispatch', '1.2.3.4:80']), undefined);
    assert.equal(getKnowledge('3.4').matchRemoved(['dispatch', '1.2.3.4:80'])?.entry.deprecated, '3.3');
    assert.equal(getKnowledge('3.0').removedOf('action', 'set-mark')?.replacement, 'set-fc-mark');
    assert.equal(getKnowledge('2.8').removedOf('bind-option', 'process')?.replacement, 'thread');
  });
});

describe('haproxy knowledge: versions', () => {
  it('tracks keywords and sections across versions', () => {
    const has = (v: (typeof SUPPORTED_VERSIONS)[number], s: SectionKind, line: string): boolean =>
      getKnowledge(v).matchKeyword(s, line.split(' '))?.entry.name === line;
    assert.ok(has('2.6', 'backend', 'bind-process'));
    assert.ok(!has('3.0', 'backend', 'bind-process'));
    assert.ok(!has('2.6', 'frontend', 'timeout client-hs') && has('3.4', 'frontend', 'timeout client-hs'));
    assert.ok(getKnowledge('2.6').bindOption('process') && !getKnowledge('3.0').bindOption('process'));
    assert.ok(!getKnowledge('2.6').action('http-request', 'set-fc-mark') && getKnowledge('3.0').action('http-request', 'set-fc-mark'));
    assert.ok(getKnowledge('3.2').action('quic-initial', 'reject') && !getKnowledge('3.0').action('quic-initial', 'reject'));
    const sections = (v: (typeof SUPPORTED_VERSIONS)[number]) => new Set(getKnowledge(v).sections().map((s) => s.name));
    assert.ok(sections('2.6').has('program') && sections('3.2').has('program') && !sections('3.4').has('program'));
    assert.ok(!sections('2.8').has('crt-store') && sections('3.0').has('crt-store'));
    assert.ok(!sections('3.0').has('traces') && sections('3.2').has('traces') && sections('3.4').has('traces'));
    assert.ok(!sections('3.2').has('healthcheck') && sections('3.4').has('healthcheck'));
    for (const v of SUPPORTED_VERSIONS) for (const s of ['global', 'defaults', 'frontend', 'backend', 'listen', 'userlist', 'peers', 'resolvers']) assert.ok(sections(v).has(s), `${v} ${s}`);
  });

  it('resolves since/deprecated/replacement per version', () => {
    const kw = (v: (typeof SUPPORTED_VERSIONS)[number], s: SectionKind, line: string) => getKnowledge(v).matchKeyword(s, line.split(' '))?.entry;
    assert.equal(kw('3.4', 'backend', 'dispatch')?.deprecated, '3.3');
    assert.equal(kw('3.4', 'backend', 'dispatch')?.replacement, 'server');
    assert.equal(kw('3.2', 'backend', 'dispatch')?.deprecated, undefined, 'not yet deprecated in 3.2');
    assert.equal(kw('3.4', 'frontend', 'option accept-invalid-http-request')?.replacement, 'option accept-unsafe-violations-in-http-request');
    assert.equal(kw('2.8', 'frontend', 'option accept-invalid-http-request')?.deprecated, undefined);
    assert.equal(kw('3.4', 'backend', 'balance')?.since, undefined, 'present since before 2.6');
    assert.ok(kw('3.4', 'frontend', 'timeout client-hs')?.since, 'newer than 2.6');
    assert.equal(getKnowledge('3.0').action('http-request', 'set-mark')?.replacement, 'set-fc-mark');
    assert.equal(getKnowledge('3.0').action('http-request', 'set-fc-mark')?.since, '3.0');
    assert.equal(getKnowledge('3.2').section('program')?.deprecated, '3.1');
  });

  it('maps version strings to the table to use', () => {
    assert.equal(nearestSupportedVersion('2.6.12'), '2.6');
    assert.equal(nearestSupportedVersion('2.6.12-1+deb12u4'), '2.6');
    assert.equal(nearestSupportedVersion('3.0.11'), '3.0');
    assert.equal(nearestSupportedVersion('2.9.1'), '3.0');
    assert.equal(nearestSupportedVersion('3.3-dev2'), '3.4');
    assert.equal(nearestSupportedVersion('2.4.22'), '2.6');
    assert.equal(nearestSupportedVersion('3.5-dev5'), '3.4');
    assert.equal(nearestSupportedVersion('banana'), '3.2');
    assert.ok(isSupportedVersion('2.8') && !isSupportedVersion('2.7') && !isSupportedVersion('2.6.12'));
  });

  it('builds each version once and answers lookups from indexes', () => {
    assert.equal(getKnowledge('3.2'), getKnowledge('3.2'));
    const kb = getKnowledge('3.4');
    const lines = ['option httpchk GET /', 'timeout client 30s', 'server s1 127.0.0.1:8080 check', 'no option httplog', 'frobnicate x y'].map((l) => l.split(' '));
    // Speed is measured in bench/; here: lookups hit prebuilt indexes, so repeated lookups hand
    // back the very same entry objects instead of building new ones.
    for (const words of lines) {
      const first = kb.matchKeyword('listen', words)?.entry;
      assert.equal(kb.matchKeyword('listen', words)?.entry, first);
      assert.equal(first === undefined, words[0] === 'frobnicate', words.join(' '));
    }
    const inter = kb.serverOption('inter');
    assert.ok(inter);
    assert.equal(kb.serverOption('inter'), inter);
    const hdr = kb.fetch('req.hdr');
    assert.ok(hdr);
    assert.equal(kb.fetch('req.hdr'), hdr);
  });
});
