/**
 * In-process, through the whole language service (what the LSP server calls on didOpen):
 * `doValidation` of a new TextDocument with a new variant each round, on its own URI, the
 * previous document closed. Prints the median and p25 CPU ms per open (rounds after warm-up).
 *
 *   npx esbuild bench/haproxy-service-inproc.ts --bundle --platform=node --outfile=/tmp/svc.js && node /tmp/svc.js [lines=20000] [rounds=16]
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateHaproxyConfig } from './lib/haproxyConfigGen';
import { createLanguageService, DEFAULT_SETTINGS } from '../server/src/service/languageService';
import { createMemoryHost } from '../server/src/service/common/host';

const size = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 16);
const service = createLanguageService({ host: createMemoryHost({}) });
const settings = { ...DEFAULT_SETTINGS, haproxyVersion: '2.6' as const };
const texts = Array.from({ length: rounds }, (_, i) => JSON.stringify(generateHaproxyConfig(size, i + 1).text));
const cpus: number[] = [];
let prev: string | undefined;
for (let r = 0; r < rounds; r++) {
  const uri = `file:///bench/open${r}/haproxy.cfg`;
  const c0 = process.cpuUsage();
  const doc = TextDocument.create(uri, 'haproxy', 1, JSON.parse(texts[r]) as string);
  const d = service.doValidation(doc, settings);
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1000);
  if (prev) service.documentClosed(prev);
  prev = uri;
  if (r === 0) console.log(`first open: ${cpus[0].toFixed(1)} ms CPU, ${Array.isArray(d) ? d.length : '?'} diagnostics`);
}
const warm = cpus.slice(Math.max(1, rounds >> 2)).sort((a, b) => a - b);
console.log(`warm opens: min ${warm[0].toFixed(1)}, median ${warm[warm.length >> 1].toFixed(1)} ms CPU, p25 ${warm[(warm.length - 1) >> 2].toFixed(1)} ms (${warm.length} rounds); RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
