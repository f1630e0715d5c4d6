/**
 * Template rendering exactly as the recipes do it, with a source map back to the template.
 *
 * collective.recipe.template (default entry point):
 *   template = re.sub(r"\$\{([^:]+?)\}", r"${%s:\1}" % name, template)
 *   result = options._sub(template, [])          # no `$$` handling: `$${a:b}` → `$` + value
 * slapos.recipe.template (default entry point): buildout expansion of the template where `$$`
 * protects the next `{` and becomes `$` (so instance profiles keep their `${…}`).
 */
import type { BuildoutError, Range, RenderResult, RenderSpan } from '../model';
import { pyLstrip } from '../parser/pyText';
import type { BuildoutProfile } from '../resolver/profile';
import { isUrl, pyJoin } from '../resolver/paths';
import { syntaxError, templateSplit } from '../resolver/substitution';
import { decodeTemplate, encodingError } from './encodings';

export type TemplateFlavour = 'collective' | 'slapos';

export interface RenderOptions {
  /** `exact` (default): buildout's section initialisation semantics; `lazy`: value chains only. */
  evaluation?: 'exact' | 'lazy';
  /** Use this text instead of reading `input` (an unsaved editor buffer). */
  templateText?: string;
  /**
   * The bytes on disk of a file (the host's `readBytes`). collective.recipe.template decodes its
   * `input` with `input-encoding`; given this, a template in another encoding than UTF-8 (or not
   * valid UTF-8) renders as the recipe decodes it, with the recipe's error when it cannot.
   */
  readBytes?: (path: string) => Uint8Array | undefined;
  /**
   * Leave a `${…}` whose section or option does not exist as written (its range goes to
   * `unresolved`) instead of failing like buildout. For the HAProxy checks of a template: one
   * typo must not hide every other finding; the buildout diagnostics report the typo itself.
   */
  keepUnresolved?: boolean;
}

/** Which template recipe a `recipe = …` value names, if any. */
export function templateFlavour(recipe: string | undefined): TemplateFlavour | undefined {
  const r = (recipe ?? '').trim();
  if (r === 'collective.recipe.template' || r === 'collective.recipe.template:default') return 'collective';
  if (r === 'slapos.recipe.template' || r === 'slapos.recipe.template:default') return 'slapos';
  return undefined;
}

/** Sections of the profile whose recipe renders a template (default entry points). */
export function templateSections(profile: BuildoutProfile): string[] {
  return profile.sectionNames().filter((s) => {
    const r = profile.getValue(s, 'recipe');
    return r.ok && templateFlavour(r.value) !== undefined;
  });
}

function err(message: string, kind: BuildoutError['kind'] = 'template', at?: { file: string; range: Range }): BuildoutError {
  return at ? { kind, message, file: at.file, range: at.range } : { kind, message };
}

/**
 * Where a recipe error points: the value of `option` where it is written in the section (or
 * the section header when the option is absent or comes from elsewhere), so the CLI and the
 * editor can show it. The recipe itself prints no position.
 */
function placeOf(profile: BuildoutProfile, section: string, option?: string): { file: string; range: Range } | undefined {
  const merged = profile.getSection(section);
  const def = option ? merged?.options.get(option)?.definition : undefined;
  if (def) return { file: def.file, range: def.option.valueRanges[0] ?? def.option.nameRange };
  const h = merged?.headers.find((x) => x.section.active) ?? merged?.headers[0];
  return h ? { file: h.file, range: h.section.headerRange } : undefined;
}

export function renderTemplate(profile: BuildoutProfile, section: string, options: RenderOptions = {}): RenderResult {
  const exact = options.evaluation !== 'lazy';
  const base: RenderResult = { section, recipe: '', lineMap: [], spans: [] };
  const recipeR = profile.getValue(section, 'recipe');
  const recipe = recipeR.ok ? recipeR.value : '';
  base.recipe = recipe;
  const flavour = templateFlavour(recipe);
  if (!flavour) {
    if (!profile.getSection(section)) return { ...base, error: err(`The referenced section, '${section}', was not defined.`, 'missing-section') };
    return { ...base, error: err(`Section ${section} does not use collective.recipe.template or slapos.recipe.template.`, 'template', placeOf(profile, section, 'recipe')) };
  }

  // The recipe runs when buildout initialises the section: all its options are substituted first.
  let opts: Record<string, string>;
  if (exact) {
    const sr = profile.resolveSection(section);
    if (sr.error) return { ...base, error: sr.error };
    opts = sr.options;
  } else {
    opts = {};
    const sec = profile.getExpandedSection(section);
    if (!(sec instanceof Map)) return { ...base, error: sec };
    for (const k of sec.keys()) {
      const v = profile.getValue(section, k);
      if (!v.ok) return { ...base, error: v.error };
      opts[k] = v.value;
    }
  }
  const has = (k: string) => Object.prototype.hasOwnProperty.call(opts, k);
  let source: string;
  let templatePath: string | undefined;
  if (flavour === 'collective') {
    if (!has('input') && !has('inline') && !has('url')) return { ...base, error: err('No input file, inline template, or URL specified.', 'template', placeOf(profile, section)) };
    if (!has('output')) return { ...base, error: err('No output file specified.', 'template', placeOf(profile, section)) };
    if ((has('input') && has('inline')) || (has('input') && has('url'))) return { ...base, error: err('Too many input sources.', 'template', placeOf(profile, section, has('inline') ? 'inline' : 'url')) };
    base.outputPath = opts.output;
    // install() encodes the file it writes; whoever writes the output for the user must too.
    if (has('output-encoding')) base.outputEncoding = opts['output-encoding'];
    const input = opts.input;
    const inputPath = input !== undefined ? pyJoin(profile.directory, input) : undefined;
    if (has('inline')) source = pyLstrip(opts.inline);
    else if (inputPath !== undefined && (options.templateText !== undefined || profile.readFile(inputPath) !== undefined)) {
      const read = decodeTemplate(inputPath, opts['input-encoding'], options.templateText ?? profile.readFile(inputPath)!, options.readBytes);
      templatePath = inputPath;
      if ('error' in read) {
        const at = read.range ? { file: inputPath, range: read.range } : placeOf(profile, section, 'input');
        return { ...base, templatePath, error: { ...err(read.error, 'template', at), hint: read.hint } };
      }
      source = read.text;
    } else if (input !== undefined && input.startsWith('inline:')) source = pyLstrip(input.slice('inline:'.length));
    else if (has('url')) {
      const fetched = profile.readUrl(opts.url);
      if (fetched === undefined) return { ...base, error: err(`Cannot read the template URL ${opts.url} (not in the download cache).`, 'template', placeOf(profile, section, 'url')) };
      source = fetched;
    } else return { ...base, error: err(`Input file '${input}' does not exist.`, 'template', placeOf(profile, section, 'input')) };
  } else {
    if (!has('output') && !has('rendered')) return { ...base, error: err('No output file specified.', 'template', placeOf(profile, section)) };
    base.outputPath = opts.output ?? opts.rendered;
    if (has('inline')) source = opts.inline;
    else if (has('url') || has('template')) {
      const u = opts.url ?? opts.template;
      const remote = isUrl(u);
      if (!remote) templatePath = pyJoin(profile.directory, u);
      const text = options.templateText ?? (remote ? profile.readUrl(u) : profile.readFile(templatePath!));
      const at = placeOf(profile, section, has('url') ? 'url' : 'template');
      if (text === undefined && remote) return { ...base, error: err(`Cannot read the template URL ${u} (not in the download cache).`, 'template', at) };
      if (text === undefined) return { ...base, error: err(`[Errno 2] No such file or directory: '${templatePath ?? u}'`, 'template', at) };
      source = text;
    } else return { ...base, error: err('No url or inline template specified.', 'template', placeOf(profile, section)) };
  }
  base.templatePath = templatePath;
  base.templateText = source;

  // collective.recipe.template rewrites `${opt}` to `${section:opt}`; keep where each char came from.
  let text = source;
  let origin: number[];
  if (flavour === 'collective') {
    const out: string[] = [];
    origin = [];
    let last = 0;
    const re = /\$\{([^:]+?)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(source)) !== null) {
      for (let i = last; i < m.index; i++) origin.push(i);
      out.push(source.slice(last, m.index));
      const rep = '${' + section + ':' + m[1] + '}';
      for (let i = 0; i < rep.length; i++) origin.push(i === rep.length - 1 ? m.index + m[0].length - 1 : m.index);
      out.push(rep);
      last = m.index + m[0].length;
    }
    for (let i = last; i < source.length; i++) origin.push(i);
    out.push(source.slice(last));
    text = out.join('');
  } else {
    origin = Array.from({ length: source.length }, (_, i) => i);
  }
  origin.push(source.length);

  const lookup = (s: string, o: string) => {
    if (exact) return profile.exact.refValue(section, s, o);
    const r = profile.getValue(s, o);
    if (r.ok) return { ok: true as const, value: r.value };
    if (r.error.message === `Missing option: ${s}:${o}`) {
      if (o === '_buildout_section_name_') return { ok: true as const, value: section };
      return { ok: false as const, error: err(`Referenced option does not exist: ${s} ${o}`, 'missing-option') };
    }
    return { ok: false as const, error: r.error };
  };

  const tplLines = lineStarts(source);
  const pos = (off: number) => toPosition(tplLines, off);
  const pieces = flavour === 'slapos' ? splitKeep(text, '$$') : [{ text, offset: 0 }];
  let output = '';
  const outOrigin: number[] = []; // template offset for each output char
  const unresolved: Range[] = [];
  const spanOffsets: Array<{ start: number; end: number; t0: number; t1: number; section: string; option: string; value: string }> = [];
  for (let pi = 0; pi < pieces.length; pi++) {
    if (pi > 0) { output += '$'; outOrigin.push(origin[pieces[pi].offset - 2]); }
    const parts = templateSplit(pieces[pi].text);
    let off = pieces[pi].offset;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i % 2 === 0) {
        for (let k = 0; k < part.length; k++) outOrigin.push(origin[off + k]);
        output += part;
      } else {
        const t0 = origin[off];
        const t1 = origin[off + part.length - 1] + 1;
        const bad = syntaxError(part);
        if (bad) return { ...base, error: { kind: 'syntax', message: bad, file: templatePath, range: { start: pos(t0), end: pos(t1) } } };
        const [secText, option] = part.slice(2, -1).split(':');
        const target = secText || section;
        const r = lookup(target, option);
        if (!r.ok && options.keepUnresolved && (r.error.kind === 'missing-section' || r.error.kind === 'missing-option')) {
          // The template's own text (not collective's `${section:opt}` rewrite) keeps the columns aligned.
          unresolved.push({ start: pos(t0), end: pos(t1) });
          for (let k = t0; k < t1; k++) outOrigin.push(k);
          output += source.slice(t0, t1);
          off += part.length;
          continue;
        }
        if (!r.ok) return { ...base, error: { ...r.error, file: r.error.file ?? templatePath, range: r.error.range ?? { start: pos(t0), end: pos(t1) } } };
        spanOffsets.push({ start: output.length, end: output.length + r.value.length, t0, t1, section: target, option, value: r.value });
        for (let k = 0; k < r.value.length; k++) outOrigin.push(t0);
        output += r.value;
      }
      off += part.length;
    }
  }
  if (flavour === 'collective') {
    // install() writes the result encoded with output-encoding; a character it cannot encode fails buildout.
    const bad = encodingError(output, opts['output-encoding']);
    if (bad) {
      const at = templatePath !== undefined && bad.offset < outOrigin.length
        ? { file: templatePath, range: { start: pos(outOrigin[bad.offset]), end: pos(outOrigin[bad.offset] + 1) } }
        : placeOf(profile, section, 'output-encoding');
      const hint = `output-encoding ${opts['output-encoding'] ?? 'utf-8'} cannot write this character; choose an encoding that can (utf-8) or change the text.`;
      return { ...base, error: { ...err(bad.message, 'template', at), hint } };
    }
  }
  const outLines = lineStarts(output);
  const lineMap = outLines.map((start) => (start < outOrigin.length ? pos(outOrigin[start]).line : pos(source.length).line));
  const spans: RenderSpan[] = spanOffsets.map((s) => ({
    outputRange: { start: toPosition(outLines, s.start), end: toPosition(outLines, s.end) } as Range,
    templateRange: { start: pos(s.t0), end: pos(s.t1) },
    section: s.section,
    option: s.option,
    value: s.value,
  }));
  return { ...base, text: output, lineMap, spans, ...(unresolved.length > 0 ? { unresolved } : {}) };
}

function splitKeep(text: string, sep: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (;;) {
    const i = text.indexOf(sep, start);
    if (i < 0) break;
    out.push({ text: text.slice(start, i), offset: start });
    start = i + sep.length;
  }
  out.push({ text: text.slice(start), offset: start });
  return out;
}

/** Line starts as LSP counts lines (CRLF, LF, lone CR), so the line map matches editor positions. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function toPosition(starts: number[], off: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: off - starts[lo] };
}
