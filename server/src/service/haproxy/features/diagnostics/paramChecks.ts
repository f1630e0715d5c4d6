/**
 * `bind` and `server`/`default-server` options (configuration.txt §5.1/§5.2). Each option
 * consumes a known number of argument words, so an unknown option stops the scan: we cannot
 * tell where its arguments end, and guessing would produce follow-on false errors.
 */
import { suggest } from '../../../common/didYouMean';
import { newerVersionHint } from '../../knowledge/index';
import { checkWithTrack, walkOptions } from '../../knowledge/optionWalk';
import type { ParamEntry } from '../../knowledge/types';
import type { Statement, Token } from '../../parser/model';
import { didYouMeanHint, type CheckContext } from './reporter';
import { checkPortSpec, checkTime, timeLeniency } from './valueSyntax';

const SERVER_TIME_OPTIONS = new Set(['inter', 'fastinter', 'downinter', 'slowstart', 'agent-inter', 'pool-purge-delay']);

function lookup(find: (n: string) => ParamEntry | undefined, name: string): ParamEntry | undefined {
  const direct = find(name);
  if (direct) return direct;
  // Boolean options can be negated as `no-<option>` (e.g. `no-check`, `no-ssl`, `no-backup`).
  if (name.startsWith('no-')) {
    const e = find(name.slice(3));
    if (e && e.argCount === 0) return e;
  }
  return undefined;
}

function scan(
  cc: CheckContext,
  st: Statement,
  from: number,
  all: readonly ParamEntry[],
  find: (n: string) => ParamEntry | undefined,
  unknownKey: 'unknownBindOption' | 'unknownServerOption',
  onValue?: (option: string, value: Token) => void,
): void {
  // Without option data (placeholder knowledge) every option would look unknown.
  if (all.length === 0) return;
  const toks = st.tokens;
  const words = st.words;
  for (let i = from; i < toks.length; i++) {
    const tok = toks[i];
    if (cc.isDeferred(tok)) return;
    // `set-proxy-v2-tlv-fmt(0xE1) <fmt>`: a parametrised option is listed without its argument.
    // (The statement's lower-cased words: no new string per word of every bind/server line.)
    const word = words[i];
    const paren = word.indexOf('(');
    const name = paren < 0 ? word : word.slice(0, paren);
    const entry = lookup(find, name);
    const life = cc.lifecycleOf(unknownKey === 'unknownBindOption' ? 'bind-option' : 'server-option', name);
    if (life) {
      const key = life.status === 'removed' ? 'removedKeyword' : 'deprecatedKeyword';
      cc.reportToken(key, st, tok, { name: tok.value, removed: life.entry.removed, deprecated: life.entry.deprecated, advice: life.entry.advice });
      if (!entry) return;
    } else if (entry?.deprecated) {
      cc.reportToken('deprecatedKeyword', st, tok, { name: tok.value, deprecated: entry.deprecated, advice: entry.replacement ? `Use '${entry.replacement}' instead.` : '' });
    }
    // A word that cannot be an option name (an address, number, path) is the value of an
    // option whose argument count varies (`source 10.0.0.1 usesrc client`): skip it.
    if (!entry && !/^[a-z][a-z0-9_.-]*$/.test(name)) continue;
    if (!entry) {
      const sugg = suggest(name, all.map((e) => e.name));
      const later = newerVersionHint(unknownKey === 'unknownBindOption' ? 'bind' : 'server', name, cc.version);
      cc.reportToken(unknownKey, st, tok, { name: tok.value, hint: didYouMeanHint(sugg) + later }, sugg.length ? { suggestions: sugg } : undefined);
      return;
    }
    const n = entry.argCount;
    // HAProxy's parser for `set-proxy-v2-tlv-fmt(<id>)` stores an empty format when the value is missing.
    if (n > 0 && i + n >= toks.length && name !== 'set-proxy-v2-tlv-fmt') {
      cc.reportToken('missingOptionValue', st, tok, { name: tok.value });
      return;
    }
    if (n > 0 && onValue && !cc.isDeferred(toks[i + 1])) onValue(name, toks[i + 1]);
    i += n;
  }
}

export function checkBindOptions(cc: CheckContext, st: Statement, from: number): void {
  scan(cc, st, from, cc.kb.bindOptions(), (n) => cc.kb.bindOption(n), 'unknownBindOption');
}

export function checkServerOptions(cc: CheckContext, st: Statement, from: number): void {
  // `check` with `track` on one line (a text test first: most server lines have no track).
  if (st.text.includes('track')) {
    const words = st.tokens.map((t) => t.value.toLowerCase());
    const at = words[0] === 'default-server' ? undefined : checkWithTrack(walkOptions(words, from, (n) => cc.kb.serverOption(n)?.argCount));
    if (at !== undefined) cc.reportToken('checkWithTrack', st, st.tokens[at], { name: st.tokens[1]?.value ?? 'server' });
  }
  scan(cc, st, from, cc.kb.serverOptions(), (n) => cc.kb.serverOption(n), 'unknownServerOption', (option, value) => {
    if (SERVER_TIME_OPTIONS.has(option)) {
      const lenient = checkTime(value.value) ? timeLeniency(value.value) : undefined;
      if (checkTime(value.value)) cc.reportToken('invalidTime', st, value, { value: value.value, extra: lenient?.extra }, undefined, lenient?.sev);
    } else if (option === 'port' || option === 'agent-port') {
      const r = checkPortSpec(value.value, false, false);
      if (r) cc.reportToken('invalidPort', st, value, { value: value.value, extra: ` (${r})` });
    } else if (option === 'weight') {
      if (!/^\d+$/.test(value.value) || Number(value.value) > 256) {
        cc.reportToken('invalidNumber', st, value, { value: value.value, name: 'weight', extra: ' A weight is a whole number from 0 to 256.' }, undefined, 'error');
      }
    } else if (option === 'rise' || option === 'fall') {
      if (!/^\d+$/.test(value.value) || Number(value.value) < 1) {
        cc.reportToken('invalidNumber', st, value, { value: value.value, name: option, extra: ' It must be a whole number above 0.' }, undefined, 'error');
      }
    }
  });
}
