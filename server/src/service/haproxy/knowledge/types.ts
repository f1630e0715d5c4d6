/**
 * The typed schema of HAProxy keyword knowledge. One table per supported version holds
 * *facts* (names, sections, arguments, types, versions) taken from HAProxy's
 * configuration.txt and `haproxy -dKall`; every explanatory sentence (`summary`) is
 * written by this project. Completion, hover and diagnostics all read this table.
 */

export const SUPPORTED_VERSIONS = ['2.6', '2.8', '3.0', '3.2', '3.4'] as const;
export type HaproxyVersion = (typeof SUPPORTED_VERSIONS)[number];
export const DEFAULT_VERSION: HaproxyVersion = '3.2';

/** Section kinds across all versions. */
export type SectionKind =
  | 'global' | 'defaults' | 'frontend' | 'backend' | 'listen' | 'userlist' | 'peers'
  | 'resolvers' | 'mailers' | 'program' | 'http-errors' | 'ring' | 'cache' | 'log-forward'
  | 'fcgi-app' | 'crt-store' | 'traces' | 'acme' | 'log-profile' | 'healthcheck';

/** The proxy sections, which share the §4 keyword matrix. */
export const PROXY_SECTIONS: readonly SectionKind[] = ['defaults', 'frontend', 'listen', 'backend'];

/** Version status of an entry relative to the table's version (already resolved per version). */
export interface Lifecycle {
  /** First version (among all HAProxy versions, e.g. "1.5", "2.8") that has it, when known. */
  since?: string;
  /** Version that deprecated it (still accepted, warns or is discouraged). */
  deprecated?: string;
  /** Version that removed it. */
  removed?: string;
  /** What to use instead, as a keyword or a short snippet (e.g. `http-request add-header`). */
  replacement?: string;
}

/** Kinds of value an argument takes; diagnostics validate the checkable ones. */
export type ValueType =
  | 'time'        // 5s, 100ms, 1m (unit optional, default ms unless noted)
  | 'size'        // 16k, 1m
  | 'integer'
  | 'port'
  | 'address'     // [ip]:port[-range], unix@, abns@, fd@, ipv4@ …
  | 'name'        // an identifier (proxy, server, acl name …)
  | 'enum'        // one of `values`
  | 'string'
  | 'file'
  | 'condition'   // if/unless …
  | 'sample'      // a sample expression fetch[,conv]*
  | 'log-format'
  | 'any';

export interface ArgumentSpec {
  name: string;
  type: ValueType;
  optional?: boolean;
  /** Repeats until the end of the line. */
  variadic?: boolean;
  values?: readonly string[];
  /** For `name` arguments: what the name refers to, for navigation and "undefined" diagnostics. */
  refersTo?: 'backend' | 'frontend' | 'proxy' | 'server' | 'acl' | 'userlist' | 'peers' | 'resolvers' | 'mailers' | 'ring' | 'cache' | 'http-errors' | 'log-forward' | 'fcgi-app' | 'crt-store' | 'log-profile';
}

/** What a name argument can refer to (the `refersTo` values). */
export type RefKind = NonNullable<ArgumentSpec['refersTo']>;

/** Common fields of every knowledge entry. */
export interface EntryBase extends Lifecycle {
  /** The name as written in configurations. Multi-word keywords use one space: `option httpchk`. */
  name: string;
  /** Syntax lines as facts (`balance <algorithm> [ <arguments> ]`). */
  syntax: readonly string[];
  /** One or two sentences in this project's own words. */
  summary: string;
  /** Anchor on https://docs.haproxy.org/<version>/configuration.html (without '#'). */
  docAnchor?: string;
  /** Heading of the matching chapter in configuration.txt (e.g. "4.2", "5.2"), for the local-docs lookup. */
  docChapter?: string;
}

/** A keyword line in a section (`maxconn`, `option httplog`, `timeout client`, `stats uri`). */
export interface KeywordEntry extends EntryBase {
  kind: 'keyword';
  /** Sections where the keyword is accepted. */
  sections: readonly SectionKind[];
  /** `X (!)` in the §4.1 matrix: in `defaults` only when the defaults section is named. */
  namedDefaultsOnly?: boolean;
  /** `(*)` in §4.1: accepts the `no` prefix (and `default`). */
  negatable?: boolean;
  experimental?: boolean;
  /** Argument count bounds after the keyword words (Infinity = unbounded). */
  minArgs: number;
  maxArgs: number;
  args?: readonly ArgumentSpec[];
  /** Which protocol modes it makes sense in (3.0+ "May be used in the following contexts"). */
  contexts?: readonly ('tcp' | 'http' | 'log')[];
  /** For rule keywords (`http-request`, `tcp-request connection` …): the rule-set id of its actions. */
  ruleSet?: RuleSet;
  /**
   * Named references anywhere after the keyword: the word that follows the key refers to
   * that kind, e.g. `stick-table … peers <name>` → `{ peers: 'peers' }`, `stick on … table <t>`.
   */
  wordRefs?: Readonly<Record<string, RefKind>>;
}

export type RuleSet =
  | 'http-request' | 'http-response' | 'http-after-response'
  | 'tcp-request connection' | 'tcp-request session' | 'tcp-request content' | 'tcp-response content'
  | 'quic-initial' | 'http-check' | 'tcp-check';

export interface SectionEntry extends EntryBase {
  kind: 'section';
  /** Whether the header takes a name (`frontend <name>`), is optional, or takes none. */
  nameRequired: 'required' | 'optional' | 'none';
}

/** `bind` options (§5.1) and `server`/`default-server` options (§5.2). */
export interface ParamEntry extends EntryBase {
  kind: 'bind-option' | 'server-option';
  /** Number of argument words after the option name (e.g. `weight 10` → 1). */
  argCount: number;
  args?: readonly ArgumentSpec[];
  /** Accepted on `default-server` too (server options only). */
  defaultServer?: boolean;
}

export interface ActionEntry extends EntryBase {
  kind: 'action';
  /** Rule sets that accept this action. */
  ruleSets: readonly RuleSet[];
  minArgs: number;
  maxArgs: number;
  /** Positional arguments after the action name, where they matter (e.g. `cache-use <cache>`). */
  args?: readonly ArgumentSpec[];
  /** Named references after the action, e.g. `track-sc0 <key> table <t>` → `{ table: 'proxy' }`. */
  wordRefs?: Readonly<Record<string, RefKind>>;
}

export type SampleType = 'any' | 'bool' | 'int' | 'str' | 'bin' | 'ip' | 'ipv4' | 'ipv6' | 'meth' | 'addr';

export interface FetchEntry extends EntryBase {
  kind: 'fetch';
  output: SampleType;
  /** Argument list as documented, e.g. `([<name>[,<occ>]])`, empty when none. */
  argSyntax?: string;
  /** Mandatory argument count. */
  minArgs: number;
  maxArgs: number;
  /** Rough availability: layer 4 (connection), 5, 6 (content), 7 (http), or internal. */
  layer?: 'internal' | 'l4' | 'l5' | 'l6' | 'l7' | 'l7-response';
  /**
   * Set on ACL-only keywords (`hdr_beg`, `path_end` …, see `aclKeywords()`): the match method
   * they imply, e.g. "prefix match". Such names are valid in ACL criteria, not in `%[…]`.
   */
  aclMatch?: string;
  /** Per parenthesised argument: what it names, e.g. `nbsrv(<backend>)` → ['backend'], `srv_is_up(<backend>/<server>)` → ['server']. */
  argRefs?: readonly (RefKind | undefined)[];
}

export interface ConverterEntry extends EntryBase {
  kind: 'converter';
  input: SampleType;
  output: SampleType;
  argSyntax?: string;
  minArgs: number;
  maxArgs: number;
  /** Per parenthesised argument: what it names, e.g. `table_gpc0(<table>)` → ['proxy']. */
  argRefs?: readonly (RefKind | undefined)[];
}

export interface PredefinedAclEntry extends EntryBase {
  kind: 'predefined-acl';
  /** The equivalent expression (facts), e.g. `method GET HEAD`. */
  equivalent: string;
}

export interface LogAliasEntry extends EntryBase {
  kind: 'log-alias';
  /** `%ci`, `%ST` … written without the percent sign in `name`. */
  field: string;
  type: 'IP' | 'numeric' | 'string' | 'date' | 'any';
  /** Only meaningful in HTTP mode. */
  httpOnly?: boolean;
}

/** A keyword no longer accepted (or accepted with a warning) in some version. */
export interface RemovedEntry {
  /** As written: `appsession`, `reqadd`, `option forceclose`, `redispatch`. */
  name: string;
  /** Sections where the user would have written it. */
  sections: readonly SectionKind[];
  removed?: string;
  deprecated?: string;
  replacement?: string;
  /** Our own explanation of what to do instead. */
  advice: string;
}

export type KnowledgeEntry =
  | KeywordEntry | SectionEntry | ParamEntry | ActionEntry | FetchEntry | ConverterEntry
  | PredefinedAclEntry | LogAliasEntry;

/** Everything known for one HAProxy version. Built once per version and cached. */
export interface KnowledgeBase {
  readonly version: HaproxyVersion;
  /** Section kinds that exist in this version. */
  sections(): readonly SectionEntry[];
  section(kind: string): SectionEntry | undefined;
  /** Keywords allowed in a section kind (defaults: including named-defaults-only ones). */
  keywordsIn(section: SectionKind): readonly KeywordEntry[];
  /**
   * The keyword a statement starts with, matching the longest multi-word name
   * (`option httpchk`, `timeout client`, `stats uri`, `tcp-request content`), ignoring a
   * leading `no`/`default`. `words` are the statement's lower-cased token values.
   * Returns the entry and how many words form the keyword (prefix included).
   */
  matchKeyword(section: SectionKind, words: readonly string[]): { entry: KeywordEntry; wordCount: number } | undefined;
  /** Same lookup in every section kind, for "not allowed in this section" diagnostics. */
  matchKeywordAnywhere(words: readonly string[]): { entry: KeywordEntry; wordCount: number } | undefined;
  /**
   * Removed/deprecated keywords (removed or deprecated at or before this version) whose name
   * prefixes `words`. Pass `section` so that e.g. the still-valid global `grace` is not
   * mistaken for the removed proxy `grace`.
   */
  matchRemoved(words: readonly string[], section?: SectionKind): { entry: RemovedEntry; wordCount: number } | undefined;
  /** Every keyword name in this version, for did-you-mean. */
  allKeywordNames(): readonly string[];
  bindOptions(): readonly ParamEntry[];
  bindOption(name: string): ParamEntry | undefined;
  serverOptions(): readonly ParamEntry[];
  serverOption(name: string): ParamEntry | undefined;
  actions(ruleSet: RuleSet): readonly ActionEntry[];
  action(ruleSet: RuleSet, name: string): ActionEntry | undefined;
  fetches(): readonly FetchEntry[];
  fetch(name: string): FetchEntry | undefined;
  converters(): readonly ConverterEntry[];
  converter(name: string): ConverterEntry | undefined;
  predefinedAcls(): readonly PredefinedAclEntry[];
  logAliases(): readonly LogAliasEntry[];
  /** Values of enumerated arguments: `balance` algorithms, `mode` values, `timeout` names … */
  enumValues(keyword: string): readonly string[] | undefined;
  /** Documentation URL for an entry in this version. */
  docUrl(entry: EntryBase): string;
  /** ACL-only derivatives of fetches (`hdr_beg`, `path_end` …), usable as ACL criteria only. */
  aclKeywords?(): readonly FetchEntry[];
  aclKeyword?(name: string): FetchEntry | undefined;
}
