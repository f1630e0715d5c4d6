// A language switch (the server tells the client that profiles/haproxy.cfg is a buildout
// profile) closes and reopens the document with the same version. A validation of the old
// `haproxy` document that finishes late must not publish over the new `buildout` one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ValidationScheduler } from '../../server/src/lsp/validation';

test('a late result for the document before the language switch is dropped', async () => {
  const uri = 'file:///ws/profiles/haproxy.cfg';
  const docs = new Map<string, TextDocument>();
  const documents = { get: (u: string) => docs.get(u), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const published: string[][] = [];
  const connection = {
    sendDiagnostics: async (p: { diagnostics: Diagnostic[] }) => void published.push(p.diagnostics.map((d) => String(d.message))),
    console: { error: () => undefined },
  } as unknown as Connection;
  const releases: (() => void)[] = [];
  const scheduler = new ValidationScheduler(connection, documents, async (doc) => {
    // The old run is slow (e.g. waiting for settings); the new one answers at once.
    if (doc.languageId === 'haproxy') await new Promise<void>((r) => releases.push(r));
    return [{ message: `${doc.languageId} diagnostics`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }];
  }, 0);
  const text = '[haproxy-config]\nrecipe = collective.recipe.template\n';
  docs.set(uri, TextDocument.create(uri, 'haproxy', 3, text));
  scheduler.schedule(uri, true);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(releases.length, 1, 'the haproxy validation is in flight');
  // The client reopens the document as buildout, same version.
  docs.set(uri, TextDocument.create(uri, 'buildout', 3, text));
  scheduler.schedule(uri, true);
  await new Promise((r) => setTimeout(r, 10));
  releases[0]();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(published, [['buildout diagnostics']]);
  scheduler.dispose();
});
