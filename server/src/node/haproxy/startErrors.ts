/**
 * Turns the last lines of a HAProxy that failed to start (or to reload) into one clear message.
 */
import { parseCheckOutput, significantFindings, type CheckFinding } from './checkOutput';

export type StartFailureKind =
  | 'address-in-use'
  | 'permission-denied'
  | 'config'
  | 'exited'
  | 'timeout'
  | 'spawn';

export interface StartFailure {
  kind: StartFailureKind;
  message: string;
  findings: CheckFinding[];
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  lastLines: string[];
  /** `host:port` for bind failures. */
  address?: string;
}

export class HaproxyStartError extends Error {
  constructor(readonly failure: StartFailure) {
    super(failure.message);
  }
}

const BIND_FAILURE = /cannot bind socket \(([^)]+)\) for \[([^\]]+)\]/;

function portOf(address: string): number | undefined {
  const m = /:(\d+)$/.exec(address);
  return m ? Number(m[1]) : undefined;
}

/** Classifies a start (or reload) failure from HAProxy's output lines. */
export function classifyFailure(
  lines: readonly string[],
  exit: { code?: number | null; signal?: NodeJS.Signals | null; timedOut?: boolean },
  configFiles?: readonly string[],
): StartFailure {
  const findings = parseCheckOutput(lines.join('\n'), configFiles);
  const problems = significantFindings(findings);
  const lastLines = lines.slice(-15);
  const base = { findings: problems, exitCode: exit.code, signal: exit.signal, lastLines };
  for (const line of lines) {
    const m = BIND_FAILURE.exec(line);
    if (!m) continue;
    const [, reason, address] = m;
    if (/address already in use/i.test(reason)) {
      return { ...base, kind: 'address-in-use', address, message: `Address ${address} is already in use: another program (or another HAProxy) listens there. Stop it or change the bind line.` };
    }
    if (/permission denied/i.test(reason)) {
      const port = portOf(address);
      const hint = port !== undefined && port < 1024 ? ` Ports below 1024 need root; use a port ≥ 1024 (e.g. ${port + 8000}).` : '';
      return { ...base, kind: 'permission-denied', address, message: `Permission denied binding ${address}.${hint}` };
    }
    return { ...base, kind: 'exited', address, message: `HAProxy cannot bind ${address}: ${reason}.` };
  }
  for (const line of lines) {
    const m = /Cannot set (uid|gid) (\d+)/.exec(line);
    if (m) {
      return {
        ...base,
        kind: 'permission-denied',
        message: `HAProxy cannot switch to the ${m[1] === 'uid' ? 'user' : 'group'} set in 'global' (${m[1]} ${m[2]}): the 'user' / 'group' lines need HAProxy to start as root. Remove them for a local run.`,
      };
    }
  }
  if (exit.timedOut) {
    return { ...base, kind: 'timeout', message: 'HAProxy did not report "Loading success." in time and was stopped.' };
  }
  const errors = problems.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.line !== undefined && first.line > 0 ? ` (line ${first.line})` : first.proxy ? ` (proxy '${first.proxy}')` : '';
    const more = errors.length > 1 ? ` and ${errors.length - 1} more` : '';
    return { ...base, kind: 'config', message: `Configuration error${where}: ${first.message}${more}` };
  }
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const tail = lastLines.length ? ` Last output:\n${lastLines.join('\n')}` : ' It printed nothing.';
  return { ...base, kind: 'exited', message: `HAProxy ${how}.${tail}` };
}
