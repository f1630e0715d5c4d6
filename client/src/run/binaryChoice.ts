/**
 * Picks the haproxy binary for a run: the machine setting, the buildout's bin/haproxy, PATH,
 * /usr/sbin/haproxy. Tells the user when the buildout part exists but was not built, and asks
 * before falling back; validates the choice with `haproxy -v`.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { describeProblem, haproxyVersion, resolveBinary, type FoundBinary, type HaproxyVersion } from '../../../server/src/node/haproxy/binary';
import { findBuildoutHaproxy } from '../../../server/src/node/haproxy/buildoutBinary';

export interface ChosenBinary extends FoundBinary {
  version: HaproxyVersion;
}

/** The buildout profile to ask: the one owning the rendered template, else the workspace's buildout.cfg. */
function buildoutProfileFor(sourceUri: vscode.Uri | undefined, ownerProfile: string | undefined): string | undefined {
  if (ownerProfile && existsSync(ownerProfile)) return ownerProfile;
  const folder = sourceUri ? vscode.workspace.getWorkspaceFolder(sourceUri) : vscode.workspace.workspaceFolders?.[0];
  const candidate = folder ? path.join(folder.uri.fsPath, 'buildout.cfg') : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

export async function chooseBinary(
  log: vscode.LogOutputChannel,
  executablePath: string | undefined,
  sourceUri?: vscode.Uri,
  ownerProfile?: string,
  /** Background use (check on save): no dialogs; take the fallback, report in the log only. */
  quiet = false,
  /**
   * Where the answer to "bin/haproxy is not built yet, use the fallback?" is kept (the
   * workspace state), so the question is asked once, not before every check and start.
   */
  answers?: vscode.Memento,
): Promise<ChosenBinary | undefined> {
  const profile = buildoutProfileFor(sourceUri, ownerProfile);
  const fromBuildout = profile ? findBuildoutHaproxy(profile) : undefined;
  const r = resolveBinary({ executablePath, buildoutBinary: fromBuildout?.binary });
  for (const p of r.problems) log.warn(describeProblem(p));
  if (!r.binary) {
    if (quiet) return undefined;
    const msg = r.problems.map(describeProblem).join(' ');
    // Not awaited: the caller holds the run queue, and a toast may never be clicked.
    void vscode.window.showErrorMessage(`HAProxy: ${msg}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'haproxy.executablePath');
    });
    return undefined;
  }
  if (!quiet && r.problems.some((p) => p.kind === 'buildout-not-built') && fromBuildout) {
    const key = fallbackAnswerKey(fromBuildout.binary);
    if (answers?.get<string>(key) === r.binary.path) {
      log.info(`${fromBuildout.binary} is still not built; using ${r.binary.path} as agreed earlier.`);
    } else {
      const use = `Use ${r.binary.path}`;
      const choice = await vscode.window.showWarningMessage(
        `HAProxy: the buildout part [${fromBuildout.part}] builds ${fromBuildout.binary}, which does not exist yet (run bin/buildout). Use ${r.binary.path} instead?`,
        { modal: true, detail: 'The answer is remembered for this workspace until bin/haproxy is built.' }, // a question inside the run queue must be answered, not left in a toast
        use,
      );
      if (choice !== use) return undefined;
      await answers?.update(key, r.binary.path);
    }
  }
  let version: HaproxyVersion;
  try {
    version = await haproxyVersion(r.binary.path);
  } catch (err) {
    log.error((err as Error).message);
    if (!quiet) void vscode.window.showErrorMessage(`HAProxy: ${(err as Error).message}`);
    return undefined;
  }
  log.info(`Using ${r.binary.path} (${r.binary.source}), HAProxy ${version.full}.`);
  return { ...r.binary, version };
}

/** Workspace-state key of the agreed fallback for a buildout binary that was not built yet. */
export function fallbackAnswerKey(buildoutBinary: string): string {
  return `haproxy.run.fallbackFor:${buildoutBinary}`;
}
