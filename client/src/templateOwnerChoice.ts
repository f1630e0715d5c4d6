/**
 * The pure part of "Buildout: Choose Template Owner" (no `vscode` import, so unit tests can
 * load it): the quick pick's items and how the choice is written into the
 * `buildout.templateOwner` setting (template path relative to its workspace folder →
 * `profile.cfg:section`), the setting the server already reads for every feature.
 */
export const CHOOSE_TEMPLATE_OWNER_COMMAND = 'buildout.chooseTemplateOwner';

/** The server's answer (haproxy/templateOwners). */
export interface OwnersAnswer {
  candidates: string[];
  current?: string;
}

export interface OwnerPickItem {
  label: string;
  description?: string;
  /** The `profile.cfg:section` to record, or undefined to drop the choice (back to the default). */
  value: string | undefined;
}

/**
 * One item per owner, the one in effect marked (a single-choice quick pick shows no check
 * mark, so the description says it), and a way back to the default once a choice exists.
 */
export function ownerPickItems(owners: OwnersAnswer, chosen: string | undefined): OwnerPickItem[] {
  const items: OwnerPickItem[] = owners.candidates.map((label, i) => {
    const notes: string[] = [];
    if (label === owners.current) notes.push(chosen ? 'current (buildout.templateOwner)' : 'current');
    if (i === 0) notes.push('main profile');
    return { label, description: notes.length ? notes.join(' · ') : undefined, value: label };
  });
  // The current one first: Enter keeps it.
  items.sort((a, b) => Number(b.label === owners.current) - Number(a.label === owners.current));
  if (chosen) items.push({ label: 'Use the default', description: `the main profile's section (${owners.candidates[0] ?? 'none'})`, value: undefined });
  return items;
}

/** The setting's key for a template: its path relative to the workspace folder, `/`-separated; absolute outside any folder. */
export function templateSettingKey(templatePath: string, folderPath: string | undefined): string {
  const t = templatePath.replace(/\\/g, '/');
  if (!folderPath) return t;
  const f = folderPath.replace(/\\/g, '/').replace(/\/+$/, '');
  return t.startsWith(f + '/') ? t.slice(f.length + 1) : t;
}

/** The recorded choice for a template (a relative or absolute key), if any. */
export function chosenOwner(setting: Readonly<Record<string, string>> | undefined, key: string, absolutePath: string): string | undefined {
  if (!setting) return undefined;
  const v = setting[key] ?? setting[absolutePath.replace(/\\/g, '/')];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The setting's new value: the template's entry set (or removed), every other entry kept; undefined when empty. */
export function withOwnerChoice(
  setting: Readonly<Record<string, string>> | undefined,
  key: string,
  owner: string | undefined,
): Record<string, string> | undefined {
  const next: Record<string, string> = { ...(setting ?? {}) };
  if (owner === undefined) delete next[key];
  else next[key] = owner;
  return Object.keys(next).length > 0 ? next : undefined;
}
