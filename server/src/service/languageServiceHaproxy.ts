/**
 * The facade's table of HAProxy features: one function per LSP feature over a HaproxyContext.
 * Each entry delegates to its module in haproxy/features (written by the feature owners);
 * this file only adapts signatures so languageService.ts stays a plain dispatcher.
 */
import type {
  CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol,
  FoldingRange, FormattingOptions, Hover, Location, Position, Range, SignatureHelp, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { CancellationCheck } from './common/cancellation';
import type { DiagnosticSettings, HaproxyContext } from './haproxy/context';
import type { HaproxyVersion, KnowledgeBase } from './haproxy/knowledge/types';
import { getKnowledge } from './haproxy/knowledge/index';
import { validate } from './haproxy/features/diagnostics/index';
import { doComplete } from './haproxy/features/completion';
import { getCodeActions } from './haproxy/features/codeActions';
import { doHover } from './haproxy/features/hover';
import { signatureHelp } from './haproxy/features/signatureHelp';
import { doRename, findDefinition, findReferences, prepareRename, RenameError } from './haproxy/features/navigation';
import { documentSymbols } from './haproxy/features/symbols';
import { foldingRanges } from './haproxy/features/folding';
import { documentHighlights } from './haproxy/features/highlights';
import { format } from './haproxy/features/formatting';
import { UserFacingError } from './languageServiceErrors';

export interface HaproxyFeatures {
  knowledge(version: HaproxyVersion): KnowledgeBase;
  validate(ctx: HaproxyContext, settings: { diagnostics: DiagnosticSettings }, token: CancellationCheck): Diagnostic[];
  complete(ctx: HaproxyContext, position: Position, token: CancellationCheck): CompletionList;
  hover(ctx: HaproxyContext, position: Position, token: CancellationCheck): Hover | null;
  signatureHelp(ctx: HaproxyContext, position: Position): SignatureHelp | null;
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
  signatureHelp: (ctx, position) => signatureHelp(ctx, position),
  definition: (ctx, position) => findDefinition(ctx, position),
  references: (ctx, position, includeDeclaration) => findReferences(ctx, position, includeDeclaration),
  prepareRename: (ctx, position) => {
    const range = prepareRename(ctx, position);
    return range ? { range, placeholder: ctx.document.getText(range) } : null;
  },
  rename: (ctx, position, newName) => {
    try {
      return doRename(ctx, position, newName);
    } catch (err) {
      if (err instanceof RenameError) throw new UserFacingError(err.message);
      throw err;
    }
  },
  symbols: (ctx) => documentSymbols(ctx),
  folding: (ctx) => foldingRanges(ctx),
  highlights: (ctx, position) => documentHighlights(ctx, position),
  format: (ctx, range, options) => format(ctx, options, range),
  codeActions: (ctx, range, context) => getCodeActions(ctx, range, context.diagnostics),
};
