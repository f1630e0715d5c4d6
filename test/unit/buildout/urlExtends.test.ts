/**
 * `extends = http…`: downloaded into a cache, an offline setting, and when a URL cannot be
 * read a clear diagnostic while resolution goes on without it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveCommand } from '../../../server/src/cli/resolveCommand';
import { renderCommand } from '../../../server/src/cli/renderCommand';
import type { CliIO } from '../../../server/src/cli/io';
import { createMemoryHost, type FileSystemHost } from '../../../server/src/service/common/host';
import { resolveProfile } from '../../../server/src/service/buildout/resolver/profile';

const PROFILE = '[buildout]\nextends =\n    http://dist.example/versions.cfg\n    local.cfg\nparts = conf\n[conf]\nrecipe = collective.recipe.template\noutput = /tmp/o\ninline = plone ${versions:Plone} zope ${versions:Zope}\n';
const FILES = { '/w/buildout.cfg': PROFILE, '/w/local.cfg': '[versions]\nZope = 5\n' };

/** A disk-like host whose URL download finishes (or fails) when the CLI waits for it. */
function downloadingHost(result: { content?: string; error?: string }): FileSystemHost & { whenDownloaded(): Promise<boolean> } {
  const base = createMemoryHost(FILES);
  let state: 'idle' | 'pending' | 'done' = 'idle';
  return {
    ...base,
    readUrl: () => {
      if (state === 'done') return result;
      state = 'pending';
      return undefined;
    },
    whenDownloaded: async () => {
      if (state !== 'pending') return false;
      state = 'done';
      return true;
    },
  };
}

async function run(cmd: typeof resolveCommand, args: string[], host: FileSystemHost) {
  let out = '';
  let err = '';
  const io: CliIO = { cwd: '/w', host, stdout: (t) => { out += t; }, stderr: (t) => { err += t; } };
  const code = await cmd(args, io);
  return { code, out, err };
}

describe('URL extends', () => {
  it('resolve waits for the download and uses it', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', 'versions:Plone', '--no-user-defaults'], downloadingHost({ content: '[versions]\nPlone = 6.0\n' }));
    assert.equal(r.err, '');
    assert.equal(r.out, '6.0\n');
    assert.equal(r.code, 0);
  });

  it('render waits for the download too', async () => {
    const r = await run(renderCommand, ['buildout.cfg', '--no-user-defaults'], downloadingHost({ content: '[versions]\nPlone = 6.0\n' }));
    assert.equal(r.out, 'plone 6.0 zope 5');
  });

  it('resolve goes on without an unreachable URL: the reason, then the sections that do not need it', async () => {
    const r = await run(resolveCommand, ['buildout.cfg', '--json', '--no-user-defaults'], downloadingHost({ error: 'getaddrinfo ENOTFOUND dist.example' }));
    const json = JSON.parse(r.out) as { sections: Record<string, Record<string, string>>; errors: Array<{ message: string; code?: string; line?: number }> };
    const url = json.errors.find((e) => e.code === 'url-unavailable');
    assert.ok(url, r.out);
    assert.match(url.message, /ENOTFOUND/, 'says why');
    assert.equal(url.line, 3);
    assert.equal(json.sections.versions.Zope, '5', 'resolution continued');
    assert.equal(r.code, 1);
  });

  it('a failed download replaces the "not fetched yet" message on the next resolution', () => {
    const base = createMemoryHost(FILES);
    let n = 0;
    const host = { ...base, readUrl: () => (n++ === 0 ? undefined : { error: 'getaddrinfo ENOTFOUND dist.example' }) };
    resolveProfile(host, '/w/buildout.cfg', { userDefaults: false });
    const second = resolveProfile(host, '/w/buildout.cfg', { userDefaults: false });
    assert.match(second.errors[0]?.message ?? '', /ENOTFOUND/);
  });
});

describe('URL extends in render', () => {
  it('render warns about the unreachable URL before the error it causes', async () => {
    const r = await run(renderCommand, ['buildout.cfg', '--no-user-defaults'], downloadingHost({ error: 'getaddrinfo ENOTFOUND dist.example' }));
    const lines = r.err.trim().split('\n');
    assert.match(lines[0], /^buildout\.cfg:3:5: warning: Couldn't download .*ENOTFOUND.* \[url-unavailable\]$/);
    assert.match(lines[1], /^buildout\.cfg:9:\d+: error: Referenced option does not exist: versions Plone \[undefined-option\]$/);
    assert.equal(r.code, 1);
  });
});
