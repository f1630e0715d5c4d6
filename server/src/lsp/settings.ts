/**
 * Settings per document: pulled from the client with `workspace/configuration` (scoped to the
 * resource, cached until the client reports a change), or taken from pushed settings for
 * editors without that capability. Every setting is resource- (or machine-/window-) scoped, so
 * its value differs by workspace folder only: one request per folder, not one per opened
 * document (each was a round trip to the editor before an open's first diagnostics). Also decides the effective HAProxy version:
 * the `haproxy.version` setting, else `haproxy -v` of the binary (trusted workspaces only),
 * else 3.2.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS, type HaproxyVersion } from '../service/haproxy/knowledge/types';
import type { SeverityName } from '../service/haproxy/context';
import { nearestSupportedVersion, type BuildoutSettings, type DocumentSettings } from '../service/languageService';
import { findHaproxyBinary, probeHaproxyVersion, type ProbeResult } from '../node/haproxyVersionProbe';
import type { EffectiveVersionResult, InitializationOptions } from './protocol';

/** The raw shape of the `haproxy` and `buildout` configuration sections. */
export interface RawSettings {
  haproxy?: { version?: string | null; diagnostics?: { severity?: Record<string, string> } };
  buildout?: Partial<BuildoutSettings>;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Validates raw settings into DocumentSettings (unknown values fall back to defaults). */
export function toDocumentSettings(raw: RawSettings, fallbackVersion: HaproxyVersion): DocumentSettings {
  const severity: Record<string, SeverityName> = {};
  for (const [code, sev] of Object.entries(raw.haproxy?.diagnostics?.severity ?? {})) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) severity[code] = sev as SeverityName;
  }
  const b = raw.buildout ?? {};
  const configured = typeof raw.haproxy?.version === 'string' ? nearestSupportedVersion(raw.haproxy.version) : undefined;
  return {
    haproxyVersion: configured ?? fallbackVersion,
    diagnostics: { severity },
    buildout: {
      mergeMode: b.mergeMode === '2.13' ? '2.13' : '3.1',
      userDefaults: b.userDefaults !== false,
      offline: b.offline === true,
      templateOwner: b.templateOwner && typeof b.templateOwner === 'object' ? b.templateOwner : undefined,
      inlayHints: { resolvedValues: b.inlayHints?.resolvedValues !== false },
    },
  };
}

export class SettingsStore {
  /** Pulled settings by workspace folder URI ('' for files outside every folder). */
  private readonly perFolder = new Map<string, Promise<RawSettings>>();
  /** Workspace folder URIs, each ending with '/'. */
  private folders: string[] = [];
  private pushed: RawSettings = {};
  private probe: Promise<ProbeResult | undefined> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly init: InitializationOptions,
  ) {}

  /** The client said settings changed: forget everything (and take pushed values if any). */
  changed(pushed?: unknown): void {
    this.perFolder.clear();
    if (pushed && typeof pushed === 'object') this.pushed = pushed as RawSettings;
  }

  /** The workspace folders changed (each folder has its own settings). */
  setFolders(folderUris: readonly string[]): void {
    this.folders = folderUris.map((f) => (f.endsWith('/') ? f : `${f}/`));
    this.perFolder.clear();
  }

  /** The innermost workspace folder containing `uri`, '' when none does. */
  private folderOf(uri: string): string {
    let best = '';
    const u = `${uri}/`; // the folder's own URI (the warm-up scope) is inside it too
    for (const f of this.folders) if (f.length > best.length && u.startsWith(f)) best = f;
    return best;
  }

  private raw(uri: string): Promise<RawSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const folder = this.folderOf(uri);
    let p = this.perFolder.get(folder);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration([{ scopeUri: uri, section: 'haproxy' }, { scopeUri: uri, section: 'buildout' }])
        .then(([haproxy, buildout]) => ({ haproxy: haproxy ?? {}, buildout: buildout ?? {} }) as RawSettings)
        .catch(() => this.pushed);
      this.perFolder.set(folder, p);
    }
    return p;
  }

  /** `haproxy -v` of the configured or found binary, asked once per session and only when trusted. */
  private detected(): Promise<ProbeResult | undefined> {
    if (!this.init.trusted) return Promise.resolve(undefined);
    if (!this.probe) {
      const binary = findHaproxyBinary(this.init.executablePath);
      this.probe = binary ? probeHaproxyVersion(binary) : Promise.resolve(undefined);
    }
    return this.probe;
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const raw = await this.raw(uri);
    const hasSetting = typeof raw.haproxy?.version === 'string' && nearestSupportedVersion(raw.haproxy.version) !== undefined;
    const probed = hasSetting ? undefined : await this.detected();
    const fallback = (probed && nearestSupportedVersion(probed.version)) || DEFAULT_VERSION;
    return toDocumentSettings(raw, fallback);
  }

  async effectiveVersion(uri: string): Promise<EffectiveVersionResult> {
    const raw = await this.raw(uri);
    const supported = [...SUPPORTED_VERSIONS];
    const configured = typeof raw.haproxy?.version === 'string' ? nearestSupportedVersion(raw.haproxy.version) : undefined;
    if (configured) return { version: configured, source: 'setting', supported };
    const probed = await this.detected();
    const fromBinary = probed && nearestSupportedVersion(probed.version);
    if (probed && fromBinary) return { version: fromBinary, source: 'binary', detected: probed.version, binary: probed.binary, supported };
    return { version: DEFAULT_VERSION, source: 'default', supported };
  }
}
