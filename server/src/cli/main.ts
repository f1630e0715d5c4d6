/**
 * The `haproxy-buildout` command-line tool (dist/cli.js): dispatches to its subcommands.
 * Each subcommand parses its own arguments and returns the exit code (see io.ts).
 */
import { createDiskHost } from '../node/diskHost';
import { checkCommand } from './checkCommand';
import { renderCommand } from './renderCommand';
import { resolveCommand } from './resolveCommand';
import type { CliCommand, CliIO } from './io';

declare const __SERVER_VERSION__: string | undefined;
const VERSION = typeof __SERVER_VERSION__ === 'string' ? __SERVER_VERSION__ : '0.1.0';

const COMMANDS: Record<string, { run: CliCommand; summary: string }> = {
  check: { run: checkCommand, summary: 'print diagnostics for HAProxy configs and buildout profiles (exit 1 on errors)' },
  resolve: { run: resolveCommand, summary: 'print the options of every section of a buildout profile as buildout resolves them' },
  render: { run: renderCommand, summary: 'print the file a template section of a buildout profile generates' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `Usage: haproxy-buildout <command> [options] [args]

Commands:
${lines.join('\n')}

Options:
  -h, --help     show this help (or \`haproxy-buildout <command> --help\`)
  --version      print the version
`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`haproxy-buildout ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`haproxy-buildout: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

const io: CliIO = {
  cwd: process.cwd(),
  host: createDiskHost({ offline: () => process.env.HAPROXY_BUILDOUT_OFFLINE === '1' }),
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`haproxy-buildout: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 3;
  },
);
