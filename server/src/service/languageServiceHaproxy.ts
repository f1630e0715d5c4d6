/**
 * The facade's table of HAProxy features: one function per LSP feature over a HaproxyContext.
 * Each entry delegates to its module in haproxy/features (written by the feature owners);
 * this file only adapts signatures so languageService.ts stays a plain dispatcher.
 */
import type {
  CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol,
  FoldingRange, FormattingOptions, Hover, Location, Position, Range, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { CancellationCheck } from './common/cancellation';
import type { DiagnosticSettings, HaproxyContext } from './haproxy/context';
import type { HaproxyVersion, KnowledgeBase } from './haproxy/knowledge/types';
import { getKnowledge } from './haproxy/knowledge/index';
import { validate } from './haproxy/features/diagnostics/index';
import { doComplete } from './haproxy/features/completion';
import { getCodeActions } from './haproxy/features/codeActions';
import { doHover } from './haproxy/features/hover';

export interface HaproxyFeatures {
  knowledge(version: HaproxyVersion): KnowledgeBase;
  validate(ctx: HaproxyContext, settings: { diagnostics: DiagnosticSettings }, token: CancellationCheck): Diagnostic[];
  complete(ctx: HaproxyContext, position: Position, token: CancellationCheck): CompletionList;
  hover(ctx: HaproxyContext, position: Position, token: CancellationCheck): Hover | null;
  definition(ctx: HaproxyContext, position: Position): Location[];
  references(ctx: HaproxyContext, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(ctx: HaproxyContext, position: Position): { range: Range; placeholder: string } | null;
  rename(ctx: HaproxyContext, position: Position, newName: string): WorkspaceEdit | null;
  symbols(ctx: HaproxyContext): DocumentSymbol[];
  folding(ctx: HaproxyContext): FoldingRange[];
  highlights(ctx: HaproxyContext, position: Position): DocumentHighlight[];
  format(ctx: HaproxyContext, range: Range | undefined, options: FormattingOptions): TextEdit[];
  codeActions(ctx: HaproxyContext, range: Range, context: CodeActionContext): CodeAction[];
}

export const haproxyFeatures: HaproxyFeatures = {
  knowledge: (version) => getKnowledge(version),
  validate: (ctx, settings, token) => validate(ctx, settings.diagnostics, token),
  complete: (ctx, position) => doComplete(ctx, position),
  hover: (ctx, position) => doHover(ctx, position),
  definition: () => [],
  references: () => [],
  prepareRename: () => null,
  rename: () => null,
  symbols: () => [],
  folding: () => [],
  highlights: () => [],
  format: () => [],
  codeActions: (ctx, range, context) => getCodeActions(ctx, range, context.diagnostics),
};
