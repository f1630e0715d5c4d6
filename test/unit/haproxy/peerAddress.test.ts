import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, ERROR, WARNING } from './diagnosticsHelpers';

/**
 * `peer <name> <addr>` without a port: haproxy -c 2.6.12 refuses it only for the local peer
 * (its name is the host name, or `localpeer`, which the editor cannot know) — "missing port
 * specification" — and accepts it for a remote peer. So it is a warning, never a false error.
 */
const TAIL = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nbackend be\n    stick-table type ip size 1m peers p\n    server s0 127.0.0.1:80\n';

describe('haproxy peer addresses', () => {
  it('a peer without port is a warning (accepted for a remote peer)', () => {
    const d = diagnose(`peers p\n    peer here 127.0.0.1:10000\n    peer other 10.0.0.2\n${TAIL}`, { version: '2.6' });
    const port = d.filter((x) => x.code === 'invalid-port');
    assert.equal(port.length, 1);
    assert.equal(port[0].severity, WARNING);
    assert.equal(port[0].range.start.line, 2);
    assert.match(String(port[0].message), /local peer/);
    assert.equal(d.filter((x) => x.severity === ERROR).length, 0);
  });
  it('a bad port on a peer is still an error', () => {
    const d = diagnose(`peers p\n    peer other 10.0.0.2:99999\n${TAIL}`, { version: '2.6' });
    assert.deepEqual(d.filter((x) => x.code === 'invalid-port').map((x) => x.severity), [ERROR]);
  });
});
