import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_VERSIONS } from '../../../server/src/service/haproxy/knowledge/types';
import { diagnose, ERROR } from './diagnosticsHelpers';

/**
 * "Missing LF on last line" has been a fatal alert since HAProxy 2.3 (cfgparse.c: ERR_ALERT |
 * ERR_FATAL in every release tag 2.6.0 … 3.4.0; 2.6.12 refuses the file), so a config without a
 * final line feed fails `haproxy -c` whatever version the user targets.
 */
describe('haproxy missing final newline', () => {
  for (const version of SUPPORTED_VERSIONS) {
    it(`is an error for ${version}, as HAProxy ${version} refuses the file`, () => {
      const d = diagnose('global\n    daemon', { version }).filter((x) => x.code === 'missing-final-newline');
      assert.equal(d.length, 1);
      assert.equal(d[0].severity, ERROR);
      assert.match(String(d[0].message), new RegExp(`HAProxy ${version.replace('.', '\\.')} refuses`));
    });
  }
});
