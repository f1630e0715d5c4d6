/**
 * The diamond-heavy graph of the known problem: N files, each extending the previous one and the
 * one three back. `node --import tsx bench/buildout/diamond.ts [N] [2.13,3.1] [all]`
 */
import { createMemoryHost } from '../../server/src/service/common/host';
import { resolveProfile } from '../../server/src/service/buildout/resolver/profile';
import { ParseCache } from '../../server/src/service/buildout/resolver/loader';
const N = Number(process.argv[2] ?? 400);
const modes = (process.argv[3] ?? '2.13,3.1').split(',') as Array<'2.13' | '3.1'>;
const all = process.argv[4] === 'all';
const files: Record<string,string> = {};
for (let i = 0; i < N; i++) {
  const ext = [i - 1, i - 3].filter((j) => j >= 0).map((j) => `f${j}.cfg`).join(' ');
  files[`/w/f${i}.cfg`] = `[buildout]\n${ext ? `extends = ${ext}\n` : ''}parts += p${i}\n[p${i}]\nrecipe = slapos.recipe.cmmi\nlocation = \${buildout:parts-directory}/p${i}\n`;
}
files['/w/buildout.cfg'] = `[buildout]\nextends = f${N-1}.cfg\n`;
for (const mode of modes) {
  const t0 = performance.now();
  const p = resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: mode }, new ParseCache());
  const t1 = performance.now();
  if (all) for (const s of p.sectionNames()) { const sec = p.getSection(s); for (const o of sec!.options.keys()) p.getValue(s, o); }
  console.log(mode, N, 'load', (t1-t0).toFixed(0), 'values', (performance.now()-t1).toFixed(0), p.errors.map(e=>e.message).slice(0,1), (p.getValue('buildout','parts') as any).value?.length);
}
