/**
 * Named defaults sections with TCP/HTTP rules: the sections HAProxy refuses to start from them
 * (defaults-rules-inheritance) and their own-table rules (undefined-table). Every config here is
 * also given to the real haproxy -c (when installed): each BAD one must be refused, each GOOD one
 * accepted, so the expectations are HAProxy's and not ours.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { codesAt, diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const T = '    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
/** An anonymous defaults (no rules) and a backend `be` that starts from it. */
const PLAIN_BE = `defaults\n${T}backend be\n    server s 127.0.0.1:80\n`;
const FE = (head: string, extra = '') => `${head}\n    bind 127.0.0.1:18080\n    default_backend be\n${extra}`;

/** [name, config, expected errors as code@line]. haproxy -c 2.6.12 refuses each. */
const BAD: [string, string, string[]][] = [
  ['a frontend and a backend both use it implicitly',
    `defaults d\n${T}    http-request set-header X-A 1\n${FE('frontend fe')}backend be\n    server s 127.0.0.1:80\n`,
    ['defaults-rules-inheritance@10']],
  ['a backend then a frontend name it with from',
    `defaults d\n${T}    http-request set-header X-A 1\nbackend be from d\n    server s 127.0.0.1:80\n${FE('frontend fe from d')}`,
    ['defaults-rules-inheritance@9']],
  ['a listen uses it',
    `defaults d\n${T}    http-request deny if { path /x }\nlisten li from d\n    bind 127.0.0.1:18080\n    server s 127.0.0.1:80\n`,
    ['defaults-rules-inheritance@7']],
  ['a defaults starts from it',
    `defaults d\n${T}    http-response set-header X-A 1\ndefaults e from d\n${T}${PLAIN_BE}`,
    ['defaults-rules-inheritance@7']],
  ['an unnamed defaults starts from it',
    `defaults d\n${T}    http-after-response set-header X-A 1\ndefaults from d\n${T}${PLAIN_BE}`,
    ['defaults-rules-inheritance@7']],
  ['a backend uses tcp-request connection rules',
    `defaults d\n${T}    tcp-request connection accept\nbackend b2 from d\n    server s 127.0.0.1:80\n${PLAIN_BE}`,
    ['defaults-rules-inheritance@7']],
  ['a backend uses tcp-request session rules',
    `defaults d\n${T}    tcp-request session accept\nbackend b2 from d\n    server s 127.0.0.1:80\n${PLAIN_BE}`,
    ['defaults-rules-inheritance@7']],
  ['a frontend uses tcp-response content rules',
    `defaults d\n${T}    tcp-response inspect-delay 5s\n    tcp-response content accept\n${FE('frontend fe from d')}${PLAIN_BE}`,
    ['defaults-rules-inheritance@8']],
  ['track-sc0 without a table in a used defaults',
    `defaults d\n${T}    http-request track-sc0 src\n${FE('frontend fe')}${PLAIN_BE}`,
    ['undefined-table@6']],
  ['track-sc1 in tcp-request content of a used defaults',
    `defaults d\n${T}    tcp-request content track-sc1 src\n${FE('frontend fe from d')}${PLAIN_BE}`,
    ['undefined-table@6']],
  ['src_conn_cur without a table in a used defaults (ACL and sample)',
    `defaults d\n${T}    http-request deny if { src_conn_cur gt 3 }\n    http-request set-var(txn.n) src_conn_cur\n${FE('frontend fe from d')}${PLAIN_BE}`,
    ['undefined-table@6', 'undefined-table@7']],
];

/** haproxy -c 2.6.12 accepts each (exit 0 or 2). */
const GOOD: [string, string][] = [
  ['frontends only, backends from an anonymous defaults below',
    `defaults d\n${T}    http-request set-header X-A 1\n${FE('frontend fe')}${FE('frontend fe2 from d')}${PLAIN_BE}`],
  ['backends only with tcp-response rules',
    `defaults d\n${T}    tcp-response inspect-delay 5s\n    tcp-response content accept\nbackend be from d\n    server s 127.0.0.1:80\nbackend be2 from d\n    server s 127.0.0.1:81\n`],
  ['frontends with tcp-request connection rules',
    `defaults d\n${T}    tcp-request connection accept\n${FE('frontend fe')}${PLAIN_BE}`],
  ['a defaults section after it without from starts afresh',
    `defaults d\n${T}    http-request set-header X-A 1\ndefaults e\n${T}${FE('frontend fe')}backend be\n    server s 127.0.0.1:80\nlisten li\n    bind 127.0.0.1:18081\n    server s 127.0.0.1:80\n`],
  ['inspect-delay alone is not a rule',
    `defaults d\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    tcp-request inspect-delay 5s\nlisten li\n    bind 127.0.0.1:18080\n    server s 127.0.0.1:80\n`],
  ['track-sc0 with a table, and a table argument to the fetch',
    `defaults d\n${T}    http-request track-sc0 src table be\n    http-request deny if { src_conn_cur(be) gt 3 }\n${FE('frontend fe')}defaults\n${T}backend be\n    stick-table type ip size 1k store conn_cur\n    server s 127.0.0.1:80\n`],
  ['track-sc0 without a table in a defaults nobody uses',
    `defaults d\n${T}    http-request track-sc0 src\n${PLAIN_BE}`],
  ['track-sc0 without a table in a defaults used only by a disabled proxy',
    `defaults d\n${T}    http-request track-sc0 src\n${FE('frontend fe', '    disabled\n')}${PLAIN_BE}`],
];

const errors = (text: string) => codesAt(diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR));

describe('haproxy defaults sections with rules', () => {
  for (const [name, text, expected] of BAD) {
    it(`refuses: ${name}`, () => assert.deepEqual(errors(text), expected));
  }
  for (const [name, text] of GOOD) {
    it(`accepts: ${name}`, () => assert.deepEqual(errors(text), []));
  }
  for (const version of ['2.8', '3.0', '3.2', '3.4'] as const) {
    it(`the same findings for ${version}`, () => {
      for (const [name, text, expected] of BAD) {
        const got = codesAt(diagnose(text, { version }).filter((d) => d.code === 'defaults-rules-inheritance' || d.code === 'undefined-table'));
        assert.deepEqual(got, expected, name);
      }
    });
  }
  it('names the defaults section, its line and the first user', () => {
    const d = diagnose(BAD[0][1], { version: '2.6' }).find((x) => x.code === 'defaults-rules-inheritance')!;
    assert.match(String(d.message), /backend uses the defaults section 'd' \(line 1\), the last one above it, whose TCP\/HTTP rules already serve the frontend 'fe' \(line 7\)/);
    assert.deepEqual([d.range.start.character, d.range.end.character], [0, 'backend be'.length]);
    const explicit = diagnose(BAD[2][1], { version: '2.6' }).find((x) => x.code === 'defaults-rules-inheritance')!;
    const line = BAD[2][1].split('\n')[6];
    assert.equal(line.slice(explicit.range.start.character, explicit.range.end.character), 'from d');
  });
  it('stays silent when a section header is inside an .if block, or a rule line is', () => {
    const text = `defaults d\n${T}    http-request set-header X-A 1\n${FE('frontend fe')}.if defined(BE_TOO)\nbackend be\n    server s 127.0.0.1:80\n.endif\n`;
    assert.deepEqual(diagnose(text, { version: '2.6' }).filter((d) => d.code === 'defaults-rules-inheritance'), []);
    const ruleInIf = `defaults d\n${T}.if defined(RULES)\n    http-request set-header X-A 1\n.endif\n${FE('frontend fe')}backend be\n    server s 127.0.0.1:80\n`;
    assert.deepEqual(diagnose(ruleInIf, { version: '2.6' }).filter((d) => d.code === 'defaults-rules-inheritance'), []);
  });
  it('haproxy -c agrees, and each of its located alerts merges with our finding on that line', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('defaults-rules-');
    try {
      const run = checker.run;
      for (const [name, text] of BAD) {
        const r = run(text);
        assert.equal(r.status, 1, name);
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        for (const m of r.stderr.matchAll(/\[ALERT\].*?: config : parsing \[[^\]]+:(\d+)\] ?: (.*)/g)) {
          assert.ok(coveringDiagnostic({ line: Number(m[1]) - 1, message: m[2] }, ours), `${name}: ${m[2]}`);
        }
      }
      for (const [name, text] of GOOD) assert.ok([0, 2].includes(run(text).status ?? -1), name);
    } finally {
      checker.remove();
    }
  });
});
