// The extension manifest against the code: every contributed file exists, languages never
// claim `.cfg` broadly, every contributed command is registered by the client and every
// registered command is contributed, and every setting the server reads is declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CODES_BY_ID } from '../../server/src/service/haproxy/features/diagnosticCodes';
import { SEVERITY_SETTING, SEVERITY_VALUES, severitySettingSchema } from '../../tools/manifest/severitySettings';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

test('languages: haproxy and buildout with their files, never *.cfg broadly', () => {
  const byId = Object.fromEntries(contributes.languages.map((l: { id: string }) => [l.id, l]));
  const hx = byId.haproxy;
  assert.deepEqual(hx.filenames, ['haproxy.cfg', 'haproxy.conf']);
  assert.ok(hx.filenamePatterns.includes('haproxy*.cfg'));
  assert.ok(hx.filenamePatterns.includes('**/haproxy*.cfg.in'));
  assert.ok(hx.filenamePatterns.includes('**/haproxy*.conf.in'));
  assert.deepEqual(hx.extensions, ['.haproxy']);
  const bo = byId.buildout;
  assert.deepEqual(bo.filenames, ['buildout.cfg']);
  assert.equal(bo.firstLine, '^\\[buildout\\]');
  for (const l of contributes.languages) {
    assert.ok(!(l.extensions ?? []).includes('.cfg'), `${l.id} must not claim every .cfg`);
    assert.ok(!(l.filenamePatterns ?? []).some((p: string) => /^(\*\*\/)?\*\.cfg$/.test(p)), `${l.id} pattern`);
    assert.ok(existsSync(join(root, l.configuration)), l.configuration);
    JSON.parse(readFileSync(join(root, l.configuration), 'utf8'));
  }
});

test('grammars and snippets point at existing files with the declared scope names', () => {
  for (const g of contributes.grammars) {
    const path = join(root, g.path);
    assert.ok(existsSync(path), g.path);
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).scopeName, g.scopeName);
  }
  for (const s of contributes.snippets) {
    const snippets = JSON.parse(readFileSync(join(root, s.path), 'utf8'));
    for (const [name, body] of Object.entries<{ prefix: string; description: string; body: string[] }>(snippets)) {
      assert.ok(body.prefix && body.description && body.body.length > 0, name);
    }
  }
});

test('the stats snippet binds to loopback only', () => {
  const snippets = JSON.parse(readFileSync(join(root, 'snippets/haproxy.json'), 'utf8'));
  const stats = snippets['stats listener'];
  assert.ok(stats.body.some((l: string) => /bind 127\.0\.0\.1:/.test(l)));
  for (const s of Object.values<{ body: string[] }>(snippets)) {
    assert.ok(!s.body.some((l) => /bind (\*|0\.0\.0\.0|:)/.test(l)), 'no snippet listens on all interfaces');
  }
});

test('every contributed command is registered by the client, and the reverse', () => {
  const code = sources(join(root, 'client', 'src')).join('\n');
  const contributed: string[] = contributes.commands.map((c: { command: string }) => c.command);
  for (const id of contributed) assert.ok(code.includes(`'${id}'`), `${id} is contributed but never registered`);
  const registered = new Set([...code.matchAll(/_COMMAND = '([\w.]+)'/g)].map((m) => m[1]));
  for (const id of registered) assert.ok(contributed.includes(id), `${id} is registered but not contributed`);
});

test('settings the server reads are declared, with descriptions; executablePath is machine-scoped', () => {
  const props = contributes.configuration.properties;
  for (const key of ['haproxy.version', 'haproxy.executablePath', 'haproxy.diagnostics.severity', 'haproxy.trace.server',
    'buildout.mergeMode', 'buildout.userDefaults', 'buildout.offline', 'buildout.templateOwner']) {
    assert.ok(props[key], `${key} declared`);
    assert.ok(props[key].description || props[key].markdownDescription, `${key} described`);
  }
  assert.equal(props['haproxy.executablePath'].scope, 'machine');
  assert.deepEqual(props['haproxy.version'].enum, ['2.6', '2.8', '3.0', '3.2', '3.4', null]);
  assert.deepEqual(props['buildout.mergeMode'].enum, ['2.13', '3.1']);
  assert.equal(props['buildout.mergeMode'].default, '3.1');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('haproxy.executablePath'));
});

test('haproxy.diagnostics.severity declares exactly the diagnostic codes of the server', () => {
  const setting = contributes.configuration.properties[SEVERITY_SETTING];
  const declared = Object.keys(setting.properties ?? {}).sort();
  const known = [...CODES_BY_ID.keys()].sort();
  const fix = 'run: node --import tsx tools/manifest/severitySettings.ts --write';
  assert.deepEqual(declared, known, `package.json and CODES_BY_ID drifted; ${fix}`);
  for (const id of known) {
    assert.deepEqual(setting.properties[id].enum, [...SEVERITY_VALUES], id);
  }
  assert.equal(setting.additionalProperties, false, 'typos in code ids are flagged');
  assert.deepEqual(setting, severitySettingSchema(), `descriptions drifted; ${fix}`);
});
