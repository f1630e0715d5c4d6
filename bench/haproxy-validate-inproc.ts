/**
 * In-process HAProxy validation benchmark (for profiling, e.g. with `node --cpu-prof`):
 * parses and validates N different variants of a generated config of the given size, then
 * re-validates after one-line edits, printing wall and CPU time of each step.
 *
 *   node --import tsx bench/haproxy-validate-inproc.ts [lines=20000] [opens=8] [edits=4]
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { generateHaproxyConfig } from './lib/haproxyConfigGen';
import { parseHaproxy } from '../server/src/service/haproxy/parser/parser';
import { getKnowledge } from '../server/src/service/haproxy/knowledge/index';
import { validate } from '../server/src/service/haproxy/features/diagnostics/index';

const size = Number(process.argv[2] ?? 20000);
const opens = Number(process.argv[3] ?? 8);
const edits = Number(process.argv[4] ?? 4);
const kb = getKnowledge('2.6');

function timed<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, performance.now() - t0, (c.user + c.system) / 1000];
}

function run(text: string, version: number): [number, number, number, number, Diagnostic[]] {
  const [parsed, pw, pc] = timed(() => parseHaproxy(text));
  const doc = TextDocument.create('file:///bench.cfg', 'haproxy', version, text);
  const [d, vw, vc] = timed(() => validate({ uri: doc.uri, document: doc, parsed, kb, isTemplate: false }, { severity: {} }));
  return [pw, pc, vw, vc, d];
}

const f = (x: number) => x.toFixed(1).padStart(7);
let text = '';
for (let i = 0; i < opens; i++) {
  text = generateHaproxyConfig(size, opens - 1 - i).text;
  const [pw, pc, vw, vc, d] = run(text, 1);
  console.log(`open ${i}: parse ${f(pw)} ms (cpu ${f(pc)})  validate ${f(vw)} ms (cpu ${f(vc)})  diagnostics ${d.length}`);
}
const lines = text.split('\n');
const target = lines.length - 5;
for (let i = 0; i < edits; i++) {
  lines[target] = i % 2 === 0 ? '    option httpclose' : '    option httplog';
  const [pw, pc, vw, vc, d] = run(lines.join('\n'), 2 + i);
  console.log(`edit ${i}: parse ${f(pw)} ms (cpu ${f(pc)})  validate ${f(vw)} ms (cpu ${f(vc)})  diagnostics ${d.length}`);
}
