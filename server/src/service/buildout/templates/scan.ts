/**
 * The `${…}` references of a template file, with the meaning the template recipe gives them.
 * collective.recipe.template first rewrites every `${name}` without a colon into
 * `${<owning section>:name}` (regex `\$\{([^:]+?)\}`), then runs buildout's `_sub` over the
 * whole text — without the `$$` split of option values, so `$${x:y}` renders as `$` + value.
 */

/** How the recipe that owns the template treats `${…}`. */
export type TemplateFlavour = 'collective' | 'slapos' | 'none';

export interface TemplateReference {
  /** Offsets of the whole `${…}` in the template text. */
  start: number;
  end: number;
  /** The text between `${` and `}`. */
  inner: string;
  /** Section after the recipe's rewrite (`${x}` → owner), `undefined` when the syntax is invalid. */
  section?: string;
  option?: string;
  /** True for `${option}` (the owning section is implied). */
  implicit: boolean;
  /** Offsets of the section name (absent when implicit or empty) and of the option name. */
  sectionStart?: number;
  optionStart?: number;
  /** buildout's own error for an invalid substitution (wording of zc.buildout). */
  syntaxError?: string;
  /** Preceded by `$` (`$${…}`): no escape in collective.recipe.template. */
  doubleDollar: boolean;
}

const TOKEN = /\$\{[^}]*\}/g;
const VALID_NAME = /^[-a-zA-Z0-9 ._]*$/;

/** buildout's message for a `${…}` its `_valid` regex rejects, or undefined when valid. */
export function substitutionSyntaxError(token: string): string | undefined {
  const inner = token.slice(2, -1);
  const parts = inner.split(':');
  if (parts.length < 2) return `The substitution, ${token},\ndoesn't contain a colon.`;
  if (parts.length > 2) return `The substitution, ${token},\nhas too many colons.`;
  if (!VALID_NAME.test(parts[0])) return `The section name in substitution, ${token},\nhas invalid characters.`;
  if (parts[1] === '' || !VALID_NAME.test(parts[1])) return `The option name in substitution, ${token},\nhas invalid characters.`;
  return undefined;
}

export function scanTemplate(text: string, owner: string, flavour: TemplateFlavour): TemplateReference[] {
  if (flavour === 'none') return [];
  const out: TemplateReference[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const inner = m[0].slice(2, -1);
    const doubleDollar = start > 0 && text[start - 1] === '$';
    // slapos.recipe.template keeps `$${…}` for the generated profile: not a reference here.
    if (flavour === 'slapos' && doubleDollar) continue;
    const implicit = flavour === 'collective' && inner.length > 0 && !inner.includes(':');
    const token = implicit ? '${' + owner + ':' + inner + '}' : m[0];
    const syntaxError = substitutionSyntaxError(token);
    const ref: TemplateReference = { start, end, inner, implicit, doubleDollar, syntaxError };
    if (!syntaxError) {
      if (implicit) {
        ref.section = owner;
        ref.option = inner;
        ref.optionStart = start + 2;
      } else {
        const colon = inner.indexOf(':');
        ref.section = inner.slice(0, colon) || owner;
        ref.option = inner.slice(colon + 1);
        if (colon > 0) ref.sectionStart = start + 2;
        ref.optionStart = start + 2 + colon + 1;
      }
    }
    out.push(ref);
  }
  return out;
}

/** The reference whose `${…}` contains the offset (the `}` end included, for a cursor after it). */
export function referenceAt(refs: readonly TemplateReference[], offset: number): TemplateReference | undefined {
  return refs.find((r) => offset >= r.start && offset < r.end) ?? refs.find((r) => offset === r.end && r.end - r.start > 3);
}

/**
 * The unfinished `${…` the cursor is in (for completion): the text typed after `${` up to the
 * cursor, or undefined when the cursor is not after an unclosed `${` on the same line.
 */
export function openSubstitutionBefore(text: string, offset: number): { start: number; typed: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const open = before.lastIndexOf('${');
  if (open < 0) return undefined;
  const typed = before.slice(open + 2);
  if (typed.includes('}')) return undefined;
  return { start: lineStart + open, typed };
}
