/**
 * The main process log: electron-log's file transport under <dataDir>/logs, every entry
 * passed through the redactor first. The Node flavour of electron-log is used on purpose:
 * electron-log/main registers an IPC channel through which any renderer could write into
 * this file, and nothing here needs renderer logging.
 */
import { inspect } from 'node:util';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { Redactor } from '../api/redact';

export interface ShellLog {
  /** The app's log callback: one line, info level. */
  line(text: string): void;
  warn(text: string): void;
  error(text: string, e?: unknown): void;
  /** Known secret values (client secret, tokens) that must never reach the file. */
  addSecret(value: string | null | undefined): void;
  readonly file: string;
}

// Shapes a secret takes when something echoes a request or a settings object.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/(client_secret=)[^&\s"']+/gi, '$1[redacted]'],
  [/("?client_?secret"?\s*[:=]\s*")[^"]*(")/gi, '$1[redacted]$2'],
  [/("?access_token"?\s*[:=]\s*")[^"]*(")/gi, '$1[redacted]$2'],
  [/(authorization:\s*bearer\s+)[\w.~+/=-]+/gi, '$1[redacted]'],
  [/(\bbearer\s+)[\w.~+/=-]{16,}/gi, '$1[redacted]'],
];

export function redactText(redactor: Redactor, text: string): string {
  let out = redactor.apply(text);
  for (const [re, to] of SECRET_PATTERNS) out = out.replace(re, to);
  return out;
}

export function createShellLog(opts: { dataDir: string; console?: boolean; redactor?: Redactor; catchErrors?: boolean }): ShellLog {
  const redactor = opts.redactor ?? new Redactor();
  const file = join(opts.dataDir, 'logs', 'main.log');
  const log = electronLog.create({ logId: 'youmi-main' });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = 2 * 1024 * 1024;
  log.transports.file.level = 'info';
  log.transports.console.level = opts.console ? 'info' : false;
  // Every transport sees the scrubbed entry, including errors caught by the handler below.
  log.hooks.push((message) => ({
    ...message,
    data: message.data.map((d: unknown) =>
      redactText(redactor, typeof d === 'string' ? d : d instanceof Error ? (d.stack ?? d.message) : inspect(d, { depth: 4 })),
    ),
  }));
  // Uncaught errors of the main process go to the file (scrubbed), not to a dialog.
  if (opts.catchErrors !== false) log.errorHandler.startCatching({ showDialog: false });

  return {
    file,
    line: (text) => log.info(text),
    warn: (text) => log.warn(text),
    error: (text, e) => (e === undefined ? log.error(text) : log.error(text, e)),
    addSecret: (value) => redactor.add(value),
  };
}
