// Bundles the extension client, the language server, the CLI and the in-host test suite.
// tsc only type-checks (npm run typecheck); esbuild produces everything that runs.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
// The in-host suite (run inside VS Code / code-server) is optional until it exists.
if (existsSync('test/vscode/suite.ts')) {
  builds.push({ entryPoints: ['test/vscode/suite.ts'], outfile: 'dist/test/suite.js', external: ['vscode'] });
}

await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
