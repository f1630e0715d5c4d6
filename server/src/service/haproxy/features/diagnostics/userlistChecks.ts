/**
 * `userlist` sections, read the way HAProxy reads them (haproxy -c 2.6.12, same parser in 3.4):
 * - `user <name>` takes the pairs `password <hash>`, `insecure-password <text>` and
 *   `groups <g1,g2…>`; `group <name>` only `users <u1,u2…>`. Any other word where a pair starts
 *   is refused ("'user' only supports 'password', 'insecure-password' and 'groups' options").
 * - After parsing, every group a user lists and every user a group lists must be declared in the
 *   same userlist, earlier or later ("no such group 'ops' specified in user 'bob'"; fatal).
 * - A second user or group of the same name is ignored with a warning, its options unread.
 * A user without any password is accepted. When two userlists share a name, HAProxy files the
 * lines after the ignored header under another list, so such files are left alone.
 */
import { suggest } from '../../../common/didYouMean';
import type { Section, Statement } from '../../parser/model';
import { didYouMeanHint, type CheckContext } from './reporter';

const USER_OPTIONS = ['password', 'insecure-password', 'groups'];
const GROUP_OPTIONS = ['users'];

interface Entry { st: Statement; line: number }

export function checkUserlists(cc: CheckContext): void {
  const lists = cc.doc.sections.filter((s) => s.kind === 'userlist');
  if (lists.length === 0) return;
  const names = new Set<string>();
  for (const s of lists) {
    const n = s.name;
    // A duplicated or conditional header, or a name known later: where the lines go is unclear.
    if (!n || cc.isDeferred(n) || names.has(n.value) || (cc.lineStates?.[s.header.line] ?? 0) !== 0) return;
    names.add(n.value);
  }
  for (const s of lists) checkUserlist(cc, s);
}

function checkUserlist(cc: CheckContext, section: Section): void {
  const listName = section.name!.value;
  /** First definition of each user/group (skipped `.if` lines do not define anything). */
  const users = new Map<string, Entry>();
  const groups = new Map<string, Entry>();
  /** The lines whose list (groups of a user, users of a group) HAProxy reads. */
  const readers: { st: Statement; kind: 'user' | 'group' }[] = [];
  for (const st of section.body) {
    const kw = st.keyword;
    if ((kw !== 'user' && kw !== 'group') || st.tokenCount < 2) continue;
    const state = cc.lineStates?.[st.line] ?? 0;
    if (state === 2 || cc.deferredAt(st, 0) || cc.deferredAt(st, 1)) continue;
    // A line with a bad option is refused: its list is not judged (the name still counts, so
    // that the lines naming it get no follow-on report).
    const optionsOk = checkOptions(cc, st, kw);
    const name = st.valueAt(1)!;
    const seen = kw === 'user' ? users : groups;
    const first = seen.get(name);
    if (first) {
      if (state === 0 && (cc.lineStates?.[first.line] ?? 0) === 0) {
        cc.reportAt('duplicateProxy', st, 1, { kind: kw, name, line: first.line + 1 }, undefined, 'warning');
      }
      continue;
    }
    seen.set(name, { st, line: st.line });
    // Whether HAProxy reads this line is unknown (`.if` on a run-time condition): a later line of
    // the same name may be the one that counts, so neither's list is judged.
    if (state === 0 && optionsOk) readers.push({ st, kind: kw });
  }
  for (const { st, kind } of readers) {
    const listWord = kind === 'user' ? 'groups' : 'users';
    const declared = kind === 'user' ? groups : users;
    const other = kind === 'user' ? 'group' : 'user';
    // The last `groups`/`users` pair of the line counts (each one replaces the previous).
    let at = -1;
    for (let i = 2; i + 1 < st.tokenCount; i += 2) if (st.values[i] === listWord) at = i + 1;
    if (at < 0 || cc.deferredAt(st, at)) continue;
    const value = st.values[at];
    const tokStart = st.tokenStart(at);
    const verbatim = st.plain || st.tokens[at].text === value;
    let offset = 0;
    for (const part of value.split(',')) {
      if (part !== '' && !declared.has(part)) {
        const sugg = suggest(part, [...declared.keys()]);
        const start = verbatim ? tokStart + offset : tokStart;
        const end = verbatim ? start + part.length : st.tokenEnd(at);
        cc.report('undefinedUserOrGroup', st.line, start, end, { kind: other, name: part, list: listName, owner: `${kind} '${st.valueAt(1)}'`, hint: didYouMeanHint(sugg) }, sugg.length ? { suggestions: sugg } : undefined);
      }
      offset += part.length + 1;
    }
  }
}

/**
 * The option pairs of a `user`/`group` line. Reports the first word that is not an option
 * (HAProxy stops there and refuses the file) and returns false then.
 */
function checkOptions(cc: CheckContext, st: Statement, kw: 'user' | 'group'): boolean {
  const allowed = kw === 'user' ? USER_OPTIONS : GROUP_OPTIONS;
  for (let i = 2; i < st.tokenCount; i += 2) {
    if (cc.deferredAt(st, i)) return false;
    const word = st.values[i];
    if (allowed.includes(word)) continue;
    const sugg = suggest(word, allowed);
    const list = ` '${kw}' takes only ${allowed.map((a) => `'${a}'`).join(', ')} (each followed by its value).`;
    cc.reportAt('unknownEnumValue', st, i, { value: word, name: kw, hint: `${list}${didYouMeanHint(sugg)}` }, sugg.length ? { suggestions: sugg } : undefined);
    return false;
  }
  return true;
}
