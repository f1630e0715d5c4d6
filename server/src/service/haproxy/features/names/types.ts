import type { Range } from 'vscode-languageserver-types';
import type { Section } from '../../parser/model';

/**
 * Kinds of named things in a configuration. Definitions use the section kind that defines
 * them (`frontend`, `backend`, `listen`, `defaults`, `userlist`, `peers` …) or `server`/`acl`.
 * References use the kind they point at; `backend` references resolve to `backend` and
 * `listen` definitions (both have backend capability).
 */
export type NameKind =
  | 'frontend' | 'backend' | 'listen' | 'defaults' | 'server' | 'acl'
  | 'userlist' | 'peers' | 'resolvers' | 'mailers' | 'ring' | 'cache' | 'http-errors'
  | 'log-forward' | 'fcgi-app' | 'crt-store' | 'program' | 'log-profile' | 'acme'
  /**
   * Stick tables. A reference `table be` resolves to the proxy `be` itself (its table is named
   * after it), so renaming the proxy renames the reference; `table peers1/t1` resolves to the
   * `table t1` line of `peers peers1` (the only `table` definitions in the index).
   */
  | 'table'
  /**
   * Any proxy (frontend, backend or listen): `stats scope <name>`. HAProxy accepts a name
   * that matches no proxy without a word, so an unresolved one is never reported.
   */
  | 'proxy';

/** Section kinds whose header name is a definition. */
export const NAMED_SECTION_KINDS: ReadonlySet<string> = new Set<NameKind>([
  'frontend', 'backend', 'listen', 'defaults', 'userlist', 'peers', 'resolvers', 'mailers', 'ring',
  'cache', 'http-errors', 'log-forward', 'fcgi-app', 'crt-store', 'program', 'log-profile', 'acme',
]);

export interface NameSymbol {
  readonly kind: NameKind;
  readonly name: string;
  /**
   * Position of the name itself (for `track be/s1`: just `be` or just `s1`): 0-based line and
   * UTF-16 columns [start, end). Kept as numbers; `range` builds the LSP Range when a feature
   * asks (hover, definition, a diagnostic), so the index holds one object per name.
   */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** The same position as an LSP Range (a new object on each read). */
  readonly range: Range;
  readonly role: 'definition' | 'reference';
  /** The section the symbol is written in (for a section name: that section). */
  readonly section: Section;
  /** The statement keyword that introduced it: `use_backend`, `track`, `acl`, `server`, `backend` … */
  readonly via: string;
  /**
   * Server references: the proxy named explicitly (`track be/s1` → `be`); absent = the enclosing proxy.
   * Table references: the peers section of a `peers/table` name.
   */
  proxy?: string;
  /** `server-template` definitions: the numeric suffix range of the generated names. */
  template?: { from: number; to: number };
}

/** Predefined ACL names (configuration.txt §7.4, all versions we support). */
export const PREDEFINED_ACL_NAMES: ReadonlySet<string> = new Set([
  'FALSE', 'HTTP', 'HTTP_1.0', 'HTTP_1.1', 'HTTP_2.0', 'HTTP_3.0', 'HTTP_CONTENT', 'HTTP_URL_ABS',
  'HTTP_URL_SLASH', 'HTTP_URL_STAR', 'LOCALHOST', 'METH_CONNECT', 'METH_DELETE', 'METH_GET',
  'METH_HEAD', 'METH_OPTIONS', 'METH_POST', 'METH_PUT', 'METH_TRACE', 'RDP_COOKIE', 'REQ_CONTENT',
  'TRUE', 'WAIT_END',
]);
