// Scope assertions for syntaxes/haproxy.tmLanguage.json, tokenized by the same engine VS Code
// uses (vscode-textmate + the oniguruma WASM build). Each case names a token on a sample line
// and the scope it must (or must not) carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grammarHarness, hasScope } from './scopes';

const { tokenize, scopesAt } = grammarHarness('source.haproxy', 'haproxy.tmLanguage.json');

/** The scopes of the token(s) covering the `occurrence`-th `fragment` of a one-line document. */
const scopesOf = (line: string, fragment: string, occurrence = 0, whole = true): Promise<string[]> =>
  scopesAt(line, 0, fragment, occurrence, whole);

async function expectScope(line: string, fragment: string, scope: string, occurrence = 0): Promise<void> {
  const scopes = await scopesOf(line, fragment, occurrence);
  assert.ok(hasScope(scopes, scope),
    `"${fragment}" in «${line}» has [${scopes.join(', ')}], expected ${scope}`);
}

async function expectNoScope(line: string, fragment: string, scope: string): Promise<void> {
  const scopes = await scopesOf(line, fragment, 0, false);
  assert.ok(!hasScope(scopes, scope),
    `"${fragment}" in «${line}» unexpectedly has ${scope} ([${scopes.join(', ')}])`);
}

test('section headers: keyword and name', async () => {
  await expectScope('frontend www', 'frontend', 'storage.type.section.haproxy');
  await expectScope('frontend www', 'www', 'entity.name.section.haproxy');
  await expectScope('global', 'global', 'storage.type.section.haproxy');
  await expectScope('defaults web from base', 'web', 'entity.name.section.haproxy');
  await expectScope('  backend  be_app # main', 'be_app', 'entity.name.section.haproxy');
  await expectScope('  backend  be_app # main', '# main', 'comment.line.number-sign.haproxy');
  // A body keyword that merely starts like a section keyword is not a header.
  await expectNoScope('    cache-use mycache', 'cache-use', 'storage.type.section.haproxy');
});

test('keywords, multi-word keywords and comments', async () => {
  await expectScope('    maxconn 2000', 'maxconn', 'keyword.other.directive.haproxy');
  await expectScope('    option httplog', 'option httplog', 'keyword.other.directive.haproxy');
  await expectScope('    timeout connect 5s', 'timeout connect', 'keyword.other.directive.haproxy');
  await expectScope('    no option http-server-close', 'no option http-server-close', 'keyword.other.directive.haproxy');
  await expectScope('# a whole comment line', '# a whole comment line', 'comment.line.number-sign.haproxy');
  await expectScope('    mode http # trailing', '# trailing', 'comment.line.number-sign.haproxy');
  await expectScope('.if defined(HAPROXY_LOCAL)', '.if', 'keyword.control.directive.haproxy');
});

test('quoted strings and escapes', async () => {
  await expectScope('    http-request set-header X-A "a b c"', '"a b c"', 'string.quoted.double.haproxy');
  await expectScope("    http-request set-header X-A 'a b'", "'a b'", 'string.quoted.single.haproxy');
  await expectScope('    errorfile 503 a\\ b', '\\ ', 'constant.character.escape.haproxy');
});

test('ACL definitions, conditions with names, negation and or', async () => {
  const line = '    use_backend static if is_static !is_admin || { path_beg /img }';
  await expectScope(line, 'if', 'keyword.control.conditional.haproxy');
  await expectScope(line, 'is_static', 'variable.other.acl.haproxy');
  await expectScope(line, 'is_admin', 'variable.other.acl.haproxy');
  await expectScope(line, '!', 'keyword.operator.logical.negation.haproxy');
  await expectScope(line, '||', 'keyword.operator.logical.haproxy');
  await expectScope(line, 'path_beg', 'support.function.fetch.haproxy');
  await expectScope(line, 'static', 'variable.other.backend.haproxy');
  await expectNoScope(line, '/img', 'variable.other.acl.haproxy');
  await expectScope('    http-request deny unless allowed', 'unless', 'keyword.control.conditional.haproxy');
  await expectScope('    http-request deny unless allowed', 'allowed', 'variable.other.acl.haproxy');
  await expectScope('    acl is_static path_end -i .css .js', 'is_static', 'entity.name.acl.haproxy');
  await expectScope('    acl is_static path_end -i .css .js', 'path_end', 'support.function.fetch.haproxy');
  await expectScope('    acl is_static path_end -i .css .js', '-i', 'constant.language.flag.haproxy');
});

test('sample fetches and converter chains', async () => {
  const line = '    http-request set-var(txn.host) req.hdr(host),lower,regsub(^www\\.,)';
  await expectScope(line, 'set-var(txn.host)', 'support.function.action.haproxy');
  await expectScope(line, 'req.hdr', 'support.function.fetch.haproxy');
  await expectScope(line, 'lower', 'support.function.converter.haproxy');
  await expectScope(line, 'regsub', 'support.function.converter.haproxy');
  const fmt = '    log-format "%ci:%cp [%tr] %[src,ipmask(24)] %{+Q}r"';
  await expectScope(fmt, 'src', 'support.function.fetch.haproxy');
  await expectScope(fmt, 'ipmask', 'support.function.converter.haproxy');
  await expectScope(fmt, '%ci', 'variable.language.log-format.haproxy');
  await expectScope(fmt, '%{+Q}r', 'variable.language.log-format.haproxy');
  await expectScope('    balance hdr(host)', 'hdr', 'support.function.fetch.haproxy');
});

test('addresses', async () => {
  await expectScope('    bind 127.0.0.1:8080', '127.0.0.1:8080', 'constant.other.address.haproxy');
  await expectScope('    bind *:80', '*:80', 'constant.other.address.haproxy');
  await expectScope('    bind :443 ssl crt /etc/x.pem', ':443', 'constant.other.address.haproxy');
  await expectScope('    bind [::1]:8443', '[::1]:8443', 'constant.other.address.haproxy');
  await expectScope('    bind unix@/run/haproxy.sock', 'unix@/run/haproxy.sock', 'constant.other.address.haproxy');
  const server = '    server app1 10.0.0.5:8080 check inter 2s';
  await expectScope(server, 'app1', 'entity.name.server.haproxy');
  await expectScope(server, '10.0.0.5:8080', 'constant.other.address.haproxy');
});

test('numbers with time and size units', async () => {
  const t = await scopesOf('    timeout client 30s', '30');
  assert.ok(t.includes('constant.numeric.haproxy'));
  await expectScope('    timeout client 30s', 's', 'keyword.other.unit.time.haproxy');
  await expectScope('    timeout server 1500ms', 'ms', 'keyword.other.unit.time.haproxy');
  await expectScope('    tune.bufsize 16k', '16', 'constant.numeric.haproxy');
  await expectScope('    tune.bufsize 16k', 'k', 'keyword.other.unit.size.haproxy');
  await expectScope('    maxconn 2000', '2000', 'constant.numeric.haproxy');
  // Digits inside a name are not numbers.
  await expectNoScope('    server app1 10.0.0.5:8080', 'app1', 'constant.numeric.haproxy');
});

test('environment variables only inside double quotes, distinct from buildout substitutions', async () => {
  const env = '    bind "${LISTEN_ADDR}:8080"';
  await expectScope(env, '${LISTEN_ADDR}', 'variable.other.environment.haproxy');
  await expectNoScope(env, '${LISTEN_ADDR}', 'meta.substitution.buildout.haproxy');
  const withDefault = '    bind "${PORT-8080}"';
  await expectScope(withDefault, '${PORT-8080}', 'variable.other.environment.haproxy');
  await expectScope(withDefault, '8080', 'string.unquoted.default.haproxy');

  // Outside quotes `${…}` is never an environment variable: in a template it is buildout's.
  const tpl = '    maxconn ${maxconn}';
  await expectScope(tpl, 'maxconn}', 'variable.other.option.buildout.haproxy');
  await expectNoScope(tpl, '${', 'variable.other.environment.haproxy');
  await expectScope(tpl, '${', 'meta.substitution.buildout.haproxy');

  const full = '    server i1 ${instance1:http-address} check';
  await expectScope(full, 'instance1', 'variable.other.section.buildout.haproxy');
  await expectScope(full, 'http-address', 'variable.other.option.buildout.haproxy');
  await expectScope(full, ':', 'punctuation.separator.colon.buildout.haproxy');
  await expectNoScope(full, 'http-address', 'constant.other.address.haproxy');

  // A `${section:option}` inside double quotes is still buildout's (buildout runs first).
  const quoted = '    bind "${haproxy:ip}:8080"';
  await expectScope(quoted, 'haproxy', 'variable.other.section.buildout.haproxy');
  await expectNoScope(quoted, 'haproxy', 'variable.other.environment.haproxy');

  // In single quotes HAProxy expands nothing.
  await expectNoScope("    bind '${ADDR}'", '${ADDR}', 'variable.other.environment.haproxy');

  // `$${…}` is marked as the escaped form.
  await expectScope('    x $${a:b}', '$', 'constant.character.escape.buildout.haproxy');
});

test('buildout substitutions in section names and conditions are not HAProxy names', async () => {
  await expectScope('backend ${backend-name}', 'backend-name', 'variable.other.option.buildout.haproxy');
  await expectNoScope('backend ${backend-name}', 'backend-name', 'entity.name.section.haproxy');
  const cond = '    use_backend be if ${acl}';
  await expectScope(cond, 'acl', 'variable.other.option.buildout.haproxy');
});

test('state does not leak across lines (unterminated quote ends at line end)', async () => {
  const lines = await tokenize('    http-request set-header X "open\n    maxconn 10');
  const second = lines[1];
  const kw = second.find((t) => t.text === 'maxconn');
  assert.ok(kw, 'maxconn token');
  assert.ok(kw.scopes.includes('keyword.other.directive.haproxy'));
  assert.ok(!kw.scopes.some((s) => s.startsWith('string.')));
});

test('an unclosed %[ or { ends with its line (the next lines keep their colours while typing)', async () => {
  const { scopesAt: at } = grammarHarness('source.haproxy', 'haproxy.tmLanguage.json');
  const open = '    http-request set-header X %[req.hdr(host\n    maxconn 100\n';
  assert.ok(hasScope(await at(open, 1, 'maxconn'), 'keyword.other.directive.haproxy'));
  const brace = '    http-request deny if { src 10.0.0.1\n    maxconn 100\n';
  assert.ok(hasScope(await at(brace, 1, 'maxconn'), 'keyword.other.directive.haproxy'));
  // Closed on the same line as before.
  await expectScope('    http-request set-header X %[src] if { src 10.0.0.1 }', 'src', 'support.function.fetch.haproxy');
});
