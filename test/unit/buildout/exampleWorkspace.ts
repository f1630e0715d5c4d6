// The embedded example workspace (examples/plone-buildout) in a memory host, under /ws.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import type { DocumentSettings } from '../../../server/src/service/languageService';
import { createBuildoutService } from '../../../server/src/service/buildout/index';

export const ROOT = '/ws';
const exampleDir = join(__dirname, '..', '..', '..', 'examples', 'plone-buildout');

export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else files[`${ROOT}${rel}/${name}`] = readFileSync(full, 'utf8');
    }
  };
  walk(exampleDir, '');
  return files;
}

// Spelled out (not imported) so these tests do not load the whole facade.
export const settings: DocumentSettings = { haproxyVersion: '2.6', diagnostics: {}, buildout: { mergeMode: '3.1', userDefaults: false, offline: true } };
export const never = { isCancellationRequested: false };

/** A service over the example (plus/minus changed files) and a document opener. */
export function exampleService(changes: Record<string, string | undefined> = {}) {
  const files = { ...exampleFiles() };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete files[k];
    else files[k] = v;
  }
  const service = createBuildoutService(createMemoryHost(files), [ROOT]);
  const open = (rel: string, text = files[`${ROOT}/${rel}`], lang = rel.endsWith('.in') ? 'haproxy' : 'buildout') =>
    TextDocument.create(`file://${ROOT}/${rel}`, lang, 1, text);
  return { service, files, open };
}

/** Position of the `n`-th occurrence of `needle` in `text`, `offset` characters into it. */
export function posOf(text: string, needle: string, offset = 0, n = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, i + offset);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}
