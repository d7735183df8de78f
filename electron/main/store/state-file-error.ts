import type { AppError } from '../../../shared/errors';

/**
 * The state file could not be used (not JSON, unreadable, unknown version). It has been
 * moved to `movedTo` (kept for support, never deleted) and the app starts clean.
 */
export class StateFileError extends Error {
  readonly kind = 'storage' as const;
  constructor(
    message: string,
    readonly movedTo: string | null,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
  toAppError(): AppError {
    return { kind: 'storage', detail: this.message };
  }
}

/** Writing the state failed (disk full, permissions); the change stays in memory. */
export class StateWriteError extends Error {
  readonly kind = 'storage' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StateWriteError';
  }
  toAppError(): AppError {
    return { kind: 'storage', detail: this.message };
  }
}
