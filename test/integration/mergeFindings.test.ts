/**
 * `haproxy -c` (the real 2.6 binary) next to our diagnostics for the same file: every problem
 * both report (unknown keyword, removed keyword, missing backend) is listed once — ours — and
 * what only HAProxy says stays. Skipped when /usr/sbin/haproxy is absent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runCheck } from '../../server/src/node/haproxy/checkRunner';
import { locateFindings } from '../../server/src/node/haproxy/locateFindings';
import { dropCoveredFindings } from '../../server/src/node/haproxy/mergeFindings';
import { createMemoryHost } from '../../server/src/service/common/host';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/service/languageService';
import { HAPROXY, SKIP_NO_HAPROXY, tempDir } from './runHelpers';

const TIMEOUTS = ['defaults', '    mode http', '    timeout connect 1s', '    timeout client 1s', '    timeout server 1s', ''];

/** HAProxy stops at parse errors: these are reported by the parser… */
const PARSE_ERRORS = [
  'global',
  '    maxconn 100',
  '    frobnicate on',
  '',
  ...TIMEOUTS,
  'backend app',
  '    appsession JSESSIONID len 52 timeout 3h',
  '    server a 127.0.0.1:18082',
  '',
].join('\n');

/** …and these by the checks after parsing (a missing backend has no line: placed by proxy name). */
const POST_PARSE = [
  ...TIMEOUTS,
  'frontend fe',
  '    bind 127.0.0.1:18081',
  '    default_backend nosuch',
  '',
  'backend app',
  '    server a 127.0.0.1:18082',
  '    server a 127.0.0.1:18083',
  '',
  'listen st',
  '    bind 127.0.0.1:18090',
  '    mode tcp',
  '    balance url_param x',
  '',
].join('\n');

describe('haproxy -c findings merged with our diagnostics (real haproxy)', { skip: SKIP_NO_HAPROXY, timeout: 30_000 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  before(() => (tmp = tempDir()));
  after(() => tmp.cleanup());

  async function merged(name: string, text: string) {
    const file = path.join(tmp.dir, name);
    writeFileSync(file, text);
    const result = await runCheck(HAPROXY, file, { cwd: tmp.dir });
    const located = locateFindings(result.problems, text, file);
    const service = createLanguageService({ host: createMemoryHost({ [file]: text }) });
    const doc = TextDocument.create(`file://${file}`, 'haproxy', 1, text);
    const ours = service.doValidation(doc, { ...DEFAULT_SETTINGS, haproxyVersion: '2.6' })
      .map((d) => ({ line: d.range.start.line, code: d.code }));
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
    return { located, ours, lineOf, ...dropCoveredFindings(located, ours) };
  }

  it('parse errors both report (unknown keyword, removed keyword): listed once, ours', async () => {
    const { located, ours, lineOf, kept, covered } = await merged('parse.cfg', PARSE_ERRORS);
    const detail = JSON.stringify({ located, ours });
    assert.deepEqual(covered.map((f) => f.line), [lineOf('frobnicate'), lineOf('appsession')], detail);
    assert.deepEqual(kept, [], detail);
  });

  it('post-parse errors: the missing backend and the duplicate server once; HAProxy-only warnings kept', async () => {
    const { located, ours, lineOf, kept, covered } = await merged('post.cfg', POST_PARSE);
    const detail = JSON.stringify({ located, ours });
    assert.deepEqual(covered.map((f) => f.line).sort((a, b) => a - b), [lineOf('default_backend'), lineOf('server a 127.0.0.1:18083')], detail);
    // What only HAProxy says (the layer-7 hash falling back in tcp mode) is still shown.
    assert.ok(kept.some((f) => /Layer 7 hash/.test(f.message)), detail);
    assert.equal(kept.length + covered.length, located.length);
  });

  /** Refused for one reason each; [name, config, the line both HAProxy's findings and ours are on]. */
  const ONE_PROBLEM: Array<[string, string, string]> = [
    ['missing certificate', [...TIMEOUTS, 'frontend fe', '    bind 127.0.0.1:18443 ssl crt /nonexist/site.pem', ''].join('\n'), 'crt /nonexist'],
    ['missing server CA file (also a line-less alert)', [...TIMEOUTS, 'backend be', '    server s 127.0.0.1:443 ssl ca-file /nonexist/ca.pem', ''].join('\n'), 'ca-file'],
    ['missing errorfile', [...TIMEOUTS, 'backend be', '    errorfile 503 /nonexist/503.http', ''].join('\n'), 'errorfile'],
    ['undeclared group (line-less)', ['userlist admins', '    user alice insecure-password x groups ops', ''].join('\n'), 'user alice'],
    ['undeclared user (line-less)', ['userlist admins', '    group ops users bob', ''].join('\n'), 'group ops'],
    ['program without command (line-less)', ['global', '    master-worker', '', 'program worker', ''].join('\n'), 'program worker'],
    ['program without master-worker (line-less)', ['program worker', '    command /bin/true', ''].join('\n'), 'program worker'],
    ['missing mailers section (line-less)', [...TIMEOUTS, 'backend be', '    email-alert mailers mta', '    email-alert from a@example.org', '    email-alert to b@example.org', ''].join('\n'), 'email-alert mailers'],
    ['nbthread out of range', ['global', '    nbthread 0', ''].join('\n'), 'nbthread'],
  ];
  for (const [name, text, needle] of ONE_PROBLEM) {
    it(`${name}: HAProxy's findings land on our diagnostic's line and are listed once`, async () => {
      const { located, ours, lineOf, kept, covered } = await merged(`${name.replace(/\W+/g, '-')}.cfg`, text);
      const detail = JSON.stringify({ located, ours });
      assert.ok(located.length > 0, `haproxy -c must refuse it: ${detail}`);
      assert.deepEqual(kept, [], detail);
      assert.ok(covered.every((f) => f.line === lineOf(needle)), detail);
    });
  }
});
