import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, ERROR, WARNING } from './diagnosticsHelpers';

/**
 * HAProxy's time parser (parse_time_err, the same in 2.6 … 3.4) is case-sensitive and, after a
 * valid unit, only *warns* about trailing text ("unexpected character 'e' after the timer value
 * '5sec' … This will be reported as an error in next versions") and uses the leading part. Measured
 * with haproxy -c 2.6.12: 5sec, 10m30s, 5ms2, 5usx are accepted with a warning; 5S, 5u, 1.5s refused.
 */
const cfg = (value: string) => `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server ${value}\nbackend be\n    server s0 127.0.0.1:80 check inter ${value}\n    stick-table type ip size 1m expire ${value}\n`;
const timeDiags = (value: string) => diagnose(cfg(value), { version: '2.6' }).filter((d) => d.code === 'invalid-time');

describe('haproxy time values', () => {
  for (const value of ['5sec', '10m30s', '5ms2', '5usx']) {
    it(`'${value}' is a warning (HAProxy accepts it, reading only the leading part)`, () => {
      const d = timeDiags(value);
      assert.equal(d.length, 3, JSON.stringify(d));
      for (const x of d) {
        assert.equal(x.severity, WARNING);
        assert.match(String(x.message), /only reads/);
      }
    });
  }
  for (const value of ['5S', '5u', '1.5s', '5x', 'abc']) {
    it(`'${value}' is an error (HAProxy refuses it)`, () => {
      const d = timeDiags(value);
      assert.equal(d.length, 3, JSON.stringify(d));
      for (const x of d) assert.equal(x.severity, ERROR);
    });
  }
  it('valid times are clean', () => {
    for (const value of ['5s', '250ms', '100us', '2m', '1h', '7d', '3000']) assert.deepEqual(timeDiags(value), [], value);
  });
});
