/**
 * The facade's table of zc.buildout features: profiles, and the buildout side of HAProxy
 * templates (`${…}` inside `haproxy.conf.in`). It is the buildout service (buildout/index.ts)
 * with the three answers languageService.ts needs in its own types adapted.
 */
import type { Position, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSystemHost } from './common/host';
import { createBuildoutService, RenameError, type BuildoutService } from './buildout/index';
import type { RenderResult as BuildoutRender } from './buildout/model';
import type { DocumentSettings, RenderResult } from './languageService';
import { UserFacingError } from './languageServiceErrors';

/** A template rendered for HAProxy diagnostics, with what maps the output back. */
export interface RenderedTemplate {
  text: string;
  render: BuildoutRender;
}

/**
 * The buildout service as languageService.ts sees it: every member passes through unchanged,
 * except the three whose answers are adapted to the facade's types.
 */
export type BuildoutFeatures = Omit<BuildoutService, 'rename' | 'renameInTemplate' | 'render' | 'renderForHaproxy'> & {
  /** Throws UserFacingError (shown to the user as is) when the new name is invalid or taken. */
  rename(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  /** The same, started from a `${…}` in a template. */
  renameInTemplate(doc: TextDocument, position: Position, newName: string, settings: DocumentSettings): WorkspaceEdit | null;
  render(doc: TextDocument, settings: DocumentSettings, owner?: string, isTemplate?: boolean): RenderResult;
  /** The template rendered by its owning section, or undefined when it cannot be rendered. */
  renderForHaproxy(path: string, settings: DocumentSettings): RenderedTemplate | undefined;
};

export function buildoutFeatures(host: FileSystemHost, roots: string[]): BuildoutFeatures {
  const svc = createBuildoutService(host, roots);
  return {
    ...svc,
    rename: (doc, position, newName, settings) => {
      try {
        return svc.rename(doc, position, newName, settings);
      } catch (err) {
        if (err instanceof RenameError) throw new UserFacingError(err.message);
        throw err;
      }
    },
    renameInTemplate: (doc, position, newName, settings) => {
      try {
        return svc.renameInTemplate(doc, position, newName, settings);
      } catch (err) {
        if (err instanceof RenameError) throw new UserFacingError(err.message);
        throw err;
      }
    },
    render(doc, settings, owner, isTemplate) {
      // `input` and `lineMap` come with the answer for a template and for a profile alike.
      const result = svc.render(doc, settings, owner);
      return isTemplate ? { ...result, input: result.input ?? pathOf(doc.uri) } : result;
    },
    renderForHaproxy(path, settings) {
      const r = svc.renderForHaproxy(path, settings);
      return r.text !== undefined && r.render ? { text: r.text, render: r.render } : undefined;
    },
  };
}

function pathOf(uri: string): string {
  return uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
}
