import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesAt, DEFAULTS, diagnose, ERROR, WARNING } from './diagnosticsHelpers';
import { CODES_BY_ID, DIAGNOSTIC_CODES } from '../../../server/src/service/haproxy/features/diagnosticCodes';

const has = (text: string, code: string, opts = {}) => codesAt(diagnose(text, opts)).filter((c) => c.startsWith(code + '@'));

describe('diagnostic codes table', () => {
  it('has unique ids that are valid setting keys', () => {
    const ids = Object.values(DIAGNOSTIC_CODES).map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9-]*$/);
    assert.equal(CODES_BY_ID.size, ids.length);
  });
});

describe('haproxy diagnostics: keywords', () => {
  it('reports an unknown keyword with a did-you-mean', () => {
    const d = diagnose(`${DEFAULTS}frontend fe\n    bind :80\n    maxconm 10\n`);
    const u = d.find((x) => x.code === 'unknown-keyword');
    assert.ok(u, JSON.stringify(d));
    assert.equal(u.range.start.line, 7);
    assert.equal(u.severity, ERROR);
    assert.match(String(u.message), /maxconn/);
    assert.deepEqual((u.data as { suggestions: string[] }).suggestions[0], 'maxconn');
  });
  it('flags server in a frontend as an error and bind in a backend as a warning', () => {
    const d = diagnose(`${DEFAULTS}frontend fe\n    bind :80\n    server s1 127.0.0.1:80\nbackend be\n    bind :81\n    server s1 127.0.0.1:80\n`);
    const wrong = d.find((x) => x.code === 'keyword-wrong-section');
    const ignored = d.find((x) => x.code === 'keyword-ignored');
    assert.equal(wrong?.range.start.line, 7);
    assert.equal(wrong?.severity, ERROR);
    assert.equal(ignored?.range.start.line, 9);
    assert.equal(ignored?.severity, WARNING);
  });
  it('flags a global keyword inside a proxy', () => {
    assert.deepEqual(has(`${DEFAULTS}frontend fe\n    bind :80\n    daemon\n`, 'keyword-wrong-section'), ['keyword-wrong-section@8']);
  });
  it('flags named-defaults-only keywords in an anonymous defaults, not in a named one', () => {
    assert.deepEqual(has('defaults\n    acl a src 1.2.3.4\n', 'named-defaults-only'), ['named-defaults-only@2']);
    assert.deepEqual(has('defaults named\n    acl a src 1.2.3.4\n', 'named-defaults-only'), []);
  });
  it('reports removed keywords with the replacement and a mechanical fix', () => {
    const d = diagnose(`${DEFAULTS}backend be\n    redispatch\n    server s1 127.0.0.1:80\n`);
    const r = d.find((x) => x.code === 'removed-keyword');
    assert.ok(r);
    assert.match(String(r.message), /2\.1/);
    assert.match(String(r.message), /option redispatch/);
    assert.equal((r.data as { replaceLine: string }).replaceLine, 'option redispatch');
  });
  it('reports appsession and nbproc as removed', () => {
    assert.deepEqual(has('global\n    nbproc 2\n', 'removed-keyword'), ['removed-keyword@2']);
    assert.deepEqual(has(`${DEFAULTS}backend be\n    appsession __ac len 32 timeout 1d\n`, 'removed-keyword'), ['removed-keyword@7']);
  });
  it('tells the global grace from the removed proxy grace by the section', () => {
    const text = `global\n    grace 10s\n${DEFAULTS}backend be\n    grace 10s\npeers p\n    grace 10s\n`;
    assert.deepEqual(codesAt(diagnose(text)), ['removed-keyword@9', 'keyword-wrong-section@11']);
    const misplaced = diagnose(text).find((d) => d.code === 'keyword-wrong-section');
    assert.match(String(misplaced?.message), /global/);
  });
  it('accepts a bare balance; warns about bind … process in 2.6 and refuses it from 2.7', () => {
    const text = `${DEFAULTS}backend be\n    balance\n    server s1 127.0.0.1:80\nfrontend f\n    bind :80 process 1\n    default_backend be\n`;
    const old = diagnose(text, { version: '2.6' });
    assert.deepEqual(codesAt(old), ['deprecated-keyword@10']);
    assert.equal(old[0].severity, WARNING);
    const now = diagnose(text, { version: '2.8' });
    assert.deepEqual(codesAt(now), ['removed-keyword@10']);
    assert.equal(now[0].severity, ERROR);
  });
  it('reports sections unknown to the version', () => {
    assert.deepEqual(has('traces\n    trace h1 sink stderr\n', 'unknown-section', { version: '2.6' }), ['unknown-section@1']);
  });
  it('knows the healthcheck section of 3.4 and names its version before that', () => {
    const text = `${DEFAULTS}healthcheck hc1\n    type httpchk\nbackend be\n    server s1 127.0.0.1:80 check healthcheck hc1\n`;
    assert.deepEqual(codesAt(diagnose(text, { version: '3.4' })), []);
    const old = diagnose(text, { version: '3.2' }).filter((x) => x.code === 'unknown-section');
    assert.deepEqual(codesAt(old), ['unknown-section@6']);
    assert.match(String(old[0].message), /3\.4/);
  });
  it('reports unknown options and timeouts with suggestions', () => {
    const d = diagnose(`${DEFAULTS}frontend fe\n    bind :80\n    option httplg\n    timeout cliant 5s\n`);
    assert.deepEqual(codesAt(d), ['unknown-option@8', 'unknown-timeout@9']);
    assert.match(String(d[0].message), /httplog/);
    assert.match(String(d[1].message), /client/);
  });
  it('reports missing arguments', () => {
    assert.deepEqual(has(`${DEFAULTS}frontend fe\n    bind :80\n    default_backend\n`, 'missing-argument'), ['missing-argument@8']);
  });
  it('reports keywords before any section', () => {
    assert.deepEqual(has('maxconn 10\nglobal\n', 'outside-section'), ['outside-section@1']);
  });
});

describe('haproxy diagnostics: values', () => {
  it('validates time values like HAProxy (no decimals, known units, no overflow)', () => {
    assert.deepEqual(has('defaults\n    timeout client 10x\n    timeout server 1.5s\n    timeout connect 99999999s\n    timeout check 250ms\n', 'invalid-time'), ['invalid-time@2', 'invalid-time@3', 'invalid-time@4']);
  });
  it('checks bind addresses and ports', () => {
    const text = `${DEFAULTS}frontend fe\n    bind 127.0.0.1\n    bind :0\n    bind :65536\n    bind :80,:81\n    bind [::1]:443\n    bind unix@/tmp/s.sock\n    bind abns@x\n    bind *:8080-8090\n    bind foo@:80\n    bind ipv6@:::80\n`;
    assert.deepEqual(codesAt(diagnose(text)), ['invalid-port@7', 'invalid-port@8', 'invalid-port@9', 'invalid-address@15']);
  });
  it('checks server addresses: optional port, offsets, no ranges', () => {
    const text = `${DEFAULTS}backend be\n    server a 127.0.0.1\n    server b 127.0.0.1:+10\n    server c 127.0.0.1:80-90\n    server d 127.0.0.1:99999\n    server e 127.0.0.1:http\n    server f /var/run/app.sock\n`;
    assert.deepEqual(codesAt(diagnose(text)), ['invalid-port@9', 'invalid-port@10', 'invalid-port@11']);
  });
  it('reports unknown balance algorithms and modes', () => {
    assert.deepEqual(has(`${DEFAULTS}backend be\n    balance roundrobbin\n`, 'unknown-value'), ['unknown-value@7']);
    assert.deepEqual(has('defaults\n    mode htttp\n', 'unknown-value'), ['unknown-value@2']);
    assert.deepEqual(has(`${DEFAULTS}backend be\n    balance hdr(host)\n    balance random(2)\n`, 'unknown-value'), []);
  });
  it('reports unknown server options with did-you-mean, and stops at the first unknown one', () => {
    const d = diagnose(`${DEFAULTS}backend be\n    server s1 127.0.0.1:80 chek inter 2s frob\n`);
    assert.deepEqual(codesAt(d), ['unknown-server-option@7']);
    assert.match(String(d[0].message), /check/);
  });
  it('flags a server option in the address slot (missing space before a substitution)', () => {
    assert.deepEqual(has(`${DEFAULTS}backend be\n    server instance1\${instance1:http-address} weight 1 check\n`, 'invalid-address', { template: true }), ['invalid-address@7']);
  });
  it('warns about non-numeric maxconn, which HAProxy would silently misread', () => {
    const d = diagnose('global\n    maxconn 10x\n');
    assert.equal(d[0]?.code, 'invalid-number');
    assert.equal(d[0]?.severity, WARNING);
  });
});

describe('haproxy diagnostics: rules and references', () => {
  it('reports unknown actions and fetches/converters', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    http-request frob\n    acl a hdr_fooo(host) x\n    acl b req.hdr(host),lowerr x\n    http-request deny if { pathh /x }\n`;
    assert.deepEqual(codesAt(diagnose(text)), ['unknown-action@8', 'unknown-fetch@9', 'unknown-converter@10', 'unknown-fetch@11']);
  });
  it('reports undefined backends with suggestions but not dynamic names', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    use_backend zopee if { path /x }\n    use_backend %[req.hdr(host),lower]\n    use_backend be_%[req.hdr(x)]\n    default_backend zope\nbackend zope\n    server s 127.0.0.1:80\n`;
    const d = diagnose(text);
    assert.deepEqual(codesAt(d), ['undefined-backend@8']);
    assert.deepEqual((d[0].data as { suggestions: string[] }).suggestions, ['zope']);
  });
  it('reports undefined ACLs but accepts predefined ones', () => {
    const text = `${DEFAULTS}frontend fe\n    bind :80\n    acl is_api path /api\n    http-request deny if is_apii METH_GET\n    http-request deny if TRUE is_api\n`;
    assert.deepEqual(codesAt(diagnose(text)), ['undefined-acl@9']);
  });
  it('reports undefined tracked servers', () => {
    assert.deepEqual(has(`${DEFAULTS}backend be\n    server s1 127.0.0.1:80\n    server s2 127.0.0.1:81 track be/s3\n`, 'undefined-server'), ['undefined-server@8']);
  });
  it('reports duplicate proxies following HAProxy 2.6 capability rules', () => {
    assert.deepEqual(has(`${DEFAULTS}frontend x\n    bind :80\nfrontend x\n    bind :81\n`, 'duplicate-proxy'), ['duplicate-proxy@8']);
    assert.deepEqual(has(`${DEFAULTS}frontend x\n    bind :80\nbackend x\n`, 'duplicate-proxy'), []);
    // HAProxy 2.6 accepts a listen after a backend of the same name, but not the reverse.
    assert.deepEqual(has(`${DEFAULTS}backend x\nlisten x\n    bind :81\n`, 'duplicate-proxy'), []);
    assert.deepEqual(has(`${DEFAULTS}listen x\n    bind :81\nbackend x\n`, 'duplicate-proxy'), ['duplicate-proxy@8']);
  });
  it('reports duplicate servers', () => {
    assert.deepEqual(has(`${DEFAULTS}backend be\n    server s1 127.0.0.1:80\n    server s1 127.0.0.1:81\n`, 'duplicate-server'), ['duplicate-server@8']);
  });
});

describe('haproxy diagnostics: timeouts', () => {
  it('warns like HAProxy when timeouts are missing, counting defaults', () => {
    assert.deepEqual(has('frontend fe\n    mode http\n    bind :80\n', 'missing-timeout'), ['missing-timeout@1']);
    assert.deepEqual(has(`${DEFAULTS}frontend fe\n    bind :80\n`, 'missing-timeout'), []);
    const d = diagnose('defaults\n    timeout client 5s\nbackend be\n    mode http\n    server s 127.0.0.1:80\n').find((x) => x.code === 'missing-timeout');
    assert.deepEqual((d?.data as { timeouts: string[] }).timeouts, ['connect', 'server']);
  });
  it('uses the named defaults given with from, and needs no server timeouts without servers', () => {
    const text = 'defaults full\n    timeout client 5s\n    timeout connect 5s\n    timeout server 5s\ndefaults empty\n    mode http\nfrontend fe from full\n    bind :80\nbackend be\n    mode http\n';
    assert.deepEqual(has(text, 'missing-timeout'), []);
  });
});

describe('haproxy diagnostics: file level', () => {
  it('missing final newline is an error for 2.6 and for 3.2 (fatal in HAProxy since 2.3)', () => {
    const d26 = diagnose('global\n    daemon', { version: '2.6' }).find((x) => x.code === 'missing-final-newline');
    const d32 = diagnose('global\n    daemon', { version: '3.2' }).find((x) => x.code === 'missing-final-newline');
    assert.equal(d26?.severity, ERROR);
    assert.equal(d32?.severity, ERROR);
    assert.equal(d26?.range.start.line, 1);
  });
  it('reports unterminated quotes', () => {
    assert.deepEqual(has(`${DEFAULTS}frontend fe\n    bind :80\n    http-request deny deny_status 403 "oops\n`, 'unterminated-quote'), ['unterminated-quote@8']);
  });
  it('reports .elseif with the .elif suggestion and unbalanced blocks', () => {
    const d = diagnose('.if defined(X)\n.elseif defined(Y)\n.endif\n.endif\n.if 1\n');
    assert.deepEqual(codesAt(d), ['unknown-directive@2', 'unbalanced-conditional@4', 'unbalanced-conditional@5']);
    assert.deepEqual((d[0].data as { suggestions: string[] }).suggestions, ['.elif']);
  });
  it('skips lines in blocks HAProxy drops and softens errors in undecidable blocks', () => {
    const text = '.if version_atleast(9.0)\nglobal\n    frobnicate\n.endif\n.if defined(X)\nglobal\n    frobnicate2\n.endif\n';
    const d = diagnose(text);
    assert.deepEqual(codesAt(d), ['unknown-keyword@7']);
    assert.equal(d[0].severity, WARNING);
  });
});

describe('haproxy diagnostics: buildout substitutions', () => {
  it('flags leftovers in a rendered file, with a specific code where HAProxy stays silent', () => {
    const d = diagnose('global\n    maxconn ${haproxy-conf:maxconn}\n    user ${haproxy-config:user}\n');
    assert.deepEqual(codesAt(d).filter((c) => c.startsWith('buildout')), ['buildout-leftover-silent@2', 'buildout-leftover@3']);
    // haproxy -c 2.6.12 accepts `maxconn ${a:b}` (read as 0) but cannot find user '${a:b}'.
    assert.deepEqual(d.filter((x) => String(x.code).startsWith('buildout')).map((x) => x.severity), [WARNING, ERROR]);
  });
  // Measured with haproxy -c 2.6.12: `${X}` and `${a:b}` unquoted or in single quotes are kept as
  // literal text where the value is free (a header value), refused where it must be a name,
  // address, time or enumerated value; "${a:b}" is refused ("unmatched brace in environment
  // variable name"); "${X}" is an environment variable.
  const free = (v: string) => diagnose(`${DEFAULTS}backend b\n    http-request set-header X-A ${v}\n    server s1 127.0.0.1:80\n`).filter((x) => String(x.code).startsWith('buildout'));
  for (const v of ['${X}', "'${X}'", '${a:b}', "'${a:b}'"]) {
    it(`reports ${v} where HAProxy keeps it literally as a warning, never an error`, () => {
      const d = free(v);
      assert.deepEqual(codesAt(d), ['buildout-leftover@7']);
      assert.equal(d[0].severity, WARNING);
      const message = String(d[0].message);
      assert.match(message, /literal text/);
      assert.equal(/inside double quotes/.test(message), !v.includes(':'), message);
    });
  }
  it('reports "${a:b}" as an error (HAProxy reads an environment variable and refuses the name), "${X}" not at all', () => {
    const d = free('"${a:b}"');
    assert.deepEqual(codesAt(d), ['buildout-leftover@7']);
    assert.equal(d[0].severity, ERROR);
    assert.deepEqual([d[0].range.start.character, d[0].range.end.character], [33, 39]);
    assert.deepEqual(free('"${X}"'), []);
    assert.deepEqual(free('"${X-a:b}"'), []);
  });
  it('keeps the error in slots where HAProxy refuses the literal text', () => {
    const text = `${DEFAULTS}backend \${a:b}\n    server \${X} 127.0.0.1:80\n    server s2 \${a:b}\n    timeout server '\${X}'\n    balance \${a:b}\nfrontend f\n    bind \${X}:80\n    use_backend \${a:b}\n    acl \${a:b} path /x\n`;
    const d = diagnose(text).filter((x) => String(x.code).startsWith('buildout'));
    assert.deepEqual(codesAt(d), ['buildout-leftover@6', 'buildout-leftover@7', 'buildout-leftover@8', 'buildout-leftover@9', 'buildout-leftover@10', 'buildout-leftover@12', 'buildout-leftover@13', 'buildout-leftover@14']);
    assert.ok(d.every((x) => x.severity === ERROR), JSON.stringify(d.map((x) => x.severity)));
  });
  it('does not report an escaped $${a:b}', () => {
    assert.deepEqual(free('$${a:b}'), []);
  });
  it('does not flag substitutions, nor the values they occupy, in a template', () => {
    const text = `${DEFAULTS}frontend fe\n    bind \${haproxy-config:frontend-host}:\${haproxy-config:frontend-port}\n    timeout client \${cfg:timeout}\n    default_backend \${cfg:backend}\n`;
    assert.deepEqual(codesAt(diagnose(text, { template: true })), []);
    assert.ok(codesAt(diagnose(text)).includes('buildout-leftover@7'));
  });
  it('does not judge values held in environment variables', () => {
    assert.deepEqual(codesAt(diagnose(`${DEFAULTS}frontend fe\n    bind "\${ADDR}:\${PORT}"\n    timeout client "\${T-5s}"\n`)), []);
  });
});

describe('haproxy diagnostics: severity settings', () => {
  it('applies per-code overrides, including off', () => {
    const text = 'frontend fe\n    mode http\n    bind :80\n    maxconm 1\n';
    const off = diagnose(text, { settings: { severity: { 'missing-timeout': 'off', 'unknown-keyword': 'hint' } } });
    assert.deepEqual(codesAt(off), ['unknown-keyword@4']);
    assert.equal(off[0].severity, 4);
    assert.equal(off[0].source, 'haproxy');
  });
});

describe('haproxy diagnostics: version lifecycle', () => {
  it('reports a removed section, a removed bind option and a deprecated action per version', () => {
    const text = `program p\n    command /bin/true\n${DEFAULTS}frontend fe\n    bind :80 process 1\n    http-request set-mark 2\n    default_backend be\nbackend be\n    server s 127.0.0.1:80\n`;
    // 2.6 already warns that `process` on bind lines goes away in 2.7.
    assert.deepEqual(codesAt(diagnose(text, { version: '2.6' })).filter((c) => /removed|deprecated/.test(c)), ['deprecated-keyword@9']);
    assert.deepEqual(codesAt(diagnose(text, { version: '3.4' })).filter((c) => /removed|deprecated/.test(c)), ['removed-keyword@1', 'removed-keyword@9', 'deprecated-keyword@10']);
  });
});

describe('haproxy diagnostics: parametrised sub-keywords', () => {
  it('accepts http-check set-var(...)/unset-var(...) with the variable in parentheses', () => {
    const text = `${DEFAULTS}backend be\n    option httpchk\n    http-check set-var(check.x) str(a)\n    http-check unset-var(check.x)\n    server s 127.0.0.1:80 check\n`;
    assert.deepEqual(codesAt(diagnose(text)), []);
  });
});

describe('haproxy diagnostics: defaults sections', () => {
  it('errors only for the proxy keywords HAProxy refuses in defaults, warns for the others', () => {
    const d = diagnose('defaults\n    bind :80\n    http-send-name-header X-Server\n    use_backend be\nbackend be\n');
    assert.deepEqual(codesAt(d), ['keyword-wrong-section@2', 'keyword-not-for-defaults@3', 'keyword-wrong-section@4']);
    assert.equal(d[1].severity, WARNING);
  });
});

describe('haproxy diagnostics: program sections (2.6)', () => {
  it('accepts the program keywords, including no option start-on-reload', () => {
    // master-worker: without it (or -W) HAProxy refuses any program section (needs-master-worker).
    const text = 'global\n    master-worker\nprogram prog\n    command /bin/true\n    user root\n    group root\n    option start-on-reload\n    no option start-on-reload\n';
    assert.deepEqual(codesAt(diagnose(text)), []);
  });
});

describe('haproxy diagnostics: .if/.elif/.else evaluation', () => {
  const block = (c1: string, c2: string) => `global\n.if ${c1}\n    frobA\n.elif ${c2}\n    frobB\n.else\n    frobC\n.endif\n`;
  const sev = (text: string) => diagnose(text).filter((d) => d.code === 'unknown-keyword').map((d) => `${d.range.start.line + 1}:${d.severity}`);
  it('checks only the branch HAProxy takes when the conditions are version tests', () => {
    assert.deepEqual(sev(block('version_atleast(2.4)', 'version_atleast(2.0)')), ['3:1']);
    assert.deepEqual(sev(block('version_atleast(9.0)', 'version_atleast(2.0)')), ['5:1']);
    assert.deepEqual(sev(block('version_atleast(9.0)', 'version_before(2.0)')), ['7:1']);
  });
  it('softens every branch to warnings when a condition depends on the run time', () => {
    assert.deepEqual(sev(block('defined(X)', 'version_atleast(2.0)')), ['3:2', '5:2']);
    assert.deepEqual(sev(block('defined(X)', 'defined(Y)')), ['3:2', '5:2', '7:2']);
  });
});

describe('haproxy diagnostics: parametrised server options', () => {
  it('looks up set-proxy-v2-tlv-fmt(<id>) by its name without the argument', () => {
    const text = `${DEFAULTS}backend be\n    server s 127.0.0.1:80 send-proxy-v2 set-proxy-v2-tlv-fmt(0xE1) %[str(x)]\n`;
    const v30 = codesAt(diagnose(text, { version: '3.0' }));
    const v26 = codesAt(diagnose(text, { version: '2.6' }));
    assert.deepEqual(v30, []);
    assert.deepEqual(v26, ['unknown-server-option@7']);
  });
});
