/**
 * Every buildout feature (profiles and the `${…}` side of templates), through the language
 * service facade the server calls, on damaged and pathological workspaces: deep, cyclic and
 * diamond extends graphs, recursive macros and substitutions, huge values, 10,000 sections,
 * non-UTF-8 text, missing files, and `${` half-typed at every offset of a template. No
 * exception may escape and answers must lie inside the document. Inputs come from a seeded
 * PRNG (failures print the seed that replays them; see test/helpers/fuzz.ts). Nothing is timed:
 * termination is the property, with a generous hang guard.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMemoryHost } from '../../../server/src/service/common/host';
import {
  createLanguageService, DEFAULT_SETTINGS, UserFacingError, type DocumentSettings, type LanguageService,
} from '../../../server/src/service/languageService';
import { parseBuildout } from '../../../server/src/service/buildout/parser/parser';
import {
  assertRangeInside, binaryJunk, forEachCase, int, lineLengths, mutate, pick, randomPositions, type Rand,
} from '../../helpers/fuzz';
import { exampleFiles, ROOT } from './exampleWorkspace';

const HANG_GUARD = { timeout: 120_000 };

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** A service over a memory disk whose open documents overlay it, as the server's disk host does. */
function workspace(initial: Record<string, string>, roots = [ROOT]) {
  const files = new Map(Object.entries(initial));
  const base = createMemoryHost(initial);
  const host = {
    ...base,
    readFile: (p: string) => files.get(p),
    exists: (p: string) => files.has(p) || base.exists(p),
  };
  const service = createLanguageService({ host, workspaceRoots: roots });
  let version = 0;
  return {
    service,
    files,
    open(path: string, text: string, languageId = path.endsWith('.in') ? 'haproxy' : 'buildout'): TextDocument {
      files.set(path, text);
      service.invalidate(path);
      return TextDocument.create(`file://${path}`, languageId, ++version, text);
    },
    /** The document of a file whose text did not change (no invalidation: caches stay). */
    document(path: string, languageId = path.endsWith('.in') ? 'haproxy' : 'buildout'): TextDocument {
      return TextDocument.create(`file://${path}`, languageId, version, files.get(path) ?? '');
    },
  };
}

const SETTINGS: DocumentSettings[] = [
  { ...DEFAULT_SETTINGS, buildout: { mergeMode: '3.1', userDefaults: false, offline: true } },
  { ...DEFAULT_SETTINGS, haproxyVersion: '2.6', buildout: { mergeMode: '2.13', userDefaults: false, offline: true } },
];

type Ranged = { range: { start: { line: number; character: number }; end: { line: number; character: number } } };

/** Every feature on one document; ranges of answers about this document must lie inside it. */
function exercise(service: LanguageService, doc: TextDocument, settings: DocumentSettings, r: Rand, positions = 6): Diagnostic[] {
  const text = doc.getText();
  const lengths = lineLengths(text);
  const mine = (items: readonly (Ranged & { uri?: string })[], what: string, check = true) => {
    if (!check) return;
    for (const item of items) if (item.uri === undefined || item.uri === doc.uri) assertRangeInside(item.range, lengths, what);
  };
  const diagnostics = service.doValidation(doc, settings);
  for (const d of diagnostics) assert.ok(messageOf(d).length > 0, `diagnostic ${d.code} has a message`);
  mine(diagnostics, 'diagnostic');
  const whole = { start: { line: 0, character: 0 }, end: { line: lengths.length, character: 0 } };
  for (const action of service.getCodeActions(doc, whole, { diagnostics }, settings)) {
    mine(action.edit?.changes?.[doc.uri] ?? [], `code action ${action.title}`);
  }
  const walk = (list: ReturnType<LanguageService['findDocumentSymbols']>) => {
    for (const s of list) {
      // Section symbols end at character 10000 on purpose ("to the end of the line").
      assertRangeInside(s.range, lengths, `symbol ${s.name}`, true);
      assertRangeInside(s.selectionRange, lengths, `symbol selection ${s.name}`);
      walk(s.children ?? []);
    }
  };
  walk(service.findDocumentSymbols(doc, settings));
  for (const f of service.getFoldingRanges(doc, settings)) {
    assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lengths.length, `folding ${JSON.stringify(f)}`);
  }
  mine(service.findDocumentLinks(doc, settings), 'document link');
  service.renderTemplate(doc, settings);
  service.profilesReachedFrom(doc, settings);
  for (const position of randomPositions(text, r, positions)) {
    // Positions past a line's end must not throw; only answers to positions inside are checked.
    const inside = position.line < lengths.length && position.character <= lengths[position.line];
    const completion = service.doComplete(doc, position, settings);
    for (const item of completion.items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) mine([edit], `completion ${item.label}`, inside);
    }
    const hover = service.doHover(doc, position, settings);
    if (hover?.range && inside) assertRangeInside(hover.range, lengths, 'hover');
    mine(service.findDefinition(doc, position, settings), 'definition', inside);
    mine(service.findReferences(doc, position, settings, r() < 0.5), 'references', inside);
    mine(service.findDocumentHighlights(doc, position, settings), 'highlight', inside);
    const prepared = service.prepareRename(doc, position, settings);
    if (prepared) {
      if (inside) assertRangeInside(prepared.range, lengths, 'prepareRename');
      try {
        const edit = service.doRename(doc, position, pick(r, ['renamed', 'x-1', 'bad name', '', 'a:b', '${x}']), settings);
        mine(edit?.changes?.[doc.uri] ?? [], 'rename', inside);
      } catch (e) {
        assert.ok(e instanceof UserFacingError, `rename threw ${(e as Error).stack}`);
      }
    }
  }
  return diagnostics;
}

const PIECES = ['${', '}', '$${', '[', ']', '<= ', '+= ', '-= ', '${:', '${ports:', '${instance-base:', ':', '=', 'extends = ', 'profiles/',
  'parts = ', '[buildout]', '[instance1]', 'recipe = ', '<=instance1', '${buildout:directory}', 'missing.cfg', '\n    ', '[x:y]', '[a\n'];

describe('buildout language service: fuzz over every feature', () => {
  it('mutated profiles and templates of the example workspace', HANG_GUARD, () => {
    const example = exampleFiles();
    const paths = Object.keys(example).filter((p) => p.endsWith('.cfg') || p.endsWith('.in'));
    forEachCase('mutated workspace', 5000, 50, (r, i, note) => {
      const ws = workspace(example);
      const path = pick(r, paths);
      // A second damaged file in the graph, so the open document resolves against broken parents.
      const other = pick(r, paths);
      if (other !== path) ws.open(other, mutate(example[other], r, 4, PIECES));
      const text = mutate(example[path], r, 8, PIECES);
      note(`${path}: ${text}`);
      exercise(ws.service, ws.open(path, text), SETTINGS[i % 2], r);
    });
  });

  it('a lone CR in a template ends a line for template diagnostics and the rendered check', () => {
    // Found by the fuzzer: template offsets were turned into lines at LF only, so after a lone
    // CR (a line break for the editor and for Python's universal newlines) ranges slid.
    const example = exampleFiles();
    const ws = workspace(example);
    const path = `${ROOT}/templates/haproxy.conf.in`;
    const text = '# one\r# two\nglobal\n    maxconn ${nosuch:x}\n    frobnicate 1\n';
    const diagnostics = ws.service.doValidation(ws.open(path, text), SETTINGS[0]);
    const lengths = lineLengths(text);
    for (const d of diagnostics) assertRangeInside(d.range, lengths, String(d.code));
    assert.deepEqual(diagnostics.filter((d) => /nosuch/.test(messageOf(d))).map((d) => d.range.start.line), [3]);
    assert.deepEqual(diagnostics.filter((d) => /frobnicate/.test(messageOf(d))).map((d) => d.range.start.line), [4]);
  });

  it('a lone CR in a profile ends a line for completion and hover', () => {
    const ws = workspace({}, ['/cr']);
    const text = '[buildout]\rparts =\r[a]\nx = ${buildout:pa\n';
    const doc = ws.open('/cr/buildout.cfg', text);
    const items = ws.service.doComplete(doc, { line: 3, character: 17 }, SETTINGS[0]).items.map((i) => i.label);
    assert.ok(items.includes('parts'), items.join(' '));
    const diagnostics = ws.service.doValidation(doc, SETTINGS[0]);
    for (const d of diagnostics) assertRangeInside(d.range, lineLengths(text), String(d.code));
  });

  it('a long-lived service answers edit after edit exactly as a fresh one (caches, reused subtrees)', HANG_GUARD, () => {
    // Parsed files, resolved graphs and extends subtrees are cached across edits; after any
    // sequence of edits to any file of the graph, the answers for the root profile and the
    // template must be those of a service that sees the workspace for the first time.
    const example = exampleFiles();
    const paths = Object.keys(example).filter((p) => p.endsWith('.cfg') || p.endsWith('.in'));
    const root = `${ROOT}/buildout.cfg`;
    const template = `${ROOT}/templates/haproxy.conf.in`;
    const live = workspace(example);
    const current = { ...example };
    const strip = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${messageOf(d)}`).sort();
    forEachCase('buildout edit sequence', 5500, 40, (r, i, note) => {
      const path = pick(r, paths);
      current[path] = mutate(current[path], r, 2, PIECES);
      note(`${path}: ${current[path]}`);
      const settings = SETTINGS[int(r, 2)];
      live.open(path, current[path]);
      const fresh = workspace(current);
      for (const p of [root, template, path]) {
        const a = live.document(p);
        const b = fresh.document(p);
        assert.deepEqual(strip(live.service.doValidation(a, settings)), strip(fresh.service.doValidation(b, settings)), `diagnostics of ${p} after edit ${i}`);
        const position = randomPositions(current[p], r, 1)[0];
        assert.deepEqual(live.service.doHover(a, position, settings), fresh.service.doHover(b, position, settings), `hover in ${p} at ${JSON.stringify(position)}`);
      }
    });
  });

  it('random profiles built from buildout syntax', HANG_GUARD, () => {
    forEachCase('random profile', 6000, 60, (r, i, note) => {
      const lines: string[] = [];
      const count = int(r, 40);
      for (let k = 0; k < count; k++) {
        let line = r() < 0.3 ? `[${pick(r, ['buildout', 'a', 'b', 'c', 'a:b', ''])}]` : r() < 0.2 ? '    ' : '';
        const n = int(r, 5);
        for (let w = 0; w < n; w++) line += pick(r, [...PIECES, 'a', 'b', 'c', 'x', ' = ', '${a:x}', '${b:y}', '${:x}', '#', ';']);
        lines.push(line);
      }
      const text = lines.join(r() < 0.2 ? '\r\n' : '\n');
      note(text);
      const ws = workspace({ '/w/buildout.cfg': '[buildout]\nextends = x.cfg\nparts = a\n' }, ['/w']);
      exercise(ws.service, ws.open(i % 2 ? '/w/x.cfg' : '/w/buildout.cfg', text), SETTINGS[i % 2], r);
    });
  });

  it('binary junk and non-UTF-8 bytes as profiles and templates', HANG_GUARD, () => {
    forEachCase('binary profile', 7000, 30, (r, i, note) => {
      const bytes = Buffer.from(`[buildout]\nparts = a\n[a]\nx = ${binaryJunk(r, 200)}\n${binaryJunk(r, int(r, 2000))}`, 'latin1');
      // The disk host decodes files as UTF-8 (invalid bytes become U+FFFD); Latin-1 keeps each byte.
      const text = i % 2 === 0 ? bytes.toString('utf8') : bytes.toString('latin1');
      note(text);
      const ws = workspace({ '/w/buildout.cfg': text, '/w/t.in': 'x' }, ['/w']);
      exercise(ws.service, ws.open('/w/buildout.cfg', text), SETTINGS[i % 2], r, 3);
      exercise(ws.service, ws.open('/w/t.in', text), SETTINGS[i % 2], r, 3);
    });
  });

  it('`${` half-typed at every offset of a template', HANG_GUARD, () => {
    const example = exampleFiles();
    const path = `${ROOT}/templates/haproxy.conf.in`;
    const template = example[path];
    const ws = workspace(example);
    forEachCase('half-typed ${', 8000, 1, (r, _i, note) => {
      for (let at = 0; at <= template.length; at++) {
        const piece = pick(r, ['${', '${ports', '${ports:', '${:', '$', '${instance1:po']);
        const text = template.slice(0, at) + piece + template.slice(at);
        note(text);
        const doc = ws.open(path, text);
        const position = doc.positionAt(at + piece.length);
        const settings = SETTINGS[at % 2];
        atCursor(ws.service, doc, position, settings);
        // Every few offsets, the whole-document features as well (they re-render the template).
        if (at % 37 === 0) exercise(ws.service, doc, settings, r, 1);
      }
    });
    function atCursor(s: LanguageService, doc: TextDocument, position: { line: number; character: number }, settings: DocumentSettings) {
      const lengths = lineLengths(doc.getText());
      for (const item of s.doComplete(doc, position, settings).items) {
        const edit = item.textEdit;
        if (edit && 'range' in edit) assertRangeInside(edit.range, lengths, `completion ${item.label}`);
      }
      s.doHover(doc, position, settings);
      s.findDefinition(doc, position, settings);
      s.findReferences(doc, position, settings, true);
    }
  });
});

describe('buildout language service: pathological workspaces', () => {
  it('a 1000-deep extends chain closed into a cycle', HANG_GUARD, () => {
    const files: Record<string, string> = {};
    const N = 1000;
    for (let i = 0; i < N; i++) files[`/d/f${i}.cfg`] = `[buildout]\nextends = f${i + 1}.cfg\n[s${i}]\nv = \${s${i + 1}:v}\nlist += ${i}\n`;
    files[`/d/f${N}.cfg`] = '[buildout]\nextends = f500.cfg\n[s1000]\nv = end\n';
    const root = '[buildout]\nextends = f0.cfg\nparts =\n[use]\nv = ${s0:v}\nl = ${s1:list}\n';
    files['/d/buildout.cfg'] = root;
    const ws = workspace(files, ['/d']);
    for (const settings of SETTINGS) {
      exercise(ws.service, ws.open('/d/buildout.cfg', root), settings, () => 0.5, 0);
      const use = ws.open('/d/buildout.cfg', root);
      assert.ok(ws.service.doHover(use, { line: 4, character: 6 }, settings) !== undefined);
      // The file that closes the cycle says so.
      const closing = exercise(ws.service, ws.open(`/d/f${N}.cfg`, files[`/d/f${N}.cfg`]), settings, () => 0.3, 2);
      assert.ok(closing.some((d) => /recursive|loop|cycle/i.test(messageOf(d))), `the cycle is reported: ${closing.map(messageOf).join(' | ')}`);
    }
  });

  it('a diamond at every level of an extends graph (2^30 paths)', HANG_GUARD, () => {
    const files: Record<string, string> = {};
    const N = 30;
    for (let i = 0; i < N; i++) files[`/g/f${i}.cfg`] = `[buildout]\nextends = f${i + 1}.cfg f${Math.min(i + 2, N)}.cfg\n[s${i}]\nv = \${s${i + 1}:v}\nlist += ${i}\n`;
    files[`/g/f${N}.cfg`] = '[buildout]\n[s30]\nv = end\n';
    const root = '[buildout]\nextends = f0.cfg\nparts =\n[use]\nv = ${s0:v}\n';
    const ws = workspace({ ...files, '/g/buildout.cfg': root }, ['/g']);
    for (const settings of SETTINGS) {
      const doc = ws.open('/g/buildout.cfg', root);
      exercise(ws.service, doc, settings, () => 0.5, 2);
      const hover = ws.service.doHover(doc, { line: 4, character: 6 }, settings);
      assert.ok(hover === null || JSON.stringify(hover).length > 0);
    }
  });

  it('self-referencing and mutually recursive macros and substitutions', HANG_GUARD, () => {
    const text = [
      '[buildout]', 'parts = a b c', '[a]', '<= a', 'x = 1', '[b]', '<= c', 'y = ${c:y}', '[c]', '<= b', 'y = ${b:y}',
      '[d]', 'z = ${d:z}', '[e]', 'v = ${:w}', 'w = ${:v}', '[f]', '<= g', '[g]', '<= h', '[h]', '<= f', '[big]', `x = ${'${e:v}'.repeat(2000)}`,
    ].join('\n');
    const ws = workspace({ '/m/buildout.cfg': text }, ['/m']);
    const doc = ws.open('/m/buildout.cfg', text);
    for (const settings of SETTINGS) {
      const diagnostics = exercise(ws.service, doc, settings, () => 0.7, 0);
      assert.ok(diagnostics.length > 0, 'the loops are reported');
    }
    const lines = text.split('\n');
    forEachCase('recursive macros', 9000, 1, (r) => {
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= Math.min(lines[line].length, 40); character += 3) {
          ws.service.doHover(doc, { line, character }, pick(r, SETTINGS));
          ws.service.doComplete(doc, { line, character }, pick(r, SETTINGS));
          ws.service.findDefinition(doc, { line, character }, pick(r, SETTINGS));
        }
      }
    });
  });

  it('10,000 sections, a huge value and a missing extends', HANG_GUARD, () => {
    const lines = ['[buildout]', 'extends = missing.cfg ../nowhere/base.cfg http://example.invalid/x.cfg', 'parts = s9999'];
    for (let i = 0; i < 10; i++) lines.push(`[base${i}]`, `recipe = plone.recipe.zope2instance`, `w = ${i}`, i === 9 ? '<= base9' : '');
    // Each section substitutes its predecessor (a 10,000-long chain) and uses a macro; every
    // hundredth one is its own macro (a loop).
    for (let i = 0; i < 10_000; i++) lines.push(`[s${i}]`, `v = \${s${Math.max(0, i - 1)}:v}x`, `<= ${i % 100 === 0 ? `s${i}` : `base${i % 10}`}`);
    const huge = 'y'.repeat(1 << 20);
    lines.push('[huge]', `v = ${huge}`, `    ${huge}`, 'w = ${huge:v}${huge:v}');
    const text = lines.join('\n') + '\n';
    assert.equal(parseBuildout(text, '/h/buildout.cfg').sections.length, 10_012);
    const ws = workspace({ '/h/buildout.cfg': text }, ['/h']);
    const doc = ws.open('/h/buildout.cfg', text);
    const diagnostics = exercise(ws.service, doc, SETTINGS[0], () => 0.42, 4);
    assert.ok(diagnostics.some((d) => /missing\.cfg/.test(messageOf(d))), 'the missing file is reported');
    const last = { line: lines.length - 1, character: 6 };
    ws.service.doHover(doc, last, SETTINGS[0]);
    ws.service.doComplete(doc, { line: 5, character: 10 }, SETTINGS[0]);
  });
});
