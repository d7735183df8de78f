/**
 * Shared marks: what a staff member did with a todo on any of their devices. The API
 * cannot store these (youmi-api.md §4), so the relay is their home. Last writer wins by
 * the relay's clock: a mark takes effect in the order the relay receives it, whatever the
 * device's clock said (client times are kept for the record only).
 */
export type MarkKind = 'done' | 'undo' | 'snooze' | 'handoff';
export const MARK_KINDS: readonly MarkKind[] = ['done', 'undo', 'snooze', 'handoff'];

/** What a device sends. */
export interface MarkInput {
  todoId: number;
  kind: MarkKind;
  /** snooze: ISO time. */
  until?: string;
  /** handoff: the colleague's staff code. */
  to?: string;
  /** When the user did it on the device (ISO); replayed marks carry their original time. */
  clientAt?: string;
}

/** The current state of one staff member's todo, as every device of theirs sees it. */
export interface SharedMark {
  todoId: number;
  kind: MarkKind;
  done: boolean;
  snoozedUntil: string | null;
  handedTo: string | null;
  /** Relay time (ISO) the mark was received. */
  at: string;
  deviceId: number;
}

const MAX_CLIENT_TEXT = 64;

/** A one-line reason, or null when the input is usable. */
export function checkMark(m: unknown): string | null {
  if (typeof m !== 'object' || m === null) return 'a mark must be an object';
  const r = m as Record<string, unknown>;
  if (!Number.isSafeInteger(r.todoId) || (r.todoId as number) <= 0) return 'todoId must be a positive integer';
  if (!MARK_KINDS.includes(r.kind as MarkKind)) return `kind must be one of ${MARK_KINDS.join(', ')}`;
  if (r.kind === 'snooze' && (typeof r.until !== 'string' || Number.isNaN(Date.parse(r.until)))) return 'snooze needs an ISO time in until';
  if (r.kind === 'handoff' && (typeof r.to !== 'string' || !r.to.trim() || r.to.length > MAX_CLIENT_TEXT)) return 'handoff needs a staff code in to';
  if (r.clientAt !== undefined && (typeof r.clientAt !== 'string' || r.clientAt.length > MAX_CLIENT_TEXT)) return 'clientAt must be an ISO time';
  return null;
}

/** The mark after `input`; `previous` carries over what the new kind does not change. */
export function nextMark(input: MarkInput, previous: SharedMark | null, at: number, deviceId: number): SharedMark {
  const base = { todoId: input.todoId, kind: input.kind, at: new Date(at).toISOString(), deviceId };
  switch (input.kind) {
    case 'done':
      return { ...base, done: true, snoozedUntil: null, handedTo: previous?.handedTo ?? null };
    case 'undo':
      return { ...base, done: false, snoozedUntil: null, handedTo: null };
    case 'snooze':
      return { ...base, done: false, snoozedUntil: new Date(Date.parse(input.until!)).toISOString(), handedTo: previous?.handedTo ?? null };
    case 'handoff':
      return { ...base, done: false, snoozedUntil: null, handedTo: input.to!.trim().toLowerCase() };
  }
}
