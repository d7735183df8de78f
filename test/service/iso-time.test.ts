import { describe, expect, it } from 'vitest';
import { toIso, toMs } from '../../shared/time';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-06T00:00:00.000Z');
const native = (t: number) => new Date(t).toISOString();

describe('toIso: the text of toISOString, with the day kept from the previous call', () => {
  it('matches toISOString within a day, across midnight and back, and on days far apart', () => {
    const times: number[] = [];
    for (let i = 0; i < 2_000; i++) times.push(T0 + i * 43_219); // a day in uneven steps
    times.push(T0 - 1, T0, T0 + DAY - 1, T0 + DAY, T0 - 1, T0 + 7, 0, -1, -DAY, -DAY - 1, 1, Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    times.push(Date.UTC(1969, 11, 31, 0, 0, 0, 5), -62_198_755_200_001, 253_402_300_800_000, 8.64e15, -8.64e15, 8.64e15 - DAY + 5);
    for (const t of times) expect(toIso(t)).toBe(native(t));
  });

  it('truncates a fractional time like a Date does, even on the day it formatted last', () => {
    toIso(T0);
    for (const t of [T0 + 1.5, T0 + 999.999, -0.5, -1.5]) expect(toIso(t)).toBe(native(t));
  });

  it('throws for an invalid time, also next to the last valid instant', () => {
    toIso(8.64e15);
    expect(() => toIso(8.64e15 + 1)).toThrow(RangeError);
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    toIso(-8.64e15);
    expect(() => toIso(-8.64e15 - 1)).toThrow(RangeError);
  });
});

describe('toMs: what Date.parse says, also for texts on the day toIso formatted last', () => {
  it('reads back what toIso wrote, on that day and on others', () => {
    for (let i = 0; i < 2_000; i++) {
      const t = T0 + i * 43_219;
      expect(toMs(toIso(t))).toBe(t);
      expect(toMs(native(t - 3 * DAY))).toBe(t - 3 * DAY);
    }
  });

  it('leaves anything but toIso’s exact form on that day to Date.parse', () => {
    toIso(T0 + 5);
    const texts = [
      '2025-01-06T24:00:00.000Z',
      '2025-01-06T23:59:60.000Z',
      '2025-01-06T23:60:00.000Z',
      '2025-01-06T1a:00:00.000Z',
      '2025-01-06T10:00:00.000z',
      '2025-01-06T10:00:00,000Z',
      '2025-01-06T10-00:00.000Z',
      '2025-01-06T10:00:00.000+08:00',
      '2025-01-06T10:00:00.0000',
      '2025-01-06T10:00:00Z',
      '2025-01-06t10:00:00.000Z',
      '2025-01-06T10:00:00.000Z ',
      '2025-01-06T10:00:00.00/Z',
      '2025-01-06T-1:00:00.000Z',
      '2025-01-06T00:00:00.000Z',
      '2025-01-06T23:59:59.999Z',
      '2025-01-06',
      'not a time',
    ];
    for (const s of texts) {
      const parsed = Date.parse(s);
      expect([s, toMs(s)]).toEqual([s, Number.isFinite(parsed) ? parsed : null]);
    }
    expect(toMs(null)).toBeNull();
    expect(toMs('')).toBeNull();
  });
});
