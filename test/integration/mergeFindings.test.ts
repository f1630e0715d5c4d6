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
});
