// "Buildout: Choose Template Owner": the command is in the manifest and the command table,
// offered where a template is open (title menu only when several sections render it), and
// the pure part of the command (quick pick items, the setting it writes) does what the
// server's `buildout.templateOwner` reading expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_KEYS } from '../../../client/src/contextKeys';
import {
  CHOOSE_TEMPLATE_OWNER_COMMAND, chosenOwner, ownerPickItems, templateSettingKey, withOwnerChoice,
} from '../../../client/src/templateOwnerChoice';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { commands, menus } = pkg.contributes;

test('the command is contributed as "Buildout: Choose Template Owner" and registered by the client', () => {
  const contributed = commands.find((c: { command: string }) => c.command === CHOOSE_TEMPLATE_OWNER_COMMAND);
  assert.ok(contributed, `${CHOOSE_TEMPLATE_OWNER_COMMAND} is not in contributes.commands`);
  assert.equal(`${contributed.category}: ${contributed.title}`, 'Buildout: Choose Template Owner');
  // The command table entry: the provider that extension.ts puts into the table.
  const provider = readFileSync(join(root, 'client/src/templateOwner.ts'), 'utf8');
  assert.match(provider, /commands: \{\s*\[CHOOSE_TEMPLATE_OWNER_COMMAND\]: async/);
  const extension = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
  assert.match(extension, /const templateOwner = createTemplateOwnerView\(shell\)/);
  assert.match(extension, /const providers: CommandProvider\[\] = \[[^\]]*\btemplateOwner,/);
});

test('palette: on templates; title menu: only while several sections render the active template', () => {
  const palette = menus.commandPalette.find((m: { command: string }) => m.command === CHOOSE_TEMPLATE_OWNER_COMMAND);
  assert.equal(palette?.when, 'editorLangId == haproxy && resourceExtname == .in');
  const title = menus['editor/title'].find((m: { command: string }) => m.command === CHOOSE_TEMPLATE_OWNER_COMMAND);
  assert.ok(title, 'in the editor title menu');
  assert.notEqual(title.group, 'navigation', 'in the "…" menu, not a button');
  assert.ok(title.when.split(' && ').includes(CONTEXT_KEYS.severalTemplateOwners), title.when);
  assert.ok(title.when.includes('resourceExtname == .in'), title.when);
});

test('quick pick: one item per owner, the current one first and marked, a way back once chosen', () => {
  const owners = { candidates: ['buildout.cfg:haproxy-config', 'staging.cfg:haproxy-config'], current: 'staging.cfg:haproxy-config' };
  const items = ownerPickItems(owners, 'staging.cfg:haproxy-config');
  assert.deepEqual(items.map((i) => i.label), ['staging.cfg:haproxy-config', 'buildout.cfg:haproxy-config', 'Use the default']);
  assert.match(items[0].description ?? '', /current/);
  assert.doesNotMatch(items[1].description ?? '', /current/);
  assert.match(items[1].description ?? '', /main profile/);
  assert.equal(items[2].value, undefined, 'the default item removes the choice');
  const fresh = ownerPickItems({ candidates: owners.candidates, current: owners.candidates[0] }, undefined);
  assert.deepEqual(fresh.map((i) => i.value), owners.candidates, 'no reset item when nothing was chosen');
  assert.equal(fresh[0].description, 'current · main profile');
});

test('the setting: key relative to the workspace folder, other templates kept, reset drops the entry', () => {
  assert.equal(templateSettingKey('/ws/templates/haproxy.conf.in', '/ws'), 'templates/haproxy.conf.in');
  assert.equal(templateSettingKey('/ws/templates/haproxy.conf.in', '/ws/'), 'templates/haproxy.conf.in');
  assert.equal(templateSettingKey('/elsewhere/t.in', '/ws'), '/elsewhere/t.in');
  assert.equal(templateSettingKey('/ws2/t.in', '/ws'), '/ws2/t.in', 'a sibling folder with the same prefix is not inside');
  assert.equal(templateSettingKey('/x/t.in', undefined), '/x/t.in');
  const before = { 'templates/varnish.vcl.in': 'buildout.cfg:varnish-config' };
  const after = withOwnerChoice(before, 'templates/haproxy.conf.in', 'staging.cfg:haproxy-config');
  assert.deepEqual(after, { 'templates/varnish.vcl.in': 'buildout.cfg:varnish-config', 'templates/haproxy.conf.in': 'staging.cfg:haproxy-config' });
  assert.deepEqual(before, { 'templates/varnish.vcl.in': 'buildout.cfg:varnish-config' }, 'the stored value is not mutated');
  assert.equal(chosenOwner(after, 'templates/haproxy.conf.in', '/ws/templates/haproxy.conf.in'), 'staging.cfg:haproxy-config');
  assert.equal(chosenOwner({ '/ws/templates/haproxy.conf.in': 'a.cfg:s' }, 'templates/haproxy.conf.in', '/ws/templates/haproxy.conf.in'), 'a.cfg:s');
  assert.equal(chosenOwner(before, 'templates/haproxy.conf.in', '/ws/templates/haproxy.conf.in'), undefined);
  assert.equal(withOwnerChoice({ 'templates/haproxy.conf.in': 'x.cfg:s' }, 'templates/haproxy.conf.in', undefined), undefined, 'an empty map is removed');
});
