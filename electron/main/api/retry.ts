/** When to try a failed request again, and how long to wait first. */

/** Full jitter (AWS architecture blog): a uniform wait in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(Math.max(0, Math.min(1, random())) * ceiling);
}

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds ("120", also "1.5") or an
 * HTTP date. null when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date names its month; without that check Date.parse takes "-5" for a year.
  if (!/[a-z]{3}/i.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Statuses that say "try again later" rather than "your request is wrong". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}
