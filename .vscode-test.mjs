// `npm run test:vscode`: the in-host suite (test/vscode) in a downloaded VS Code desktop via
// @vscode/test-cli + @vscode/test-electron, for contributors whose machines can download VS Code.
// CI here has no such download and runs the same suite inside code-server instead
// (test/e2e/scenarios/in-host.mjs); see docs/testing.md.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, rmSync } from 'node:fs';

// The suite expects the example buildout as the workspace, with its fixtures in e2e-fixtures/.
// A fresh copy each run: the tests may edit files.
const workspace = '.vscode-test/workspace';
rmSync(workspace, { recursive: true, force: true });
cpSync('examples/plone-buildout', workspace, { recursive: true });
cpSync('test/vscode/fixtures', `${workspace}/e2e-fixtures`, { recursive: true });

export default defineConfig({
  label: 'in-host',
  files: 'dist/test/suite.js',
  version: 'stable',
  workspaceFolder: workspace,
  launchArgs: ['--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'bdd', timeout: 60_000 },
});
