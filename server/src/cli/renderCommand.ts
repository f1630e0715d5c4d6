/**
 * `haproxy-buildout render PROFILE [SECTION] [--merge-mode 2.13|3.1] [--no-user-defaults]`
 *
 * Prints exactly the file the template section (collective.recipe.template or
 * slapos.recipe.template) would write. SECTION may be omitted when the profile has exactly one
 * template section. Exit codes: 0 rendered, 1 buildout/recipe error, 2 usage.
 */
import { renderTemplate, templateFlavour, templateSections } from '../service/buildout/render/render';
import { pyAbspath } from '../service/buildout/resolver/paths';
import type { CliCommand } from './io';
import { parseProfileArgs, resolveWithDownloads, stopsLoading } from './resolveCommand';
import { formatCliError, fromBuildoutError } from './buildoutErrors';
import { locateBuildoutError } from './errorPosition';

const USAGE = `Usage: haproxy-buildout render PROFILE [SECTION] [--merge-mode 2.13|3.1] [--no-user-defaults] [section:option=value ...]
`;

export const renderCommand: CliCommand = async (args, io) => {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const a = parseProfileArgs(args.filter((x) => x !== '--json'));
  if (a.error || a.rest.length > 1) {
    io.stderr(`haproxy-buildout render: ${a.error ?? 'too many arguments'}\n${USAGE}`);
    return 2;
  }
  const root = pyAbspath(a.profile!, io.cwd);
  const profile = await resolveWithDownloads(io, root, { mergeMode: a.mergeMode, userDefaults: a.userDefaults, overrides: a.overrides });
  if (stopsLoading(profile)) {
    io.stderr(formatCliError(io.cwd, fromBuildoutError(profile.loadError!, root)) + '\n');
    return 1;
  }
  // Resolution went on without an unreachable `extends` URL: say so (values from it are missing).
  for (const e of profile.errors) if (e.kind === 'url-unavailable') io.stderr(formatCliError(io.cwd, { ...fromBuildoutError(e, root), severity: 'warning' }) + '\n');
  let section = a.rest[0];
  if (section === undefined) {
    const candidates = templateSections(profile);
    if (candidates.length !== 1) {
      io.stderr(candidates.length === 0
        ? 'haproxy-buildout render: the profile has no template section (collective.recipe.template / slapos.recipe.template)\n'
        : `haproxy-buildout render: several template sections, name one: ${candidates.join(', ')}\n`);
      return 2;
    }
    section = candidates[0];
  }
  const recipe = profile.getValue(section, 'recipe');
  if (profile.getSection(section) && !(recipe.ok && templateFlavour(recipe.value))) {
    // Naming a section that renders nothing is a usage mistake, not a buildout failure.
    io.stderr(`haproxy-buildout render: section '${section}' does not use collective.recipe.template or slapos.recipe.template (recipe: ${recipe.ok ? recipe.value : 'none'})\n`);
    return 2;
  }
  const r = renderTemplate(profile, section, { readBytes: io.host.readBytes && ((p) => io.host.readBytes!(p)) });
  if (r.error || r.text === undefined) {
    // Errors of the section's initialisation carry no position: find the `${…}` or header.
    const e = r.error ? fromBuildoutError(r.error, root, locateBuildoutError(profile, r.error, section)) : { message: 'rendering failed', file: root };
    io.stderr(formatCliError(io.cwd, e) + '\n');
    return 1;
  }
  io.stdout(r.text);
  return 0;
};
