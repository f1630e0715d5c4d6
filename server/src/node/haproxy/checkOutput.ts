/**
 * Parses what `haproxy -c -f FILE` (and a starting or reloading master) prints into findings.
 *
 * The format is not a stable interface, so the parser is defensive: it only relies on the
 * `[LEVEL] (PID) : ` prefix, the `   | ` continuation lines of multi-line warnings and the
 * first `[file:line]` in a message. Anything it does not understand becomes a finding
 * without a location rather than being dropped. Never run HAProxy with `-q` for this:
 * `-q` silences the alerts too.
 */

export type FindingSeverity = 'error' | 'warning' | 'notice';

export interface CheckFinding {
  severity: FindingSeverity;
  /** The message without the `[LEVEL] (PID) : config :` prefix and without the leading `parsing [f:l] :`. */
  message: string;
  /** The message as HAProxy printed it (prefix removed), continuation lines joined with `\n`. */
  text: string;
  /** File as HAProxy named it (the path given with `-f`). */
  file?: string;
  /** 1-based line, as HAProxy reports it. */
  line?: number;
  /** For line-less proxy errors: the proxy named by the message. */
  proxy?: string;
  /** For missing / looping backend errors: the keyword and the backend name in question. */
  keyword?: string;
  target?: string;
  /** Boilerplate (version notice, "Fatal errors found" summary): not worth a diagnostic. */
  summary: boolean;
}

const PREFIX = /^\[(ALERT|WARNING|NOTICE|DEBUG|INFO)\]\s*\(\d+\)\s*:\s?(.*)$/;
const CONTINUATION = /^ {2,}\| ?(.*)$/;
/** The location regex from the notes: first match wins (unless a known file matches later). */
const LOCATION = /\[([^\]]+):(\d+)\]/g;
const MISSING_BACKEND = /^Proxy '([^']+)': unable to find required (default_backend|use_backend)(?: rule)?: '(.*)'\.?$/;
const BACKEND_LOOP = /^Proxy '([^']+)': loop detected for (default_backend|use_backend)(?: rule)?: '(.*)'\.?$/;
const NAMED_PROXY = /\b(?:frontend|backend|listen|proxy|Proxy) '([^']+)'/;
const SUMMARY = [
  /^haproxy version is /,
  /^path to executable is /,
  /^Error\(s\) found in configuration file/,
  /^Fatal errors found in configuration/,
  /^Configuration file is valid/,
  /^Warnings were found/,
];

function severityOf(level: string): FindingSeverity {
  if (level === 'ALERT') return 'error';
  if (level === 'WARNING') return 'warning';
  return 'notice';
}

/** Strips the `config : ` context and the `parsing [f:l] :` / `[f:l] :` lead-ins HAProxy puts first. */
function cleanMessage(text: string): string {
  let m = text.replace(/^config\s*:\s*/, '');
  for (;;) {
    const next = m.replace(/^(?:[Pp]arsing\s+)?\[[^\]]+:\d+\]\s*:?\s*/, '');
    if (next === m) break;
    m = next;
  }
  return m;
}

function locate(text: string, knownFiles?: readonly string[]): { file: string; line: number } | undefined {
  const matches = [...text.matchAll(LOCATION)];
  if (matches.length === 0) return undefined;
  // An address like [127.0.0.1:8080] also matches; prefer a file we passed with -f.
  const preferred = knownFiles && matches.find((m) => knownFiles.includes(m[1]));
  const m = preferred ?? matches[0];
  return { file: m[1], line: Number(m[2]) };
}

function finish(f: CheckFinding, knownFiles?: readonly string[]): CheckFinding {
  const firstLine = f.text.split('\n')[0];
  const loc = locate(firstLine, knownFiles);
  if (loc) {
    f.file = loc.file;
    f.line = loc.line;
  }
  const body = firstLine.replace(/^config\s*:\s*/, '');
  const missing = MISSING_BACKEND.exec(body) ?? BACKEND_LOOP.exec(body);
  if (missing) {
    f.proxy = missing[1];
    f.keyword = missing[2];
    f.target = missing[3];
  } else if (!loc) {
    const named = NAMED_PROXY.exec(body);
    if (named) f.proxy = named[1];
  }
  f.summary = SUMMARY.some((re) => re.test(body));
  const cont = f.text.split('\n').slice(1);
  f.message = [cleanMessage(firstLine), ...cont].join('\n').trim();
  return f;
}

/**
 * Parses HAProxy's output (stderr, or stderr and stdout concatenated) into findings, in order.
 * `knownFiles` are the paths given with `-f`, used to pick the right `[file:line]`.
 */
export function parseCheckOutput(output: string, knownFiles?: readonly string[]): CheckFinding[] {
  const findings: CheckFinding[] = [];
  let current: CheckFinding | undefined;
  const flush = () => {
    if (current) findings.push(finish(current, knownFiles));
    current = undefined;
  };
  for (const rawLine of output.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const head = PREFIX.exec(line);
    if (head) {
      flush();
      current = { severity: severityOf(head[1]), text: head[2], message: '', summary: false };
      continue;
    }
    const cont = CONTINUATION.exec(line);
    if (cont && current) {
      current.text += '\n' + cont[1];
      continue;
    }
    if (line.trim() === '') continue;
    // Unprefixed lines right after an alert (the echo of a bad line and its `^` caret, in the
    // environment-variable case) belong to it; stray stdout lines stand alone.
    if (current && current.severity !== 'notice' && !SUMMARY.some((re) => re.test(line.trim()))) {
      current.text += '\n' + line;
      continue;
    }
    flush();
    findings.push(finish({ severity: 'notice', text: line.trim(), message: '', summary: false }, knownFiles));
  }
  flush();
  return findings;
}

/** Findings worth showing to a user (no version banner, no summary lines). */
export function significantFindings(findings: readonly CheckFinding[]): CheckFinding[] {
  return findings.filter((f) => !f.summary && f.severity !== 'notice');
}
