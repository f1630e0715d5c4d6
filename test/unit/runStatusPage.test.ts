import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCsp, statusPageHtml, frameOrigin } from '../../client/src/statusPage/html';
import { parseFromWebview } from '../../client/src/statusPage/messages';
import { findBuildoutHaproxy } from '../../server/src/node/haproxy/buildoutBinary';

describe('status page shell', () => {
  const input = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123==',
    scriptUri: 'https://x/media/statusPage.js',
    styleUri: 'https://x/media/statusPage.css',
    frameUrl: 'http://127.0.0.1:8001/haproxy-status',
    refreshSeconds: 2,
  };

  it('has a strict CSP: no default sources, nonce scripts, loopback frames', () => {
    const csp = buildCsp(input);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /frame-src http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*;/);
    assert.match(csp, /script-src 'nonce-abc123=='/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|connect-src/);
  });

  it('allows the forwarded origin of a remote stats page, and nothing for bad URLs', () => {
    assert.match(buildCsp({ ...input, frameUrl: 'https://8001-abc.remote.example/haproxy-status' }), /frame-src [^;]* https:\/\/8001-abc\.remote\.example;/);
    assert.equal(frameOrigin('javascript:alert(1)'), undefined);
    assert.equal(frameOrigin(undefined), undefined);
  });

  it('escapes initial data and puts the nonce on the only script', () => {
    const html = statusPageHtml({ ...input, frameUrl: 'http://127.0.0.1:1/"><script>x</script>' });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123==" src="https:\/\/x\/media\/statusPage\.js"><\/script>/);
    assert.match(html, /data-initial="\{&quot;frameUrl&quot;:&quot;http:\/\/127\.0\.0\.1:1\/\\&quot;&gt;&lt;script&gt;/);
  });

  it('accepts only known messages from the webview', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'command', command: 'haproxy.stop' }), { type: 'command', command: 'haproxy.stop' });
    assert.equal(parseFromWebview({ type: 'command', command: 'workbench.action.terminal.new' }), undefined);
    assert.equal(parseFromWebview('ready'), undefined);
    assert.equal(parseFromWebview({ type: 'eval' }), undefined);
  });
});

describe('buildout bin/haproxy', () => {
  it('finds the plone.recipe.haproxy part of the example buildout through extends', () => {
    const root = path.resolve('examples/plone-buildout');
    const found = findBuildoutHaproxy(path.join(root, 'buildout.cfg'));
    assert.deepEqual(found, { part: 'haproxy-build', binary: path.join(root, 'bin', 'haproxy') });
  });

  it('returns nothing for a profile without the recipe', () => {
    assert.equal(findBuildoutHaproxy(path.resolve('examples/plone-buildout/profiles/base.cfg')), undefined);
  });
});
