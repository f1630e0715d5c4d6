/**
 * `missing-file` in a buildout template: the rendered path is what HAProxy opens, so the check
 * runs on the rendered text (the language service's template validation) against the host's
 * files, and the finding lands on the `${…}` that produced the path. The example workspace
 * (examples/plone-buildout, in a memory host under /ws) gets a TLS bind line whose certificate
 * path comes from `${buildout:directory}`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMemoryHost } from '../../../server/src/service/common/host';
import { createLanguageService } from '../../../server/src/service/languageService';
import { exampleFiles, ROOT, settings } from '../buildout/exampleWorkspace';

const TEMPLATE = `${ROOT}/templates/haproxy.conf.in`;
const CERT = `${ROOT}/etc/certs/site.pem`;

function validateTemplate(withCert: boolean, path = '${buildout:directory}/etc/certs/site.pem') {
  const files = exampleFiles();
  // The example's deliberate typo would stop the render: repair it, as renderRequest.test does.
  files[TEMPLATE] = files[TEMPLATE].replace('haproxy-conf:', 'haproxy-config:')
    .replace('    monitor-uri /haproxy-ping\n', `    bind 127.0.0.1:8443 ssl crt ${path}\n    monitor-uri /haproxy-ping\n`);
  if (withCert) files[CERT] = '-----BEGIN CERTIFICATE-----\n';
  const service = createLanguageService({ host: createMemoryHost(files), workspaceRoots: [ROOT] });
  const text = files[TEMPLATE];
  const diags = service.doValidation(TextDocument.create(`file://${TEMPLATE}`, 'haproxy', 1, text), settings);
  return { text, missing: diags.filter((d) => d.code === 'missing-file') };
}

describe('missing-file in a buildout template', () => {
  it('reports the rendered path when the file is absent, on the substitution that made it', () => {
    const { text, missing } = validateTemplate(false);
    assert.equal(missing.length, 1, JSON.stringify(missing));
    const d = missing[0];
    const line = text.split('\n')[d.range.start.line];
    assert.match(line, /bind 127\.0\.0\.1:8443 ssl crt/);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), '${buildout:directory}');
    assert.match(String(d.message), new RegExp(`'${CERT}' does not exist`));
  });
  it('is silent when the rendered path exists', () => {
    assert.deepEqual(validateTemplate(true).missing, []);
  });
  it('leaves a rendered relative path alone (it depends on where HAProxy starts)', () => {
    assert.deepEqual(validateTemplate(false, 'etc/certs/site.pem').missing, []);
  });
});
