import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/service/haproxy/features/completion';
import { resolveCompletion } from '../../../server/src/service/haproxy/features/completion/resolve';
import { applyEdit } from '../../helpers/cursor';
import { contextAt } from './fixtures/featureContext';

const HEAD = `defaults base
    mode http
frontend www
    bind 127.0.0.1:8080
backend zope
    server s1 127.0.0.1:8081
listen admin
    bind 127.0.0.1:9000
userlist ops
    user a insecure-password b
`;

function complete(marked: string) {
  const { ctx, position, text } = contextAt(marked);
  const items = doComplete(ctx, position).items.map(resolveCompletion);
  const labels = items.map((i) => i.label);
  const resultText = (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no '${label}' among ${labels.join(' ')}`);
    return applyEdit(text, item.textEdit as TextEdit);
  };
  return { items, labels, resultText };
}

describe('haproxy completion: stats scope', () => {
  it('offers every proxy (frontend, backend, listen) and "." but no other section names', () => {
    const c = complete(`${HEAD}listen stats\n    bind 127.0.0.1:8404\n    stats enable\n    stats scope |\n`);
    for (const name of ['www', 'zope', 'admin', 'stats', '.']) assert.ok(c.labels.includes(name), `${name} in ${c.labels.join(' ')}`);
    assert.ok(!c.labels.includes('base'), 'defaults sections are not proxies for stats scope');
    assert.ok(!c.labels.includes('ops'), 'userlists are not proxies');
    assert.equal(c.labels.filter((l) => l === 'zope').length, 1);
  });

  it('replaces the whole word under the cursor', () => {
    const c = complete(`${HEAD}listen stats\n    stats scope zo|pX\n`);
    assert.equal(c.resultText('zope'), `${HEAD}listen stats\n    stats scope zope\n`);
  });

  it('documents the proxy it names', () => {
    const c = complete(`${HEAD}listen stats\n    stats scope |\n`);
    const www = c.items.find((i) => i.label === 'www')!;
    assert.match(String(www.detail), /frontend/);
  });

  it('works in a backend with stats too, and offers nothing after the name', () => {
    assert.ok(complete(`${HEAD}backend st\n    stats enable\n    stats scope |\n`).labels.includes('www'));
    assert.deepEqual(complete(`${HEAD}listen stats\n    stats scope www |\n`).labels, []);
  });

  it('re-opens the list after choosing `scope` from the stats family', () => {
    const c = complete(`${HEAD}listen stats\n    stats sc|\n`);
    const scope = c.items.find((i) => i.label === 'scope');
    assert.ok(scope);
    assert.equal(scope.command?.command, 'editor.action.triggerSuggest');
    assert.equal(c.resultText('scope'), `${HEAD}listen stats\n    stats scope \n`);
  });
});

describe('haproxy completion: track', () => {
  it('never offers the server being written (HAProxy refuses a server tracking itself)', () => {
    const c = complete(`${HEAD}backend app\n    server a1 127.0.0.1:9001\n    server a2 127.0.0.1:9002 track |\n`);
    assert.ok(c.labels.includes('a1'));
    assert.ok(c.labels.includes('zope/s1'));
    assert.ok(!c.labels.includes('a2'), c.labels.join(' '));
  });
});

describe('haproxy completion: cookie options', () => {
  it('offers the cookie modes and flags after the name, not the ones already written nor after an argument-taking one', () => {
    const c = complete(`backend app\n    cookie SRV insert |\n`);
    for (const o of ['indirect', 'nocache', 'httponly', 'secure', 'domain', 'maxidle', 'attr', 'dynamic']) assert.ok(c.labels.includes(o), o);
    assert.ok(!c.labels.includes('insert') && !c.labels.includes('rewrite') && !c.labels.includes('prefix'), 'one mode only');
    assert.deepEqual(complete(`backend app\n    cookie |\n`).labels, []);
    assert.deepEqual(complete(`backend app\n    cookie SRV insert domain |\n`).labels, []);
    assert.equal(complete(`backend app\n    cookie SRV no|\n`).resultText('nocache'), `backend app\n    cookie SRV nocache\n`);
  });
});

describe('haproxy completion: anonymous defaults', () => {
  it('does not offer keywords HAProxy allows only in named defaults (acl, http-request …)', () => {
    const anon = complete('defaults\n    |\n').labels;
    assert.ok(!anon.includes('acl') && !anon.includes('http-request'), 'refused in an anonymous defaults section');
    assert.ok(anon.includes('timeout') && anon.includes('mode') && anon.includes('option'));
    const named = complete('defaults web\n    |\n').labels;
    assert.ok(named.includes('acl') && named.includes('http-request'));
  });
});

describe('haproxy completion: option values', () => {
  it('offers multiplexer protocols after proto and the methods after init-addr', () => {
    assert.deepEqual(complete('backend app\n    server s 127.0.0.1:80 proto |\n').labels.sort(), ['fcgi', 'h1', 'h2', 'none']);
    assert.ok(!complete('frontend fe\n    bind :80 proto |\n').labels.includes('fcgi'), 'fcgi is backend-only');
    assert.ok(complete('backend app\n    server s 127.0.0.1:80 init-addr |\n').labels.includes('libc'));
  });
});

describe('haproxy completion: edit ranges inside existing text', () => {
  it('keeps the parenthesised argument of the word being replaced', () => {
    assert.equal(complete('frontend f\n    http-request set-v|ar(txn.x) str(1)\n').resultText('set-var'), 'frontend f\n    http-request set-var(txn.x) str(1)\n');
    assert.equal(complete('frontend f\n    acl a hdr_b|eg(host) -i www\n').resultText('hdr_beg'), 'frontend f\n    acl a hdr_beg(host) -i www\n');
  });
  it('does not double the blank when the replaced word is already followed by one', () => {
    assert.equal(complete('backend b\n    server s 1.2.3.4:80 in|ter 2s\n').resultText('inter'), 'backend b\n    server s 1.2.3.4:80 inter 2s\n');
    assert.equal(complete('backend b\n    op|tion httpchk\n').resultText('option'), 'backend b\n    option httpchk\n');
    assert.equal(complete('backend b\n    server s 1.2.3.4:80 in|\n').resultText('inter'), 'backend b\n    server s 1.2.3.4:80 inter \n');
  });
});
