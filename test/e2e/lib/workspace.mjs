// Scenario workspaces are copies in the run folder: the scenarios edit files (quick fixes,
// typed completions) and must never touch the repository's fixtures or examples.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';

export function copyWorkspace(source, runDir, name = basename(source)) {
  const target = join(runDir, name);
  cpSync(source, target, { recursive: true });
  return target;
}

/** Replaces `from` by `to` in a file of the copied workspace; fails when `from` is absent. */
export function editFile(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not found in ${file}`);
  writeFileSync(file, text.replace(from, to));
}
