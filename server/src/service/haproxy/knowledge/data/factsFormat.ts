/**
 * The compact on-disk shape of the generated facts table (facts.generated.ts). Facts only:
 * names, sections, argument counts, types and the versions each record applies to. Every
 * explanatory sentence lives in ../summaries, written by this project.
 *
 * A record carries `v`, a bit mask over SUPPORTED_VERSIONS (bit 0 = 2.6, bit 1 = 2.8, …).
 * When a fact changes between versions (e.g. the sections of a keyword), the generator emits
 * one record per distinct variant, each with its own mask. `max: -1` means "unbounded".
 */
import type { RuleSet, SampleType, SectionKind } from '../types';

export type VersionMask = number;

/** Set on records known only from `haproxy -dKall` (not documented): links go to the chapter. */
export type Undocumented = { u?: 1 };
export type Context = 'tcp' | 'http' | 'log';

export interface SectionFact {
  n: SectionKind;
  v: VersionMask;
  /** Whether the header takes a name. */
  r: 'required' | 'optional' | 'none';
  /** Chapter in configuration.txt that documents it. */
  c: string;
  sy?: string[];
  dep?: 1;
}

export interface KeywordFact extends Undocumented {
  n: string;
  v: VersionMask;
  s: SectionKind[];
  c: string;
  sy?: string[];
  min: number;
  max: number;
  /** `(*)`: negatable with `no`. */
  neg?: 1;
  /** `X (!)`: named defaults only. */
  nd?: 1;
  dep?: 1;
  exp?: 1;
  ctx?: Context[];
  rs?: RuleSet;
}

export interface ParamFact extends Undocumented {
  n: string;
  v: VersionMask;
  /** Argument words after the option name. */
  a: number;
  c: string;
  sy?: string[];
  /** Server options accepted on `default-server`. */
  ds?: 1;
  dep?: 1;
  exp?: 1;
}

export interface ActionFact extends Undocumented {
  n: string;
  v: VersionMask;
  rs: RuleSet[];
  c: string;
  sy?: string[];
  min: number;
  max: number;
  dep?: 1;
}

export interface FetchFact extends Undocumented {
  n: string;
  v: VersionMask;
  o: SampleType;
  as?: string;
  min: number;
  max: number;
  c: string;
  dep?: 1;
  /** ACL-only keyword (e.g. `hdr_beg`): its match method as documented/dumped. */
  acl?: string;
}

export interface ConverterFact extends Undocumented {
  n: string;
  v: VersionMask;
  i: SampleType;
  o: SampleType;
  as?: string;
  min: number;
  max: number;
  c: string;
}

export interface AclFact {
  n: string;
  v: VersionMask;
  e: string;
  c: string;
}

export interface LogAliasFact {
  /** Alias without `%`, e.g. `ci`, `ST`, `HM`. */
  n: string;
  v: VersionMask;
  /** Field name from the log-format table (e.g. `client_ip`). */
  f: string;
  t: 'IP' | 'numeric' | 'string' | 'date' | 'any';
  h?: 1;
  c: string;
}

export interface EnumFact {
  /** The keyword (or `keyword/argument`) the values belong to, e.g. `balance`, `mode`, `timeout`. */
  k: string;
  v: VersionMask;
  values: string[];
}

export interface FactsFile {
  /** Which source each version's facts were read from (tag, path). */
  sources: Record<string, string>;
  sections: SectionFact[];
  keywords: KeywordFact[];
  bindOptions: ParamFact[];
  serverOptions: ParamFact[];
  actions: ActionFact[];
  fetches: FetchFact[];
  converters: ConverterFact[];
  acls: AclFact[];
  logAliases: LogAliasFact[];
  enums: EnumFact[];
}
