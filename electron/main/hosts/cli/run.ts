/**
 * The CLI without the process around it: argv in, exit code out, output through `io`.
 * Every failure ends here as one stderr line and an exit code; no stack trace escapes.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { toAppError } from '../../api/errors';
import { COMMANDS } from './commands';
import { UsageError, type CliIo, type Command } from './command';
import { EXIT, exitCodeFor, failureLine, oneLine } from './exit';
import { SETTING_OPTIONS, resolveSettings } from './settings';

const PROGRAM = 'npm run -s cli --';
const USAGE_LINE = `usage: ${PROGRAM} <${COMMANDS.map((c) => c.name).join('|')}> [options] (--help for details)`;

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'settings (flag, or environment variable):',
    '  --base-url URL       YOUMI_BASE_URL       v2 API base URL (required; the vendor gives it)',
    '  --token-url URL      YOUMI_TOKEN_URL      default https://sso.yunshouzhi.net/connect/token',
    '  --client-id ID       YOUMI_CLIENT_ID',
    '  --client-secret S    YOUMI_CLIENT_SECRET  prefer the variable: flags show up in process lists',
    '  --tenant-id ID       YOUMI_TENANT_ID      agents only',
    '  --staff CODE         YOUMI_STAFF          your staff code (工号), e.g. b08',
    '  --data-dir DIR       YOUMI_DATA_DIR       where local state lives',
    '  --verbose                                 diagnostics (retries, skipped items) on stderr',
    '  --lang zh-CN|en                           reminder text language (default: English, Chinese on a Chinese locale)',
    '',
    'exit codes: 0 ok, 2 usage or settings, 3 authentication, 4 network or timeout, 5 server or business error',
    '',
  ].join('\n');
}

function allOptions(): ParseArgsOptionsConfig {
  const merged: ParseArgsOptionsConfig = { ...SETTING_OPTIONS };
  for (const c of COMMANDS) Object.assign(merged, c.options ?? {});
  return merged;
}

/** Index of the command name: the first argument that is neither a flag nor a flag's value. */
function commandIndex(argv: readonly string[]): number {
  const options = allOptions();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!arg.startsWith('-') || arg === '-') return i;
    if (arg.includes('=')) continue;
    const long = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((k) => options[k]?.short === arg.slice(1));
    if (long !== undefined && options[long]?.type === 'string') i++;
  }
  return -1;
}

/** parseArgs' messages, reworded and never echoing a value (it could be a secret). */
function usageFrom(e: unknown): UsageError {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1] ?? 'option';
    return new UsageError(`unknown option ${name}`);
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
    return new UsageError(/missing/.test(message) ? `${name} needs a value` : `${name} takes no value`);
  }
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError('unexpected argument');
  return new UsageError('cannot read the command line');
}

function parse(argv: string[], options: ParseArgsOptionsConfig): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw usageFrom(e);
  }
}

function pickFlags(values: Record<string, string | boolean | undefined>, command: Command): Record<string, string | boolean | undefined> {
  const own = command.options ?? {};
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key in own) flags[key] = value;
    else if (!(key in SETTING_OPTIONS)) throw new UsageError(`${command.name} does not take --${key}`);
  }
  return flags;
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const at = commandIndex(argv);
    if (at < 0) {
      const { values } = parse(argv, allOptions());
      if (values.help === true) {
        io.stdout(help());
        return EXIT.ok;
      }
      throw new UsageError('no command given');
    }
    const name = argv[at] as string;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${oneLine(name).slice(0, 40)}"`);

    let values: Record<string, string | boolean | undefined>;
    let args: string[];
    if (command.rawArgs) {
      values = parse(argv.slice(0, at), SETTING_OPTIONS).values;
      args = argv.slice(at + 1);
    } else {
      const parsed = parse([...argv.slice(0, at), ...argv.slice(at + 1)], { ...SETTING_OPTIONS, ...command.options });
      values = parsed.values;
      args = parsed.positionals;
      if (args.length > 0 && !command.positionals) throw new UsageError(`${command.name} takes no arguments`);
    }
    if (values.help === true) {
      io.stdout(`usage: ${PROGRAM} ${command.usage}\n${command.summary}\n`);
      return EXIT.ok;
    }
    const settings = resolveSettings(values, env);
    const log = settings.verbose ? (line: string): void => io.stderr(`log: ${oneLine(line)}`) : (): void => {};
    return await command.run({ settings, flags: pickFlags(values, command), args, io, log });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.withUsage ? `error: ${e.message}; ${USAGE_LINE}` : `error: ${e.message}`);
      return EXIT.usage;
    }
    const error = toAppError(e);
    io.stderr(failureLine(error));
    return exitCodeFor(error.kind);
  }
}
