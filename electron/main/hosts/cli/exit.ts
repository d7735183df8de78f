/**
 * Exit codes and the one stderr line per failure: 0 ok, 2 usage or config, 3 auth,
 * 4 network or timeout, 5 server, business or bad response (1: a bug in this program).
 */
import type { AppError, ErrorKind } from '../../../../shared/errors';
import { SETTING_LABELS } from '../../api/config';
import { SETTING_HINTS } from './settings';

export const EXIT = { ok: 0, internal: 1, usage: 2, auth: 3, network: 4, remote: 5 } as const;

const EXIT_BY_KIND: Record<ErrorKind, number> = {
  config: EXIT.usage,
  'invalid-request': EXIT.usage,
  auth: EXIT.auth,
  network: EXIT.network,
  timeout: EXIT.network,
  server: EXIT.remote,
  business: EXIT.remote,
  'bad-response': EXIT.remote,
  'not-found': EXIT.remote,
  storage: EXIT.internal,
  internal: EXIT.internal,
};

export function exitCodeFor(kind: ErrorKind): number {
  return EXIT_BY_KIND[kind];
}

/** What to do about a business code, where a flag can fix it. */
const BUSINESS_HINTS: Record<number, string> = {
  200010: 'check --staff',
  200012: 'check --tenant-id and the other settings',
};

function hintFor(error: AppError): string | null {
  switch (error.kind) {
    case 'config': {
      const entry = Object.entries(SETTING_LABELS).find(([, label]) => error.detail.startsWith(label));
      return entry ? SETTING_HINTS[entry[0] as keyof typeof SETTING_HINTS] : null;
    }
    case 'auth':
      return /client id or secret/.test(error.detail) ? 'check --client-id and --client-secret' : null;
    case 'business':
      return error.code === undefined ? null : (BUSINESS_HINTS[error.code] ?? null);
    default:
      return null;
  }
}

/** A single line, whatever the detail holds. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The failure with what to do about it, on one line: "base URL is not set (--base-url or YOUMI_BASE_URL)". */
export function describeFailure(error: AppError): string {
  const hint = hintFor(error);
  const prefix = error.kind === 'internal' ? 'internal error: ' : '';
  if (error.kind === 'config' && hint) return oneLine(`${error.detail} (${hint})`);
  return oneLine(`${prefix}${error.detail}${hint ? `: ${hint}` : ''}`);
}

export function failureLine(error: AppError): string {
  return `error: ${describeFailure(error)}`;
}
