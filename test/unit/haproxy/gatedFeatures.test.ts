import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { getCodeActions } from '../../../server/src/service/haproxy/features/codeActions';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { applyEdit } from '../../helpers/cursor';
import { codesAt, DEFAULTS, diagnose, ERROR, makeContext } from './diagnosticsHelpers';

const only = (code: string, text: string, version: HaproxyVersion = '2.6') =>
  diagnose(text, { version }).filter((d) => d.code === code);

const FE = 'frontend fe\n    bind 127.0.0.1:8080\n';

describe('haproxy experimental directives', () => {
  it('flags an experimental action without expose-experimental-directives (an error, as haproxy -c)', () => {
    const text = `${DEFAULTS}${FE}    http-request normalize-uri path-merge-slashes\n`;
    const d = only('experimental-directive', text);
    assert.deepEqual(codesAt(d), ['experimental-directive@8']);
    assert.equal(d[0].severity, ERROR);
    assert.match(String(d[0].message), /normalize-uri/);
    assert.equal(d[0].range.start.character, 17);
  });
  it('accepts it after expose-experimental-directives in global', () => {
    const text = `global\n    expose-experimental-directives\n${DEFAULTS}${FE}    http-request normalize-uri path-merge-slashes\n`;
    assert.deepEqual(only('experimental-directive', text), []);
  });
  it('still flags a use above the expose line (HAProxy reads them in order)', () => {
    const text = `global\n    tune.fd.edge-triggered on\n    expose-experimental-directives\n${DEFAULTS}${FE}    http-request normalize-uri path-merge-slashes\n`;
    assert.deepEqual(codesAt(only('experimental-directive', text)), ['experimental-directive@2']);
  });
  it('follows the version: attach-srv is gated from 3.0, trace in global only in 2.8 and 3.0', () => {
    const attach = `${DEFAULTS}${FE}    tcp-request session attach-srv be/s1\n`;
    assert.deepEqual(codesAt(only('experimental-directive', attach, '3.0')), ['experimental-directive@8']);
    const trace = 'global\n    trace h1 sink stderr\n';
    assert.equal(only('experimental-directive', trace, '2.8').length, 1);
    assert.equal(only('experimental-directive', trace, '3.2').length, 0);
  });
  it('does not flag the same word as a non-experimental action or in another rule set', () => {
    const text = `${DEFAULTS}${FE}    http-response set-header X-A b\n    http-request set-header X-B c\n`;
    assert.deepEqual(only('experimental-directive', text), []);
  });
});

function exposeFix(text: string): { action: CodeAction; fixed: string } {
  const ctx = makeContext(text);
  const diags = validate(ctx);
  const diag = diags.find((d) => d.code === 'experimental-directive');
  assert.ok(diag);
  const action = getCodeActions(ctx, diag.range, diags).find((a) => a.diagnostics?.[0] === diag);
  assert.ok(action);
  const edits = [...(action.edit?.changes?.[ctx.uri] ?? [])];
  return { action, fixed: edits.reduce((t, e) => applyEdit(t, e), text) };
}

describe('haproxy quick fix: expose experimental directives', () => {
  it('adds the line right after an existing global header', () => {
    const text = `global\n    log stdout local0\n${DEFAULTS}${FE}    http-request normalize-uri path-merge-slashes\n`;
    const { action, fixed } = exposeFix(text);
    assert.equal(action.title, 'Add expose-experimental-directives to global');
    assert.equal(fixed, text.replace('global\n', 'global\n    expose-experimental-directives\n'));
    assert.deepEqual(only('experimental-directive', fixed), []);
  });
  it('adds a global section at the top when there is none', () => {
    const text = `${DEFAULTS}${FE}    http-request normalize-uri path-merge-slashes\n`;
    const { fixed } = exposeFix(text);
    assert.ok(fixed.startsWith('global\n    expose-experimental-directives\n'));
    assert.deepEqual(only('experimental-directive', fixed), []);
  });
});

describe('haproxy filter names', () => {
  it('flags a misspelt filter with a suggestion', () => {
    const d = only('unknown-filter', `${DEFAULTS}${FE}    filter compresion\n`);
    assert.deepEqual(codesAt(d), ['unknown-filter@8']);
    assert.equal(d[0].severity, ERROR);
    assert.match(String(d[0].message), /Did you mean 'compression'/);
  });
  it('knows bwlim-in/out only from 2.8 and comp-req only from 3.4', () => {
    const bw = `${DEFAULTS}${FE}    filter bwlim-in lim default-limit 10k default-period 1s\n`;
    assert.equal(only('unknown-filter', bw, '2.6').length, 1);
    assert.equal(only('unknown-filter', bw, '2.8').length, 0);
    const comp = `${DEFAULTS}${FE}    filter comp-req\n`;
    assert.equal(only('unknown-filter', comp, '3.2').length, 1);
    assert.equal(only('unknown-filter', comp, '3.4').length, 0);
  });
  it('accepts the documented filters and the build-optional ones', () => {
    const text = `${DEFAULTS}${FE}    filter compression\n    filter trace name T\n    filter spoe config /etc/spoe.conf\n    filter opentracing config /etc/ot.cfg\n    filter lua.my_filter arg\n`;
    assert.deepEqual(only('unknown-filter', text), []);
  });
});

describe('haproxy quick fix: unknown filter', () => {
  it('replaces the filter name by the suggestion', () => {
    const text = `${DEFAULTS}${FE}    filter compresion\n`;
    const ctx = makeContext(text);
    const diags = validate(ctx);
    const diag = diags.find((d) => d.code === 'unknown-filter');
    assert.ok(diag);
    const action = getCodeActions(ctx, diag.range, diags).find((a) => a.diagnostics?.[0] === diag);
    assert.equal(action?.title, "Change to 'compression'");
    const fixed = (action?.edit?.changes?.[ctx.uri] ?? []).reduce((t, e) => applyEdit(t, e), text);
    assert.equal(fixed, text.replace('compresion', 'compression'));
  });
});
