/**
 * Buildout features inside a template file (e.g. `templates/haproxy.conf.in`): `${option}`
 * means `${<owning section>:option}`. The server calls these for a HAProxy document the
 * workspace knows as a template; each returns null/empty when the cursor is not in a `${…}`.
 */
import { CompletionItemKind, DiagnosticSeverity, type CompletionList, type Diagnostic, type Hover, type Location, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { SubstitutionReference } from '../model';
import { optionItems, sectionItems } from '../features/completion';
import { BuildoutCode, DIAGNOSTIC_SOURCE } from '../features/codes';
import { optionValueMarkdown, sectionMarkdown } from '../features/hover';
import { definitionOf, renameSymbol } from '../features/navigation';
import { referenceDiagnostics } from '../features/referenceChecks';
import { occurrences, type BuildoutSymbol } from '../features/symbolsIndex';
import { fileUri, lineStarts, offsetAt, rangeOf } from '../features/text';
import type { BuildoutWorkspace } from '../workspace/workspace';
import type { ProfileView } from '../workspace/profileView';
import type { TemplateOwner } from '../workspace/templateOwners';
import { openSubstitutionBefore, referenceAt, scanTemplate, type TemplateReference } from './scan';
import { templateEncodingDiagnostics } from './encodingCheck';

export interface TemplateContext {
  owner: TemplateOwner;
  view: ProfileView;
  refs: TemplateReference[];
  starts: number[];
}

export function templateContext(ws: BuildoutWorkspace, templatePath: string, text: string, chosenOwner?: string): TemplateContext | undefined {
  const owner = ws.templateOwner(templatePath, chosenOwner);
  if (!owner) return undefined;
  const view = ws.profile(owner.profile);
  return { owner, view, refs: scanTemplate(text, owner.section, owner.flavour), starts: lineStarts(text) };
}

/** A template reference in the resolver's shape, so profile checks apply unchanged. */
function asSubstitution(ctx: TemplateContext, file: string, r: TemplateReference): SubstitutionReference {
  const range = rangeOf(ctx.starts, r.start, r.end);
  const sectionText = r.implicit || r.sectionStart === undefined ? '' : r.section ?? '';
  const sectionRange = r.sectionStart !== undefined && r.section ? rangeOf(ctx.starts, r.sectionStart, r.sectionStart + r.section.length) : { start: range.start, end: range.start };
  const optionRange = r.optionStart !== undefined && r.option !== undefined ? rangeOf(ctx.starts, r.optionStart, r.optionStart + r.option.length) : range;
  return {
    file, range, sectionText, section: r.section ?? '', option: r.option ?? '', sectionRange, optionRange,
    inSection: ctx.owner.section, syntaxError: r.syntaxError,
  };
}

export function templateCompletion(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, chosenOwner?: string): CompletionList | null {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return null;
  const offset = offsetAt(ctx.starts, position);
  const open = openSubstitutionBefore(text, offset);
  if (!open) return null;
  const colon = open.typed.indexOf(':');
  const after = text.slice(offset);
  const closed = /^[-a-zA-Z0-9 ._]*\}/.test(after);
  if (colon < 0) {
    const range = { start: { line: position.line, character: position.character - open.typed.length }, end: position };
    const items = ctx.owner.flavour === 'collective' ? optionItems(ctx.view, ctx.owner.section, range, !closed) : [];
    for (const i of items) i.detail = `${ctx.owner.section}: ${i.detail ?? ''}`;
    const sections = sectionItems(ctx.view, range, true).map((i) => ({ ...i, kind: CompletionItemKind.Module, sortText: 'z' + i.label }));
    return { isIncomplete: false, items: [...items, ...sections] };
  }
  const section = open.typed.slice(0, colon) || ctx.owner.section;
  const typed = open.typed.slice(colon + 1);
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return { isIncomplete: false, items: optionItems(ctx.view, section, range, !closed) };
}

export function templateHover(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, chosenOwner?: string): Hover | null {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return null;
  const r = referenceAt(ctx.refs, offsetAt(ctx.starts, position));
  if (!r) return null;
  const s = asSubstitution(ctx, templatePath, r);
  if (r.syntaxError) return { contents: { kind: 'markdown', value: `⚠ ${r.syntaxError.replace(/\n/g, ' ')}` }, range: s.range };
  const onSection = s.sectionText !== '' && position.character <= s.sectionRange.end.character && position.line === s.sectionRange.start.line && position.character >= s.sectionRange.start.character;
  const others = ws.templateCandidates(templatePath).filter((c) => c !== ctx.owner).map((c) => ws.ownerLabel(c));
  const owner = `\n\n*Template of [${ctx.owner.section}] in ${ws.ownerLabel(ctx.owner)}*`
    + (others.length ? ` — also used by ${others.join(', ')} (choose with the \`buildout.templateOwner\` setting)` : '');
  if (onSection && ctx.view.section(s.section)) return { contents: { kind: 'markdown', value: sectionMarkdown(ctx.view, s.section) + owner }, range: s.sectionRange };
  const implicit = r.implicit ? `\n\n\`\${${r.option}}\` means \`\${${ctx.owner.section}:${r.option}}\` here.` : '';
  return { contents: { kind: 'markdown', value: optionValueMarkdown(ctx.view, s.section, s.option, ctx.owner.section) + implicit + owner }, range: s.range };
}

export function templateDefinition(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, chosenOwner?: string): Location[] {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return [];
  const r = referenceAt(ctx.refs, offsetAt(ctx.starts, position));
  if (!r || r.syntaxError || !r.section || r.option === undefined) return [];
  const s = asSubstitution(ctx, templatePath, r);
  const onSection = s.sectionText !== '' && position.line === s.sectionRange.start.line
    && position.character >= s.sectionRange.start.character && position.character <= s.sectionRange.end.character;
  return definitionOf(ctx.view, onSection ? { kind: 'section', name: r.section } : { kind: 'option', section: r.section, option: r.option });
}

/** The section or option of the `${…}` under the cursor, with the range of its name. */
function templateSymbolAt(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, chosenOwner?: string):
  { ctx: TemplateContext; symbol: BuildoutSymbol; range: Range } | undefined {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return undefined;
  const r = referenceAt(ctx.refs, offsetAt(ctx.starts, position));
  if (!r || r.syntaxError || !r.section || r.option === undefined) return undefined;
  const s = asSubstitution(ctx, templatePath, r);
  const onSection = s.sectionText !== '' && position.line === s.sectionRange.start.line
    && position.character >= s.sectionRange.start.character && position.character <= s.sectionRange.end.character;
  return onSection
    ? { ctx, symbol: { kind: 'section', name: r.section }, range: s.sectionRange }
    : { ctx, symbol: { kind: 'option', section: r.section, option: r.option }, range: s.optionRange };
}

/** References of the section or option under the cursor, across the owner's graph and its templates. */
export function templateReferences(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, includeDeclaration: boolean, chosenOwner?: string): Location[] {
  const hit = templateSymbolAt(ws, templatePath, text, position, chosenOwner);
  if (!hit) return [];
  return occurrences(ws, hit.ctx.view, hit.symbol).filter((o) => includeDeclaration || !o.declaration).map((o) => ({ uri: fileUri(o.file), range: o.range }));
}

/** F2 on a `${…}` in a template: the name under the cursor (not `[buildout]`, which cannot be renamed). */
export function templatePrepareRename(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, chosenOwner?: string): { range: Range; placeholder: string } | null {
  const hit = templateSymbolAt(ws, templatePath, text, position, chosenOwner);
  if (!hit || (hit.symbol.kind === 'section' && hit.symbol.name === 'buildout')) return null;
  return { range: hit.range, placeholder: hit.symbol.kind === 'section' ? hit.symbol.name : hit.symbol.option };
}

/** Rename from a template: the same edit as a rename started in the profile. */
export function templateRename(ws: BuildoutWorkspace, templatePath: string, text: string, position: Position, newName: string, chosenOwner?: string): WorkspaceEdit | null {
  const hit = templateSymbolAt(ws, templatePath, text, position, chosenOwner);
  return hit ? renameSymbol(ws, hit.ctx.view, hit.symbol, newName) : null;
}

const SHELL_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function templateDiagnostics(ws: BuildoutWorkspace, templatePath: string, text: string, chosenOwner?: string): Diagnostic[] {
  const ctx = templateContext(ws, templatePath, text, chosenOwner);
  if (!ctx) return [];
  const out: Diagnostic[] = [];
  const plain: SubstitutionReference[] = [];
  for (const r of ctx.refs) {
    const s = asSubstitution(ctx, templatePath, r);
    const missing = r.section !== undefined && r.option !== undefined && ctx.view.section(r.section) !== undefined && !ctx.view.optionNames(r.section).includes(r.option);
    if (r.implicit && missing && SHELL_NAME.test(r.inner)) {
      out.push({
        range: s.range, code: BuildoutCode.shellVariableInTemplate, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE,
        message: `\${${r.inner}} is not a shell or HAProxy variable here: collective.recipe.template reads it as \${${ctx.owner.section}:${r.inner}} and the recipe fails (Referenced option does not exist: ${ctx.owner.section} ${r.inner}). This recipe cannot write a literal "\${"; define '${r.inner}' in [${ctx.owner.section}] or use a value without braces.`,
      });
      continue;
    }
    if (r.doubleDollar && ctx.owner.flavour === 'collective') {
      out.push({
        range: { start: { line: s.range.start.line, character: Math.max(0, s.range.start.character - 1) }, end: s.range.end },
        code: BuildoutCode.dollarDollarInTemplate, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE,
        message: `$\${…} is no escape in collective.recipe.template: it renders as "$" followed by the substituted value of \${${r.section ?? ''}:${r.option ?? ''}}.`,
      });
    }
    plain.push(s);
  }
  out.push(...referenceDiagnostics(ctx.view, plain));
  out.push(...templateEncodingDiagnostics(ws, templatePath, text, ctx, chosenOwner));
  return out;
}
