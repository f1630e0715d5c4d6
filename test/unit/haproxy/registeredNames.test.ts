import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import { SUPPORTED_VERSIONS, type HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { listRows, registeredKeywords } from '../../../tools/haproxy-knowledge/scanRegistered';
import { DEFAULTS, diagnose } from './diagnosticsHelpers';

/**
 * Names HAProxy registers in its sources that the docs of 2.8–3.4 leave out (or list elsewhere):
 * the generator recovers them by scanning the registration tables (tools/haproxy-knowledge/
 * scanRegistered.ts), so they are no longer false "unknown" errors — and a name new in a version
 * stays unknown in the version before it.
 */
const FE = 'frontend fe\n    bind 127.0.0.1:8080\n';
const BE = 'backend be\n    server s 127.0.0.1:80 check\n';

/** `code`: the error a version without the name reports. */
interface Case { what: string; text: string; code: RegExp; known: readonly HaproxyVersion[] }
const CASES: Case[] = [
  // vars.c registers it from 2.6 on; only 2.6's -dKall dump knew it before.
  { what: 'global tune.vars.check-max-size', text: 'global\n    tune.vars.check-max-size 1k\n', code: /^unknown-keyword$/, known: ['2.6', '2.8', '3.0', '3.2', '3.4'] },
  // http_act.c registers del-acl for http-after-response too; the 3.0+ docs list it for request/response only.
  { what: 'http-after-response del-acl', text: `${FE}    http-after-response del-acl(/etc/haproxy/a.acl) %[src]\n`, code: /^unknown-action$/, known: ['2.8', '3.0', '3.2', '3.4'] },
  // server.c registers hash-key from 3.0 on; the docs describe it from 3.2.
  { what: 'server hash-key', text: 'backend be\n    server s 127.0.0.1:80 hash-key addr\n', code: /^unknown-server-option$/, known: ['3.0', '3.2', '3.4'] },
  // flt_spoe.c registers it from 3.2 on, undocumented.
  { what: 'fetch spoe.engine-id', text: `${FE}    http-request set-header X %[spoe.engine-id]\n`, code: /^unknown-fetch$/, known: ['3.2', '3.4'] },
  // 3.2 still accepts it (a warning: no effect); 3.3 removed it (the removed table says so in 3.4).
  { what: 'global tune.quic.frontend.conn-tx-buffers.limit', text: 'global\n    tune.quic.frontend.conn-tx-buffers.limit 10\n', code: /^(unknown|removed)-keyword$/, known: ['2.6', '2.8', '3.0', '3.2'] },
  // ACL keywords of payload.c that only the 2.6 dump knew.
  { what: 'acl req_rdp_cookie_cnt', text: `${FE}    acl rdp req_rdp_cookie_cnt gt 0\n    http-request deny if rdp\n`, code: /^unknown-fetch$/, known: ['2.6', '2.8', '3.0', '3.2', '3.4'] },
  // 2.8/3.0 register a misspelled name whose parser then refuses it: it must stay unknown.
  { what: 'global tune.quic.backend.max-idle-timeou', text: 'global\n    tune.quic.backend.max-idle-timeou 10s\n', code: /^unknown-keyword$/, known: [] },
];

describe('haproxy names recovered from the sources\' registration tables', () => {
  for (const c of CASES) {
    it(`${c.what}: known exactly in ${c.known.join(', ') || 'no version'}`, () => {
      for (const v of SUPPORTED_VERSIONS) {
        const errors = diagnose(`${DEFAULTS}${c.text}${c.text.startsWith('backend') ? '' : BE}`, { version: v }).filter((d) => c.code.test(String(d.code)) && d.severity === 1);
        assert.equal(errors.length, c.known.includes(v) ? 0 : 1, `${c.what} in ${v}: ${errors.map((d) => d.message).join(' | ')}`);
      }
    });
  }

  it('warns about tune.quic.frontend.conn-tx-buffers.limit in 3.2, where HAProxy accepts it with a no-effect warning', () => {
    const d = diagnose('global\n    tune.quic.frontend.conn-tx-buffers.limit 10\n', { version: '3.2' });
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['deprecated-keyword', 2]]);
  });

  it('adds the rule sets the sources register to actions the docs list elsewhere', () => {
    assert.ok(getKnowledge('2.8').action('tcp-response content', 'sc-set-gpt0'));
    assert.ok(getKnowledge('3.0').action('http-after-response', 'del-acl'));
    assert.equal(getKnowledge('2.6').action('http-after-response', 'del-acl'), undefined);
  });

  it('knows names holding "-" or "+" and the device-detection addons\' fetches, with their types', () => {
    for (const v of SUPPORTED_VERSIONS) {
      const kb = getKnowledge(v);
      assert.equal(kb.fetch('base32+src')?.output, 'bin', `base32+src in ${v}`);
      assert.equal(kb.fetch('url32+src')?.output, 'bin', `url32+src in ${v}`);
      assert.ok(kb.aclKeyword?.('cook_beg') ?? kb.fetch('cook_beg'), `cook_beg in ${v}`);
      // Documented only among ACL derivatives, registered as a fetch: a fetch of type meth, still an ACL criterion.
      assert.equal(kb.fetch('method')?.output, 'meth', `method in ${v}`);
      assert.ok(kb.aclKeyword?.('method'), `acl method in ${v}`);
      // Debian's 2.6 dump is a build without WURFL/DeviceAtlas; the source scan adds them as elsewhere.
      assert.equal(kb.fetch('wurfl-get')?.output, 'str', `wurfl-get in ${v}`);
      assert.equal(kb.fetch('da-csv-fetch')?.output, 'str', `da-csv-fetch in ${v}`);
    }
  });
});

describe('scanRegistered.listRows', () => {
  const C = `/* { CFG_GLOBAL, "commented-out", parse_x }, */
static struct cfg_kw_list cfg_kws = {ILH, {
	{ CFG_GLOBAL, "tune.example", parse_example },
	{ CFG_GLOBAL, "nbproc", cfg_parse_global_unsupported_opts }, // refused
	{ 0, NULL, NULL },
}};
static struct action_kw_list http_res_actions = { ILH, {
	{ "del-acl", parse_http_set_map, KWF_MATCH_PREFIX },
	{ /* END */ }
}};
INITCALL1(STG_REGISTER, http_res_keywords_register, &http_res_actions);
static struct srv_kw_list srv_kws = { "ALL", { }, {
	{ "hash-key", srv_parse_hash_key, 1, 1, 1 },
	{ NULL, NULL, 0 },
}};
`;
  it('reads each list\'s rows, skips comments, and ties a list to its register call', () => {
    const rows = listRows(C);
    assert.deepEqual(rows.map((r) => [r.kind, r.register ?? '', r.fields[r.kind === 'cfg' ? 1 : 0]]), [
      ['cfg', '', '"tune.example"'],
      ['cfg', '', '"nbproc"'],
      ['action', 'http_res_keywords_register', '"del-acl"'],
      ['srv', '', '"hash-key"'],
    ]);
    assert.deepEqual(rows[3].fields.slice(2), ['1', '1', '1']);
  });
});

const MIRROR = process.env.HAPROXY_MIRROR ?? '/work/.mirror/haproxy+haproxy/repo';
const TAGS: [string, HaproxyVersion][] = [['v2.6.0', '2.6'], ['v2.8.0', '2.8'], ['v3.0.0', '3.0'], ['v3.2.0', '3.2'], ['v3.4.0', '3.4']];
/** Registered but refused by their parser at these versions (the removed table explains them). */
const REFUSED = new Set(['bind:process']);

describe('every name the sources register at a release tag is known to that version\'s table', { skip: !existsSync(MIRROR) && 'no haproxy mirror' }, () => {
  const git = (...a: string[]): string => execFileSync('git', ['-C', MIRROR, ...a], { encoding: 'utf8', maxBuffer: 256 << 20 });
  for (const [tag, v] of TAGS) {
    it(`${tag} → ${v}`, () => {
      const reg = registeredKeywords(git, tag);
      const kb = getKnowledge(v);
      const globals = kb.keywordsIn('global').map((k) => k.name);
      const missing: string[] = [];
      const check = (what: string, name: string, known: boolean): void => {
        if (!known && !REFUSED.has(`${what}:${name}`)) missing.push(`${what}:${name}`);
      };
      // A registered first word (`stats`) may stand for documented multi-word keywords (`stats socket`).
      for (const g of reg.globals) check('global', g, globals.some((k) => k === g || k.startsWith(`${g} `)));
      for (const [rs, names] of reg.actions) {
        // KWF_MATCH_PREFIX rows (`sc-inc-gpc`) cover the numbered names the table holds.
        for (const n of names) check(rs, n, !!kb.action(rs, n) || kb.actions(rs).some((a) => a.name.startsWith(n)));
      }
      for (const n of reg.serverOptions.keys()) check('server', n, !!kb.serverOption(n));
      for (const n of reg.bindOptions) check('bind', n, !!kb.bindOption(n));
      for (const n of reg.fetches) check('fetch', n, !!kb.fetch(n));
      for (const n of reg.converters) check('converter', n, !!kb.converter(n));
      for (const n of reg.aclKeywords.keys()) check('acl', n, !!kb.aclKeyword?.(n));
      assert.ok(reg.fetches.size > 300 && reg.globals.size > 90, `scan found ${reg.fetches.size} fetches, ${reg.globals.size} globals`);
      assert.deepEqual(missing, []);
    });
  }
});
