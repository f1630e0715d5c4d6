/**
 * A synthetic profile graph shaped like SlapOS's software profiles: `software.cfg` extends a
 * stack, which extends a hundred `component/<name>/buildout.cfg` files; each component extends
 * up to three others (so the graph is full of diamonds), uses the `<= cmmi-base` macro, adds to
 * `parts` with `+=` and points at its dependencies' recipe-computed `${dep:location}`.
 * Recipes: slapos.recipe.cmmi, zc.recipe.egg, slapos.recipe.template (as in SlapOS).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Graph {
  dir: string;
  root: string;
  files: Record<string, string>;
  /** A component file no other file depends on through `software.cfg` only (edited in (b)). */
  leaf: string;
}

/** Deterministic pseudo-random numbers (the graph must be the same on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateGraph(dir: string, components = 400): Graph {
  const r = rng(7);
  const files: Record<string, string> = {};
  const depsOf: number[][] = [];
  const comp = (i: number) => `c${i}`;
  files['component/macros/buildout.cfg'] = [
    '[cmmi-base]', 'recipe = slapos.recipe.cmmi', 'shared = true',
    'configure-options =', '  --disable-static', 'environment =', '  PATH=${buildout:bin-directory}:%(PATH)s', '',
  ].join('\n');
  for (let i = 0; i < components; i++) {
    // Dependencies among later components: a DAG with many shared descendants.
    // Five layers; each component extends one to three of the next layer (shared: diamonds).
    const layer = Math.floor((i * 5) / components);
    const lo = Math.ceil(((layer + 1) * components) / 5);
    const hi = Math.ceil(((layer + 2) * components) / 5);
    const deps = lo < components ? [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => lo + Math.floor(r() * (Math.min(hi, components) - lo))))] : [];
    depsOf.push(deps);
    const ext = ['../macros/buildout.cfg', ...deps.map((d) => `../${comp(d)}/buildout.cfg`)];
    const lines = ['[buildout]', `extends =`, ...ext.map((e) => `  ${e}`)];
    if (i % 3 === 0) lines.push(`parts += ${comp(i)}`);
    lines.push('', `[${comp(i)}]`, '<= cmmi-base', `url = https://example.org/${comp(i)}-1.${i}.tar.gz`, `md5sum = ${(i * 2654435761 >>> 0).toString(16).padStart(32, '0')}`);
    lines.push('configure-options +=', ...deps.map((d) => `  --with-${comp(d)}=\${${comp(d)}:location}`));
    lines.push('environment +=', `  CPPFLAGS=${deps.map((d) => `-I\${${comp(d)}:location}/include`).join(' ')}`, `  LDFLAGS=${deps.map((d) => `-L\${${comp(d)}:location}/lib -Wl,-rpath=\${${comp(d)}:location}/lib`).join(' ')}`);
    if (i % 4 === 1) {
      lines.push('', `[${comp(i)}-python]`, 'recipe = zc.recipe.egg', `eggs =`, `  ${comp(i)}-bindings`, `  setuptools`, `interpreter = python-${comp(i)}`, `extra-paths = \${${comp(i)}:location}/lib/python`);
    }
    if (i % 5 === 2) {
      lines.push('', `[template-${comp(i)}]`, 'recipe = slapos.recipe.template', `inline =`, `  #!/bin/sh`, `  exec \${${comp(i)}:location}/bin/${comp(i)} "$@"`, `output = \${buildout:bin-directory}/${comp(i)}-wrapper`);
    }
    files[`component/${comp(i)}/buildout.cfg`] = lines.join('\n') + '\n';
  }
  const stackDeps = Array.from({ length: Math.min(100, components) }, (_, k) => k * Math.max(1, Math.floor(components / 100)));
  // The `zc.recipe.egg` section the stack and software.cfg refer to: one the graph really reaches
  // (an unreached one would make both resolvers stop at "section not defined" errors).
  const reached = new Set<number>();
  const visit = (i: number) => { if (!reached.has(i)) { reached.add(i); depsOf[i].forEach(visit); } };
  [...stackDeps, 0].forEach(visit);
  const py = comp([...reached].filter((i) => i % 4 === 1).sort((a, b) => a - b)[0] ?? 1);
  files['stack/slapos.cfg'] = [
    '[buildout]', 'extends =', ...stackDeps.map((d) => `  ../component/${comp(d)}/buildout.cfg`),
    'parts +=', '  slapos-cookbook', '',
    '[slapos-cookbook]', 'recipe = zc.recipe.egg', 'eggs =', '  slapos.cookbook', `  \${${py}-python:eggs}`, '',
  ].join('\n');
  files['software.cfg'] = [
    '[buildout]', 'extends =', '  stack/slapos.cfg', '  component/c0/buildout.cfg', 'parts +=', '  instance-profile', '',
    '[instance-profile]', 'recipe = slapos.recipe.template', 'inline =',
    '  [buildout]', '  parts = service', '  [service]', '  wrapper = ${c0:location}/bin/c0', `  python = \${${py}-python:interpreter}`,
    'output = ${buildout:directory}/instance.cfg', 'c0 = ${c0:location}', '',
  ].join('\n');
  mkdirSync(dir, { recursive: true });
  const abs: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    abs[p] = text;
  }
  return { dir, root: path.join(dir, 'software.cfg'), files: abs, leaf: path.join(dir, `component/${comp(components - 1)}/buildout.cfg`) };
}
