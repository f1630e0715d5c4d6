// scripts/start.sh starts stand-ins for the example's Zope instances on the ports of its
// [ports] section; if the example and the script drift apart, the try-it page shows servers DOWN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain .mjs script without type declarations
import { instancePorts } from '../../../scripts/stand-in-instances.mjs';

const root = join(__dirname, '..', '..', '..');

test('the example buildout: one stand-in per instance port of [ports], not the haproxy port', () => {
  const ports = instancePorts(readFileSync(join(root, 'examples/plone-buildout/buildout.cfg'), 'utf8'));
  assert.deepEqual(ports, [{ name: 'instance1', port: 8081 }, { name: 'instance2', port: 8082 }]);
});

test('only the [ports] section counts; other sections with instance-like keys are ignored', () => {
  const text = '[buildout]\ninstance9 = 1\n[ports]\nhaproxy = 8001\ninstance1 = 9001\n\n[other]\ninstance2 = 9002\n';
  assert.deepEqual(instancePorts(text), [{ name: 'instance1', port: 9001 }]);
});
