import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBuildoutProfile, profileReason } from '../../../server/src/service/buildout/workspace/detect';

test('buildout profiles: by name, by [buildout] header, by extends', () => {
  assert.equal(profileReason('/w/buildout.cfg', ''), 'name');
  assert.equal(profileReason('/w/prod.cfg', '# my profile\n; more\n\n[buildout]\nparts ='), 'header');
  assert.equal(profileReason('/w/profiles/base.cfg', '[instance-base]\nrecipe = x', true), 'extends');
  assert.equal(profileReason('/w/profiles/base.cfg', '[instance-base]\nrecipe = x', false), undefined);
});

test('never claims setup.cfg, tox-style or HAProxy files', () => {
  assert.equal(isBuildoutProfile('/w/setup.cfg', '[metadata]\nname = x'), false);
  assert.equal(isBuildoutProfile('/w/setup.cfg', '[buildout]\n', true), false);
  assert.equal(isBuildoutProfile('/w/tox.cfg', '[tox]\nenvlist = py3'), false);
  assert.equal(isBuildoutProfile('/w/haproxy.cfg', 'global\n  maxconn 100\n'), false);
  assert.equal(isBuildoutProfile('/w/haproxy.cfg', 'global\n  maxconn 100\n', true), false);
  // A profile that happens to be named haproxy.cfg is fine once something extends it.
  assert.equal(isBuildoutProfile('/w/profiles/haproxy.cfg', '[haproxy-build]\nrecipe = plone.recipe.haproxy', true), true);
  // An indented [buildout] is not a header.
  assert.equal(isBuildoutProfile('/w/x.cfg', '  [buildout]'), false);
});
