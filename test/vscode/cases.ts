// The in-host test cases: real VS Code API calls against the running extension. They are
// written once against a minimal describe/it interface so the same cases run under node:test
// (code-server route, suite.ts) and under mocha (@vscode/test-cli route, .vscode-test.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  openDocument, positionOf, eventually, completionLabels, hoverMarkdown, diagnosticMatching,
  quickFixes, codeOf,
} from './helpers';

export interface TestApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
}

const HAPROXY_FIXTURE = ['e2e-fixtures', 'haproxy.cfg'];
const TEMPLATE = ['templates', 'haproxy.conf.in'];

export function defineCases({ describe, it }: TestApi): void {
  // ONE top-level describe: node:test's in-process runner reports the end of the whole run
  // through this suite's own pass/fail event (see suite.ts).
  describe('haproxy-buildout in the extension host', () => {
    it('gives haproxy.cfg the haproxy language and buildout.cfg the buildout language', async () => {
      const cfg = await openDocument(...HAPROXY_FIXTURE);
      assert.equal(cfg.languageId, 'haproxy');
      const profile = await openDocument('buildout.cfg');
      assert.equal(profile.languageId, 'buildout');
    });

    it('completes proxy keywords at the start of a backend line, not option names', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const at = positionOf(doc, 'balance roundrobin');
      const labels = await eventually(async () => {
        const l = await completionLabels(doc, at);
        assert.ok(l.includes('balance') && l.includes('http-request'), `labels: ${l.join(', ')}`);
        return l;
      });
      assert.ok(!labels.includes('httpchk'), 'option names must not be offered as keywords');
    });

    it('completes option names after "option "', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const at = positionOf(doc, 'option httpchk', 'option '.length);
      const labels = await eventually(async () => {
        const l = await completionLabels(doc, at);
        assert.ok(l.includes('httpchk') && l.includes('forwardfor'), `labels: ${l.join(', ')}`);
        return l;
      });
      assert.ok(!labels.includes('balance'), 'keywords must not be offered after "option"');
    });

    it('explains a keyword on hover', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const text = await eventually(async () => {
        const h = await hoverMarkdown(doc, positionOf(doc, 'balance roundrobin', 2));
        assert.match(h, /balance/);
        return h;
      });
      assert.ok(text.length > 40, `hover too short: ${text}`);
    });

    it('reports the removed keyword appsession as an error', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const d = await diagnosticMatching(doc, (x) => x.message.includes('appsession'));
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.range.start.line, positionOf(doc, 'appsession __ac').line);
      assert.ok(codeOf(d), 'diagnostics carry a stable code');
    });

    it('offers "timeout" as the quick fix for the typo timout', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const d = await diagnosticMatching(doc, (x) => x.range.start.line === positionOf(doc, 'timout check').line);
      const fixes = await eventually(async () => {
        const f = await quickFixes(doc, d.range);
        assert.ok(f.some((a) => a.title.includes('timeout')), `fixes: ${f.map((a) => a.title).join(' | ')}`);
        return f;
      });
      const fix = fixes.find((a) => a.title.includes('timeout'))!;
      const edits = fix.edit?.get(doc.uri) ?? [];
      assert.ok(edits.some((e) => e.newText === 'timeout'), `edits: ${JSON.stringify(edits)}`);
    });

    it('shows the value buildout substitutes when hovering ${instance1:http-address} in the template', async () => {
      const doc = await openDocument(...TEMPLATE);
      assert.equal(doc.languageId, 'haproxy');
      await eventually(async () => {
        const h = await hoverMarkdown(doc, positionOf(doc, 'instance1:http-address', 3));
        assert.match(h, /127\.0\.0\.1:8081/);
      });
    });

    it('flags ${haproxy-conf:maxconn} and offers haproxy-config as the fix', async () => {
      const doc = await openDocument(...TEMPLATE);
      const line = positionOf(doc, 'haproxy-conf:maxconn').line;
      const d = await diagnosticMatching(doc, (x) => x.range.start.line === line && /haproxy-conf(?!ig)/.test(x.message));
      const fixes = await eventually(async () => {
        const f = await quickFixes(doc, d.range);
        assert.ok(f.some((a) => a.title.includes('haproxy-config')), `fixes: ${f.map((a) => a.title).join(' | ')}`);
        return f;
      });
      const edits = fixes.find((a) => a.title.includes('haproxy-config'))!.edit?.get(doc.uri) ?? [];
      assert.ok(edits.some((e) => e.newText.includes('haproxy-config')), `edits: ${JSON.stringify(edits)}`);
    });

    it('"Buildout: Choose Template Owner" on the template names its only owner, buildout.cfg\'s section', async () => {
      const doc = await openDocument(...TEMPLATE);
      // One owner: the command says so and answers with it instead of showing a pick.
      const owner = await eventually(async () => {
        const o = await vscode.commands.executeCommand<string | undefined>('buildout.chooseTemplateOwner', doc.uri);
        assert.equal(o, 'buildout.cfg:haproxy-config');
        return o;
      });
      assert.equal(owner, 'buildout.cfg:haproxy-config');
    });

    it('outlines proxies and servers of an HAProxy config', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const names = await eventually(async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
          'vscode.executeDocumentSymbolProvider', doc.uri);
        const flat: string[] = [];
        const walk = (list: vscode.DocumentSymbol[]) => list.forEach((s) => { flat.push(s.name); walk(s.children ?? []); });
        walk(symbols ?? []);
        assert.ok(flat.some((n) => n.includes('zope')) && flat.some((n) => n.includes('instance1')), `symbols: ${flat.join(', ')}`);
        return flat;
      });
      assert.ok(names.some((n) => n.includes('www')), `symbols: ${names.join(', ')}`);
    });

    it('goes from default_backend zope to the backend section', async () => {
      const doc = await openDocument(...HAPROXY_FIXTURE);
      const target = positionOf(doc, '\nbackend zope', 1).line; // the section header, not default_backend
      await eventually(async () => {
        const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'default_backend zope', 'default_backend '.length + 1));
        const lines = (defs ?? []).map((d) => ('targetRange' in d ? d.targetRange : d.range).start.line);
        assert.ok(lines.includes(target), `definition lines: ${lines.join(', ')}`);
      });
    });

    it('switches profiles/haproxy.cfg, a buildout profile reached by extends, to the buildout language', async () => {
      await openDocument('buildout.cfg');
      const profile = await openDocument('profiles', 'haproxy.cfg');
      await eventually(() => {
        const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === profile.uri.toString());
        assert.equal(current?.languageId, 'buildout');
      });
    });

    it('switches profiles/base.cfg (first line a comment, so VS Code opens it as plain text) and then respects a language the user picks', async () => {
      const base = await openDocument('profiles', 'base.cfg');
      const current = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === base.uri.toString());
      await eventually(() => assert.equal(current()?.languageId, 'buildout'));
      // Picking another language reopens the document; the extension must not switch it back.
      await vscode.languages.setTextDocumentLanguage(current()!, 'plaintext');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(current()?.languageId, 'plaintext');
      await vscode.languages.setTextDocumentLanguage(current()!, 'buildout');
    });

    it('shows the resolved value after ${frontend-port} in the template as an inlay hint', async () => {
      const doc = await openDocument(...TEMPLATE);
      const range = new vscode.Range(0, 0, doc.lineCount, 0);
      const end = positionOf(doc, '${frontend-port}', '${frontend-port}'.length);
      await eventually(async () => {
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range);
        const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
        const hint = (hints ?? []).find((h) => h.position.isEqual(end));
        assert.equal(hint && label(hint).trim(), '= 8001', `hints: ${(hints ?? []).map(label).join(', ')}`);
      });
    });

    it('finds the backend zope and the buildout section haproxy-config with Go to Symbol in Workspace', async () => {
      await openDocument('buildout.cfg');
      await eventually(async () => {
        const zope = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'zope');
        assert.ok((zope ?? []).some((s) => s.name === 'zope' && s.location.uri.path.endsWith('haproxy.conf.in')), `symbols: ${(zope ?? []).map((s) => s.name).join(', ')}`);
        const config = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'haproxy-config');
        assert.ok((config ?? []).some((s) => s.name === 'haproxy-config' && s.location.uri.path.endsWith('profiles/haproxy.cfg')), `symbols: ${(config ?? []).map((s) => s.name).join(', ')}`);
      });
    });

    it('registers the commands that run HAProxy', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['haproxy.start', 'haproxy.stop']) assert.ok(commands.includes(id), `${id} is not registered`);
    });
  });
}
