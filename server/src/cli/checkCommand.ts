/**
 * `haproxy-buildout check FILE…`: the editor's diagnostics on the command line, for CI.
 * Prints `file:line:col: severity: message [code]` (1-based) or JSON, and exits 1 when any
 * file has an error (2 for usage errors, unreadable files, or when no given file is one we check).
 *
 * Files are classified exactly as the editor does (the language service's detectLanguage:
 * HAProxy names and first lines, buildout profiles including those reached by `extends`);
 * files no rule claims (setup.cfg, tox.ini, …) are skipped with a note, so a glob over `*.cfg`
 * in CI does not fail on Python tooling files. A template is checked as the template of the
 * section that renders it (its profile found by walking up to a buildout.cfg), as in the editor.
 */
import { relative as relativePath, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { SUPPORTED_VERSIONS, type HaproxyVersion } from '../service/haproxy/knowledge/types';
import {
  createLanguageService, DEFAULT_SETTINGS, nearestSupportedVersion, type DocumentSettings, type LanguageId,
} from '../service/languageService';
import type { DiskHost } from '../node/diskHost';
import { findHaproxyBinary, probeHaproxyVersion } from '../node/haproxyVersionProbe';
import type { CliCommand } from './io';

export const CHECK_USAGE = `Usage: haproxy-buildout check [options] FILE...

Checks HAProxy configurations and zc.buildout profiles (and the HAProxy templates they
render) with the same diagnostics as the editor.

Options:
  --json                     print a JSON array instead of text lines
  --haproxy-version X        HAProxy version to check against (${SUPPORTED_VERSIONS.join(', ')}; e.g. 2.6.12 → 2.6);
                             default: \`haproxy -v\` of $HAPROXY_BIN or haproxy on PATH, else 3.2
  --language haproxy|buildout  force the language instead of detecting it from the file
                             (also checks files that would be skipped)
  --merge-mode 2.13|3.1      zc.buildout merge rules for += / -= (default 3.1)
  --no-user-defaults         ignore ~/.buildout/default.cfg
  -h, --help                 show this help

Files that are neither a HAProxy config nor a buildout profile (setup.cfg, tox.ini, …) are
skipped with a note on stderr; they do not change the exit status.

Exit status: 0 no errors, 1 errors found, 2 usage error, unreadable file, or every file skipped.`;

export interface CheckedFile {
  file: string;
  /** Undefined when the file was skipped. */
  language?: LanguageId;
  diagnostics: Diagnostic[];
  /** Why the file was not checked. */
  skipped?: string;
  /** For a template: `profile.cfg:section` that renders it (null when no owner was found). */
  templateOf?: string | null;
}

export const SKIPPED_NOTE = 'not a HAProxy config or buildout profile';

const SEVERITY_NAMES: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const sev = SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
  const code = d.code !== undefined ? ` [${d.code}]` : '';
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev}: ${messageText(d).replace(/\n/g, ' ')}${code}`;
}

interface CheckOptions {
  json: boolean;
  version?: HaproxyVersion;
  language?: LanguageId;
  settings: DocumentSettings;
  files: string[];
}

function parseArgs(args: string[]): CheckOptions | string {
  const o: CheckOptions = { json: false, settings: structuredClone(DEFAULT_SETTINGS), files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--json') o.json = true;
      else if (a === '--haproxy-version') {
        const v = value();
        const n = nearestSupportedVersion(v);
        if (!n) return `invalid HAProxy version: ${v}`;
        o.version = n;
      } else if (a === '--language') {
        const v = value();
        if (v !== 'haproxy' && v !== 'buildout') return `invalid language: ${v}`;
        o.language = v;
      } else if (a === '--merge-mode') {
        const v = value();
        if (v !== '2.13' && v !== '3.1') return `invalid merge mode: ${v}`;
        o.settings.buildout.mergeMode = v;
      } else if (a === '--no-user-defaults') o.settings.buildout.userDefaults = false;
      else if (a === '--') o.files.push(...args.slice(i + 1)), (i = args.length);
      else if (a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
      else o.files.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (o.files.length === 0) return 'no files given';
  if (o.version) o.settings.haproxyVersion = o.version;
  return o;
}

export const checkCommand: CliCommand = async (args, io) => {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(CHECK_USAGE + '\n');
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.stderr(`haproxy-buildout check: ${opts}\n\n${CHECK_USAGE}\n`);
    return 2;
  }
  // As in the editor: the option, else `haproxy -v` of the local binary, else the default.
  if (!opts.version) {
    const binary = findHaproxyBinary(process.env.HAPROXY_BIN);
    const probed = binary ? await probeHaproxyVersion(binary) : undefined;
    const detected = probed ? nearestSupportedVersion(probed.version) : undefined;
    if (detected) opts.settings.haproxyVersion = detected;
  }
  // No fixed root: the buildout side adopts the nearest directory holding a buildout.cfg.
  let service = createLanguageService({ host: io.host });
  const results: CheckedFile[] = [];
  /** `profile.cfg:section` (profile relative to the working directory) rendering a template. */
  const ownerOf = (doc: TextDocument): string | null => {
    const r = service.renderTemplate(doc, opts.settings);
    return r.profile && r.section ? `${relativePath(io.cwd, r.profile)}:${r.section}` : null;
  };
  let unreadable = false;
  for (const file of opts.files) {
    const abs = resolvePath(io.cwd, file);
    const text = io.host.readFile(abs);
    if (text === undefined) {
      io.stderr(`haproxy-buildout check: cannot read ${file}\n`);
      unreadable = true;
      continue;
    }
    const language = opts.language ?? service.detectLanguage(abs, text);
    if (!language) {
      io.stderr(`haproxy-buildout check: skipped ${file}: ${SKIPPED_NOTE} (--language checks it anyway)\n`);
      results.push({ file, diagnostics: [], skipped: SKIPPED_NOTE });
      continue;
    }
    const doc = TextDocument.create(pathToFileURL(abs).toString(), language, 1, text);
    let diagnostics = service.doValidation(doc, opts.settings);
    // `extends = http…` profiles download in the background: wait for them, then check again.
    const waitForDownloads = (io.host as Partial<DiskHost>).whenDownloaded;
    if (waitForDownloads && (await waitForDownloads())) {
      // The host now has the downloads; a fresh service resolves the graphs with them.
      service = createLanguageService({ host: io.host });
      diagnostics = service.doValidation(doc, opts.settings);
    }
    diagnostics = diagnostics
      .slice()
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const templateOf = language === 'haproxy' && service.isTemplate(doc, opts.settings) ? ownerOf(doc) : undefined;
    results.push({ file, language, diagnostics, templateOf });
  }
  if (opts.json) {
    io.stdout(JSON.stringify(results.map((r) => ({
      file: r.file,
      language: r.language ?? null,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      ...(r.templateOf !== undefined ? { templateOf: r.templateOf } : {}),
      haproxyVersion: opts.settings.haproxyVersion,
      diagnostics: r.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
        code: d.code,
        message: messageText(d),
      })),
    })), null, 2) + '\n');
  } else {
    for (const r of results) for (const d of r.diagnostics) io.stdout(formatDiagnostic(r.file, d) + '\n');
  }
  if (unreadable) return 2;
  if (results.length > 0 && results.every((r) => r.skipped)) {
    io.stderr('haproxy-buildout check: none of the given files is a HAProxy config or buildout profile\n');
    return 2;
  }
  const hasError = results.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error));
  return hasError ? 1 : 0;
};
