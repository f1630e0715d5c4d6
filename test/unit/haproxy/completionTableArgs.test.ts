import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';

const CONFIG = [
  'peers mypeers',
  '    peer local 127.0.0.1:10000',
  '    table shared type ip size 1k',
  'backend rates',
  '    stick-table type ip size 1m expire 10s store http_req_rate(10s)',
  'backend plain',
  '    server s1 127.0.0.1:8081',
  'frontend fe',
  '    bind 127.0.0.1:8080',
  '    stick-table type ip size 1m',
].join('\n');

function complete(line: string) {
  const { ctx, position, text } = contextAt(`${CONFIG}\n${line}\n`);
  const items = doComplete(ctx, position).items;
  return { labels: items.map((i) => i.label).sort(), apply: (label: string) => applyEdit(text, items.find((i) => i.label === label)!.textEdit as TextEdit), text };
}

const TABLES = ['fe', 'mypeers/shared', 'rates'];

describe('haproxy completion: stick-table arguments of samples', () => {
  it('offers the tables after the counter of sc_* fetches', () => {
    const c = complete('    http-request deny if { sc_http_req_rate(0,|) gt 10 }');
    assert.deepEqual(c.labels, TABLES);
    assert.ok(c.apply('rates').includes('sc_http_req_rate(0,rates) gt 10'));
  });
  it('offers them as the first argument of src_* and table_* fetches, in ACLs and %[…]', () => {
    assert.deepEqual(complete('    acl busy src_conn_cur(|)').labels, TABLES);
    assert.deepEqual(complete('    acl full table_cnt(|)').labels, TABLES);
    assert.deepEqual(complete('    http-request set-header X-Rate %[src,table_http_req_rate(|)]').labels, TABLES);
  });
  it('replaces the partly typed name', () => {
    const c = complete('    acl busy src_conn_cur(ra|)');
    assert.ok(c.apply('rates').includes('src_conn_cur(rates)'));
  });
  it('offers nothing for the counter argument or after the table', () => {
    assert.deepEqual(complete('    acl a sc_http_req_rate(|)').labels, []);
    assert.deepEqual(complete('    acl a src_conn_cur(fe,|)').labels, []);
  });
});
