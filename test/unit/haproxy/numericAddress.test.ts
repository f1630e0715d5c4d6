/**
 * Dotted-quad addresses with a part above 255 (`server s1 300.1.1.1:80`): not an IPv4 address,
 * and no resolver turns it into one. haproxy -c 2.6.12 refuses it on `bind` ("invalid address")
 * and on a `server` ("could not resolve address '300.1.1.1'") unless resolution failures are
 * allowed (`init-addr … none`, `resolvers`, also from a `default-server`): there only a warning.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DEFAULTS, diagnose, ERROR, WARNING } from './diagnosticsHelpers';
import { haproxyChecker } from './realHaproxy';

const be = (lines: string[], defaults = DEFAULTS) => `${defaults}backend be\n${lines.map((l) => `    ${l}\n`).join('')}`;
const addr = (text: string) => diagnose(text, { version: '2.6' }).filter((d) => d.code === 'invalid-address');

describe('dotted quads out of range', () => {
  it('a server with one is an error on the address', () => {
    const d = addr(be(['server s1 300.1.1.1:80', 'server s2 1.2.3.256']));
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[6, ERROR], [7, ERROR]]);
    assert.equal(d[0].range.start.character, '    server s1 '.length);
    assert.equal(d[0].range.end.character, '    server s1 300.1.1.1'.length);
    assert.match(String(d[0].message), /'300\.1\.1\.1'/);
  });
  it('a bind with one is an error', () => {
    const d = addr(`${DEFAULTS}frontend fe\n    bind 300.1.1.1:80\n`);
    assert.deepEqual(d.map((x) => x.severity), [ERROR]);
  });
  it('only a warning where HAProxy tolerates unresolved addresses', () => {
    const own = addr(be(['server s1 300.1.1.1:80 init-addr none', 'server s2 300.1.1.1:80 resolvers r']));
    assert.deepEqual(own.map((x) => x.severity), [WARNING, WARNING]);
    const inherited = addr(be(['server s1 300.1.1.1:80'], `${DEFAULTS}    default-server init-addr last,libc,none\n`));
    assert.deepEqual(inherited.map((x) => x.severity), [WARNING]);
  });
  it('a remote peer declared as a server of a peers section is an error too; the local one has no address', () => {
    const peers = (line: string) => `${DEFAULTS}peers mesh\n    bind 127.0.0.1:10000\n    server me\n    ${line}\n`;
    const d = addr(peers('server other 300.1.1.1:10001'));
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[8, ERROR]]);
    assert.equal(d[0].range.start.character, '    server other '.length);
    assert.deepEqual(addr(peers('server other 10.0.0.2:10001')), []);
  });
  it('valid and other addresses are not reported', () => {
    assert.deepEqual(addr(be(['server a 255.255.255.255:80', 'server b 127.1:80', 'server c 10.0.0.1', 'server d app300.example:80', 'server e ${x:host}:80'])), []);
  });
  it('haproxy -c agrees', { skip: !existsSync('/usr/sbin/haproxy') && 'no haproxy here' }, () => {
    const checker = haproxyChecker('numeric-addr-');
    const status = (text: string) => checker.run(text).status;
    try {
      assert.equal(status(be(['server s1 300.1.1.1:80'])), 1);
      assert.equal(status(`${DEFAULTS}frontend fe\n    bind 300.1.1.1:80\n`), 1);
      const peers = (line: string) => `${be(['server s1 127.0.0.1:80'])}peers mesh\n    bind 127.0.0.1:10000\n    server me\n    ${line}\n`;
      assert.equal(status(peers('server other 300.1.1.1:10001')), 1);
      assert.notEqual(status(peers('server other 10.0.0.2:10001')), 1);
      assert.notEqual(status(be(['server s1 300.1.1.1:80 init-addr none'])), 1);
      assert.notEqual(status(be(['server s1 300.1.1.1:80'], `${DEFAULTS}    default-server init-addr last,libc,none\n`)), 1);
    } finally {
      checker.remove();
    }
  });
});
