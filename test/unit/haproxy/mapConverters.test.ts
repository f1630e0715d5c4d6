import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getKnowledge } from '../../../server/src/service/haproxy/knowledge/index';
import { SUPPORTED_VERSIONS } from '../../../server/src/service/haproxy/knowledge/types';
import { diagnose, DEFAULTS } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

/**
 * The map converters: HAProxy's docs list them once as a family (`map_<match_type>[_<output_type>]`,
 * from 2.8 on a table row `map_match`), while the sources register each member — and 3.0 added
 * `map_<match>_key`. The knowledge table carries the registered names, so diagnostics, hover,
 * completion and signature help all know exactly the members of the target version.
 */
/** An empty map file: valid for every match type (haproxy -c loads it). */
const MAP_DIR = mkdtempSync(join(tmpdir(), 'map-converters-'));
const MAP_FILE = join(MAP_DIR, 'empty.map');
writeFileSync(MAP_FILE, '');
const withConverter = (conv: string) => `global
    log stdout local0
${DEFAULTS}frontend fe
    bind 127.0.0.1:8080
    http-request set-header X %[src,${conv}(${MAP_FILE})]
    default_backend be
backend be
    server s0 127.0.0.1:80
`;

const MEMBERS = ['map_str', 'map_beg', 'map_sub', 'map_dir', 'map_dom', 'map_end', 'map_reg', 'map_regm', 'map_int', 'map_ip',
  'map_str_int', 'map_beg_ip', 'map_reg_int', 'map_int_ip', 'map_ip_ip'];
/** Names the family's pattern suggests but no version registers (`map_regm` has no typed variants). */
const NOT_MEMBERS = ['map_len', 'map_found', 'map_regm_int', 'map_str_bin', 'map_match', 'map_match_output'];
const unknownConverters = (text: string, version: (typeof SUPPORTED_VERSIONS)[number]) =>
  diagnose(text, { version }).filter((d) => d.code === 'unknown-converter').length;

describe('haproxy map converters', () => {
  after(() => rmSync(MAP_DIR, { recursive: true, force: true }));
  it('knows every member in every version, and map_<match>_key from 3.0 on', () => {
    for (const v of SUPPORTED_VERSIONS) {
      for (const m of MEMBERS) assert.equal(unknownConverters(withConverter(m), v), 0, `${m} in ${v}`);
      for (const m of NOT_MEMBERS) assert.equal(unknownConverters(withConverter(m), v), 1, `${m} in ${v}`);
      const key = unknownConverters(withConverter('map_ip_key'), v);
      assert.equal(key, v === '2.6' || v === '2.8' ? 1 : 0, `map_ip_key in ${v}`);
    }
  });

  it('gives each member its types and the family argument syntax (the table row stand-ins are gone)', () => {
    for (const v of SUPPORTED_VERSIONS) {
      const kb = getKnowledge(v);
      const ipInt = kb.converter('map_ip_int')!;
      assert.deepEqual([ipInt.input, ipInt.output, ipInt.minArgs, ipInt.maxArgs], ['addr', 'int', 1, 2], v);
      // 2.6: the binary's own words (`(string[,integer])`); later: the documented family syntax.
      assert.match(ipInt.argSyntax ?? '', /^\((<?map_(file|name)>?|string)\[,(<?default_value>?|integer)\]\)$/, v);
      assert.ok(ipInt.summary.length > 20, v);
      assert.equal(kb.converter('map_match'), undefined, v);
      assert.equal(kb.converters().some((c) => c.name.startsWith('map_match')), false, v);
    }
    const key = getKnowledge('3.4').converter('map_str_key')!;
    assert.deepEqual([key.maxArgs, key.argSyntax], [1, '(map_name)']);
  });

  it('haproxy -c 2.6 agrees on members and non-members', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here', timeout: 60000 }, () => {
    const checker = haproxyChecker('map-converters-');
    try {
      for (const m of MEMBERS) assert.equal(checker.run(withConverter(m)).status, 0, m);
      for (const m of [...NOT_MEMBERS, 'map_ip_key']) {
        const r = checker.run(withConverter(m));
        assert.equal(r.status, 1, m);
        assert.match(r.stderr, new RegExp(`unknown converter '${m}'`), m);
      }
    } finally {
      checker.remove();
    }
  });
});
