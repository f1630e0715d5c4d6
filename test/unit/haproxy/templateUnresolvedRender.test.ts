/**
 * A template with one `${…}` buildout cannot resolve (the example's deliberate typo
 * `${haproxy-conf:maxconn}`) still gets the HAProxy checks that need the rendered text: the
 * render leaves the bad reference as written, the buildout side reports it, and a rendered
 * path elsewhere (`errorfile 503 ${buildout:directory}/…`) is checked for existence. The CLI's
 * `check` goes through the same language-service path, so both report the same.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkCommand } from '../../../server/src/cli/checkCommand';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createLanguageService } from '../../../server/src/service/languageService';
import { exampleFiles, ROOT, settings } from '../buildout/exampleWorkspace';

const TEMPLATE = `${ROOT}/templates/haproxy.conf.in`;
const ERRORFILE = '    errorfile 503 ${buildout:directory}/errors/503.http\n';

function files(repairTypo: boolean, withErrorPage = false): Record<string, string> {
  const f = exampleFiles();
  let text = f[TEMPLATE].replace('\nbackend zope\n', `\nbackend zope\n${ERRORFILE}`);
  assert.ok(text.includes(ERRORFILE), 'the example template has a `backend zope` section');
  assert.ok(text.includes('${haproxy-conf:maxconn}'), 'the example keeps its deliberate typo');
  if (repairTypo) text = text.replace('${haproxy-conf:maxconn}', '${haproxy-config:maxconn}');
  f[TEMPLATE] = text;
  if (withErrorPage) f[`${ROOT}/errors/503.http`] = 'HTTP/1.0 503 Service Unavailable\r\n\r\n';
  return f;
}

function validate(f: Record<string, string>): { text: string; diags: Diagnostic[] } {
  const service = createLanguageService({ host: createMemoryHost(f), workspaceRoots: [ROOT] });
  const text = f[TEMPLATE];
  return { text, diags: service.doValidation(TextDocument.create(`file://${TEMPLATE}`, 'haproxy', 1, text), settings) };
}

const lineOf = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line];
const rangeText = (text: string, d: Diagnostic) => lineOf(text, d).slice(d.range.start.character, d.range.end.character);
const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${String(d.message)}`).sort();

describe('template with an unresolvable ${…}: HAProxy checks on the rendered text', () => {
  it('reports the typo and the missing error page on the rendered path', () => {
    const { text, diags } = validate(files(false));
    const typo = diags.filter((d) => d.code === 'undefined-section');
    assert.equal(typo.length, 1, JSON.stringify(diags));
    assert.match(lineOf(text, typo[0]), /maxconn \$\{haproxy-conf:maxconn\}/);
    const missing = diags.filter((d) => d.code === 'missing-file');
    assert.equal(missing.length, 1, JSON.stringify(diags));
    assert.equal(lineOf(text, missing[0]), ERRORFILE.slice(0, -1));
    assert.equal(rangeText(text, missing[0]), '${buildout:directory}');
    assert.match(String(missing[0].message), new RegExp(`'${ROOT}/errors/503\\.http' does not exist`));
    // The reference left as written is a substitution, not text HAProxy would read.
    const onTypoLine = diags.filter((d) => d.range.start.line === typo[0].range.start.line && d !== typo[0]);
    assert.deepEqual(onTypoLine, []);
  });

  it('gives every HAProxy finding the repaired template gets, at the same places', () => {
    const broken = validate(files(false)).diags.filter((d) => d.code !== 'undefined-section');
    const repaired = validate(files(true)).diags;
    assert.ok(repaired.some((d) => d.code === 'missing-file'));
    assert.deepEqual(summary(broken), summary(repaired));
  });

  it('is silent about the error page when it exists', () => {
    const { diags } = validate(files(false, true));
    assert.deepEqual(diags.filter((d) => d.code === 'missing-file'), []);
    assert.equal(diags.filter((d) => d.code === 'undefined-section').length, 1);
  });

  it('the CLI check reports the same as the editor', async () => {
    const f = files(false);
    let out = '';
    const code = await checkCommand(['--json', '--haproxy-version', '2.6', '--no-user-defaults', 'templates/haproxy.conf.in'], {
      cwd: ROOT, host: createMemoryHost(f), stdout: (t) => (out += t), stderr: () => {},
    });
    assert.equal(code, 1);
    const [result] = JSON.parse(out) as Array<{ diagnostics: Array<{ line: number; column: number; code: string; message: string }> }>;
    const cli = result.diagnostics.map((d) => `${d.line - 1}:${d.column - 1} ${d.code} ${d.message}`).sort();
    const editor = validate(f).diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${String(d.message)}`).sort();
    assert.deepEqual(cli, editor);
    assert.ok(cli.some((l) => l.includes('missing-file')) && cli.some((l) => l.includes('undefined-section')));
  });
});
