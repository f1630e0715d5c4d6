/**
 * Robustness of the parser and resolver: pathological inputs must neither throw nor hang, and
 * a re-resolve after one edit re-parses only the edited file of a graph of a few hundred files.
 * Time bounds here are hang guards only; speed is measured by the benchmarks in bench/.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createBuildoutService } from '../../../server/src/service/buildout/index';
import { settings } from './exampleWorkspace';
import { parseBuildout } from '../../../server/src/service/buildout/parser/parser';
import { renderTemplate } from '../../../server/src/service/buildout/render/render';
import { ParseCache } from '../../../server/src/service/buildout/resolver/loader';
import type { MacroExpander } from '../../../server/src/service/buildout/resolver/macros';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

/** Exercise every query of a profile; returns the time taken (for hang guards). */
function exercise(files: Record<string, string>, root = '/w/buildout.cfg'): number {
  const t0 = performance.now();
  for (const mergeMode of ['2.13', '3.1'] as const) {
    const p = resolveProfile(createMemoryHost(files), root, { mergeMode });
    for (const s of p.sectionNames().slice(0, 300)) {
      p.getExpandedSection(s);
      p.resolveSection(s);
      const sec = p.getSection(s);
      for (const o of [...(sec?.options.keys() ?? [])].slice(0, 20)) p.getValue(s, o);
    }
    p.parts();
    p.references();
    renderTemplate(p, 't');
  }
  return performance.now() - t0;
}

/** A ParseCache that records which files it had to parse (a new parse gives a new object). */
class CountingParseCache extends ParseCache {
  readonly parses: string[] = [];
  private readonly seen = new Map<string, object>();
  override get(...args: Parameters<ParseCache['get']>): ReturnType<ParseCache['get']> {
    const entry = super.get(...args);
    if (this.seen.get(args[0]) !== entry.parsed) {
      this.seen.set(args[0], entry.parsed);
      this.parses.push(args[0]);
    }
    return entry;
  }
}

/** Deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('buildout robustness', () => {
  it('survives deep and cyclic extends', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`/w/f${i}.cfg`] = `[buildout]\nextends = f${i + 1}.cfg\n[s${i}]\nx = \${s${i + 1}:x}\n`;
    files['/w/f400.cfg'] = '[buildout]\nextends = f0.cfg\n';
    files['/w/buildout.cfg'] = '[buildout]\nextends = f0.cfg ./f0.cfg\nparts = s0\n';
    assert.ok(exercise(files) < 20_000, 'hang guard');
    const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg');
    assert.ok(p.errors.some((e) => e.kind === 'recursive-include'));
  });

  it('survives self-referencing and mutually recursive macros and values', () => {
    const files = {
      '/w/buildout.cfg': '[buildout]\nparts = a b\n[a]\n<= a\n[b]\n<= c\nx = ${b:x}\n[c]\n<= b\n[d]\n<= d\n   e\n[e]\ny = ${:y}\n[t]\nrecipe = collective.recipe.template\ninput = inline:${t:input}\noutput = o\n',
    };
    exercise(files);
    const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg');
    assert.equal(p.resolveSection('a').error?.message, "Infinite extending loop 'a'");
    const y = p.getValue('e', 'y');
    assert.ok(!y.ok && y.error.kind === 'circular');
  });

  it('handles 10,000 sections and huge values without hanging', () => {
    const lines = ['[buildout]', 'parts ='];
    for (let i = 0; i < 10_000; i++) lines.push(`[s${i}]`, `v = \${s${Math.max(0, i - 1)}:v}`, 'w = x');
    lines[3] = 'v = start';
    const huge = 'x'.repeat(2_000_000);
    const files = { '/w/buildout.cfg': lines.join('\n') + `\n[big]\nv = ${huge}\n  ${huge}\nw = \${big:v}\${big:v}\n` };
    const t0 = performance.now();
    const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg');
    const last = p.getValue('s9999', 'v');
    assert.ok(last.ok || last.error.message.length > 0); // deep chains may hit the recursion guard, never throw
    assert.equal((p.getValue('big', 'w') as { value: string }).value.length, 4 * huge.length + 2);
    assert.ok(performance.now() - t0 < 15_000, 'hang guard');
  });

  it('never throws on binary junk and random mutations', () => {
    const r = rng(42);
    const alphabet = ['[', ']', '$', '{', '}', ':', '=', '+', '-', '<', '>', '\n', ' ', '\t', '#', ';', 'a', 'b', '\\x23', '\r', '\u0000', '\uFFFD', 'é', '${', '$$', '\n  '];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(r() * 200);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(r() * alphabet.length)];
      parseBuildout(text, '/w/x.cfg');
      exercise({ '/w/buildout.cfg': `[buildout]\nextends = x.cfg\nparts = a\n${text}`, '/w/x.cfg': text });
    }
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    exercise({ '/w/buildout.cfg': binary });
  });

  it('re-resolves a few hundred files after one edit re-parsing only the edited file', () => {
    const files: Record<string, string> = {};
    // SlapOS-like: 6 layers of 50 component files, each extending two files of the next layer.
    const N = 300;
    const W = 50;
    for (let i = 0; i < N; i++) {
      const next = i + W < N ? [W * (Math.floor(i / W) + 1) + ((i * 7) % W), W * (Math.floor(i / W) + 1) + ((i * 13 + 1) % W)] : [];
      const ext = [...new Set(next)].map((j) => `c${j}.cfg`).join(' ');
      files[`/w/c${i}.cfg`] = `[buildout]\n${ext ? `extends = ${ext}\n` : ''}parts += p${i}\n[p${i}]\nrecipe = slapos.recipe.cmmi\nurl = http://x/${i}.tgz\nlocation = \${buildout:parts-directory}/p${i}\n[shared]\nlist += ${i}\n`;
    }
    files['/w/buildout.cfg'] = `[buildout]\nextends = ${Array.from({ length: W }, (_, i) => `c${i}.cfg`).join(' ')}\n`;
    const cache = new CountingParseCache();
    const host = createMemoryHost(files);
    resolveProfile(host, '/w/buildout.cfg', {}, cache);
    assert.equal(cache.parses.length, N + 1, 'the first resolve parses every file once');
    for (let k = 0; k < 10; k++) {
      files[`/w/c${150 + k}.cfg`] += `\n[edit${k}]\nx = ${k}\n`;
      cache.parses.length = 0;
      const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg', {}, cache);
      assert.equal(p.files.size, N + 1);
      assert.deepEqual(p.getValue(`edit${k}`, 'x'), { ok: true, value: String(k) });
      assert.equal(p.getValue('p150', 'location').ok, true);
      assert.deepEqual(cache.parses, [`/w/c${150 + k}.cfg`], 'only the edited file is parsed again');
    }
  });

  it('fails 10,000 sections in long `<=` cycles with buildout\'s error each, in linear work', () => {
    // 19 cycles of 500 sections, one of 450 reached by a 50-section tail, and one of 1000
    // (deeper than Python's recursion limit allows buildout to walk).
    const lines = ['[buildout]', 'parts ='];
    const expected = new Map<string, string>();
    const cycle = (names: string[], message: (n: string) => string) => {
      names.forEach((n, i) => { lines.push(`[${n}]`, `<= ${names[(i + 1) % names.length]}`, `x = ${n}`); expected.set(n, message(n)); });
    };
    for (let c = 0; c < 19; c++) cycle(Array.from({ length: 500 }, (_, i) => `c${c}-${i}`), (n) => `Infinite extending loop '${n}'`);
    cycle(Array.from({ length: 450 }, (_, i) => `r${i}`), (n) => `Infinite extending loop '${n}'`);
    for (let i = 0; i < 50; i++) { lines.push(`[t${i}]`, `<= ${i === 49 ? 'r7' : `t${i + 1}`}`); expected.set(`t${i}`, "Infinite extending loop 'r7'"); }
    cycle(Array.from({ length: 1000 }, (_, i) => `d${i}`), () => 'maximum recursion depth exceeded');
    assert.equal(expected.size, 11_000);
    const p = resolveProfile(createMemoryHost({ '/w/buildout.cfg': lines.join('\n') }), '/w/buildout.cfg');
    for (const [name, message] of expected) {
      assert.equal(p.resolveSection(name).error?.message, message, name);
      const x = p.getValue(name, 'x');
      assert.equal(x.ok ? 'ok' : x.error.message, message, name);
    }
    const { steps } = (p as unknown as { expander: MacroExpander }).expander;
    assert.ok(steps < 3 * expected.size, `macro expansion steps ${steps} should be linear in the sections`);
  });

  it('memoised macro failures equal a fresh expansion of each section', () => {
    const r = rng(7);
    for (let n = 0; n < 150; n++) {
      const size = 3 + Math.floor(r() * 12);
      const lines = ['[buildout]', 'parts ='];
      for (let i = 0; i < size; i++) {
        const count = r() < 0.7 ? 1 : Math.floor(r() * 3);
        const macros = Array.from({ length: count }, () => (r() < 0.05 ? 'nothere' : `s${Math.floor(r() * size)}`));
        lines.push(`[s${i}]`, ...(count ? [`<= ${macros.join('\n   ')}`] : []), `x${i % 3} = ${i}`);
      }
      const files = { '/w/buildout.cfg': lines.join('\n') };
      const shared = resolveProfile(createMemoryHost(files), '/w/buildout.cfg');
      const order = Array.from({ length: size }, (_, i) => `s${i}`).sort(() => r() - 0.5);
      for (const name of order) {
        const fresh = resolveProfile(createMemoryHost(files), '/w/buildout.cfg');
        // The unmemoised path: the plain-cycle walk off, nothing expanded before.
        (fresh as unknown as { expander: { plainCycle: () => undefined } }).expander.plainCycle = () => undefined;
        const summary = (e: ReturnType<typeof shared.getExpandedSection>) => (e instanceof Map ? [...e.keys()].sort().join() : `${e.message} ${JSON.stringify(e.range)}`);
        assert.equal(summary(shared.getExpandedSection(name)), summary(fresh.getExpandedSection(name)), `case ${n} ${name}\n${files['/w/buildout.cfg']}`);
      }
    }
  });

  it('reports the 3.1 include cap of a diamond-heavy extends graph at the root\'s extends line', () => {
    // bench/buildout/diamond.ts: each file extends the previous one and the one three back, so
    // 3.1 mode (one entry per path) passes 200,000 includes; f0 extends a missing file.
    const N = 60;
    const files: Record<string, string> = {};
    for (let i = 0; i < N; i++) {
      const ext = i === 0 ? 'missing.cfg' : [i - 1, i - 3].filter((j) => j >= 0).map((j) => `f${j}.cfg`).join(' ');
      files[`/w/f${i}.cfg`] = `[buildout]\nextends = ${ext}\nparts += p${i}\n[p${i}]\nrecipe = x\n`;
    }
    files['/w/buildout.cfg'] = `[buildout]\nextends = f${N - 1}.cfg\n`;
    const cache = new CountingParseCache();
    const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: '3.1' }, cache);
    assert.equal(cache.parses.length, N + 1, 'each file is parsed once');
    const cap = /^The extends graph expands to more than 200000 includes; the rest is ignored\.$/;
    assert.equal(p.errors.filter((e) => cap.test(e.message)).length, 1, 'the cap is reported once');
    assert.equal(p.errors.filter((e) => e.kind === 'missing-file').length, 1, 'an error met through many paths is kept once');
    assert.match(p.files.get('/w/buildout.cfg')!.extends[0].error?.message ?? '', cap);
    const service = createBuildoutService(createMemoryHost(files), ['/w']);
    const diags = service.validate(TextDocument.create('file:///w/buildout.cfg', 'buildout', 1, files['/w/buildout.cfg']), settings, { isCancellationRequested: false });
    const text = (d: (typeof diags)[number]) => (typeof d.message === 'string' ? d.message : d.message.value);
    const shown = diags.find((d) => cap.test(text(d).split('\n')[0]));
    assert.ok(shown, diags.map(text).join('\n'));
    assert.deepEqual(shown.range.start, { line: 1, character: 10 }, 'on the extends word of the root');
    // 2.13 merges once per file: no cap, and the graph resolves.
    const old = resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: '2.13' });
    assert.ok(!old.errors.some((e) => cap.test(e.message)));
    assert.equal(old.getValue('p0', 'recipe').ok, true);
  });
});
