/**
 * `total-max-size` of a `cache` section: haproxy -c 2.6.12 refuses a value that is not a whole
 * number ("total-max-size wrong value '4x'"), one above 4095 ("must not be greater than 4095")
 * and 0 ("Size not specified for cache"), so each is an error; sizes it accepts stay silent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { diagnose, ERROR } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const cache = (size: string) => `cache c\n    total-max-size ${size}\n`;
const numberDiags = (size: string) => diagnose(cache(size), { version: '2.6' }).filter((d) => d.code === 'invalid-number');

describe('cache total-max-size', () => {
  for (const bad of ['4x', '4m', '1.5', '4096', '0']) {
    it(`'${bad}' is an error on the value`, () => {
      const d = numberDiags(bad);
      assert.equal(d.length, 1, bad);
      assert.equal(d[0].severity, ERROR);
      assert.equal(d[0].range.start.line, 1);
      assert.equal(d[0].range.start.character, '    total-max-size '.length);
      assert.match(String(d[0].message), new RegExp(`'${bad.replace('.', '\\.')}'`));
    });
  }
  for (const ok of ['4', '64', '4095', '+4', '${cache:size}']) {
    it(`'${ok}' is not reported`, () => assert.deepEqual(numberDiags(ok), []));
  }
  it('haproxy -c agrees', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here' }, () => {
    const checker = haproxyChecker('cache-size-');
    const status = (size: string) => checker.run(cache(size)).status;
    try {
      for (const bad of ['4x', '4m', '1.5', '4096', '0']) assert.equal(status(bad), 1, bad);
      for (const ok of ['4', '4095', '+4']) assert.notEqual(status(ok), 1, ok);
    } finally {
      checker.remove();
    }
  });
});
