/**
 * Error values that may cross process boundaries (IPC, WebSocket, CLI output).
 * They carry a kind and optional code, never a stack or a secret; each host renders
 * them in the user's language.
 */
export type ErrorKind =
  | 'config'
  | 'auth'
  | 'network'
  | 'timeout'
  | 'server'
  | 'business'
  | 'bad-response'
  | 'invalid-request'
  | 'not-found'
  | 'storage'
  | 'internal';

export interface AppError {
  kind: ErrorKind;
  /** errmsg code for business errors, HTTP status for server errors. */
  code?: number;
  /** A short, secret-free, English detail for logs and the CLI; the UI translates by kind/code. */
  detail: string;
  /** A business error's `errdesc`: the server's own words, shown next to the translated code. */
  serverText?: string;
  /** A rejected setting: which form field, and shared/settings.ts's problem key for it. */
  setting?: { field: string; problem: string };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
