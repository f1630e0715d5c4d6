/**
 * Where a full validation of a new text spends its CPU, step by step (for profiling; no LSP):
 * each round takes another variant of the generated config (so no statement cache can answer),
 * and times JSON decoding of the didOpen message, the TextDocument, the parse, and the
 * validation's families separately. Prints the median CPU ms per step over the last rounds.
 *
 *   npx esbuild bench/haproxy-validate-phases.ts --bundle --platform=node --outfile=/tmp/phases.js && node /tmp/phases.js [lines=20000] [rounds=16]
 *   (or node --import tsx bench/haproxy-validate-phases.ts …, ≈ 1/3 slower; a third argument `validate`
 *   runs only whole validations, for `node --cpu-prof`; `parse` or `local` only that step)
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateHaproxyConfig } from './lib/haproxyConfigGen';
import { parseHaproxy } from '../server/src/service/haproxy/parser/parser';
import { getKnowledge } from '../server/src/service/haproxy/knowledge/index';
import { validate, CheckContext } from '../server/src/service/haproxy/features/diagnostics/index';
import { analyseConditionals } from '../server/src/service/haproxy/features/diagnostics/conditionals';
import { runLocalChecks } from '../server/src/service/haproxy/features/diagnostics/localChecks';
import { checkGatedFeatures } from '../server/src/service/haproxy/features/diagnostics/gatedFeatureChecks';
import { checkDuplicates, checkReferences } from '../server/src/service/haproxy/features/diagnostics/referenceChecks';
import { checkTimeouts } from '../server/src/service/haproxy/features/diagnostics/proxyChecks';
import { buildNameIndex } from '../server/src/service/haproxy/features/nameIndex';
import type { HaproxyContext } from '../server/src/service/haproxy/context';

const size = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 16);
/**
 * `validate`: every round runs the whole validation only (for a profile of it); `parse`: only
 * the parse; `local`: the parse (not timed) and the statement-local checks only.
 */
const only = process.argv[4];
const kb = getKnowledge('2.6');

function cpu<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, (c.user + c.system) / 1000];
}

const texts = [0, 1, 2, 3].map((v) => JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///bench.cfg', languageId: 'haproxy', version: 1, text: generateHaproxyConfig(size, v + 1).text } } }));
const steps: Record<string, number[]> = {};
const add = (k: string, v: number) => (steps[k] ??= []).push(v);
for (let r = 0; r < rounds; r++) {
  const [msg, tj] = cpu(() => JSON.parse(texts[r % texts.length]) as { params: { textDocument: { text: string } } });
  const text = msg.params.textDocument.text;
  add('json', tj);
  const [doc, td] = cpu(() => TextDocument.create('file:///bench.cfg', 'haproxy', r, text));
  add('textdocument', td);
  const [parsed, tp] = cpu(() => parseHaproxy(text));
  add('parse', tp);
  if (only === 'parse') continue;
  const ctx: HaproxyContext = { uri: doc.uri, document: doc, parsed, kb, isTemplate: false };
  if (only === 'local') {
    const cc = new CheckContext(ctx, { severity: {} });
    add('local checks', cpu(() => runLocalChecks(cc))[1]);
  } else if (r % 2 === 0 || only === 'validate') {
    const [, tv] = cpu(() => validate(ctx, { severity: {} }));
    add('validate (all)', tv);
  } else {
    const cc = new CheckContext(ctx, { severity: {} });
    add('conditionals', cpu(() => (cc.lineStates = analyseConditionals(cc)))[1]);
    add('local checks', cpu(() => runLocalChecks(cc))[1]);
    add('gated features', cpu(() => checkGatedFeatures(cc))[1]);
    add('name index', cpu(() => buildNameIndex(parsed))[1]);
    add('references', cpu(() => checkReferences(cc))[1]);
    add('duplicates', cpu(() => checkDuplicates(cc))[1]);
    add('timeouts', cpu(() => checkTimeouts(cc))[1]);
  }
}
// The first quarter of the rounds is JIT warm-up. On a shared machine the low quantile is the
// steadier figure for A/B comparisons (other processes only ever add time).
const quantile = (a: number[], q: number) => { const s = a.slice(Math.floor(a.length / 4)).sort((x, y) => x - y); return s[Math.floor((s.length - 1) * q)]; };
for (const [k, v] of Object.entries(steps)) {
  console.log(`${k.padEnd(16)} ${quantile(v, 0.5).toFixed(1).padStart(7)} ms CPU median, ${quantile(v, 0.25).toFixed(1).padStart(7)} ms p25, ${quantile(v, 0).toFixed(1).padStart(7)} ms min (of the last ${v.length - Math.floor(v.length / 4)})`);
}
