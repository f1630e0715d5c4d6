/**
 * Custom messages between the VS Code client and the language server, defined once and
 * imported by both sides (client/src and server/src/lsp). Only `vscode-languageserver-protocol` values
 * here, so the file bundles into either side; the service's answer types come in as `import type`,
 * which the bundler erases.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { RenderResult, TemplateOwners } from '../service/languageService';

/** What the client tells the server at start-up (LSP `initializationOptions`). */
export interface InitializationOptions {
  /**
   * Whether the workspace is trusted. In Restricted Mode the server never starts a process
   * (no `haproxy -v` version probe); language features still work.
   */
  trusted: boolean;
  /** The `haproxy.executablePath` machine setting, read by the client (machine scope). */
  executablePath?: string;
  /**
   * The client already sends `workspace/didChangeWatchedFiles` for profiles and templates
   * (VS Code's `synchronize.fileEvents`); otherwise the server registers its own watchers.
   */
  clientWatchesFiles?: boolean;
}

/**
 * Server → client: these documents are zc.buildout profiles (reached through the extends
 * graph of an open profile, or a `.cfg` that the file-name rules gave another language).
 * The client switches any open document among them to the `buildout` language.
 */
export interface SetLanguageParams {
  uris: string[];
  languageId: 'buildout' | 'haproxy';
}
export namespace SetLanguageNotification {
  export const method = 'haproxyBuildout/setLanguage';
  export const type = new NotificationType<SetLanguageParams>(method);
}

/** Where the effective HAProxy version of a document came from. */
export type VersionSource = 'setting' | 'binary' | 'default';

/** Client → server: which HAProxy version applies to this document (for the status bar). */
export interface EffectiveVersionParams {
  uri: string;
}
export interface EffectiveVersionResult {
  /** The supported version used for keywords and diagnostics, e.g. "2.6". */
  version: string;
  source: VersionSource;
  /** The full version printed by the binary (e.g. "2.6.12") when `source` is "binary". */
  detected?: string;
  /** The binary that was asked, when `source` is "binary". */
  binary?: string;
  supported: string[];
}
export namespace EffectiveVersionRequest {
  export const method = 'haproxy/effectiveVersion';
  export const type = new RequestType<EffectiveVersionParams, EffectiveVersionResult, void>(method);
}

/**
 * Client → server: render the buildout template the document is (or the template section
 * of a profile), exactly as the recipe would write it. Used by "Show Generated Config" and
 * by the run command (which starts HAProxy on the rendered text).
 */
export interface RenderTemplateParams {
  uri: string;
  /** Pick a specific owning section (`profilePath:section`) when several use the template. */
  owner?: string;
}
/** The service's answer as is (documented in service/languageService.ts). */
export type RenderTemplateResult = RenderResult;
export namespace RenderTemplateRequest {
  export const method = 'haproxy/renderTemplate';
  export const type = new RequestType<RenderTemplateParams, RenderTemplateResult, void>(method);
}

/** Server → client: the effective version of some documents changed (setting or binary changed). */
export namespace VersionChangedNotification {
  export const method = 'haproxy/versionChanged';
  export const type = new NotificationType<{ uris: string[] }>(method);
}

/**
 * Client → server: the sections that render this template and the one in effect, for
 * "Buildout: Choose Template Owner". The choice itself is the `buildout.templateOwner` setting
 * (template path relative to its workspace folder → `profile.cfg:section`), which the server
 * reads per document like every setting, so features and diagnostics follow it.
 */
export interface TemplateOwnersParams {
  uri: string;
}
export type TemplateOwnersResult = TemplateOwners;
export namespace TemplateOwnersRequest {
  export const method = 'haproxy/templateOwners';
  export const type = new RequestType<TemplateOwnersParams, TemplateOwnersResult, void>(method);
}
