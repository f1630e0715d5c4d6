import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystemHost } from '../common/host';
import type { KnowledgeBase } from './knowledge/types';
import type { HaproxyDocument } from './parser/model';

/**
 * Local documentation lookup (HAProxy's configuration.txt installed on the user's machine,
 * e.g. Debian's /usr/share/doc/haproxy/configuration.txt.gz). Implemented by the server
 * with real I/O; the service only calls it.
 */
export interface LocalDocsProvider {
  /** The version the local file documents (e.g. "2.6"), if known. */
  readonly version?: string;
  /** The text of the entry for a keyword in the given chapter ("4.2", "5.1", "7.3.2" …), if found. */
  lookup(name: string, chapter?: string): { text: string; path: string; line: number } | undefined;
}

/** Everything a HAProxy feature needs for one document version. Built once per version, cached by the server. */
export interface HaproxyContext {
  uri: string;
  document: TextDocument;
  parsed: HaproxyDocument;
  kb: KnowledgeBase;
  /**
   * The file is a buildout template (`*.in`, or named as `input` of a template recipe):
   * `${…}` tokens are buildout substitutions resolved by the buildout service, not leftovers.
   */
  isTemplate: boolean;
  localDocs?: LocalDocsProvider;
  /**
   * The injected file system, for the checks of files HAProxy opens while it parses (a `bind …
   * crt` certificate, a `ca-file`): absent in tests and tools that check text only, which then
   * skip those checks.
   */
  host?: Pick<FileSystemHost, 'exists' | 'referencedFilesChecked'>;
}

/** Per-code severity overrides from the `haproxy.diagnostics.severity` setting. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';
export interface DiagnosticSettings {
  severity?: Record<string, SeverityName>;
}
