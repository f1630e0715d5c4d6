/**
 * `haproxy -c -f FILE`: validity, exit code and parsed findings. Never `-q` (it hides alerts).
 */
import { execFileCollect } from './exec';
import { parseCheckOutput, significantFindings, type CheckFinding } from './checkOutput';

export interface CheckResult {
  /** 0 valid, 1 errors, 2 valid but no listener (will not start). */
  exitCode: number | null;
  /** Exit 0 or 2: HAProxy accepted the configuration. */
  valid: boolean;
  /** Exit 2: nothing to listen on. */
  noListener: boolean;
  timedOut: boolean;
  findings: CheckFinding[];
  /** Findings worth a diagnostic (errors and warnings, no banners). */
  problems: CheckFinding[];
  output: string;
}

export interface CheckOptions {
  /** Working directory (relative paths in the config resolve against it). */
  cwd?: string;
  timeoutMs?: number;
  /** Extra flags such as `-dW` (zero-warning) — never `-q`. */
  extraArgs?: string[];
}

export async function runCheck(binary: string, configFile: string, options: CheckOptions = {}): Promise<CheckResult> {
  const extra = (options.extraArgs ?? []).filter((a) => a !== '-q');
  const r = await execFileCollect(binary, ['-c', ...extra, '-f', configFile], {
    cwd: options.cwd,
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  // Alerts and warnings are on stderr, the verdict on stdout; parse both.
  const output = r.stderr + (r.stdout ? (r.stderr.endsWith('\n') || !r.stderr ? '' : '\n') + r.stdout : '');
  const findings = parseCheckOutput(output, [configFile]);
  return {
    exitCode: r.code,
    valid: r.code === 0 || r.code === 2,
    noListener: r.code === 2,
    timedOut: r.timedOut,
    findings,
    problems: significantFindings(findings),
    output,
  };
}
