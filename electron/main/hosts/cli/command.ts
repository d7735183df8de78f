/**
 * What a CLI command is. Adding one = a file exporting a `Command` + a line in commands.ts.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { CliSettings } from './settings';

export interface CliIo {
  /** Text as is (the caller adds newlines). */
  stdout(text: string): void;
  /** One line; the newline is added. */
  stderr(line: string): void;
}

export interface CliContext {
  settings: CliSettings;
  /** This command's own flags, as parsed. */
  flags: Record<string, string | boolean | undefined>;
  /** Positional arguments after the command name, or every later argument for `rawArgs` commands. */
  args: string[];
  io: CliIo;
  /** Diagnostics (retries, skipped items); shown on stderr only with --verbose. */
  log(line: string): void;
}

export interface Command {
  name: string;
  /** "list [--json] [--all]" */
  usage: string;
  summary: string;
  options?: ParseArgsOptionsConfig;
  /** The command parses its own arguments (sim hands them to the simulator). */
  rawArgs?: boolean;
  /** Takes positional arguments (todo ids, a time); the command checks them. */
  positionals?: boolean;
  /** The exit code; failures are thrown and turned into one stderr line by the runner. */
  run(ctx: CliContext): Promise<number>;
}

/** A mistake on the command line: exit 2 with the usage hint. */
/** Exit 2. `withUsage` false: the command line was well formed but names something wrong (an unknown id). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly withUsage = true,
  ) {
    super(message);
  }
}
