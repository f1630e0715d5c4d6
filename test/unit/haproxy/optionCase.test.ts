/**
 * Capitalised bind and server options. HAProxy looks option names up case-sensitively, so
 * `Observe layer7` on a server line or `Name x` on a bind line is refused by the real
 * haproxy -c 2.6.12 ("unknown keyword 'Observe'; did you mean 'observe' maybe ?"), while our
 * option scan reads lower-cased words and used to find the option. Each BAD line is checked
 * against the real binary below (when installed), each GOOD one accepted by both.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { coveringDiagnostic } from '../../../server/src/node/haproxy/mergeFindings';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { applyEdit } from '../../helpers/cursor';
import { diagnose, ERROR, makeContext } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cfg = (bind: string, server: string) =>
  `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    ${bind}\n    default_backend be\nbackend be\n    ${server}\n`;

/** [bind line, server line, code, line (0-based), the flagged word, its fix]. */
const BAD: [string, string, string, number, string, string][] = [
  ['bind 127.0.0.1:18080', 'server s1 127.0.0.1:8080 check Observe layer7', 'unknown-server-option', 9, 'Observe', 'observe'],
  ['bind 127.0.0.1:18080', 'server s1 127.0.0.1:8080 CHECK', 'unknown-server-option', 9, 'CHECK', 'check'],
  ['bind 127.0.0.1:18080', 'server s1 127.0.0.1:8080 Weight 10', 'unknown-server-option', 9, 'Weight', 'weight'],
  ['bind 127.0.0.1:18080', 'default-server inter 2s No-Check', 'unknown-server-option', 9, 'No-Check', 'no-check'],
  ['bind 127.0.0.1:18080 Name web', 'server s1 127.0.0.1:8080', 'unknown-bind-option', 6, 'Name', 'name'],
  ['bind 127.0.0.1:18080 maxconn 10 Accept-Proxy', 'server s1 127.0.0.1:8080', 'unknown-bind-option', 6, 'Accept-Proxy', 'accept-proxy'],
];
const GOOD = [
  cfg('bind 127.0.0.1:18080 name web accept-proxy', 'server s1 127.0.0.1:8080 check observe layer7 weight 10'),
  // Capitals in values are the user's text, not option names.
  cfg('bind 127.0.0.1:18080 name Web-Front', 'server S1 127.0.0.1:8080 cookie A1 check'),
];

describe('haproxy capitalised bind/server options', () => {
  for (const [bind, server, code, line, word, fix] of BAD) {
    const text = cfg(bind, server);
    it(`'${word}' is ${code}, fixed to '${fix}'`, () => {
      const ctx = makeContext(text);
      const diags = validate(ctx);
      const errors = diags.filter((d) => d.severity === ERROR);
      assert.deepEqual(errors.map((d) => [d.code, d.range.start.line]), [[code, line]], JSON.stringify(errors));
      assert.equal(text.split('\n')[line].slice(errors[0].range.start.character, errors[0].range.end.character), word);
      const action = getCodeActions(ctx, errors[0].range, diags).find((a) => a.isPreferred);
      assert.ok(action, 'a quick fix');
      const fixed = action.edit!.changes![ctx.uri].reduce((t, e) => applyEdit(t, e), text);
      assert.equal(fixed, text.replace(word, fix));
      assert.deepEqual(diagnose(fixed, { version: '2.6' }).filter((d) => d.severity === ERROR), []);
    });
  }
  for (const text of GOOD) {
    it(`accepts: ${text.split('\n')[6].trim()} / ${text.split('\n')[9].trim()}`, () => assert.deepEqual(diagnose(text, { version: '2.6' }).filter((d) => d.severity === ERROR), []));
  }
  it('haproxy -c 2.6 refuses each BAD line, accepts the GOOD ones, and its alert merges with ours', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('option-case-');
    try {
      for (const [bind, server, , , word] of BAD) {
        const text = cfg(bind, server);
        const r = checker.run(text);
        assert.equal(r.status, 1, r.stderr);
        const alert = new RegExp(`ALERT.*?\\[[^\\]]+:(\\d+)\\] : (.*unknown keyword '${word}'.*)`).exec(r.stderr);
        assert.ok(alert, r.stderr);
        const ours = diagnose(text, { version: '2.6' }).map((d) => ({ line: d.range.start.line, code: String(d.code) }));
        assert.ok(coveringDiagnostic({ line: Number(alert[1]) - 1, message: alert[2] }, ours), alert[2]);
      }
      for (const text of GOOD) assert.ok([0, 2].includes(checker.run(text).status ?? -1), text);
    } finally {
      checker.remove();
    }
  });
});
