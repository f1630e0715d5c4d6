import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createLocalDocsProvider, indexConfigurationTxt, ConfigurationTxtDocs } from '../../../server/src/node/localDocs';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';

/**
 * The local configuration.txt excerpt shown on hover must be the keyword's own entry, never the
 * §4.1 keyword/section matrix ("stick-table   -  X  X  X") nor nothing at all, including keywords
 * whose syntax line carries a first argument word (`stick-table type {…}`, `http-error status
 * <code>`, `compression algo …`) and two-line syntaxes followed by a blank line
 * (`option socket-stats` / `no option socket-stats`).
 */
const DEBIAN = '/usr/share/doc/haproxy/configuration.txt.gz';

const SAMPLE = [
  'HAProxy', '', '4. Proxies', '-----------', '',
  '4.1. Proxy keywords matrix', '----------------------------', '',
  ' keyword                              defaults   frontend   listen    backend',
  '------------------------------------+----------+----------+---------+---------',
  'acl                                       X (!)      X         X         X',
  'stick-table                               -          X         X         X',
  'option socket-stats                  (*)  X          X         X         -',
  '------------------------------------+----------+----------+---------+---------',
  ' keyword                              defaults   frontend   listen    backend',
  '', '',
  '4.2. Alphabetically sorted keywords reference', '---------------------------------------------', '',
  'option socket-stats', 'no option socket-stats', '', '  Enable or disable per-socket statistics.', '',
  'stick-table type {ip | integer}', '            size <size> [expire <expire>]', '  Configure the table.', '',
  '',
].join('\n');

describe('local configuration.txt entries', () => {
  it('never takes the keyword matrix for an entry', () => {
    const idx = indexConfigurationTxt(SAMPLE);
    for (const e of idx.entries) assert.ok(!/^-+\+/.test(idx.lines[e.start]), `matrix indexed as an entry at line ${e.start + 1}`);
  });

  it('finds entries written with a first argument word or a blank line after a two-line syntax', () => {
    const docs = new ConfigurationTxtDocs('/unused');
    // Inject the sample as the loaded file.
    (docs as unknown as { loaded: unknown }).loaded = indexConfigurationTxt(SAMPLE);
    assert.match(docs.lookup('stick-table', '4.2')?.text ?? '', /^stick-table type/);
    assert.match(docs.lookup('option socket-stats', '4.2')?.text ?? '', /^option socket-stats\nno option socket-stats\n\n {2}Enable/);
  });

  it('on the real Debian manual: every proxy keyword found starts its excerpt with its own name', { skip: !existsSync(DEBIAN) && 'no Debian haproxy docs here' }, () => {
    const docs = createLocalDocsProvider([DEBIAN])!;
    const kb = getKnowledge('2.6');
    const wrong: string[] = [];
    for (const kind of ['defaults', 'frontend', 'backend', 'listen'] as const) {
      for (const k of kb.keywordsIn(kind)) {
        const f = docs.lookup(k.name, k.docChapter);
        if (f && (/^-+\+/.test(f.text) || !f.text.split('\n').slice(0, 3).some((l) => l.toLowerCase().includes(k.name.split(' ').pop()!)))) wrong.push(`${k.name}@${f.line}`);
      }
    }
    assert.deepEqual([...new Set(wrong)], []);
    for (const name of ['stick-table', 'compression', 'http-error', 'option pgsql-check', 'option socket-stats']) {
      assert.ok(docs.lookup(name, '4.2'), name);
    }
  });
});
