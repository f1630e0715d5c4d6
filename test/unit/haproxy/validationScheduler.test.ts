/**
 * The push-diagnostics scheduler: an open is validated at once even though TextDocuments
 * follows onDidOpen with onDidChangeContent (which schedules a debounced run), while edits
 * stay debounced. Uses node:test's mock timers (an open runs on setImmediate, an edit on setTimeout),
 * so nothing here depends on elapsed time.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ValidationScheduler, VALIDATION_DELAY_MS } from '../../../server/src/lsp/validation';

function setup() {
  const docs = new Map<string, TextDocument>();
  const validated: number[] = [];
  const documents = { get: (u: string) => docs.get(u), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const connection = { sendDiagnostics: async () => undefined, console: { error: () => undefined } } as unknown as Connection;
  const scheduler = new ValidationScheduler(connection, documents, async (d) => {
    validated.push(d.version);
    return [];
  });
  return { docs, validated, scheduler };
}

test('an open is validated without the edit debounce, even when a content change follows it', () => {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  try {
    const { docs, validated, scheduler } = setup();
    docs.set('file:///a.cfg', TextDocument.create('file:///a.cfg', 'haproxy', 1, 'global\n'));
    scheduler.schedule('file:///a.cfg', true); // onDidOpen
    scheduler.schedule('file:///a.cfg'); // onDidChangeContent of the same version
    mock.timers.tick(0);
    assert.deepEqual(validated, [1]);
    mock.timers.tick(VALIDATION_DELAY_MS * 2);
    assert.deepEqual(validated, [1], 'validated once, not again after the debounce');
  } finally {
    mock.timers.reset();
  }
});

test('an edit after the open replaces the immediate run with a debounced one', () => {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  try {
    const { docs, validated, scheduler } = setup();
    docs.set('file:///a.cfg', TextDocument.create('file:///a.cfg', 'haproxy', 1, 'global\n'));
    scheduler.schedule('file:///a.cfg', true);
    docs.set('file:///a.cfg', TextDocument.create('file:///a.cfg', 'haproxy', 2, 'global\n    maxconn 1\n'));
    scheduler.schedule('file:///a.cfg');
    mock.timers.tick(0);
    assert.deepEqual(validated, []);
    mock.timers.tick(VALIDATION_DELAY_MS);
    assert.deepEqual(validated, [2]);
  } finally {
    mock.timers.reset();
  }
});
