/**
 * The time rules main and renderer share: how a stored time (ISO 8601) becomes an instant,
 * when two remind times are the same, and when an open todo is due, overdue or due today.
 * The tray, the window and the scheduler all ask here, so they never disagree. The API's
 * own time notations are read once, into ISO, by ./wire-time.ts.
 */

/** Milliseconds since the epoch for an ISO time, or null when absent or unparsable. */
export function toMs(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

const DAY_MS = 86_400_000;
/** The largest time a Date holds (±), in ms. */
const MAX_TIME = 8.64e15;
/** The UTC day toIso formatted last: its first instant and its text up to the hour. */
let isoDay = { start: Number.NaN, prefix: '' };
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, the same text, without a Date per call: the date part is
 * kept from the previous call on the same UTC day, because the service formats every
 * reminder's due and fired times and those mostly fall on one day. Throws for an invalid
 * time like toISOString does.
 */
export function toIso(ms: number): string {
  const into = ms - isoDay.start;
  if (into >= 0 && into < DAY_MS && Number.isInteger(ms)) {
    return `${isoDay.prefix}${pad2(Math.floor(into / 3_600_000))}:${pad2(Math.floor(into / 60_000) % 60)}:${pad2(Math.floor(into / 1000) % 60)}.${pad3(into % 1000)}Z`;
  }
  const text = new Date(ms).toISOString();
  // "HH:mm:ss.sssZ" is the last 13 characters whatever the year's width (±YYYYYY).
  const start = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
  if (Number.isInteger(ms) && start + DAY_MS <= MAX_TIME) isoDay = { start, prefix: text.slice(0, -13) };
  return text;
}

/** Two remind times name the same instant (the server may change only the notation). */
export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return Date.parse(a) === Date.parse(b);
}

/** What the due rules need of a todo as the window and tray see it. */
export interface DueInputs {
  remindAt: string | null;
  local: { done: boolean; snoozedUntil: string | null };
  closed: unknown;
}

/**
 * When an open todo asks for attention: its snooze while that is still ahead, otherwise
 * its remind time; null when done, closed or without a remind time.
 */
export function dueAt(t: DueInputs, now: number): number | null {
  if (t.closed || t.local.done) return null;
  const snooze = toMs(t.local.snoozedUntil);
  if (snooze !== null && snooze > now) return snooze;
  return toMs(t.remindAt);
}

export type DueGroup = 'overdue' | 'today' | 'later' | 'none';

/** Overdue once due; today until local midnight (`dayEnd`); later after; none without a time. */
export function dueGroup(due: number | null, now: number, dayEnd: number): DueGroup {
  if (due === null) return 'none';
  if (due <= now) return 'overdue';
  return due < dayEnd ? 'today' : 'later';
}

/** Due now: open, with a remind time (or an ended snooze) at or before `now`. */
export function isDue(t: DueInputs, now: number): boolean {
  const due = dueAt(t, now);
  return due !== null && due <= now;
}
