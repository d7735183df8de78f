/**
 * When a todo is due. Occurrence k of a todo is `remindAt + k·interval` (k ≥ 0) for an
 * isAlways todo, k = 0 only otherwise. After a delivery at time t the next occurrence is
 * the first one strictly after t, so catching up after a sleep delivers once and never
 * multiplies. A snooze replaces the next occurrence; once the snooze has been delivered
 * the regular grid resumes after it (isAlways) or nothing follows (one-shot).
 */
import { toMs } from '../../../shared/time';
import type { Todo } from '../../../shared/todo';

/**
 * A todo's local records, already reduced by the marks module to those that apply to its
 * current remind time.
 */
export interface ReminderInputs {
  done: boolean;
  snoozeUntil: number | null;
  /** When the last occurrence for the current remind time was delivered. */
  firedAt: number | null;
  closed: boolean;
}

/** remindAt parsed once per todo object (sync replaces the object when it changes). */
const remindCache = new WeakMap<Todo, number | null>();
export function remindTime(todo: Todo): number | null {
  let t = remindCache.get(todo);
  if (t === undefined) {
    t = toMs(todo.remindAt);
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

/** The first pending due instant, before pause and quiet hours; null when none is left. */
export function nextDue(todo: Todo, local: ReminderInputs, intervalMs: number): number | null {
  if (local.closed || todo.state === 'handled' || todo.state === 'cancelled') return null;
  if (local.done) return null;
  if (local.snoozeUntil !== null) return local.snoozeUntil;
  const r = remindTime(todo);
  if (r === null) return null;
  const fired = local.firedAt;
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
  if (local.snoozeUntil === due) return { due, snoozed: true };
  const r = remindTime(todo);
  if (todo.isAlways && r !== null) {
    return { due: Math.max(due, latestOccurrenceAtOrBefore(r, intervalMs, now) ?? due), snoozed: false };
  }
  return { due, snoozed: false };
}
