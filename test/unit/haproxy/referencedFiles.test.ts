/**
 * The files a validation's `missing-file` checks looked at are handed to the host
 * (`referencedFilesChecked`), so the server can watch them: when one appears, validating the
 * same text again drops the finding, with no edit of the document.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '../../../server/src/service/haproxy/features/diagnostics/index';
import { makeContext } from './diagnosticsHelpers';

function recordingHost(files: Set<string>) {
  const reports: { uri: string; paths: readonly string[] }[] = [];
  return {
    reports,
    exists: (p: string) => files.has(p),
    referencedFilesChecked: (uri: string, paths: readonly string[]) => reports.push({ uri, paths: [...paths].sort() }),
  };
}

const CONFIG = [
  'global', '    lua-load /etc/haproxy/auth.lua', 'defaults', '    mode http', '    timeout connect 5s', '    timeout client 5s', '    timeout server 5s',
  '    errorfile 503 /etc/haproxy/errors/503.http',
  'frontend fe', '    bind :443 ssl crt /etc/ssl/site.pem', '    default_backend be',
  'backend be', '    server s1 10.0.0.1:443 ssl verify none crt relative.pem', '',
].join('\n');

describe('haproxy missing-file: the files looked at are reported for watching', () => {
  it('names every absolute path probed (present or not, bundle members too), for the document', () => {
    const host = recordingHost(new Set(['/etc/haproxy/auth.lua']));
    const ctx = { ...makeContext(CONFIG, '2.6', false, 'file:///w/haproxy.cfg'), host };
    const missing = validate(ctx).filter((d) => d.code === 'missing-file');
    assert.equal(missing.length, 2);
    assert.equal(host.reports.length, 1);
    assert.equal(host.reports[0].uri, 'file:///w/haproxy.cfg');
    assert.deepEqual(host.reports[0].paths, [
      '/etc/haproxy/auth.lua', '/etc/haproxy/errors/503.http',
      '/etc/ssl/site.pem', '/etc/ssl/site.pem.dsa', '/etc/ssl/site.pem.ecdsa', '/etc/ssl/site.pem.rsa',
    ]);
  });

  it('a file that appears clears its finding on the next validation of the same text', () => {
    const files = new Set<string>();
    const host = recordingHost(files);
    const ctx = { ...makeContext(CONFIG, '2.6'), host };
    assert.ok(validate(ctx).some((d) => d.code === 'missing-file' && /site\.pem/.test(String(d.message))));
    files.add('/etc/ssl/site.pem');
    assert.ok(!validate(ctx).some((d) => d.code === 'missing-file' && /site\.pem/.test(String(d.message))));
    files.delete('/etc/ssl/site.pem');
    assert.ok(validate(ctx).some((d) => d.code === 'missing-file' && /site\.pem/.test(String(d.message))));
  });

  it('reports an empty list once the document names no file, so old watches can go', () => {
    const host = recordingHost(new Set());
    validate({ ...makeContext('defaults\n    mode http\n', '2.6'), host });
    assert.deepEqual(host.reports.map((r) => r.paths), [[]]);
  });
});
