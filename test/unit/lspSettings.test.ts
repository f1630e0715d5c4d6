// Raw editor settings → the validated settings the language service gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDocumentSettings } from '../../server/src/lsp/settings';

test('defaults when nothing is set', () => {
  const s = toDocumentSettings({}, '3.2');
  assert.equal(s.haproxyVersion, '3.2');
  assert.deepEqual(s.diagnostics, { severity: {} });
  assert.deepEqual(s.buildout, { mergeMode: '3.1', userDefaults: true, offline: false, templateOwner: undefined, inlayHints: { resolvedValues: true } });
});

test('haproxy.version wins over the fallback and is mapped to a supported table', () => {
  assert.equal(toDocumentSettings({ haproxy: { version: '2.6' } }, '3.2').haproxyVersion, '2.6');
  assert.equal(toDocumentSettings({ haproxy: { version: '2.6.12' } }, '3.2').haproxyVersion, '2.6');
  assert.equal(toDocumentSettings({ haproxy: { version: null } }, '2.8').haproxyVersion, '2.8');
  assert.equal(toDocumentSettings({ haproxy: { version: 'latest' } }, '2.8').haproxyVersion, '2.8');
});

test('severity overrides keep only known levels', () => {
  const s = toDocumentSettings({ haproxy: { diagnostics: { severity: { 'missing-timeout': 'off', 'removed-keyword': 'fatal', x: 'hint' } } } }, '3.2');
  assert.deepEqual(s.diagnostics.severity, { 'missing-timeout': 'off', x: 'hint' });
});

test('buildout settings: 2.13 merge mode, user defaults off, offline, template owners', () => {
  const s = toDocumentSettings({ buildout: { mergeMode: '2.13', userDefaults: false, offline: true, templateOwner: { 'templates/haproxy.conf.in': 'buildout.cfg:haproxy-config' } } }, '3.2');
  assert.deepEqual(s.buildout, {
    mergeMode: '2.13', userDefaults: false, offline: true,
    templateOwner: { 'templates/haproxy.conf.in': 'buildout.cfg:haproxy-config' }, inlayHints: { resolvedValues: true },
  });
  assert.equal(toDocumentSettings({ buildout: { mergeMode: '4.0' as '3.1' } }, '3.2').buildout.mergeMode, '3.1');
  assert.deepEqual(toDocumentSettings({ buildout: { inlayHints: { resolvedValues: false } } }, '3.2').buildout.inlayHints, { resolvedValues: false });
});
