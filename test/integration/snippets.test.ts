/**
 * The HAProxy snippets, inserted with their default values, give configurations that the real
 * `haproxy -c` accepts and that our own diagnostics find no error in: a snippet is the first
 * thing a new user types, so it must not start them off with an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../unit/haproxy/diagnosticsHelpers';

const HAPROXY = '/usr/sbin/haproxy';
const skip = existsSync(HAPROXY) ? false : `${HAPROXY} is not installed`;
const snippets: Record<string, { prefix: string; body: string[] }> = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'snippets', 'haproxy.json'), 'utf8'));

/** A snippet body with every placeholder at its default (first choice; mirrors repeat it). */
export function expand(body: string[]): string {
  const values = new Map<string, string>();
  let text = body.join('\n');
  text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n, choices) => {
    values.set(n, choices.split(',')[0]);
    return values.get(n)!;
  });
  text = text.replace(/\$\{(\d+):([^}]*)\}/g, (_, n, def) => {
    values.set(n, def);
    return def;
  });
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => values.get(a ?? b) ?? '');
  return text.replace(/\\\$/g, '$');
}

const byPrefix = (prefix: string) => {
  const s = Object.values(snippets).find((x) => x.prefix === prefix);
  assert.ok(s, `no snippet with prefix ${prefix}`);
  return expand(s.body);
};
const indent = (text: string) => text.split('\n').map((l) => (l.trim() ? `    ${l.trim()}` : l)).join('\n');

function haproxyCheck(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
  try {
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(file, text);
    const r = spawnSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8', timeout: 10_000 });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ourErrors(text: string): string[] {
  return diagnose(text, { version: '2.6' }).filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

const configs: Record<string, () => string> = {
  'global, defaults, frontend with the acl/use_backend pair, backend, stats listener': () => [
    byPrefix('global'),
    byPrefix('defaults'),
    `${byPrefix('frontend')}\n${indent(byPrefix('acl-use_backend'))}`,
    byPrefix('backend'),
    // the acl snippet's default backend
    'backend api\n' + indent(byPrefix('server')),
    byPrefix('stats'),
  ].join('\n') + '\n',
  'a listen section on its own': () => [byPrefix('defaults'), byPrefix('listen')].join('\n') + '\n',
};

for (const [name, build] of Object.entries(configs)) {
  test(`snippets at their defaults: ${name} — haproxy -c accepts it, no error of ours`, { skip }, () => {
    const text = build();
    assert.doesNotMatch(text, /\$\{|\$\d/, 'every placeholder was expanded');
    const r = haproxyCheck(text);
    assert.equal(r.status, 0, `haproxy -c refused:\n${r.output}\n--- config ---\n${text}`);
    assert.deepEqual(ourErrors(text), [], text);
  });
}

test('expand(): defaults, first choices and mirrors', () => {
  assert.equal(expand(['a ${1:x} ${2|p,q|} ${1} $2$0']), 'a x p x p');
});
