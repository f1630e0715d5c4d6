/**
 * Entry point of the language server (dist/server.js, the `haproxy-buildout-language-server`
 * bin). The transport comes from the command line: `--stdio` (Neovim, Helix, Emacs),
 * `--node-ipc` (VS Code), `--socket=PORT`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, startServer } from './lsp/server';
import { formatError } from './lsp/runner';

declare const __SERVER_VERSION__: string | undefined;
const VERSION = typeof __SERVER_VERSION__ === 'string' ? __SERVER_VERSION__ : '0.1.0';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${SERVER_NAME} ${VERSION}\n`);
  process.exit(0);
}
if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
  process.stdout.write(`Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=PORT\n` +
    'Language server for HAProxy configurations and zc.buildout profiles (LSP).\n');
  process.exit(argv.length === 0 ? 1 : 0);
}

const connection = createConnection(ProposedFeatures.all);

// With --stdio, stdout carries the protocol: a stray console.log would corrupt it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => connection.console.error(formatError('Unhandled rejection', reason)));
process.on('uncaughtException', (err) => connection.console.error(formatError('Uncaught exception', err)));

startServer(connection, VERSION);
