/**
 * The resolver's caches (parsed files by content, whole extends subtrees, references per parse)
 * must never change a result: after any edit, resolving with the caches of earlier resolutions
 * gives exactly what a resolution from scratch gives — values, errors, histories, file order —
 * in both merge modes. And they must actually be used: an edit re-parses only the edited file
 * and re-merges only the subtrees that contain it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryHost } from '../../../server/src/service/common/host';
import type { MergeMode } from '../../../server/src/service/buildout/model';
import { ParseCache } from '../../../server/src/service/buildout/resolver/loader';
import { type BuildoutProfile, resolveProfile } from '../../../server/src/service/buildout/resolver/profile';
import { BuildoutWorkspace } from '../../../server/src/service/buildout/workspace/workspace';
import { resolveView } from '../../../server/src/service/buildout/workspace/resolvedView';

/** Everything a resolution answers, as plain data (deepEqual-able). */
function snapshot(p: BuildoutProfile): unknown {
  const sections: Record<string, unknown> = {};
  for (const name of p.sectionNames()) {
    const merged = p.getSection(name);
    const history: Record<string, string[]> = {};
    for (const [k, o] of merged?.options ?? []) {
      history[k] = o.history.map((h) => `${h.operation}|${h.file ?? ''}|${h.option?.line ?? ''}|${h.value}|${h.result}`);
    }
    const lazy: Record<string, string> = {};
    for (const k of merged?.options.keys() ?? []) {
      const v = p.getValue(name, k);
      lazy[k] = v.ok ? v.value : `ERROR ${v.error.message}`;
    }
    const exact = p.resolveSection(name);
    sections[name] = { history, lazy, exact: exact.error ? `ERROR ${exact.error.message}` : exact.options };
  }
  return {
    files: [...p.files.keys()],
    edges: [...p.files.values()].map((f) => f.extends.map((e) => `${f.path}->${e.target}${e.error ? ' ' + e.error.message : ''}`)),
    errors: p.errors.map((e) => `${e.kind}: ${e.message} @${e.file ?? ''}`),
    loadError: p.loadError?.message,
    sections,
    parts: p.parts(),
    references: p.references().map((r) => `${r.file}:${r.range.start.line}:${r.section}:${r.option}`),
  };
}

/** A graph with diamonds, increments in siblings, a macro and recipe-computed references. */
function graph(): Record<string, string> {
  return {
    '/w/buildout.cfg': '[buildout]\nextends = profiles/a.cfg profiles/b.cfg\nparts += app\n\n[app]\n<= base\nrecipe = slapos.recipe.cmmi\nflags += --app\nlib = ${lib:location}\n',
    '/w/profiles/a.cfg': '[buildout]\nextends = common.cfg\nparts += a\n\n[a]\nrecipe = zc.recipe.egg\neggs = a\n\n[lib]\nconfigure-options += --with-a\n',
    '/w/profiles/b.cfg': '[buildout]\nextends = common.cfg\nparts += b\n\n[b]\nrecipe = zc.recipe.egg\neggs = b ${a:eggs}\n\n[lib]\nconfigure-options -= --shared\n',
    '/w/profiles/common.cfg': '[buildout]\nextends = leaf.cfg\nparts = lib\n\n[base]\nflags = -O2\n\n[lib]\nrecipe = slapos.recipe.cmmi\nconfigure-options =\n  --shared\n  --fast\n',
    '/w/profiles/leaf.cfg': '[versions]\nzc.buildout = 2.13.2\n\n[leaf]\nx = 1\ny = ${leaf:x}-${base:flags}\n',
    '/w/profiles/extra.cfg': '[extra]\nz = ${leaf:x}\n',
  };
}

/** Edits of one file, in sequence; each must resolve like a fresh resolution. */
const EDITS: Array<[string, string, (text: string) => string | undefined]> = [
  ['change a value in the leaf', '/w/profiles/leaf.cfg', (t) => t.replace('x = 1', 'x = 2')],
  ['add a section to the leaf', '/w/profiles/leaf.cfg', (t) => t + '\n[new]\nv = ${leaf:y}\n'],
  ['add an increment in a sibling', '/w/profiles/b.cfg', (t) => t + 'flags += --b\n'],
  ['extends gains a file', '/w/profiles/leaf.cfg', (t) => '[buildout]\nextends = extra.cfg\n\n' + t],
  ['extends loses a file', '/w/profiles/common.cfg', (t) => t.replace('extends = leaf.cfg', 'extends =')],
  ['extends restored', '/w/profiles/common.cfg', (t) => t.replace('extends =\n', 'extends = leaf.cfg\n')],
  ['extends cycle', '/w/profiles/extra.cfg', (t) => '[buildout]\nextends = common.cfg\n\n' + t],
  ['cycle broken', '/w/profiles/extra.cfg', (t) => t.replace('extends = common.cfg', 'extends =')],
  ['parse error', '/w/profiles/a.cfg', (t) => t + 'this is not an option\n'],
  ['parse error fixed', '/w/profiles/a.cfg', (t) => t.replace('this is not an option\n', '')],
  ['extended file deleted', '/w/profiles/extra.cfg', () => undefined],
  ['extended file created again', '/w/profiles/extra.cfg', () => '[extra]\nz = again ${leaf:x}\n'],
  ['macro removed from the root', '/w/buildout.cfg', (t) => t.replace('<= base\n', '')],
];

/** A memory host that sees later changes of `files` (deleted files disappear). */
function liveHost(files: Record<string, string>) {
  const base = createMemoryHost(files);
  return { ...base, readFile: (p: string) => files[p], exists: (p: string) => p in files || base.exists(p) };
}

function resolveWith(files: Record<string, string>, mode: MergeMode, cache: ParseCache): BuildoutProfile {
  return resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: mode, userDefaults: false }, cache);
}

/** A ParseCache that records which files it had to parse. */
class CountingParseCache extends ParseCache {
  parses: string[] = [];
  private seen = new Map<string, object>();
  override get(...args: Parameters<ParseCache['get']>): ReturnType<ParseCache['get']> {
    const entry = super.get(...args);
    if (this.seen.get(args[0]) !== entry.parsed) {
      this.seen.set(args[0], entry.parsed);
      this.parses.push(args[0]);
    }
    return entry;
  }
}

describe('buildout resolver caches', () => {
  for (const mode of ['2.13', '3.1'] as const) {
    it(`an edited graph resolves as from scratch after every kind of edit (${mode})`, () => {
      const files = graph();
      const cache = new ParseCache();
      assert.deepEqual(snapshot(resolveWith(files, mode, cache)), snapshot(resolveWith(files, mode, new ParseCache())));
      for (const [what, path, edit] of EDITS) {
        const next = edit(files[path] ?? '');
        if (next === undefined) delete files[path];
        else files[path] = next;
        const cached = resolveWith(files, mode, cache);
        const fresh = resolveWith(files, mode, new ParseCache());
        assert.deepEqual(snapshot(cached), snapshot(fresh), `after: ${what}`);
      }
    });
  }

  it('shares merge results between resolutions without letting one change another (2.13)', () => {
    const files = graph();
    const cache = new ParseCache();
    const before = resolveWith(files, '2.13', cache);
    const expected = snapshot(resolveWith(files, '2.13', new ParseCache()));
    // A later resolution with overrides and an edit reuses the same subtree results …
    files['/w/buildout.cfg'] += 'extra = 1\n';
    resolveProfile(createMemoryHost(files), '/w/buildout.cfg', { mergeMode: '2.13', userDefaults: false, overrides: [{ section: 'lib', option: 'configure-options', value: 'x' }, { section: 'leaf', option: 'x', value: '9' }] }, cache);
    // … and the first profile still answers what it answered.
    assert.deepEqual(snapshot(before), expected);
  });

  it('re-parses only the edited file and re-merges only the subtrees containing it', () => {
    const files = graph();
    const cache = new CountingParseCache();
    resolveWith(files, '2.13', cache);
    assert.equal(cache.parses.length, 5);
    const key = (path: string) => [...cache.subtrees.keys()].find((k) => k.startsWith('2.13|') && k.endsWith(`|${path}`))!;
    const subtree = (path: string) => cache.subtrees.get(key(path));
    const leafBefore = subtree('/w/profiles/leaf.cfg');
    const aBefore = subtree('/w/profiles/a.cfg');
    assert.ok(leafBefore && aBefore);

    cache.parses = [];
    files['/w/profiles/b.cfg'] += 'flags += --b\n';
    const p = resolveWith(files, '2.13', cache);
    assert.deepEqual(cache.parses, ['/w/profiles/b.cfg']);
    assert.equal(subtree('/w/profiles/leaf.cfg'), leafBefore, 'a subtree without the edited file is reused');
    assert.equal(subtree('/w/profiles/a.cfg'), aBefore, 'a sibling subtree is reused');
    assert.notEqual(subtree('/w/profiles/b.cfg'), undefined);
    assert.deepEqual(snapshot(p), snapshot(resolveWith(files, '2.13', new ParseCache())));
  });

  it('the workspace answers an edited document like a fresh workspace', () => {
    const files = graph();
    const ws = new BuildoutWorkspace(liveHost(files), ['/w'], resolveView, { mergeMode: '2.13', userDefaults: false });
    const valuesOf = (w: BuildoutWorkspace) => {
      const view = w.profile('/w/buildout.cfg');
      const out: Record<string, unknown> = {};
      for (const s of view.sectionNames()) out[s] = view.sectionValues(s);
      out['#refs'] = view.references('/w/profiles/leaf.cfg').map((r) => `${r.range.start.line}:${r.section}:${r.option}`);
      out['#files'] = [...view.files.keys()];
      return out;
    };
    valuesOf(ws);
    for (const [what, path, edit] of EDITS) {
      const next = edit(files[path] ?? '');
      if (next === undefined) {
        delete files[path];
        ws.documentClosed(path);
        ws.fileChanged(path);
      } else {
        files[path] = next;
        ws.setDocumentText(path, next);
      }
      const fresh = new BuildoutWorkspace(createMemoryHost(files), ['/w'], resolveView, { mergeMode: '2.13', userDefaults: false });
      assert.deepEqual(valuesOf(ws), valuesOf(fresh), `after: ${what}`);
    }
  });
});
