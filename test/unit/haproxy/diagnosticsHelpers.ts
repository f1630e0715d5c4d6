/** Builds a HaproxyContext from text for the diagnostics and code-action tests. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HaproxyContext } from '../../../server/src/service/haproxy/context';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';
import type { DiagnosticSettings } from '../../../server/src/service/haproxy/context';

export function makeContext(text: string, version: HaproxyVersion = '2.6', isTemplate = false, uri = 'file:///test/haproxy.cfg'): HaproxyContext {
  const document = TextDocument.create(uri, 'haproxy', 1, text);
  return { uri, document, parsed: parseHaproxy(text), kb: getKnowledge(version), isTemplate };
}

export function diagnose(text: string, opts: { version?: HaproxyVersion; template?: boolean; settings?: DiagnosticSettings } = {}): Diagnostic[] {
  return validate(makeContext(text, opts.version, opts.template), opts.settings);
}

/** `code@line` (1-based line) pairs, for compact assertions. */
export function codesAt(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${String(d.code)}@${d.range.start.line + 1}`);
}

export const ERROR = 1;
export const WARNING = 2;

/** A defaults section with every timeout, so tests are not noisy with missing-timeout. */
export const DEFAULTS = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n';
