/**
 * One error class per kind of failure, so callers (sync status, CLI exit codes, the UI)
 * branch on `kind` instead of parsing messages. Messages never contain secrets.
 */
import type { AppError, ErrorKind } from '../../../shared/errors';

export abstract class YoumiError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: number | undefined;

  constructor(message: string, code?: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }

  toAppError(): AppError {
    return this.code === undefined
      ? { kind: this.kind, detail: this.message }
      : { kind: this.kind, code: this.code, detail: this.message };
  }
}

/** Settings a ConfigError can name, so each host can say where to fix it (flag, field…). */
export type ConfigSetting = 'baseUrl' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'tenantId' | 'staff' | 'tuning';

/** A required setting is missing or malformed (base URL, client id, staff code…). */
export class ConfigError extends YoumiError {
  readonly kind = 'config' as const;
  constructor(
    message: string,
    readonly setting?: ConfigSetting,
  ) {
    super(message);
  }
}

/** The caller asked for something the API cannot do (a remind time in the past, an empty title…). */
export class InvalidRequestError extends YoumiError {
  readonly kind = 'invalid-request' as const;
}

/** The token endpoint refused the credentials, or the API keeps rejecting the token. */
export class AuthError extends YoumiError {
  readonly kind = 'auth' as const;
  constructor(
    message: string,
    code?: number,
    /** True when the token endpoint refused the client id/secret (as opposed to the API refusing a token). */
    readonly credentialsRejected = false,
  ) {
    super(message, code);
  }
}

/** DNS, refused, reset: the server could not be reached. */
export class NetworkError extends YoumiError {
  readonly kind = 'network' as const;
}

export class TimeoutError extends YoumiError {
  readonly kind = 'timeout' as const;
}

/** HTTP 5xx/429 after retries, or another unexpected HTTP status; `code` is the status. */
export class ServerError extends YoumiError {
  readonly kind = 'server' as const;
}

/** An envelope with succeed=false; `code` is errmsg. */
export class BusinessError extends YoumiError {
  readonly kind = 'business' as const;
  constructor(
    message: string,
    code: number,
    readonly meaningZh: string | null,
    readonly meaningEn: string | null,
    /** The envelope's errdesc, when it says more than the code's meaning. */
    public serverText: string | null = null,
  ) {
    super(message, code);
  }

  override toAppError(): AppError {
    const base = super.toAppError();
    return this.serverText ? { ...base, serverText: this.serverText } : base;
  }
}

/** Not JSON, not an envelope, too large. */
export class BadResponseError extends YoumiError {
  readonly kind = 'bad-response' as const;
}

export const isYoumiError = (e: unknown): e is YoumiError => e instanceof YoumiError;

/** Any thrown value as a crossing-safe AppError. */
export function toAppError(e: unknown): AppError {
  if (isYoumiError(e)) return e.toAppError();
  return { kind: 'internal', detail: e instanceof Error ? e.message : String(e) };
}
