/**
 * `haproxy-buildout resolve PROFILE [--json] [--merge-mode 2.13|3.1] [--no-user-defaults] [section[:option]]`
 *
 * Prints what buildout sees: every section's options after extends, `+=`/`-=`, macros and
 * substitution (buildout's own section-initialisation semantics and error messages).
 * Exit codes: 0 resolved without errors, 1 buildout errors, 2 usage.
 */
import type { MergeMode } from '../service/buildout/model';
import { resolveProfile } from '../service/buildout/resolver/profile';
import { pyAbspath } from '../service/buildout/resolver/paths';
import { BuildoutCode } from '../service/buildout/features/codes';
import type { CliCommand } from './io';
import { formatCliError, fromBuildoutError, type CliError } from './buildoutErrors';
import { locateBuildoutError, type ErrorPosition } from './errorPosition';
import type { BuildoutError, ResolveOptions } from '../service/buildout/model';
import { ParseCache } from '../service/buildout/resolver/loader';
import { renderTemplate, templateFlavour } from '../service/buildout/render/render';
import type { BuildoutProfile } from '../service/buildout/resolver/profile';
import type { CliIO } from './io';
import { pySplit } from '../service/buildout/parser/pyText';
import type { FileSystemHost } from '../service/common/host';

const USAGE = `Usage: haproxy-buildout resolve PROFILE [--json] [--merge-mode 2.13|3.1] [--no-user-defaults] [section:option=value ...] [section[:option]]
  section:option=value   a command-line assignment, applied last like \`buildout section:option=value\`
`;

export interface ProfileArgs {
  profile?: string;
  json: boolean;
  mergeMode: MergeMode;
  userDefaults: boolean;
  rest: string[];
  /** `section:option=value` assignments. */
  overrides: Array<{ section: string; option: string; value: string }>;
  error?: string;
}

export function parseProfileArgs(args: string[]): ProfileArgs {
  const out: ProfileArgs = { json: false, mergeMode: '3.1', userDefaults: true, rest: [], overrides: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') out.json = true;
    else if (a === '--no-user-defaults') out.userDefaults = false;
    else if (a === '--merge-mode' || a.startsWith('--merge-mode=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== '2.13' && v !== '3.1') out.error = `--merge-mode must be 2.13 or 3.1, not '${v ?? ''}'`;
      else out.mergeMode = v;
    } else if (a.startsWith('-') && a !== '-') out.error = `unknown option '${a}'`;
    else if (out.profile === undefined) out.profile = a;
    else if (/^[^=:\s]+:[^=]+=/.test(a)) {
      const colon = a.indexOf(':');
      const eq = a.indexOf('=', colon);
      out.overrides.push({ section: a.slice(0, colon), option: a.slice(colon + 1, eq).trim(), value: a.slice(eq + 1) });
    }
    else out.rest.push(a);
  }
  if (!out.error && out.profile === undefined) out.error = 'missing PROFILE';
  return out;
}

/** buildout's `print_options` layout for a value. */
function formatValue(v: string): string {
  return v.includes('\n') ? '\n  ' + v.split('\n').join('\n  ') : ' ' + v;
}

export const resolveCommand: CliCommand = async (args, io) => {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const a = parseProfileArgs(args);
  if (a.error || a.rest.length > 1) {
    io.stderr(`haproxy-buildout resolve: ${a.error ?? 'too many arguments'}\n${USAGE}`);
    return 2;
  }
  const root = pyAbspath(a.profile!, io.cwd);
  const profile = await resolveWithDownloads(io, root, { mergeMode: a.mergeMode, userDefaults: a.userDefaults, overrides: a.overrides });
  const errors: JsonError[] = [];
  // The same errors as stderr lines in `check`'s format (with a code, and where known a position).
  const lines: CliError[] = [];
  const add = (e: CliError, section?: string) => {
    lines.push(e);
    errors.push({
      ...(section !== undefined ? { section } : {}),
      message: e.message,
      ...(e.file !== undefined ? { file: e.file } : {}),
      ...(e.line !== undefined ? { line: e.line + 1, column: (e.column ?? 0) + 1 } : {}),
      ...(e.code ? { code: e.code } : {}),
    });
  };
  for (const e of profile.errors) add(fromBuildoutError(e, root));

  const [wantSection, wantOption] = a.rest[0] !== undefined ? splitTarget(a.rest[0]) : [undefined, undefined];
  const names = wantSection !== undefined ? [wantSection] : [...profile.sectionNames()].sort();
  const sections: Record<string, Record<string, string>> = {};
  if (!stopsLoading(profile)) {
    for (const name of names) {
      if (!profile.data.has(name)) {
        add({ message: `The referenced section, '${name}', was not defined.`, file: root, code: BuildoutCode.undefinedSection }, name);
        continue;
      }
      const r = profile.resolveSection(name);
      if (r.error) {
        add(fromBuildoutError(r.error, root, locateBuildoutError(profile, r.error, name)), name);
        continue;
      }
      // A template recipe renders when buildout initialises its section: a failure there is
      // buildout's error for this section (the options are still printed).
      const failed = renderFailure(profile, name, io.host);
      if (failed) add(fromBuildoutError(failed, root, locateBuildoutError(profile, failed, name)), name);
      if (wantOption !== undefined) {
        if (!(wantOption in r.options)) {
          const e: BuildoutError = { kind: 'missing-option', message: `Missing option: ${name}:${wantOption}` };
          add(fromBuildoutError(e, root, locateBuildoutError(profile, e, name)), name);
        }
        else sections[name] = { [wantOption]: r.options[wantOption] };
      } else {
        sections[name] = Object.fromEntries(Object.keys(r.options).sort().map((k) => [k, r.options[k]]));
      }
    }
    // The whole profile: buildout then collects the parts' recipes and stops at the first failure.
    if (wantSection === undefined) {
      const parts = profile.parts();
      if (parts.error && !errors.some((x) => x.message === parts.error!.message)) add(partsError(profile, parts.error, root), 'buildout');
    }
  }

  if (a.json) {
    io.stdout(JSON.stringify({ sections, errors }, null, 2) + '\n');
  } else if (wantOption !== undefined && wantSection !== undefined && sections[wantSection]) {
    io.stdout(sections[wantSection][wantOption] + '\n');
  } else {
    const out: string[] = [];
    for (const [name, opts] of Object.entries(sections)) {
      out.push(`[${name}]`);
      for (const [k, v] of Object.entries(opts)) out.push(`${k} =${formatValue(v)}`);
      out.push('');
    }
    io.stdout(out.join('\n'));
  }
  for (const e of a.json ? [] : lines) io.stderr(formatCliError(io.cwd, e) + '\n');
  return errors.length ? 1 : 0;
};

/**
 * Resolve, and when `extends = http…` files started downloading (the disk host fetches them in
 * the background), wait for them and resolve again with what arrived (or why it failed).
 */
export async function resolveWithDownloads(io: CliIO, root: string, options: ResolveOptions): Promise<BuildoutProfile> {
  let profile = resolveProfile(io.host, root, options);
  const wait = (io.host as { whenDownloaded?: () => Promise<boolean> }).whenDownloaded;
  // A fresh parse cache: the shared one would replay the "not fetched yet" result of the URL.
  if (wait && (await wait.call(io.host))) profile = resolveProfile(io.host, root, options, new ParseCache());
  return profile;
}

/**
 * Whether loading failed in a way that leaves nothing to print. An unreachable URL does not:
 * resolution continues without it (its error is reported), as in the editor.
 */
export function stopsLoading(profile: BuildoutProfile): boolean {
  return profile.loadError !== undefined && profile.loadError.kind !== 'url-unavailable';
}

/** The error of a template section's recipe (collective/slapos.recipe.template render at init). */
function renderFailure(profile: BuildoutProfile, section: string, host: FileSystemHost): BuildoutError | undefined {
  const recipe = profile.getValue(section, 'recipe');
  if (!recipe.ok || !templateFlavour(recipe.value)) return undefined;
  return renderTemplate(profile, section, { readBytes: host.readBytes && ((p) => host.readBytes!(p)) }).error;
}

interface JsonError {
  section?: string;
  message: string;
  file?: string;
  /** 1-based, like the stderr lines. */
  line?: number;
  column?: number;
  code?: string;
}

/**
 * The error of `[self[part]['recipe'] for part in parts]`: at the `parts` word when the part has
 * no section (`undefined-part`), at the part's header when it has no recipe, otherwise where the
 * failing part's initialisation failed.
 */
function partsError(profile: BuildoutProfile, error: BuildoutError, root: string): CliError {
  const value = profile.getValue('buildout', 'parts');
  const listed = value.ok ? pySplit(value.value) : [];
  const missing = /^The referenced section, '(.*)', was not defined\.$/.exec(error.message)?.[1];
  if (missing !== undefined && listed.includes(missing)) {
    const at = partsWord(profile, missing);
    return { ...fromBuildoutError(error, root, at), code: BuildoutCode.undefinedPart };
  }
  const noRecipe = /^Missing option: (.*):recipe$/.exec(error.message)?.[1];
  if (noRecipe !== undefined) return fromBuildoutError(error, root, locateBuildoutError(profile, error));
  const failing = listed.find((p) => profile.resolveSection(p).error?.message === error.message);
  return fromBuildoutError(error, root, locateBuildoutError(profile, error, failing ?? 'buildout'));
}

/** The word `part` in the `parts` lines that define the value (last definition first). */
function partsWord(profile: BuildoutProfile, part: string): ErrorPosition | undefined {
  const history = profile.getSection('buildout')?.options.get('parts')?.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (!h.file || !h.option) continue;
    const text = profile.readFile(h.file);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\r|\n/);
    for (const r of h.option.valueRanges) {
      const line = lines[r.start.line] ?? '';
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) {
        if (m.index < r.start.character || m.index >= r.end.character || m[0] !== part) continue;
        return { file: h.file, range: { start: { line: r.start.line, character: m.index }, end: { line: r.start.line, character: m.index + part.length } } };
      }
    }
  }
  return undefined;
}

function splitTarget(t: string): [string, string | undefined] {
  const i = t.indexOf(':');
  return i < 0 ? [t, undefined] : [t.slice(0, i), t.slice(i + 1)];
}
