/**
 * Parses `haproxy -dKall -q -c -f /dev/null` (2.6+): the keywords the binary registered.
 * It complements the doc for the local binary's version: exact bind/server option argument
 * counts (`+N`), action lists per rule set, converter types, and globals the doc's index
 * forgot. Output format measured on Debian's 2.6.12 (see shared haproxy-facts.md §5).
 */
import type { RuleSet, SampleType } from '../../server/src/service/haproxy/knowledge/types';
import { sampleType } from './extractSamples';

export interface KeywordDump {
  globals: Set<string>;
  bindArgs: Map<string, number>;
  serverArgs: Map<string, number>;
  actions: Map<RuleSet, Set<string>>;
  /** Converter name → types (the dump prints `name(args): out => in`). */
  converters: Map<string, { i: SampleType; o: SampleType; as: string }>;
  fetches: Map<string, { o: SampleType; as: string }>;
  /** ACL keyword → `fetch -m method`. */
  acls: Map<string, string>;
}

const RULE_PREFIXES: [string, RuleSet][] = [
  ['tcp-request connection ', 'tcp-request connection'], ['tcp-request session ', 'tcp-request session'],
  ['tcp-request content ', 'tcp-request content'], ['tcp-response content ', 'tcp-response content'],
  ['http-request ', 'http-request'], ['http-response ', 'http-response'], ['http-after-response ', 'http-after-response'],
  ['quic-initial ', 'quic-initial'],
];

export function parseKeywordDump(text: string): KeywordDump {
  const d: KeywordDump = {
    globals: new Set(), bindArgs: new Map(), serverArgs: new Map(), actions: new Map(),
    converters: new Map(), fetches: new Map(), acls: new Map(),
  };
  let block = '';
  let cfgSection = '';
  for (const raw of text.split('\n')) {
    if (raw.startsWith('# List of registered ')) { block = raw.slice(21).split(' ')[0]; continue; }
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const line = raw.trim();
    if (block === 'ACL') {
      const m = /^(\S+) = (.+)$/.exec(line);
      if (m) d.acls.set(m[1], m[2]);
    } else if (block === 'configuration') {
      if (!raw.startsWith('\t')) { cfgSection = line; continue; }
      if (cfgSection === 'global') { d.globals.add(line); continue; }
      if (cfgSection !== 'listen') continue;
      let m = /^bind <addr> (?:ssl )?(\S+)(?: \+(\d+))?/.exec(line);
      if (m) { d.bindArgs.set(m[1], Number(m[2] ?? 0)); continue; }
      m = /^server <name> <addr> (?:ssl )?(\S+)(?: \+(\d+))?/.exec(line);
      if (m) { d.serverArgs.set(m[1], Number(m[2] ?? 0)); continue; }
      for (const [prefix, rs] of RULE_PREFIXES) {
        if (!line.startsWith(prefix)) continue;
        const action = line.slice(prefix.length).replace(/\*$/, '').trim();
        if (!action || action.includes(' ')) break;
        let set = d.actions.get(rs);
        if (!set) d.actions.set(rs, (set = new Set()));
        set.add(action);
        break;
      }
    } else if (block === 'sample') {
      // "sample converter functions" and "sample fetch functions" both start with "sample".
      const conv = /^([\w.-]+)(\([^)]*\))?: (\w+) => (\w+)$/.exec(line);
      if (conv) { d.converters.set(conv[1], { o: sampleType(conv[3]), i: sampleType(conv[4]), as: conv[2] ?? '' }); continue; }
      const fetch = /^\[[ Y.]+\] ([\w.+-]+)(\([^)]*\))?: (\w+)$/.exec(line);
      // `base32+src` / `url32+src` hold a '+'.
      if (fetch) d.fetches.set(fetch[1], { o: sampleType(fetch[3]), as: fetch[2] ?? '' });
    }
  }
  return d;
}
