/**
 * The time rules main and renderer share: how a stored time (ISO 8601) becomes an instant,
 * when two remind times are the same, and when an open todo is due, overdue or due today.
 * The tray, the window and the scheduler all ask here, so they never disagree. The API's
 * own time notations are read once, into ISO, by ./wire-time.ts.
 */

/** Milliseconds since the epoch for an ISO time, or null when absent or unparsable. */
export function toMs(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const t = onIsoDay(iso);
  if (t >= 0) return t;
  const parsed = Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : null;
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

/** The number written by `n` digits at `i`, or -1 when one is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The instant of a text in toIso's own form on the day toIso formatted last, or -1 when the
 * text is anything else (then Date.parse decides). The scheduler reads back the fired and
 * snooze times the service wrote, mostly today's, for every reminder.
 */
function onIsoDay(s: string): number {
  const { prefix, start } = isoDay;
  const i = prefix.length;
  if (i === 0 || s.length !== i + 13 || !s.startsWith(prefix)) return -1;
  // "HH:mm:ss.sssZ"
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58 || s.charCodeAt(i + 8) !== 46 || s.charCodeAt(i + 12) !== 90) return -1;
  const h = digits(s, i, 2);
  const m = digits(s, i + 3, 2);
  const sec = digits(s, i + 6, 2);
  const ms = digits(s, i + 9, 3);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 || ms < 0) return -1;
  return start + h * 3_600_000 + m * 60_000 + sec * 1000 + ms;
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
