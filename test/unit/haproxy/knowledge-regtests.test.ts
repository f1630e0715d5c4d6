/**
 * Cross-check of the keyword table against HAProxy's own regression-test configurations: every
 * statement, bind/server option and rule action used in the `-conf` blocks of reg-tests/ at a
 * release tag must be known to that version's table (HAProxy's CI accepts these configs, so an
 * unknown name here would become a false "unknown keyword" error). Needs the local mirror of
 * haproxy/haproxy; skipped without it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import type { HaproxyVersion, SectionKind } from '../../../server/src/service/haproxy/knowledge/types';
import { parseHaproxy } from '../../../server/src/service/haproxy/parser/parser';

const MIRROR = process.env.HAPROXY_MIRROR ?? '/work/.mirror/haproxy+haproxy/repo';

/** All `.vtc`/`.vtci` files of reg-tests/ at a tag, read through one `git cat-file --batch`. */
function regTestFiles(tag: string): { path: string; text: string }[] {
  const paths = execFileSync('git', ['-C', MIRROR, 'ls-tree', '-r', '--name-only', tag, 'reg-tests'], { encoding: 'utf8' })
    .split('\n').filter((f) => /\.vtci?$/.test(f));
  const out = execFileSync('git', ['-C', MIRROR, 'cat-file', '--batch'], { input: paths.map((p) => `${tag}:${p}`).join('\n') + '\n', maxBuffer: 256 << 20 });
  const files: { path: string; text: string }[] = [];
  let pos = 0;
  for (const path of paths) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString('utf8').split(' ')[2]);
    files.push({ path, text: out.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    pos = nl + 1 + size + 1;
  }
  return files;
}

/** Brace-balanced bodies of `haproxy NAME … -conf {` / `-conf-OK {` blocks. */
function configBlocks(text: string): string[] {
  const blocks: string[] = [];
  const re = /haproxy\s+\S+\s+(?:-\S+\s+)*-conf(?:-OK)?\s*\{/g;
  while (re.exec(text)) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    blocks.push(text.slice(re.lastIndex, i - 1));
  }
  return blocks;
}

function unknownNames(tag: string, version: HaproxyVersion): string[] {
  const kb = getKnowledge(version);
  const problems = new Set<string>();
  for (const file of regTestFiles(tag)) {
    for (const conf of configBlocks(file.text)) {
      for (const sec of parseHaproxy(`${conf}\n`).sections) {
        let kind = sec.kind;
        if (!kb.section(kind)) problems.add(`section ${kind} (${file.path})`);
        for (const st of sec.body) {
          const words = st.tokens.map((t) => t.value.toLowerCase());
          if (words.length === 0 || words[0].startsWith('.') || words.some((w) => w.includes('${'))) continue;
          // Section kinds the version-independent parser may not know yet (e.g. 3.4's `healthcheck`).
          if (kb.section(words[0]) && words[0] !== 'log' && !kb.matchKeyword(kind as SectionKind, words)) { kind = words[0]; continue; }
          const hit = kb.matchKeyword(kind as SectionKind, words);
          if (!hit) {
            if (!kb.matchRemoved(words, kind as SectionKind)) problems.add(`${kind}: ${words.slice(0, 2).join(' ')} (${file.path})`);
            continue;
          }
          const name = hit.entry.name;
          if ((name === 'server' || name === 'default-server' || name === 'bind') && PROXY.has(kind)) {
            for (let k = name === 'server' ? 3 : name === 'bind' ? 2 : 1; k < words.length; k++) {
              const option = name === 'bind' ? kb.bindOption(words[k]) : kb.serverOption(words[k]);
              if (!option) { problems.add(`${name} option ${words[k]} (${file.path})`); break; }
              k += option.argCount;
            }
          }
          if (hit.entry.ruleSet && words.length > hit.wordCount) {
            const action = words[hit.wordCount];
            if (!action.startsWith('lua.') && !kb.action(hit.entry.ruleSet, action)) problems.add(`${hit.entry.ruleSet} ${action} (${file.path})`);
          }
        }
      }
    }
  }
  return [...problems];
}

const PROXY = new Set(['defaults', 'frontend', 'listen', 'backend']);

describe('haproxy knowledge: names used by HAProxy\'s own reg-tests', { skip: !existsSync(MIRROR) && `no haproxy mirror at ${MIRROR}` }, () => {
  for (const [tag, version] of [['v2.6.0', '2.6'], ['v2.8.0', '2.8'], ['v3.0.0', '3.0'], ['v3.2.0', '3.2'], ['v3.4.0', '3.4']] as const) {
    it(`${tag}: every keyword, option and action is in the ${version} table`, () => {
      assert.deepEqual(unknownNames(tag, version), []);
    });
  }
});
