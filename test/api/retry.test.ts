import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../electron/main/api/retry';
import { formatChinaTime, parseWireTime } from '../../shared/wire-time';

describe('backoff with full jitter', () => {
  it('grows exponentially up to the cap, scaled by the random draw', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 500, 30_000, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(backoffDelay(10, 500, 30_000, () => 0.5)).toBe(15_000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(0);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-25T04:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(['2', '9'], now)).toBe(2000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 04:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 03:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('China time', () => {
  it('formats an instant as "yyyy-MM-dd HH:mm:ss" at +08:00 and reads it back', () => {
    const ms = Date.parse('2024-08-17T16:00:05Z');
    expect(formatChinaTime(ms)).toBe('2024-08-18 00:00:05');
    expect(parseWireTime(formatChinaTime(ms))).toBe('2024-08-17T16:00:05.000Z');
  });
});
