// Files the workspace's main buildout.cfg extends are announced as buildout profiles once the
// server is up, without any profile being opened: VS Code restores an extended `.cfg` whose
// first line is a comment as plain text (no file rule claims it) and never sends it to the
// server, so only this announcement switches it. A profile edit that adds an `extends` entry
// announces the new file before the profile is saved.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, startServer, type TestClient } from './lspClient';

type SetLanguage = { uris: string[]; languageId: string };
const METHOD = 'haproxyBuildout/setLanguage';
let client: TestClient | undefined;
let dir: string;
/** Every setLanguage notification, in order (registered before the server could send one). */
const notes: SetLanguage[] = [];
let waiters: (() => void)[] = [];

function announcedSoFar(): Set<string> {
  return new Set(notes.flatMap((n) => (n.languageId === 'buildout' ? n.uris : [])));
}
async function waitForAnnounced(uri: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!announcedSoFar().has(uri)) {
    if (Date.now() > deadline) throw new Error(`${uri} not announced; got ${JSON.stringify(notes)}; stderr: ${client?.stderr()}`);
    await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 100); });
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hb-lsp-wslang-'));
  mkdirSync(join(dir, 'profiles'));
  // buildout reads setup.cfg as a profile here, but the editor must leave it alone.
  writeFileSync(join(dir, 'buildout.cfg'), '[buildout]\nextends = profiles/base.cfg setup.cfg\nparts =\n');
  // First line a comment, then a plain section: neither the name nor the first line makes it a profile.
  writeFileSync(join(dir, 'profiles', 'base.cfg'), '# shared settings\n[ports]\nhaproxy = 8080\n');
  writeFileSync(join(dir, 'profiles', 'extra.cfg'), '# added later\n[versions]\n');
  writeFileSync(join(dir, 'setup.cfg'), '[metadata]\nname = x\n');
  client = await startServer({ workspaceFolders: [dir] });
  // Right after `initialized`: nothing from the server has been read yet (it arrives on I/O).
  client.connection.onNotification(METHOD, (p: SetLanguage) => {
    notes.push(p);
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  });
});
after(async () => {
  await client?.shutdown();
});

test('after initialized, the main profile\'s extended files are announced with no document open', async () => {
  const base = fileUri(join(dir, 'profiles', 'base.cfg'));
  await waitForAnnounced(base);
  const announced = announcedSoFar();
  assert.ok(!announced.has(fileUri(join(dir, 'setup.cfg'))), 'setup.cfg is never claimed, even when extended');
  assert.ok(!announced.has(fileUri(join(dir, 'profiles', 'extra.cfg'))), 'nothing extends extra.cfg yet');
});

test('an unsaved edit that extends another file announces that file', async () => {
  assert.ok(client);
  const extra = fileUri(join(dir, 'profiles', 'extra.cfg'));
  const main = fileUri(join(dir, 'buildout.cfg'));
  client.open(main, 'buildout', '[buildout]\nextends = profiles/base.cfg setup.cfg\nparts =\n');
  await client.diagnostics(main);
  assert.ok(!announcedSoFar().has(extra));
  client.change(main, 2, '[buildout]\nextends =\n    profiles/base.cfg\n    setup.cfg\n    profiles/extra.cfg\nparts =\n');
  await waitForAnnounced(extra);
});
