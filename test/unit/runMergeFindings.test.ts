/**
 * The rule that keeps `haproxy -c` findings from repeating the editor's own diagnostics:
 * a finding is dropped only when one of ours on the same line answers the same question.
 * Messages are HAProxy 2.6's exact wording (see the notes' `haproxy -c` table).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coveringDiagnostic, dropCoveredFindings, findingTopic } from '../../server/src/node/haproxy/mergeFindings';

test('HAProxy messages are classified by what they are about', () => {
  assert.equal(findingTopic("unknown keyword 'frobnicate' in 'global' section"), 'unknown-keyword');
  assert.equal(findingTopic("'server be/s1' : unknown keyword 'chek'; did you mean 'check' maybe ?"), 'unknown-keyword');
  assert.equal(findingTopic("unknown keyword 'frontendx' out of section."), 'out-of-section');
  assert.equal(findingTopic("keyword 'redispatch' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'."), 'removed');
  assert.equal(findingTopic("'monitor-net' doesn't exist anymore. Please use 'http-request return status 200 if { src 10.0.0.0/8 }' instead."), 'removed');
  assert.equal(findingTopic("option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it"), 'removed');
  assert.equal(findingTopic("unknown option 'frobnicate'."), 'unknown-option');
  assert.equal(findingTopic("Proxy 'fe': unable to find required default_backend: 'nosuch'."), 'missing-backend');
  assert.equal(findingTopic("'timeout' supports 'client', 'server', 'connect' (got 'cliant')"), 'timeout-name');
  assert.equal(findingTopic("unexpected character 'x' in 'timeout client'"), 'bad-time');
  assert.equal(findingTopic("'bind' ignored because backend 'be' has no frontend capability."), 'wrong-capability');
  assert.equal(findingTopic("backend 'be' has the same name as backend 'be' declared at dup.cfg:14."), 'duplicate-name');
  assert.equal(findingTopic('Missing LF on last line, file might have been truncated at position 15.'), 'missing-newline');
  assert.equal(findingTopic("'maxconn' already specified. Continuing."), undefined);
  assert.equal(findingTopic('cannot bind socket (Address already in use) [127.0.0.1:80]'), undefined);
});

test('same line and same topic: HAProxy\'s finding is covered by ours', () => {
  const ours = [{ line: 4, code: 'unknown-keyword' }, { line: 9, code: 'undefined-backend' }];
  assert.deepEqual(coveringDiagnostic({ line: 4, message: "unknown keyword 'frobnicate' in 'global' section" }, ours), ours[0]);
  assert.deepEqual(coveringDiagnostic({ line: 9, message: "Proxy 'fe': unable to find required use_backend: 'x'." }, ours), ours[1]);
});

test('a removed keyword that HAProxy calls unknown is still the same problem', () => {
  // HAProxy 2.6 says "unknown keyword 'appsession'"; we say it was removed in 1.6.
  const ours = [{ line: 10, code: 'removed-keyword' }];
  assert.ok(coveringDiagnostic({ line: 10, message: "unknown keyword 'appsession' in 'backend' section" }, ours));
});

test('kept: another line, another topic, our diagnostic without code, or a message we cannot classify', () => {
  const ours = [{ line: 4, code: 'unknown-keyword' }, { line: 6, code: 'invalid-number' }, { line: 8 }];
  const findings = [
    { line: 5, message: "unknown keyword 'frobnicate' in 'global' section" },
    { line: 6, message: "'server be/s1' : unknown keyword 'chek'; did you mean 'check' maybe ?" },
    { line: 8, message: "unknown option 'frobnicate'." },
    { line: 4, message: "'maxconn' already specified. Continuing." },
    { line: 4, message: "unknown keyword 'frobnicate' in 'global' section" },
  ];
  const { kept, covered } = dropCoveredFindings(findings, ours);
  assert.deepEqual(covered, [findings[4]]);
  assert.deepEqual(kept, findings.slice(0, 4));
});

test('codes given as numbers or as the value of a code object both count', () => {
  assert.ok(coveringDiagnostic({ line: 0, message: "unknown option 'x'." }, [{ line: 0, code: 'unknown-option' }]));
  assert.equal(coveringDiagnostic({ line: 0, message: "unknown option 'x'." }, [{ line: 0, code: 42 }]), undefined);
});
