/**
 * A line map from a rendered config back to its buildout template, inferred from the two texts
 * when the renderer did not provide one. The template recipes only replace `${…}` (what
 * `$${…}` becomes depends on the recipe); a value spanning several lines makes one template line several
 * rendered lines. So each template line is a pattern (literal text, `${…}` = anything), and
 * the rendered lines are aligned to the patterns in order.
 */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regexp matching what a template line renders to on one line (first line of a multi-line value). */
export function templateLinePattern(line: string): { exact: RegExp; prefix: RegExp; hasRefs: boolean } {
  let src = '';
  let hasRefs = false;
  // The literal text before the first substitution: a multi-line value may end the line there.
  let prefixSrc: string | undefined;
  let i = 0;
  while (i < line.length) {
    if (line.startsWith('$${', i)) {
      // slapos.recipe.template writes `${…}` literally; collective.recipe.template has no `$$`
      // escape and writes `$` followed by the substituted value. Accept both.
      const close = line.indexOf('}', i + 3);
      if (close > 0) {
        prefixSrc ??= src;
        src += `\\$(?:${escapeRegExp(line.slice(i + 1, close + 1))}|.*?)`;
        hasRefs = true;
        i = close + 1;
        continue;
      }
    }
    if (line.startsWith('${', i)) {
      const close = line.indexOf('}', i + 2);
      if (close > 0) {
        prefixSrc ??= src;
        src += '.*?';
        hasRefs = true;
        i = close + 1;
        continue;
      }
    }
    src += escapeRegExp(line[i]);
    i++;
  }
  return { exact: new RegExp(`^${src}$`), prefix: new RegExp(`^${prefixSrc ?? src}`), hasRefs };
}

/**
 * Infers `lineMap[renderedLine] = templateLine` (0-based). Lines that could not be aligned
 * are mapped to the nearest template line before them, never left out.
 */
export function inferLineMap(templateText: string, renderedText: string): number[] /* a TemplateLineMap */ {
  const t = templateText.split('\n');
  const r = renderedText.split('\n');
  const pats = t.map(templateLinePattern);
  const map: number[] = new Array(r.length);
  let i = 0;
  let j = 0;
  const WINDOW = 200;
  while (j < r.length) {
    if (i >= t.length) {
      map[j++] = t.length - 1;
      continue;
    }
    // A multi-line value: the template line starts here and the next template line
    // matches a few rendered lines further down (not right after it).
    const next = i + 1 < t.length ? pats[i + 1] : undefined;
    if (pats[i].hasRefs && pats[i].prefix.test(r[j]) && next && j + 1 < r.length && !next.exact.test(r[j + 1])) {
      let k = j + 1;
      while (k < r.length && k - j < WINDOW && !next.exact.test(r[k])) k++;
      if (k < r.length && k - j < WINDOW) {
        for (let x = j; x < k; x++) map[x] = i;
        j = k;
        i++;
        continue;
      }
    }
    if (pats[i].exact.test(r[j])) {
      map[j++] = i++;
      continue;
    }
    // No match: look ahead in the template for a line matching this rendered line.
    let found = -1;
    for (let k = i + 1; k < t.length && k - i < WINDOW; k++) {
      if (pats[k].exact.test(r[j])) {
        found = k;
        break;
      }
    }
    if (found >= 0) {
      i = found;
      map[j++] = i++;
    } else {
      map[j++] = i;
      i++;
    }
  }
  return map;
}
