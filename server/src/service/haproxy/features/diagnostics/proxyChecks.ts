/**
 * The "missing timeouts" check, following HAProxy 2.6's rule (cfgparse.c,
 * check_config_validity): in tcp or http mode, a proxy with frontend capability needs
 * `timeout client`; one with backend capability *and servers* needs `timeout connect` and
 * `timeout server` (in tcp mode `timeout tunnel` can stand in for `timeout server`).
 * Values are inherited from the defaults section the proxy uses: the last `defaults` above
 * it, or the one named by `from`. A zero timeout counts as missing.
 */
import type { Section } from '../../parser/model';
import { lowerWords } from '../locate';
import type { CheckContext } from './reporter';

interface ProxySettings {
  mode?: string;
  timeouts: Map<string, boolean>;
  /** Line of the last `timeout` statement (where new ones are inserted). */
  lastTimeoutLine?: number;
}

function readSettings(section: Section, inherited?: ProxySettings): ProxySettings {
  const out: ProxySettings = { mode: inherited?.mode, timeouts: new Map(inherited?.timeouts ?? []) };
  for (const st of section.body) {
    const w = lowerWords(st);
    if (w[0] === 'mode' && w[1]) out.mode = w[1];
    else if (w[0] === 'timeout' && w[1]) {
      // A value we cannot read (buildout/env) is assumed to be set; only a literal 0 unsets.
      out.timeouts.set(w[1], !/^0+(ms|s|m|h|d|us)?$/.test(w[2] ?? ''));
      out.lastTimeoutLine = st.line;
    }
  }
  return out;
}

export function checkTimeouts(cc: CheckContext): void {
  const byName = new Map<string, ProxySettings>();
  let current: ProxySettings | undefined;
  for (const section of cc.doc.sections) {
    if (section.kind === 'defaults') {
      const from = fromName(section);
      const base = from !== undefined ? byName.get(from) : current;
      const s = readSettings(section, base);
      if (section.name) byName.set(section.name.value, s);
      current = s;
      continue;
    }
    if (section.kind !== 'frontend' && section.kind !== 'backend' && section.kind !== 'listen') continue;
    const from = fromName(section);
    const defaults = from !== undefined ? byName.get(from) : current;
    const own = readSettings(section);
    const s = readSettings(section, defaults);
    const mode = s.mode ?? 'tcp';
    if (mode !== 'tcp' && mode !== 'http') continue;
    const fe = section.kind !== 'backend';
    const be = section.kind !== 'frontend';
    const hasServers = section.body.some((st) => {
      const w = st.tokens[0]?.value.toLowerCase();
      return w === 'server' || w === 'server-template';
    });
    const set = (n: string) => s.timeouts.get(n) === true;
    const missing: string[] = [];
    if (fe && !set('client')) missing.push('client');
    if (be && hasServers) {
      if (!set('connect')) missing.push('connect');
      if (!set('server') && (mode === 'http' || !set('tunnel'))) missing.push('server');
    }
    if (missing.length === 0) continue;
    const name = section.name ?? section.header.tokens[0];
    const list = missing.map((m) => `'timeout ${m}'`).join(', ').replace(/, ([^,]*)$/, ' and $1');
    const indent = indentOf(section);
    cc.report('missingTimeout', section.header.line, name.start, name.end, { kind: section.kind, missing: list }, {
      timeouts: missing,
      insertAfterLine: own.lastTimeoutLine ?? section.header.line,
      indent,
    });
  }
}

function fromName(section: Section): string | undefined {
  const t = section.header.tokens;
  return t[2]?.value.toLowerCase() === 'from' && t[3] ? t[3].value : undefined;
}

function indentOf(section: Section): string {
  const first = section.body.find((st) => st.tokens.length > 0);
  return first ? ' '.repeat(first.indent) : '    ';
}
