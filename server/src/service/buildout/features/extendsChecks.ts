/**
 * Diagnostics of a profile's `extends` graph: errors on its own entries, errors deeper in the
 * graph shown on the entry that leads there, and files that are not UTF-8.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { DocFile } from './doc';
import type { ExtendsEdge } from '../model';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import { BuildoutCode, extendsErrorCode } from './codes';
import { diag } from './diagnostics';

const WHOLE_LINE = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 1000 } });

export function extendsDiagnostics(view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  const edges = view.files.get(doc.path)?.extends ?? [];
  for (const e of edges) {
    if (!e.error) continue;
    const code = extendsErrorCode(e.error);
    const severity = code === BuildoutCode.urlUnavailable ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    out.push(diag(e.entry.range, e.error.message + (e.error.hint ? `\n${e.error.hint}` : ''), code, severity));
  }
  reachedErrors(view, doc, edges, out);
  if (view.root === doc.path) userDefaultsErrors(view, out);
}

/**
 * zc.buildout reads ~/.buildout/default.cfg (and what it extends) before every profile, so an
 * error there breaks every run: shown on line 1 of the root profile.
 */
function userDefaultsErrors(view: ProfileView, out: Diagnostic[]): void {
  const defaults = [...view.files.values()].filter((f) => f.userDefaults).map((f) => f.path);
  if (!defaults.length) return;
  for (const error of view.errors()) {
    if (!error.file || !defaults.includes(error.file)) continue;
    const where = error.file + (error.range ? `:${error.range.start.line + 1}` : '');
    const code = error.kind === 'parse' ? BuildoutCode.parseError : extendsErrorCode(error);
    const severity = code === BuildoutCode.urlUnavailable ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    out.push(diag(WHOLE_LINE(0), `Your buildout user defaults are broken: ${where}: ${error.message.length > 300 ? error.message.slice(0, 300) + '…' : error.message}\n(zc.buildout reads them before every profile; the setting buildout.userDefaults turns them off in the editor.)`, code, severity));
  }
}

/**
 * buildout stops at the first broken file anywhere in the extends graph: a cycle, a missing
 * file or a parse error in an extended file (or the resolver's depth guard deep down) sits in
 * a file the user may never open. Show each on this file's extends entry that leads there.
 */
function reachedErrors(view: ProfileView, doc: DocFile, edges: readonly ExtendsEdge[], out: Diagnostic[]): void {
  if (!edges.length) return;
  const own = new Set(edges.map((e) => e.error));
  const dir = doc.path.slice(0, doc.path.lastIndexOf('/') + 1);
  for (const error of view.errors()) {
    if (own.has(error) || !error.file || error.file === doc.path) continue;
    const via = edges.find((start) => !start.error && reaches(view, start, error.file!));
    if (!via) continue;
    const where = (error.file.startsWith(dir) ? error.file.slice(dir.length) : error.file) + (error.range ? `:${error.range.start.line + 1}` : '');
    const text = error.message.length > 300 ? error.message.slice(0, 300) + '…' : error.message;
    const code = error.kind === 'parse' ? BuildoutCode.parseError : extendsErrorCode(error);
    const severity = code === BuildoutCode.urlUnavailable ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    out.push(diag(via.entry.range, `This extends reaches a broken profile: ${where}: ${text}` + (error.hint ? `\n${error.hint}` : ''), code, severity));
  }
}

/** Whether the extends edge `start` leads (through further extends) to `file`. */
function reaches(view: ProfileView, start: ExtendsEdge, file: string): boolean {
  const seen = new Set<string>();
  const stack: ExtendsEdge[] = [start];
  while (stack.length) {
    const edge = stack.pop()!;
    if (!edge.target || seen.has(edge.target)) continue;
    if (edge.target === file) return true;
    seen.add(edge.target);
    stack.push(...(view.files.get(edge.target)?.extends ?? []));
  }
  return false;
}

/**
 * Profiles whose bytes are not UTF-8. We read them with U+FFFD in place of the bad bytes, but
 * zc.buildout on Python 3 stops with a UnicodeDecodeError (measured with 2.13.2: even a Latin-1
 * byte in a comment). Reported on line 1 of such a file and on each `extends` word of this file
 * that reaches one, directly or through further extends.
 */
export function encodingDiagnostics(ws: BuildoutWorkspace, view: ProfileView, doc: DocFile, out: Diagnostic[]): void {
  const bad = ws.host.isInvalidUtf8;
  if (!bad) return;
  const what = (path: string) => `${path} is not valid UTF-8; zc.buildout cannot read it (UnicodeDecodeError). Save it as UTF-8.`;
  if (bad(doc.path)) out.push(diag(WHOLE_LINE(0), what(doc.path), BuildoutCode.invalidUtf8, DiagnosticSeverity.Error));
  const firstBad = (start: string): string | undefined => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const path = stack.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      if (bad(path)) return path;
      const edges = view.files.get(path)?.extends ?? [];
      for (let i = edges.length - 1; i >= 0; i--) if (!edges[i].isUrl && edges[i].target) stack.push(edges[i].target);
    }
    return undefined;
  };
  for (const e of view.files.get(doc.path)?.extends ?? []) {
    if (e.isUrl || !e.target || e.error) continue;
    const path = firstBad(e.target);
    if (!path) continue;
    const message = path === e.target ? what(path) : `This extends reaches ${what(path)}`;
    out.push(diag(e.entry.range, message, BuildoutCode.invalidUtf8, DiagnosticSeverity.Error));
  }
}
