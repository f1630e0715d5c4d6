// Every buildout feature on damaged profiles and templates: answers, never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RenameError } from '../../../server/src/service/buildout/index';
import { ROOT, exampleService, never, settings } from './exampleWorkspace';

/** Deterministic pseudo-random numbers (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const SNIPPETS = ['${', '}', '$${', '[', ']', '\n', '<= ', '+= ', '-= ', ':', '${:', '${a:b:c}', '${}', '#', '\n  ', 'extends = x.cfg', '=', '\t', '\u00e9'];

function mutate(text: string, rand: () => number): string {
  let t = text;
  for (let i = 0; i < 4; i++) {
    const at = Math.floor(rand() * (t.length + 1));
    if (rand() < 0.5) t = t.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + t.slice(at);
    else t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 8));
  }
  return t;
}

test('profile features survive mutated profiles', () => {
  const rand = rng(42);
  for (const rel of ['buildout.cfg', 'profiles/haproxy.cfg', 'profiles/base.cfg']) {
    for (let round = 0; round < 8; round++) {
      const { service, open, files } = exampleService();
      const text = mutate(files[`${ROOT}/${rel}`], rand);
      const doc = open(rel, text);
      service.validate(doc, settings, never);
      service.symbols(doc, settings);
      service.folding(doc, settings);
      service.links(doc, settings);
      const lines = text.split('\n');
      for (let k = 0; k < 10; k++) {
        const line = Math.floor(rand() * lines.length);
        const position = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
        service.complete(doc, position, settings, never);
        service.hover(doc, position, settings, never);
        service.definition(doc, position, settings);
        service.references(doc, position, settings, true);
        service.highlights(doc, position, settings);
        if (service.prepareRename(doc, position, settings)) {
          try {
            service.rename(doc, position, 'renamed-x', settings);
          } catch (e) {
            assert.ok(e instanceof RenameError, String(e));
          }
        }
      }
    }
  }
});

test('template features survive mutated templates', () => {
  const rand = rng(7);
  const rel = 'templates/haproxy.conf.in';
  for (let round = 0; round < 12; round++) {
    const { service, open, files } = exampleService();
    const text = mutate(files[`${ROOT}/${rel}`], rand);
    const doc = open(rel, text);
    service.validateTemplate(doc, settings, never);
    service.render(doc, settings);
    const lines = text.split('\n');
    for (let k = 0; k < 10; k++) {
      const line = Math.floor(rand() * lines.length);
      const position = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
      service.completeInTemplate(doc, position, settings, never);
      service.hoverInTemplate(doc, position, settings, never);
      service.definitionInTemplate(doc, position, settings);
    }
  }
});

test('a profile outside any workspace profile and an empty file', () => {
  const { service, open } = exampleService({ [`${ROOT}/lonely.cfg`]: '' });
  const doc = open('lonely.cfg', '');
  assert.deepEqual(service.validate(doc, settings, never), []);
  assert.deepEqual(service.complete(doc, { line: 0, character: 0 }, settings, never).items, []);
  assert.equal(service.hover(doc, { line: 0, character: 0 }, settings, never), null);
  assert.equal(service.templateOwner(`${ROOT}/lonely.cfg`, settings), undefined);
});
