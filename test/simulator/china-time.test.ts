import { describe, expect, it } from 'vitest';
import { chinaMidnight, formatChinaTime, parseChinaTime } from '../../electron/main/simulator/china-time';
import { T0 } from './helpers';

describe('China time', () => {
  it('formats +08:00 with 0, 6 or 7 fractional digits, whatever the host time zone', () => {
    expect(formatChinaTime(T0, 7, 8873)).toBe('2024-08-07T15:30:23.0568873+08:00');
    expect(formatChinaTime(T0, 6, 4440)).toBe('2024-08-07T15:30:23.056444+08:00');
    expect(formatChinaTime(T0)).toBe('2024-08-07T15:30:23+08:00');
    expect(formatChinaTime(Date.UTC(2024, 7, 17, 16, 0, 0))).toBe('2024-08-18T00:00:00+08:00');
  });

  it.each([
    ['2024-08-18T00:00:00+08:00', Date.UTC(2024, 7, 17, 16)],
    ['2024-08-07T14:55:39.444444+08:00', Date.UTC(2024, 7, 7, 6, 55, 39, 444)],
    ['2024-08-07T15:30:23.0568873+08:00', Date.UTC(2024, 7, 7, 7, 30, 23, 56)],
    ['2024-08-18 00:00:00', Date.UTC(2024, 7, 17, 16)],
    ['2024-08-18T00:00', Date.UTC(2024, 7, 17, 16)],
    ['2024-08-17T16:00:00Z', Date.UTC(2024, 7, 17, 16)],
    ['2024-08-17T12:00:00-0400', Date.UTC(2024, 7, 17, 16)],
  ])('parses %s', (text, ms) => {
    expect(parseChinaTime(text)).toBe(ms);
  });

  it.each(['', 'tomorrow', '2024-13-01 00:00:00', '2024-02-30T00:00:00', '2024-08-18 24:00:00', '18/08/2024'])(
    'refuses %j',
    (text) => {
      expect(parseChinaTime(text)).toBeNull();
    },
  );

  it('finds China midnight', () => {
    expect(chinaMidnight(T0)).toBe(Date.UTC(2024, 7, 6, 16));
    expect(chinaMidnight(Date.UTC(2024, 7, 6, 15, 59), 0)).toBe(Date.UTC(2024, 7, 5, 16));
    expect(chinaMidnight(T0, 1)).toBe(Date.UTC(2024, 7, 7, 16));
  });
});
