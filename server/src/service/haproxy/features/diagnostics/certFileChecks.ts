/**
 * Certificate and CA files that do not exist. HAProxy opens them while it reads the
 * configuration and refuses the file when one is missing (haproxy -c 2.6.12):
 * - on `bind`: `crt` ("unable to stat SSL certificate from file …"), `crt-list` ("cannot open
 *   file …"), `ca-file`, `ca-verify-file` and `crl-file` ("unable to load …"). A directory is a
 *   valid `crt` (every certificate in it is loaded); a missing `crt` path is still fine when the
 *   key-type variants `<path>.rsa`/`.ecdsa`/`.dsa` exist (a multi-certificate bundle);
 * - on `server`, `server-template` and `default-server` (also in `defaults`, also in a disabled
 *   proxy): `ca-file` and `crl-file`;
 * - on `server`/`server-template`: `crt`, but only when HAProxy prepares TLS for the server (its
 *   own line says `ssl` or `check-ssl`) and the proxy is not disabled. A `crt` inherited from
 *   `default-server` is checked on the servers that use it in inheritedCertChecks.ts.
 * `ca-file @system-ca` (and any `@…` name) is no file. Relative paths are joined to the global
 * `crt-base` (certificates) or `ca-base` (`ca-file`, `ca-verify-file`, `crl-file`) set on an
 * earlier line; without an absolute base they depend on the directory HAProxy starts in, which
 * the editor cannot know, so only absolute paths are checked. `crt-list` takes no base.
 * Files are looked up through the injected host (`ctx.host.exists`); without one nothing is
 * reported. With a `crt-store` section in the file, `crt` names may be store entries: not checked.
 * This family runs on every validation (never cached per statement): files come and go.
 */
import type { Section } from '../../parser/model';
import { walkOptions } from '../../knowledge/optionWalk';
import { checkContentFiles } from './contentFileChecks';
import { checkInheritedCerts } from './inheritedCertChecks';
import type { CheckContext } from './reporter';
import type { FileSystemHost } from '../../../common/host';

type Base = 'crt' | 'ca' | 'none';

/** Options naming a file HAProxy opens while it parses a `bind` line, and the base they use. */
const BIND_FILES: ReadonlyMap<string, Base> = new Map([['crt', 'crt'], ['crt-list', 'none'], ['ca-file', 'ca'], ['ca-verify-file', 'ca'], ['crl-file', 'ca']]);
/** The same for server lines (`crt` only under the conditions above). */
const SERVER_FILES: ReadonlyMap<string, Base> = new Map([['crt', 'crt'], ['ca-file', 'ca'], ['crl-file', 'ca']]);
const BUNDLE_SUFFIXES = ['.rsa', '.ecdsa', '.dsa'];
/** A cheap text filter: a line without any of these has no option to check. */
const FILE_WORD = /\b(?:crt|ca-file|ca-verify-file|crl-file)\b/;

/** What a missing file means to HAProxy, in our words, per option. */
function meaning(option: string): string {
  if (option === 'crt') return 'HAProxy cannot load the certificate and refuses the configuration.';
  if (option === 'crt-list') return 'HAProxy cannot read the certificate list and refuses the configuration.';
  if (option === 'crl-file') return 'HAProxy cannot load the revocation list and refuses the configuration.';
  return 'HAProxy cannot load the CA certificates and refuses the configuration.';
}

/**
 * A word every option or keyword either family checks contains (`crt`, `crt-list`, `ca-file`,
 * `crl-file`, `errorfile`, `file`, `lf-file`, `lua-load`): one pass over a 20,000-line file
 * costs about a third of a millisecond, less than reading the text of every server and rule
 * line of a file that names no file at all (measured; a longer alternation was twice as slow).
 */
const MAY_NAME_FILE = /crt|file|-load/;

/** Whether a path exists, asked of the host once per path per validation. */
export type FileProbe = (path: string) => boolean;

function memoisedProbe(host: Pick<FileSystemHost, 'exists'>, known: Map<string, boolean>): FileProbe {
  return (path) => {
    let v = known.get(path);
    if (v === undefined) {
      try {
        v = host.exists(path);
      } catch {
        v = true; // a file we cannot look at is not reported as missing
      }
      known.set(path, v);
    }
    return v;
  };
}

/** The `missing-file` family: certificate and CA files, then content files (contentFileChecks.ts). */
export function checkReferencedFiles(cc: CheckContext): void {
  const host = cc.ctx.host;
  if (!host) return;
  if (!MAY_NAME_FILE.test(cc.ctx.document.getText())) {
    host.referencedFilesChecked?.(cc.ctx.uri, []);
    return;
  }
  // Every path looked at, present or not: the server watches them (a file that appears or
  // disappears changes the findings without any edit of the document).
  const known = new Map<string, boolean>();
  const present = memoisedProbe(host, known);
  checkCertFiles(cc, present);
  checkInheritedCerts(cc, present, (st, at) => resolve(st.valueAt(at)!, crtBaseAbove(cc, st.line)), cc.doc.sections.some((s) => s.kind === 'crt-store'));
  checkContentFiles(cc, present);
  host.referencedFilesChecked?.(cc.ctx.uri, [...known.keys()]);
}

export function checkCertFiles(cc: CheckContext, present: FileProbe): void {
  const bases: { crt?: string | null; ca?: string | null } = {};
  const hasCrtStore = cc.doc.sections.some((s) => s.kind === 'crt-store');
  for (const section of cc.doc.sections) {
    const kind = section.kind;
    if (kind === 'global') {
      readBases(cc, section, bases);
      continue;
    }
    if (kind !== 'frontend' && kind !== 'listen' && kind !== 'backend' && kind !== 'defaults') continue;
    let disabled: boolean | undefined;
    for (const st of section.body) {
      const kw = st.keyword;
      const bind = kw === 'bind';
      const server = kw === 'server' || kw === 'server-template';
      if (!bind && !server && kw !== 'default-server') continue;
      // A plain substring test first: nearly every server line has none of the words.
      const text = st.text;
      if (!text.includes('crt') && !text.includes('ca-') && !text.includes('crl-')) continue;
      if (!FILE_WORD.test(text)) continue;
      const words = cc.words(st);
      const first = bind ? 2 : server ? (kw === 'server' ? 3 : 4) : 1;
      const options = walkOptions(words, first, (n) => (bind ? cc.kb.bindOption(n) : cc.kb.serverOption(n))?.argCount);
      const files = bind ? BIND_FILES : SERVER_FILES;
      for (const o of options) {
        const base = files.get(o.name);
        if (base === undefined || o.index + 1 >= st.tokenCount) continue;
        if (o.name === 'crt' && !bind) {
          if (!server || !options.some((x) => x.name === 'ssl' || x.name === 'check-ssl')) continue;
          if ((disabled ??= section.body.some((x) => x.keyword === 'disabled'))) continue;
        }
        if (o.name === 'crt' && hasCrtStore) continue;
        const at = o.index + 1;
        if (cc.deferredAt(st, at)) continue;
        const path = resolve(st.valueAt(at)!, base === 'none' ? undefined : bases[base]);
        if (path === undefined || present(path)) continue;
        if (o.name === 'crt' && bind && BUNDLE_SUFFIXES.some((s) => present(path + s))) continue;
        cc.reportAt('missingFile', st, at, { path, option: o.name, meaning: meaning(o.name) });
      }
    }
  }
}

/**
 * The first `crt-base`/`ca-base` of the global sections read so far (HAProxy refuses a second
 * one). `null` when its value is only known later (an environment variable, a buildout
 * substitution): relative paths are then not checked.
 */
function readBases(cc: CheckContext, section: Section, bases: { crt?: string | null; ca?: string | null }): void {
  for (const st of section.body) {
    const kw = st.keyword;
    if ((kw !== 'crt-base' && kw !== 'ca-base') || st.tokenCount < 2) continue;
    const which = kw === 'crt-base' ? 'crt' : 'ca';
    if (bases[which] !== undefined) continue;
    // A base HAProxy may skip (inside an `.if`) leaves relative paths unknown.
    bases[which] = cc.deferredAt(st, 1) || (cc.lineStates?.[st.line] ?? 0) !== 0 ? null : st.valueAt(1)!;
  }
}

/** The `crt-base` in effect at a line (global sections above it), as readBases reads it. */
function crtBaseAbove(cc: CheckContext, line: number): string | null | undefined {
  const bases: { crt?: string | null; ca?: string | null } = {};
  for (const section of cc.doc.sections) {
    if (section.header.line >= line) break;
    if (section.kind === 'global') readBases(cc, section, bases);
  }
  return bases.crt;
}

/** The absolute path HAProxy opens, or undefined when it depends on its working directory. */
function resolve(value: string, base: string | null | undefined): string | undefined {
  if (value === '' || value.startsWith('@')) return undefined;
  const path = value.startsWith('/') || !base ? value : `${base}/${value}`;
  return path.startsWith('/') ? path : undefined;
}

