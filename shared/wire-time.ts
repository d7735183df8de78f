/**
 * Wire times. The API speaks China time: ISO 8601 with +08:00 and 6 or 7 fractional
 * digits, sometimes no offset at all, sometimes "yyyy-MM-dd HH:mm:ss" (v1 even
 * "2018/5/11 14:32:40"). Everything is turned into an instant here, once, for main and
 * renderer; past this point the app only compares instants (shared/time.ts holds the
 * due / overdue / today rules), never wall-clock strings.
 */
const CHINA_OFFSET_MIN = 8 * 60;

const WIRE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** .NET's JSON date: "/Date(1723910400000+0800)/". */
const DOTNET_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * Years before this are placeholders rather than times: .NET serialises an unset
 * DateTime as 0001-01-01T00:00:00, and some backends use the Unix epoch.
 */
const MIN_YEAR = 1971;
const MAX_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return CHINA_OFFSET_MIN;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fromEpochNumber(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  // Unix seconds until the year 33658; beyond that it must be milliseconds.
  const ms = n < 1e12 ? n * 1000 : n;
  return inRange(ms) ? Math.floor(ms) : null;
}

function inRange(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return Number.isFinite(ms) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Milliseconds since the epoch, or null for empty, garbage and placeholder times. */
export function parseWireTimeMs(v: unknown): number | null {
  if (typeof v === 'number') return fromEpochNumber(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '') return null;
  if (/^\d{9,13}(?:\.\d+)?$/.test(s)) return fromEpochNumber(Number(s));
  const dotnet = DOTNET_DATE.exec(s);
  if (dotnet) return fromEpochNumber(Number(dotnet[1]));

  const m = WIRE_TIME.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? '0'), Number(m[5] ?? '0'), Number(m[6] ?? '0')];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = offsetMinutes(m[8]);
  if (offset === null) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return inRange(ms) ? ms : null;
}

/** ISO 8601 UTC ("2024-08-17T16:00:00.000Z"), or null. */
export function parseWireTime(v: unknown): string | null {
  const ms = parseWireTimeMs(v);
  return ms === null ? null : new Date(ms).toISOString();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "yyyy-MM-dd HH:mm:ss" in China time, the format AddRecordNew is sent (issue 2). */
export function formatChinaTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MIN * 60_000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}
