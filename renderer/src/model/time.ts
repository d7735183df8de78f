import { addDays, differenceInSeconds, format, formatDistanceStrict, formatISO, isSameDay, isSameYear, isValid, parseISO } from 'date-fns';
import type { Locale } from 'date-fns';

export { toMs } from '../../../shared/time';

export interface TimePatterns {
  absolute: string;
  today: string;
  tomorrow: string;
  sameYear: string;
  otherYear: string;
  now: string;
}

/** "3 小时前" / "in 20 minutes"; "现在" within a minute. */
export function relativeTime(ms: number, now: number, locale: Locale, patterns: TimePatterns): string {
  if (Math.abs(differenceInSeconds(ms, now)) < 60) return patterns.now;
  return formatDistanceStrict(ms, now, { addSuffix: true, locale, roundingMethod: 'floor' });
}

/** The full local time, for hover titles. */
export function absoluteTime(ms: number, locale: Locale, patterns: TimePatterns): string {
  return format(ms, patterns.absolute, { locale });
}

/** A compact local time: "今天 14:30", "明天 09:00", "8月18日 09:00". */
export function shortTime(ms: number, now: number, locale: Locale, patterns: TimePatterns): string {
  if (isSameDay(ms, now)) return format(ms, patterns.today, { locale });
  if (isSameDay(ms, addDays(now, 1))) return format(ms, patterns.tomorrow, { locale });
  return format(ms, isSameYear(ms, now) ? patterns.sameYear : patterns.otherYear, { locale });
}

/** "HH:mm" in local time. */
export function clockTime(ms: number): string {
  return format(ms, 'HH:mm');
}

/** The value an `<input type="datetime-local">` shows for a time (local, minutes). */
export function toDatetimeLocal(ms: number): string {
  return format(ms, "yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local value ("2024-08-18T09:30") as ISO 8601 with the local offset, or null. */
export function datetimeLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = parseISO(value);
  return isValid(date) ? formatISO(date) : null;
}
