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

const EMPTY_LIST: CompletionList = { isIncomplete: false, items: [] };

export const haproxyFeatures: HaproxyFeatures = {
  knowledge: (version) => emptyKnowledge(version),
  validate: () => [],
  complete: () => EMPTY_LIST,
  hover: () => null,
  definition: () => [],
  references: () => [],
  prepareRename: () => null,
  rename: () => null,
  symbols: () => [],
  folding: () => [],
  highlights: () => [],
  format: () => [],
  codeActions: () => [],
};

// INTEGRATION POINT (temporary): until haproxy/knowledge/index.ts `getKnowledge` lands, the
// context carries a knowledge base that knows nothing, so the pipeline runs end to end.
function emptyKnowledge(version: HaproxyVersion): KnowledgeBase {
  return {
    version,
    sections: () => [],
    section: () => undefined,
    keywordsIn: () => [],
    matchKeyword: () => undefined,
    matchKeywordAnywhere: () => undefined,
    matchRemoved: () => undefined,
    allKeywordNames: () => [],
    bindOptions: () => [],
    bindOption: () => undefined,
    serverOptions: () => [],
    serverOption: () => undefined,
    actions: () => [],
    action: () => undefined,
    fetches: () => [],
    fetch: () => undefined,
    converters: () => [],
    converter: () => undefined,
    predefinedAcls: () => [],
    logAliases: () => [],
    enumValues: () => undefined,
    docUrl: () => `https://docs.haproxy.org/${version}/configuration.html`,
  };
}
