/**
 * A warm-up of the resolver at server start. V8 runs new code in its interpreter and optimises
 * a function only after many calls, so the first resolution of a real profile graph took
 * 150–290 ms and the next nine 50–90 ms, against 13–30 ms once optimised (benchmark of
 * docs/benchmarks-buildout.md). Resolving a small in-memory graph that walks the same code
 * (parser, extends with diamonds, `+=`/`-=`, `<=` macros, conditions, substitutions, recipe
 * options, parts, histories, both merge modes) a few times moves much of that work to the
 * server's start: measured, 12 rounds make the first resolution of the benchmark graph
 * about twice as fast (see WARM_UP_ROUNDS). The server runs one round per event-loop turn, so a
 * request that arrives meanwhile waits for one round (≈ 15–30 ms) at most.
 *
 * It uses its own memory host and parse caches: nothing of it is kept or seen by later
 * resolutions.
 */
import { createMemoryHost } from '../../common/host';
import type { MergeMode } from '../model';
import { ParseCache } from './loader';
import { resolveProfile } from './profile';

const DIR = '/warm-up';

/** A small graph: root → a, b (diamond over base), macros, increments, conditions, references. */
function warmUpFiles(variant: number): Record<string, string> {
  const n = variant % 7;
  return {
    [`${DIR}/buildout.cfg`]: [
      '[buildout]', 'extends =', '  a.cfg', '  b.cfg', 'parts +=', `  part${n}`, '  tmpl', 'parts -= gone', 'eggs += my.egg', '',
      `[part${n}]`, '<= base-part', `port = \${ports:p${n}}`, `self = \${:port}/\${:_buildout_section_name_}`, '',
      '[tmpl]', 'recipe = collective.recipe.template', 'input = templates/x.in', 'output = ${buildout:parts-directory}/x',
      `value = \${part${n}:location} $\${kept}`, '',
      '[only-linux:sys.platform == "linux"]', 'x = 1', '[never:windows]', 'y = 2', '',
    ].join('\n'),
    [`${DIR}/a.cfg`]: [
      '[buildout]', 'extends = base.cfg', 'parts += a-part', 'develop =', '', '[a-part]', 'recipe = slapos.recipe.cmmi',
      'url = https://example.org/a.tar.gz', 'configure-options +=', '  --with-b=${b-part:location}', 'environment +=', '  PATH=${buildout:bin-directory}', '',
    ].join('\n'),
    [`${DIR}/b.cfg`]: [
      '[buildout]', 'extends = base.cfg', 'parts += b-part', 'develop += src/b', '', '[b-part]', '<= base-part', 'recipe = zc.recipe.egg',
      'eggs =', '  b', '  ${buildout:eggs}', '', `[ports]`, ...Array.from({ length: 7 }, (_, i) => `p${i} = ${8080 + i}`), '',
    ].join('\n'),
    [`${DIR}/base.cfg`]: [
      '[buildout]', 'parts =', '  gone', 'eggs =', '  Plone', '', '[base-part]', 'recipe = plone.recipe.zope2instance',
      'http-address = 127.0.0.1:${:port}', 'port = 0', 'location = ${buildout:parts-directory}/${:_buildout_section_name_}',
      'configure-options =', '  --prefix=${:location}', '', '[gone]', 'recipe = plone.recipe.command', 'command = true', '',
    ].join('\n'),
  };
}

/** Components extending two others and a macros file (diamonds), each with a `<=` part and increments. */
function componentFiles(count: number, files: Record<string, string>): void {
  files[`${DIR}/component/macros.cfg`] = '[cmmi-base]\nrecipe = slapos.recipe.cmmi\nconfigure-options =\n  --disable-static\nenvironment =\n  PATH=${buildout:bin-directory}\n';
  for (let i = 0; i < count; i++) {
    const deps = [i + 1, i + 2].filter((d) => d < count);
    files[`${DIR}/component/c${i}.cfg`] = [
      '[buildout]', 'extends =', '  macros.cfg', ...deps.map((d) => `  c${d}.cfg`), ...(i % 3 ? [] : [`parts += c${i}`]), '',
      `[c${i}]`, '<= cmmi-base', `url = https://example.org/c${i}.tar.gz`, 'configure-options +=', ...deps.map((d) => `  --with-c${d}=\${c${d}:location}`),
      'environment +=', `  CPPFLAGS=${deps.map((d) => `-I\${c${d}:location}/include`).join(' ')}`, '',
    ].join('\n');
  }
}

/**
 * Rounds the server runs. Measured on the benchmark graph (6 fresh processes each, load ≈ 7):
 * first cold resolve ≈ 168 ms CPU without warm-up, ≈ 133 ms after 8 rounds (≈ 170 ms of
 * warm-up), ≈ 92 ms after 12 rounds (≈ 230 ms of warm-up, spread over 12 event-loop turns).
 */
export const WARM_UP_ROUNDS = 12;

/**
 * Resolve the warm-up graph `rounds` times from round `first` on (each with a fresh parse cache,
 * as a cold resolution), alternating merge modes; every section initialised, every value read,
 * parts and one history. Returns what it resolved (a test checks the graph resolves cleanly).
 */
export function warmUpResolver(rounds = WARM_UP_ROUNDS, first = 0): { sections: number; errors: string[] } {
  let sections = 0;
  const errors: string[] = [];
  for (let i = first; i < first + rounds; i++) {
    const files = warmUpFiles(i);
    componentFiles(12, files);
    files[`${DIR}/buildout.cfg`] = files[`${DIR}/buildout.cfg`].replace('  b.cfg\n', '  b.cfg\n  component/c0.cfg\n');
    const host = createMemoryHost(files);
    const mode: MergeMode = i % 2 ? '2.13' : '3.1';
    const profile = resolveProfile(host, `${DIR}/buildout.cfg`, { mergeMode: mode, userDefaults: false }, new ParseCache());
    for (const e of profile.errors) errors.push(e.message);
    for (const name of profile.sectionNames()) {
      const r = profile.resolveSection(name);
      if (r.error) errors.push(`${name}: ${r.error.message}`);
      else sections++;
      for (const option of profile.getSection(name)?.options.keys() ?? []) profile.getValue(name, option);
    }
    const parts = profile.parts();
    if (parts.error) errors.push(parts.error.message);
    profile.getExpandedSection(`part${i % 7}`);
  }
  return { sections, errors };
}
