// The manifest's `when` / `enablement` clauses and activation events, evaluated the way VS Code
// evaluates them, for the situations a user meets: before the extension activated, in
// Restricted Mode, on a plain haproxy.cfg, on a template, on the read-only generated config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_KEYS } from '../../../client/src/contextKeys';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const menus = pkg.contributes.menus;
type Context = Record<string, string | boolean | undefined>;

/** Evaluates the subset of VS Code's when-clause grammar the manifest uses: ! && || == != ( ). */
function evaluate(clause: string, ctx: Context): boolean {
  const tokens = clause.match(/&&|\|\||==|!=|!|\(|\)|[^\s!&|=()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  function or(): boolean {
    let v = and();
    while (peek() === '||') { next(); const r = and(); v = v || r; }
    return v;
  }
  function and(): boolean {
    let v = unary();
    while (peek() === '&&') { next(); const r = unary(); v = v && r; }
    return v;
  }
  function unary(): boolean {
    if (peek() === '!') { next(); return !unary(); }
    if (peek() === '(') { next(); const v = or(); assert.equal(next(), ')'); return v; }
    const key = next();
    assert.ok(key, `truncated clause: ${clause}`);
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const value = next();
      const equal = String(ctx[key] ?? '') === value;
      return op === '==' ? equal : !equal;
    }
    return !!ctx[key];
  }
  const v = or();
  assert.equal(i, tokens.length, `unparsed rest in: ${clause}`);
  return v;
}

const paletteWhen = (command: string) => menus.commandPalette.find((m: { command: string }) => m.command === command)?.when ?? 'true';
const enablement = (command: string) => pkg.contributes.commands.find((c: { command: string }) => c.command === command)?.enablement ?? 'true';
const offered = (command: string, ctx: Context) => evaluate(paletteWhen(command).replace(/^true$/, 'alwaysTrue'), { alwaysTrue: true, ...ctx })
  && evaluate(enablement(command).replace(/^true$/, 'alwaysTrue'), { alwaysTrue: true, ...ctx });
/** Editor-title items shown in a context: `navigation` ones are buttons, the rest sit in its "…" menu. */
const titleItems = (ctx: Context, buttons: boolean) => menus['editor/title']
  .filter((m: { when: string; group?: string }) => (m.group === 'navigation') === buttons && evaluate(m.when, ctx))
  .map((m: { command: string }) => m.command);
const titleButtons = (ctx: Context) => titleItems(ctx, true);

const templateEditor: Context = { resourceScheme: 'file', resourceLangId: 'haproxy', editorLangId: 'haproxy', resourceExtname: '.in' };
const plainConfig: Context = { resourceScheme: 'file', resourceLangId: 'haproxy', editorLangId: 'haproxy', resourceExtname: '.cfg' };
const generatedView: Context = { resourceScheme: 'haproxy-generated', resourceLangId: 'haproxy', editorLangId: 'haproxy', resourceExtname: '.conf' };

test('the evaluator follows VS Code precedence (&& binds tighter than ||)', () => {
  assert.equal(evaluate('a || b && c', { a: true }), true);
  assert.equal(evaluate('a || b && c', { b: true }), false);
  assert.equal(evaluate('!a && x == y', { x: 'y' }), true);
  assert.equal(evaluate('x != y', { x: 'y' }), false);
});

test('every extension context key in a clause is one the client sets', () => {
  const known = new Set<string>(Object.values(CONTEXT_KEYS));
  const clauses = [
    ...pkg.contributes.commands.map((c: { enablement?: string }) => c.enablement ?? ''),
    ...Object.values(menus).flatMap((items) => (items as { when?: string }[]).map((m) => m.when ?? '')),
  ];
  for (const clause of clauses) {
    for (const key of clause.match(/\bhaproxy\.[A-Za-z.]+/g) ?? []) {
      assert.ok(known.has(key), `"${clause}" uses ${key}, which client/src/contextKeys.ts does not define`);
    }
  }
});

test('Start and Check are offered before activation (no context key set yet), hidden in Restricted Mode', () => {
  for (const cmd of ['haproxy.start', 'haproxy.checkConfig']) {
    assert.ok(offered(cmd, {}), `${cmd} must be in the palette before the extension activated`);
    assert.ok(offered(cmd, { [CONTEXT_KEYS.restricted]: false }), `${cmd} in a trusted workspace`);
    assert.ok(!offered(cmd, { [CONTEXT_KEYS.restricted]: true }), `${cmd} in Restricted Mode`);
  }
  assert.ok(!offered('haproxy.reload', {}), 'reload needs a running HAProxy');
  assert.ok(offered('haproxy.reload', { [CONTEXT_KEYS.running]: true }));
  assert.ok(offered('haproxy.stop', { [CONTEXT_KEYS.running]: true }));
  assert.ok(!offered('haproxy.stop', {}));
});

test('editor title: Start on HAProxy files on disk, never on the read-only generated config', () => {
  assert.deepEqual(titleButtons(templateEditor), ['haproxy.start']);
  assert.deepEqual(titleButtons(plainConfig), ['haproxy.start']);
  assert.deepEqual(titleButtons(generatedView), [], 'Start on the virtual document would run it with cwd "/"');
  assert.deepEqual(titleButtons({ ...plainConfig, [CONTEXT_KEYS.restricted]: true }), []);
  assert.deepEqual(titleButtons({ ...plainConfig, [CONTEXT_KEYS.running]: true }).sort(), ['haproxy.reload', 'haproxy.showStatus', 'haproxy.stop']);
});

test('editor title "…" menu: Check Configuration, Show Generated Config (templates only), Show HAProxy Log', () => {
  assert.deepEqual(titleItems(templateEditor, false), ['haproxy.checkConfig', 'haproxy.showGeneratedConfig', 'haproxy.showRunLog']);
  assert.deepEqual(titleItems(plainConfig, false), ['haproxy.checkConfig', 'haproxy.showRunLog']);
  assert.deepEqual(titleItems({ ...templateEditor, [CONTEXT_KEYS.restricted]: true }, false), ['haproxy.showGeneratedConfig', 'haproxy.showRunLog']);
  assert.deepEqual(titleItems(generatedView, false), ['haproxy.showRunLog'], 'nothing to check or render on the generated view');
  for (const m of menus['editor/title']) {
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === m.command);
    assert.ok(command, `${m.command} is contributed`);
    if (m.group === 'navigation') assert.ok(command.icon, `${m.command} is a title button and needs an icon`);
  }
});

test('Show Generated Config is offered for templates and profiles, not for a plain haproxy.cfg', () => {
  assert.ok(offered('haproxy.showGeneratedConfig', templateEditor));
  assert.ok(offered('haproxy.showGeneratedConfig', { resourceScheme: 'file', editorLangId: 'buildout', resourceExtname: '.cfg' }));
  assert.ok(!offered('haproxy.showGeneratedConfig', plainConfig), 'a plain config is not rendered from anything');
});

test('activation: every file name the haproxy language claims activates the extension in a workspace', () => {
  const hx = pkg.contributes.languages.find((l: { id: string }) => l.id === 'haproxy');
  const events = new Set<string>(pkg.activationEvents);
  const wanted = [
    ...hx.filenames.map((f: string) => `**/${f}`),
    ...hx.filenamePatterns.map((p: string) => (p.startsWith('**/') ? p : `**/${p}`)),
    ...hx.extensions.map((e: string) => `**/*${e}`),
  ];
  for (const glob of wanted) {
    const covered = events.has(`workspaceContains:${glob}`)
      || (glob === '**/haproxy.cfg' && events.has('workspaceContains:**/haproxy*.cfg'));
    assert.ok(covered, `no workspaceContains activation for ${glob}`);
  }
});
