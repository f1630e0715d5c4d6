/** Document links: `extends` entries, and the `input`/`output` files of template recipes. */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { DocFile } from './doc';
import { recipeOf } from './completion';
import { findRecipe } from '../recipes/index';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { isUrl, joinPath } from '../workspace/paths';
import { fileUri } from './text';

export function documentLinks(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile): DocumentLink[] {
  const parsed = doc.parsed;
  const out: DocumentLink[] = [];
  const edges = view.files.get(doc.path)?.extends ?? [];
  for (const e of edges) {
    if (e.error && e.error.kind !== 'url-unavailable') continue;
    out.push({ range: e.entry.range, target: e.isUrl ? e.target : fileUri(e.target), tooltip: e.isUrl ? 'Open the extended profile (URL)' : 'Open the extended profile' });
  }
  const dir = view.value('buildout', 'directory');
  const base = dir.ok ? dir.value : undefined;
  for (const s of parsed.sections) {
    if (!s.active) continue;
    const recipe = findRecipe(recipeOf(view, s.name));
    if (!recipe) continue;
    for (const o of s.options) {
      const spec = recipe.options.find((x) => x.name === o.name);
      if (!spec || !(spec.output || (spec.templateInput && spec.kind !== 'text')) || !o.valueRanges.length) continue;
      const v = view.value(s.name, o.name);
      if (!v.ok) continue;
      const value = v.value.trim();
      if (value === '' || value.includes('\n') || value.startsWith('inline:')) continue;
      let target: string | undefined;
      if (isUrl(value)) target = value;
      else if (value.startsWith('/')) target = fileUri(joinPath('/', value));
      else if (base) target = fileUri(joinPath(base, value));
      if (!target) continue;
      const exists = !target.startsWith('file://') || ws.host.exists(decodeURIComponent(target.slice(7)));
      if (!exists && spec.output) continue; // the output appears only after bin/buildout runs
      out.push({ range: o.valueRanges[0], target, tooltip: spec.output ? 'Open the generated file' : 'Open the template' });
    }
  }
  return out;
}
