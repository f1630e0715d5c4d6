/**
 * Stick-table names as references: `track-scN … table <t>`, `stick on … table <t>`, the table
 * argument of `sc_*`/`src_*`/`table_*` fetches and converters, and `<peers>/<table>` names of
 * tables declared in a peers section. Checked: definition, references, rename, hover,
 * highlights, and the undefined-table diagnostic (HAProxy 2.6 refuses both a missing proxy
 * and a proxy without a stick-table: "unable to find table 'x' referenced by track-sc0").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { doHover } from '../../../server/src/service/haproxy/features/hover';
import {
  doRename, documentHighlights, findDefinition, findReferences,
} from '../../../server/src/service/haproxy/features/navigation';
import { buildNameIndex } from '../../../server/src/service/haproxy/features/nameIndex';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';
import { codesAt, diagnose } from './diagnosticsHelpers';

const DEFAULTS = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';

const CFG = `${DEFAULTS}peers mesh
    peer local 127.0.0.1:10000
    table clients type ip size 10k store gpc0
frontend www
    bind :80
    http-request track-sc0 src table rates
    http-request track-sc1 src table mesh/clients
    http-request deny if { sc_http_req_rate(0,rates) gt 50 }
    http-request deny if { src_get_gpc0(mesh/clients) gt 0 }
    http-request deny if { src,table_conn_cur(rates) gt 20 }
    default_backend app
backend rates
    stick-table type ip size 100k expire 30s store http_req_rate(10s),conn_cur
backend app
    stick on src table rates
    server a1 10.0.0.1:80
`;

/** The config with the cursor one character inside the n-th occurrence of `marker`. */
function at(marker: string, occurrence = 1) {
  let idx = -1;
  for (let i = 0; i < occurrence; i++) idx = CFG.indexOf(marker, idx + 1);
  assert.ok(idx >= 0, `marker ${marker}`);
  return contextAt(CFG.slice(0, idx + 1) + '|' + CFG.slice(idx + 1), { version: '2.6' });
}
const lineOf = (marker: string) => CFG.split('\n').findIndex((l) => l.includes(marker));
function applyAll(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .reduce((t, e) => applyEdit(t, e), text);
}

describe('stick-table references: index', () => {
  it('records table references from track-sc, stick rules, fetch and converter arguments', () => {
    const idx = buildNameIndex(parseHaproxy(CFG));
    const refs = idx.references('table').map((r) => `${r.via}:${r.proxy ? `${r.proxy}/` : ''}${r.name}`);
    assert.deepEqual(refs, [
      'track-sc0:rates', 'track-sc1:mesh/clients', 'sc_http_req_rate:rates', 'src_get_gpc0:mesh/clients',
      'table_conn_cur:rates', 'stick:rates',
    ]);
    // `mesh/clients` also references the peers section `mesh`.
    assert.equal(idx.references('peers', 'mesh').length, 2);
  });

  it('finds the table argument after the index of indexed GPC/GPT samples', () => {
    const text = `${DEFAULTS}backend t\n    stick-table type ip size 1k store gpc(2),gpt(2)\nfrontend f\n    bind :80\n    http-request deny if { sc_get_gpc(1,0,t) gt 0 } { src_get_gpt(0,t) gt 0 } { sc_get_gpc0(0,t) gt 0 } { src,table_gpc(1,t) gt 0 }\n    default_backend t\n`;
    const idx = buildNameIndex(parseHaproxy(text));
    const line = text.split('\n').find((l) => l.includes('sc_get_gpc(')) ?? '';
    const cols = idx.references('table', 't').map((r) => r.range.start.character);
    assert.equal(cols.length, 4);
    for (const c of cols) assert.equal(line[c], 't', `column ${c} of ${line}`);
    for (const r of idx.references('table', 't')) assert.equal(idx.resolve(r)[0]?.kind, 'backend');
  });

  it('does not take counter actions or run-time names for tables', () => {
    const text = `${DEFAULTS}frontend f\n    bind :80\n    http-request sc-inc-gpc0(0)\n    http-request track-sc0 src table "%[var(txn.t)]"\n    http-request deny if { sc0_http_req_rate gt 5 }\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n`;
    assert.deepEqual(buildNameIndex(parseHaproxy(text)).references('table'), []);
  });
});

describe('stick-table references: navigation and hover', () => {
  it('goes from a table reference to the proxy that holds the table', () => {
    const { ctx, position } = at('rates)', 1);
    const defs = findDefinition(ctx, position);
    assert.deepEqual(defs.map((d) => d.range.start.line), [lineOf('backend rates')]);
  });

  it('goes from `mesh/clients` to the table line of the peers section', () => {
    const { ctx, position } = at('clients\n');
    const defs = findDefinition(ctx, position);
    assert.deepEqual(defs.map((d) => [d.range.start.line, d.range.start.character]), [[lineOf('table clients'), 10]]);
  });

  it('lists the table references among the proxy references', () => {
    const { ctx, position } = at('backend rates');
    const refs = findReferences(ctx, { line: position.line, character: 'backend r'.length }, false);
    assert.deepEqual(refs.map((r) => r.range.start.line), [
      lineOf('track-sc0'), lineOf('sc_http_req_rate'), lineOf('table_conn_cur'), lineOf('stick on'),
    ]);
  });

  it('renames the proxy together with every table reference to it', () => {
    const { ctx, position } = at('table rates');
    const edit = doRename(ctx, { line: position.line, character: position.character + 'able r'.length }, 'limits');
    assert.ok(edit?.changes);
    const out = applyAll(CFG, edit.changes[ctx.uri]);
    assert.match(out, /^backend limits$/m);
    assert.match(out, /track-sc0 src table limits$/m);
    assert.match(out, /sc_http_req_rate\(0,limits\)/);
    assert.match(out, /table_conn_cur\(limits\)/);
    assert.match(out, /stick on src table limits$/m);
    assert.doesNotMatch(out, /rates/);
  });

  it('renames a peers table in its `peers/table` references only', () => {
    const { ctx, position } = at('table clients');
    const edit = doRename(ctx, { line: position.line, character: position.character + 'able c'.length }, 'visitors');
    assert.ok(edit?.changes);
    const out = applyAll(CFG, edit.changes[ctx.uri]);
    assert.match(out, /table visitors type ip/);
    assert.match(out, /table mesh\/visitors$/m);
    assert.match(out, /src_get_gpc0\(mesh\/visitors\)/);
    assert.match(out, /^peers mesh$/m);
  });

  it('hovers a table reference with the proxy definition', () => {
    const { ctx, position } = at('rates) gt 50');
    const h = doHover(ctx, position);
    const text = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /table `rates`/);
    assert.match(text, /backend rates/);
  });

  it('highlights the proxy name and its table references', () => {
    const { ctx, position } = at('table rates');
    const hl = documentHighlights(ctx, { line: position.line, character: position.character + 'able r'.length });
    assert.equal(hl.length, 5);
  });
});

describe('stick-table references: undefined-table', () => {
  it('accepts the tables of proxies with a stick-table and of peers sections', () => {
    assert.deepEqual(diagnose(CFG).filter((d) => d.severity === 1).map((d) => String(d.message)), []);
  });

  it('reports a proxy without stick-table, a missing proxy and a missing peers table', () => {
    const text = `${DEFAULTS}peers mesh
    peer local 127.0.0.1:10000
    table clients type ip size 10k
frontend www
    bind :80
    http-request track-sc0 src table app
    http-request track-sc1 src table nosuch
    http-request track-sc2 src table mesh/client
    http-request deny if { table_cnt(clients) gt 0 }
    default_backend app
backend app
    stick on src table www
    server a1 10.0.0.1:80
`;
    const diags = diagnose(text);
    assert.deepEqual(codesAt(diags.filter((d) => d.code === 'undefined-table')), [
      'undefined-table@11', 'undefined-table@12', 'undefined-table@13', 'undefined-table@14', 'undefined-table@17',
    ]);
    const msg = (line: number) => String(diags.find((d) => d.range.start.line === line - 1)?.message);
    assert.match(msg(11), /'app' has no 'stick-table' line/);
    assert.match(msg(12), /no frontend, backend or listen/);
    assert.match(msg(13), /declares no table 'client'.*Did you mean 'clients'/);
    assert.match(msg(14), /Did you mean 'mesh\/clients'/);
    for (const d of diags.filter((x) => x.code === 'undefined-table')) assert.equal(d.severity, 1);
  });

  it('leaves a missing peers section to undefined-reference', () => {
    const text = `${DEFAULTS}frontend www\n    bind :80\n    http-request track-sc0 src table nopeers/t\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n`;
    assert.deepEqual(codesAt(diagnose(text).filter((d) => d.severity === 1)), ['undefined-reference@8']);
  });
});

describe('stick-table references: quick fix', () => {
  it('offers the did-you-mean table as a replacement', async () => {
    const { getCodeActions } = await import('../../../server/src/service/haproxy/features/codeActions');
    const { makeContext } = await import('./diagnosticsHelpers');
    const { validate } = await import('../../../server/src/service/haproxy/features/diagnostics/index');
    const text = `${DEFAULTS}frontend www\n    bind :80\n    http-request track-sc0 src table rate\n    default_backend rates\nbackend rates\n    stick-table type ip size 1k\n    server s 10.0.0.1:80\n`;
    const ctx = makeContext(text);
    const diags = validate(ctx).filter((d) => d.code === 'undefined-table');
    assert.equal(diags.length, 1);
    const actions = getCodeActions(ctx, diags[0].range, diags);
    const edit = actions[0]?.edit?.changes?.[ctx.uri]?.[0];
    assert.ok(edit, 'a quick fix');
    assert.match(applyEdit(text, edit), /track-sc0 src table rates$/m);
  });
});

describe('stick rules without a table argument', () => {
  it('need a stick-table in their own backend, as haproxy -c requires', () => {
    const text = `${DEFAULTS}backend none\n    stick on src\n    stick match src if TRUE\n    server s1 10.0.0.1:80\nlisten own\n    bind :81\n    stick-table type ip size 1k\n    stick on src\n    server s1 10.0.0.2:80\n`;
    assert.deepEqual(codesAt(diagnose(text).filter((d) => d.severity === 1)), ['undefined-table@7', 'undefined-table@8']);
  });
});

describe('stick-table references: what is not one', () => {
  it('ignores look-alike names inside regex patterns and literal strings', () => {
    const text = `${DEFAULTS}frontend f\n    bind :80\n    acl legacy path_reg ^/table_view(abc)$ /src_x(y)\n    http-request set-header X-Note "see sc_doc(x)"\n    http-request deny if legacy\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n`;
    assert.deepEqual(buildNameIndex(parseHaproxy(text)).references('table'), []);
    assert.deepEqual(diagnose(text).filter((d) => d.severity === 1), []);
  });

  it('finds each table of a converter chain', () => {
    const text = `${DEFAULTS}frontend f\n    bind :80\n    http-request set-header X-R %[src,table_http_req_rate(a),add(0)],%[src,in_table(b)]\n    default_backend a\nbackend a\n    stick-table type ip size 1k store http_req_rate(1s)\n    server s 10.0.0.1:80\nbackend b\n    stick-table type ip size 1k\n`;
    assert.deepEqual(buildNameIndex(parseHaproxy(text)).references('table').map((r) => r.name), ['a', 'b']);
  });
});

describe('rules that use the proxy own table', () => {
  it('need a stick-table when no table is named (track-sc, src_*, table_cnt), as haproxy -c requires', () => {
    const text = `${DEFAULTS}frontend f\n    bind :80\n    http-request track-sc0 src\n    http-request deny if { src_conn_cur gt 5 } || { table_cnt gt 1 }\n    acl fast src_http_req_rate ge 10\n    http-request deny if { sc0_http_req_rate gt 5 } { src_port 80 } fast\n    default_backend b\nbackend b\n    stick-table type ip size 1k\n    http-request track-sc1 src\n    http-request deny if { src_conn_cur gt 5 }\n    server s 10.0.0.1:80\n`;
    const d = diagnose(text).filter((x) => x.severity === 1);
    assert.deepEqual(codesAt(d), ['undefined-table@8', 'undefined-table@9', 'undefined-table@9', 'undefined-table@10']);
    const line9 = text.split('\n')[8];
    assert.deepEqual(d.filter((x) => x.range.start.line === 8).map((x) => line9.slice(x.range.start.character, x.range.end.character)), ['src_conn_cur', 'table_cnt']);
  });
});

describe('stick-table names in completion', () => {
  it('offers proxies with a stick-table and peers tables after `table`', async () => {
    const { doComplete } = await import('../../../server/src/service/haproxy/features/completion');
    const base = `${DEFAULTS}peers mesh\n    peer a 127.0.0.1:10000\n    table clients type ip size 1k\nbackend rates\n    stick-table type ip size 1k\nbackend app\n    server s 10.0.0.1:80\n`;
    for (const line of ['frontend f\n    http-request track-sc0 src table |', 'backend x\n    stick on src table |']) {
      const { ctx, position } = contextAt(`${base}${line}\n`, { version: '2.6' });
      const r = doComplete(ctx, position);
      const labels = (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);
      assert.deepEqual(labels, ['rates', 'mesh/clients'], line);
    }
  });
});
