/**
 * haproxy -c 2.6.12's own wording (collected from real runs on deliberately broken configs)
 * for problems our diagnostics also report: each is recognised, so the finding is listed once
 * (ours, with HAProxy's words kept as related information — see mergeFindingsWording.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coveringDiagnostic, findingTopic } from '../../../server/src/node/haproxy/mergeFindings';

const CASES: [string, string][] = [
  ["'normalize-uri' action is experimental, must be allowed via a global 'expose-experimental-directives'", 'experimental-directive'],
  ["'ktls' directive is experimental, must be allowed via a global 'expose-experimental-directives'", 'experimental-directive'],
  ["error detected while parsing switching rule : no such ACL : 'is_nothing'.", 'undefined-acl'],
  ["'server be/s1' : unable to find required server 'nosuch' for tracking.", 'undefined-server'],
  ["unable to find userlist 'nosuch' referenced in arg 1 of ACL keyword 'http_auth' in proxy 'fe'.", 'undefined-reference'],
  ["backend 'be', server 's1': unable to find required resolvers 'nosuch'", 'undefined-reference'],
  ["Proxy 'be': unable to find sync peers 'nosuch'.", 'undefined-reference'],
  ["'bind' : invalid port '99999'", 'invalid-port'],
  ["'bind' : missing port specification in '127.0.0.1'", 'invalid-port'],
  ["'server be/s1' : invalid character 'h' in port number 'http' in '127.0.0.1:http'", 'invalid-port'],
  ["'server be/s1' : could not resolve address '[::1'.", 'invalid-address'],
  ["'server be/s1' : could not resolve address '300.1.1.1'.", 'invalid-address'],
  ["'bind' : invalid address: 'foo@1.2.3.4' in 'foo@1.2.3.4:80'", 'invalid-address'],
  ["stick-table: unexpected character 'q' in argument of 'size'.", 'invalid-size'],
  ["'server be/s1' : unexpected character 'x' in 'agent-inter' argument of server s1..", 'invalid-time'],
  ["stick-table: unexpected character 'S' in argument of 'expire'.", 'invalid-time'],
  ["unexpected character 'e' after the timer value '5sec', only (us=microseconds,ms=milliseconds,s=seconds,m=minutes,h=hours,d=days) are supported. This will be reported as an error in next versions.", 'invalid-time'],
  ["total-max-size wrong value '4x'", 'invalid-number'],
  ['"total-max-size" (4096) must not be greater than 4095', 'invalid-number'],
  ["'mode' cannot handle unexpected argument 'tcp'.", 'extra-argument'],
  ["'http-request set-header' expects either 'if' or 'unless' followed by a condition but found 'b'.", 'extra-argument'],
  ["balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.", 'unknown-value'],
  ["'bind 127.0.0.1:8080' in section 'frontend' : 'crt' : missing certificate location", 'missing-option-value'],
  ["'acl' not allowed in anonymous 'defaults' section.", 'named-defaults-only'],
  ["'tune.ssl.capture-cipherlist-size' is deprecated and will be removed in version 2.7. Please use 'tune.ssl.capture-buffer-size' instead.", 'deprecated-keyword'],
  ["'filter' : unknown keyword 'compresion'", 'unknown-filter'],
  ["'server be/b' : unable to enable checks and tracking at the same time!", 'check-with-track'],
  ["error detected in frontend 'fe' while parsing 'http-request set-header' rule : expects exactly 2 arguments.", 'missing-argument'],
  ["error detected in frontend 'fe' while parsing 'http-request replace-uri' rule : expects exactly 2 arguments <match-regex> and <replace-format>.", 'missing-argument'],
  ["'tcp-request content track-sc0' : missing fetch method", 'missing-argument'],
  ["error detected in frontend 'fe' while parsing 'http-request redirect' rule : redirection type expected ('prefix', 'location', or 'scheme').", 'missing-argument'],
  ["'server' expects <name> and <addr>[:<port>] as arguments.", 'missing-argument'],
  ['stick-table: missing size.', 'missing-argument'],
  ["unknown keyword 'MODE' in 'backend' section; did you mean 'mode' maybe ?", 'unknown-keyword'],
  ["unknown option 'HTTPLOG'; did you mean 'httplog' maybe ?", 'unknown-keyword'],
  ["unknown proxy mode 'HTTP'.", 'unknown-value'],
];

describe('haproxy -c findings recognised as ours', () => {
  for (const [message, code] of CASES) {
    it(`${code}: ${message.slice(0, 60)}`, () => {
      assert.ok(findingTopic(message), 'classified');
      assert.ok(coveringDiagnostic({ line: 3, message }, [{ line: 3, code }]), `covered by ${code}`);
      assert.equal(coveringDiagnostic({ line: 3, message }, [{ line: 4, code }]), undefined, 'only on the same line');
    });
  }
  it('a message about something else stays', () => {
    assert.equal(coveringDiagnostic({ line: 3, message: "Proxy 'fe': L6 sample fetches ignored on HTTP proxies (declared at x.cfg:20)." }, [{ line: 3, code: 'invalid-time' }]), undefined);
  });
});
