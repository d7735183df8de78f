/**
 * Local-time rules: quiet hours, snooze and pause choices. Local time is the process's
 * time zone (date-fns works on local Date fields), which is what the user sees on the
 * clock; every stored instant stays UTC.
 */
import { addDays, addHours, addMinutes, setHours, setMinutes, startOfDay } from 'date-fns';
import type { PauseChoice, QuietHours, SnoozeChoice } from '../../../shared/contract/types';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseHHmm(s: string): number | null {
  const m = HHMM.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const localMinutes = (t: number): number => {
  const d = new Date(t);
  return d.getHours() * 60 + d.getMinutes();
};

const atLocal = (dayOf: number, minutes: number): number =>
  setMinutes(setHours(startOfDay(dayOf), Math.floor(minutes / 60)), minutes % 60).getTime();

/** Whether `t` falls inside quiet hours [start, end), which may span midnight. */
export function isQuiet(t: number, q: QuietHours | null | undefined): boolean {
  if (!q?.enabled) return false;
  const start = parseHHmm(q.start);
  const end = parseHHmm(q.end);
  if (start === null || end === null || start === end) return false;
  const m = localMinutes(t);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The first instant at or after `t` that is outside quiet hours. */
export function quietEnd(t: number, q: QuietHours | null | undefined): number {
  if (!isQuiet(t, q)) return t;
  const end = parseHHmm(q!.end)!;
  let at = atLocal(t, end);
  if (at <= t) at = atLocal(addDays(startOfDay(t), 1).getTime(), end);
  return at;
}

/** 09:00 local time on the next calendar day. */
export const tomorrowMorning = (now: number): number => atLocal(addDays(startOfDay(now), 1).getTime(), 9 * 60);

export class ChoiceError extends Error {
  readonly kind = 'invalid-request' as const;
}

function parseIsoChoice(choice: string, now: number): number {
  // Only full ISO 8601 times with an offset: a bare "2025-01-06" would be read as UTC
  // midnight, 08:00 in China, which is not what anyone picking a date means.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(choice)) {
    throw new ChoiceError(`not a time choice: ${choice}`);
  }
  const t = Date.parse(choice);
  if (!Number.isFinite(t)) throw new ChoiceError(`not a time: ${choice}`);
  if (t <= now) throw new ChoiceError(`the time ${choice} has already passed`);
  return t;
}

export function resolveSnooze(choice: SnoozeChoice, now: number): number {
  switch (choice) {
    case '10m':
      return addMinutes(now, 10).getTime();
    case '1h':
      return addHours(now, 1).getTime();
    case 'tomorrow':
      return tomorrowMorning(now);
    default:
      return parseIsoChoice(choice, now);
  }
}

/** null = resume now ('off'). */
export function resolvePause(choice: PauseChoice, now: number): number | null {
  switch (choice) {
    case 'off':
      return null;
    case '30m':
      return addMinutes(now, 30).getTime();
    case '1h':
      return addHours(now, 1).getTime();
    case 'tomorrow':
      return tomorrowMorning(now);
    default:
      return parseIsoChoice(choice, now);
  }
}
