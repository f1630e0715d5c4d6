import type { FileSystemHost } from '../service/common/host';

/** What a CLI subcommand gets: streams, the working directory and a real-disk host. */
export interface CliIO {
  cwd: string;
  host: FileSystemHost;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A subcommand: parses its own arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIO) => Promise<number>;
