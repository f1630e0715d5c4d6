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
  const profile = resolveProfile(io.host, root, { mergeMode: a.mergeMode, userDefaults: a.userDefaults, overrides: a.overrides });
  const errors: Array<{ section?: string; message: string; file?: string; line?: number }> = [];
  // The same errors as stderr lines in `check`'s format (with a code, and where known a position).
  const lines: CliError[] = [];
  for (const e of profile.errors) {
    errors.push({ message: e.message, file: e.file, line: e.range ? e.range.start.line + 1 : undefined });
    lines.push(fromBuildoutError(e, root));
  }

  const [wantSection, wantOption] = a.rest[0] !== undefined ? splitTarget(a.rest[0]) : [undefined, undefined];
  const names = wantSection !== undefined ? [wantSection] : [...profile.sectionNames()].sort();
  const sections: Record<string, Record<string, string>> = {};
  if (!profile.loadError) {
    for (const name of names) {
      if (!profile.data.has(name)) {
        errors.push({ section: name, message: `The referenced section, '${name}', was not defined.` });
        lines.push({ message: `The referenced section, '${name}', was not defined.`, file: root, code: BuildoutCode.undefinedSection });
        continue;
      }
      const r = profile.resolveSection(name);
      if (r.error) {
        errors.push({ section: name, message: r.error.message });
        lines.push(fromBuildoutError(r.error, root));
        continue;
      }
      if (wantOption !== undefined) {
        if (!(wantOption in r.options)) {
          errors.push({ section: name, message: `Missing option: ${name}:${wantOption}` });
          lines.push({ message: `Missing option: ${name}:${wantOption}`, file: root, code: BuildoutCode.undefinedOption });
        }
        else sections[name] = { [wantOption]: r.options[wantOption] };
      } else {
        sections[name] = Object.fromEntries(Object.keys(r.options).sort().map((k) => [k, r.options[k]]));
      }
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

function splitTarget(t: string): [string, string | undefined] {
  const i = t.indexOf(':');
  return i < 0 ? [t, undefined] : [t.slice(0, i), t.slice(i + 1)];
}
