import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { doHover } from '../../../server/src/service/haproxy/features/hover';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { contextAt } from './fixtures/featureContext';

/** Hover (and completion documentation, same markdown) says when a name is experimental in the target version. */
function hoverText(marked: string, version: HaproxyVersion): string {
  const { ctx, position } = contextAt(marked, { version });
  const h = doHover(ctx, position);
  assert.ok(h, marked);
  return (h.contents as { value: string }).value;
}
const EXPERIMENTAL = /Experimental in HAProxy \d\.\d: refused unless `expose-experimental-directives`/;

describe('haproxy docs: experimental status per version', () => {
  it('marks experimental directives, actions and bind/server options', () => {
    assert.match(hoverText('global\n    tune.fd.edge-|triggered on\n', '3.2'), EXPERIMENTAL);
    assert.match(hoverText('frontend f\n    bind :80\n    http-request normalize-|uri path-merge-slashes\n', '2.6'), EXPERIMENTAL);
    assert.match(hoverText('backend b\n    server s 127.0.0.1:80 kt|ls on\n', '3.4'), EXPERIMENTAL);
    assert.match(hoverText('frontend f\n    bind rhttp@b/s nbc|onn 2\n', '3.0'), EXPERIMENTAL);
  });
  it('says nothing for ordinary names or where a version no longer gates it', () => {
    assert.doesNotMatch(hoverText('backend b\n    server s 127.0.0.1:80 che|ck\n', '3.4'), /Experimental/);
    assert.doesNotMatch(hoverText('global\n    tune.disable-fast-|forward\n', '3.4'), /Experimental/);
    assert.match(hoverText('global\n    tune.disable-fast-|forward\n', '3.2'), EXPERIMENTAL);
  });
});
