/**
 * `extra-argument` is an error only for the keywords where HAProxy refuses a surplus word
 * (EXTRA_ARGS_FATAL, measured on 2.6.12). Re-measured here: for each listed keyword that has a
 * line in our valid corpus, that corpus file with one word appended to the line must be
 * refused by haproxy -c, and our diagnostic there must be an error; for keywords not listed,
 * haproxy must accept it and ours must stay a warning. HTTP actions that take an exact number of
 * words (HTTP_ACTION_WORDS: `http-request set-header NAME VALUE` …) are always refused with one
 * more, and are errors.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../server/src/service/haproxy/features/diagnostics/index';
import { EXTRA_ARGS_FATAL, HTTP_ACTION_WORDS } from '../../server/src/service/haproxy/knowledge/index';
import { makeContext } from '../unit/haproxy/diagnosticsHelpers';

const HAPROXY = '/usr/sbin/haproxy';
const DIR = join(__dirname, '..', 'fixtures', 'haproxy-corpus', 'valid');
const skip = existsSync(HAPROXY) ? false : `${HAPROXY} is not installed`;

/** `http-request set-header` → is set-header an exact-word action of http-request? */
function exactWordAction(keyword: string): boolean {
  const [ruleSet, action] = keyword.split(' ');
  return action !== undefined && (HTTP_ACTION_WORDS[ruleSet]?.has(action) ?? false);
}

interface Sample { keyword: string; file: string; text: string; line: number; severity: number }

/** One mutated sample per keyword that gets an extra-argument diagnostic from us. */
function samples(): Sample[] {
  const out = new Map<string, Sample>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.cfg')).sort()) {
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const t = l.trim();
      if (!/^\s+[a-z]/.test(l) || /\b(if|unless)\b|[#"']/.test(t)) return;
      const mutated = [...lines];
      mutated[i] = `${l} surplus`;
      const text = mutated.join('\n');
      const d = validate(makeContext(text, '2.6')).find((x) => x.range.start.line === i && x.code === 'extra-argument');
      const keyword = /^'([^']+)'/.exec(String(d?.message))?.[1];
      if (!d || !keyword || out.has(keyword)) return;
      out.set(keyword, { keyword, file, text, line: i + 1, severity: d.severity ?? 0 });
    });
  }
  return [...out.values()];
}

describe('extra-argument severity follows haproxy -c 2.6', () => {
  it('errors exactly where HAProxy refuses the surplus word', { skip, timeout: 120000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'hx-extra-'));
    try {
      const list = samples();
      assert.ok(list.filter((s) => EXTRA_ARGS_FATAL.has(s.keyword)).length >= 30, 'too few fatal samples in the corpus');
      assert.ok(list.some((s) => !EXTRA_ARGS_FATAL.has(s.keyword)), 'no tolerated sample in the corpus');
      const wrong: string[] = [];
      for (const s of list) {
        const f = join(work, 'm.cfg');
        writeFileSync(f, s.text);
        const r = spawnSync(HAPROXY, ['-c', '-f', f], { cwd: DIR, encoding: 'utf8', timeout: 20000 });
        const refused = r.status !== 0 && r.status !== 2;
        const fatal = EXTRA_ARGS_FATAL.has(s.keyword) || exactWordAction(s.keyword);
        if (refused !== fatal) wrong.push(`${s.keyword} (${s.file}:${s.line}): haproxy ${refused ? 'refuses' : 'accepts'}, list says ${fatal ? 'fatal' : 'tolerated'}`);
        if (s.severity !== (fatal ? 1 : 2)) wrong.push(`${s.keyword}: severity ${s.severity}`);
      }
      assert.deepEqual(wrong, []);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
