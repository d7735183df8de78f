/**
 * The Youmi server speaks China time (+08:00) in every timestamp, with .NET's
 * 7-digit tick fractions on some fields and 6 on others. These helpers render and
 * read that form without touching the host's time zone (tests run in any TZ).
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * `fraction` = number of fractional digits (0, 6 or 7). Digits beyond the
 * millisecond come from `subMs` (0..9999), so data can look like real .NET ticks.
 */
export function formatChinaTime(epochMs: number, fraction: 0 | 3 | 6 | 7 = 0, subMs = 0): string {
  const ms = Math.floor(epochMs);
  const iso = new Date(ms + CHINA_OFFSET_MS).toISOString(); // 2024-08-07T14:55:39.444Z, shifted to China wall time
  const base = iso.slice(0, 19);
  if (fraction === 0) return `${base}+08:00`;
  const millis = iso.slice(20, 23);
  const extra = String(Math.abs(Math.floor(subMs)) % 10000).padStart(4, '0');
  return `${base}.${(millis + extra).slice(0, fraction)}+08:00`;
}

const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads "yyyy-MM-dd HH:mm:ss" (the .NET habit, China time) or ISO 8601 with or
 * without an offset; a missing offset means China time. Returns epoch ms, or null
 * when the text is not a valid time (including impossible dates like 02-30).
 */
export function parseChinaTime(text: string): number | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let offsetMs = CHINA_OFFSET_MS;
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') offsetMs = 0;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
  }
  return wall - offsetMs;
}

/** Epoch ms of 00:00 China time on the China calendar day containing `epochMs`, shifted by `days`. */
export function chinaMidnight(epochMs: number, days = 0): number {
  const wall = epochMs + CHINA_OFFSET_MS;
  const dayStartWall = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  return dayStartWall - CHINA_OFFSET_MS + days * 86_400_000;
}
