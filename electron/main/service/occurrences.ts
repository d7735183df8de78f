/**
 * When a todo is due. Occurrence k of a todo is `remindAt + k·interval` (k ≥ 0) for an
 * isAlways todo, k = 0 only otherwise. After a delivery at time t the next occurrence is
 * the first one strictly after t, so catching up after a sleep delivers once and never
 * multiplies. A snooze replaces the next occurrence; once the snooze has been delivered
 * the regular grid resumes after it (isAlways) or nothing follows (one-shot).
 */
import type { Todo } from '../../../shared/todo';
import type { DoneMark, FiredRecord, SnoozeRecord } from '../store/schema';

export interface ReminderInputs {
  done: DoneMark | undefined;
  snooze: SnoozeRecord | undefined;
  fired: FiredRecord | undefined;
  closed: boolean;
}

export const parseTime = (iso: string | null | undefined): number | null => {
  if (iso === null || iso === undefined) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/** remindAt parsed once per todo object (sync replaces the object when it changes). */
const remindCache = new WeakMap<Todo, number | null>();
export function remindTime(todo: Todo): number | null {
  let t = remindCache.get(todo);
  if (t === undefined) {
    t = parseTime(todo.remindAt);
    remindCache.set(todo, t);
  }
  return t;
}

/** The largest `r + k·interval ≤ t` (k ≥ 0), or null when t < r. */
export function latestOccurrenceAtOrBefore(r: number, intervalMs: number, t: number): number | null {
  if (t < r) return null;
  return r + Math.floor((t - r) / intervalMs) * intervalMs;
}

/** The smallest `r + k·interval > t` (k ≥ 0). */
export function firstOccurrenceAfter(r: number, intervalMs: number, t: number): number {
  if (t < r) return r;
  return r + (Math.floor((t - r) / intervalMs) + 1) * intervalMs;
}

/** Records made for another remindAt no longer apply (the server rescheduled the todo). */
const applies = (rec: { remindAt: string | null } | undefined, todo: Todo): boolean =>
  rec !== undefined && sameInstant(rec.remindAt, todo.remindAt);

export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return Date.parse(a) === Date.parse(b);
}

/** The first pending due instant, before pause and quiet hours; null when none is left. */
export function nextDue(todo: Todo, local: ReminderInputs, intervalMs: number): number | null {
  if (local.closed || todo.state === 'handled' || todo.state === 'cancelled') return null;
  if (local.done && sameInstant(local.done.remindAtWhenDone, todo.remindAt)) return null;
  if (applies(local.snooze, todo)) {
    const s = parseTime(local.snooze!.until);
    if (s !== null) return s;
  }
  const r = remindTime(todo);
  if (r === null) return null;
  const fired = applies(local.fired, todo) ? parseTime(local.fired!.at) : null;
  if (!todo.isAlways) return fired === null ? r : null;
  return fired === null ? r : firstOccurrenceAfter(r, intervalMs, fired);
}

/**
 * What to deliver at `now` for a todo whose first pending due instant `due` has passed:
 * the snooze, the one-shot remindAt, or the latest isAlways occurrence (so a catch-up
 * names the occurrence it stands for).
 */
export function occurrenceAt(
  todo: Todo,
  local: ReminderInputs,
  intervalMs: number,
  due: number,
  now: number,
): { due: number; snoozed: boolean } {
  if (applies(local.snooze, todo) && parseTime(local.snooze!.until) === due) return { due, snoozed: true };
  const r = remindTime(todo);
  if (todo.isAlways && r !== null) {
    return { due: Math.max(due, latestOccurrenceAtOrBefore(r, intervalMs, now) ?? due), snoozed: false };
  }
  return { due, snoozed: false };
}

export const occurrenceKey = (id: number, due: number): string => `${id}@${new Date(due).toISOString()}`;
