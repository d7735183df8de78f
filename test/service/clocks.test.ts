import { describe, expect, it } from 'vitest';
import { createSystemClock } from '../../electron/main/service/system-clock';
import { VirtualClock } from '../../electron/main/service/virtual-clock';

describe('virtual clock', () => {
  it('advance runs due timers in order, each at its own instant', () => {
    const c = new VirtualClock(1_000_000);
    const seen: [string, number][] = [];
    c.setTimer(() => seen.push(['b', c.now()]), 200);
    c.setTimer(() => seen.push(['a', c.now()]), 100);
    const h = c.setTimer(() => seen.push(['x', c.now()]), 150);
    c.setTimer(() => {
      seen.push(['c', c.now()]);
      c.setTimer(() => seen.push(['d', c.now()]), 0);
    }, 200);
    c.clearTimer(h);
    c.advance(199);
    expect(seen).toEqual([['a', 1_000_100]]);
    c.advance(1);
    expect(seen.map((s) => s[0])).toEqual(['a', 'b', 'c', 'd']);
    expect(c.now()).toBe(1_000_200);
  });

  it('jump moves the wall clock only; the capped re-check notices it within a minute', () => {
    const c = new VirtualClock(0);
    const jumps: number[] = [];
    c.onJump((d) => jumps.push(d));
    let fired = 0;
    c.setTimer(() => fired++, 3_600_000);
    c.jump(7_200_000);
    expect(fired).toBe(0);
    expect(c.monotonic).toBe(0);
    c.advance(59_999);
    expect(fired).toBe(0);
    c.advance(1);
    expect(fired).toBe(1);
    expect(jumps).toEqual([7_200_000]);
  });

  it('a timer armed for hours wakes the process at most once a minute, and exactly on time', () => {
    const c = new VirtualClock(0);
    const at: number[] = [];
    c.setTimer(() => at.push(c.now()), 10 * 60_000 + 123);
    c.advance(60 * 60_000);
    expect(at).toEqual([10 * 60_000 + 123]);
    expect(c.stats.rawFires).toBe(11);
  });
});

describe('system clock', () => {
  it('fires on the wall-clock deadline after a jump and reports the jump', async () => {
    let offset = 0;
    const clock = createSystemClock({ maxArmMs: 20, unref: true, wallNow: () => Date.now() + offset });
    const jumps: number[] = [];
    clock.onJump((d) => jumps.push(d));
    const fired = new Promise<number>((resolve) => clock.setTimer(() => resolve(clock.now()), 3_600_000));
    offset = 3_600_000; // the machine slept for an hour (or the clock was set forward)
    const start = Date.now();
    const at = await fired;
    expect(Date.now() - start).toBeLessThan(500);
    expect(at).toBeGreaterThanOrEqual(start + 3_600_000);
    expect(jumps).toHaveLength(1);
    expect(Math.abs(jumps[0]! - 3_600_000)).toBeLessThan(100);
    clock.dispose();
  });

  it('fires a short timer on time without a jump', async () => {
    const clock = createSystemClock({ unref: true });
    const jumps: number[] = [];
    clock.onJump((d) => jumps.push(d));
    const start = Date.now();
    await new Promise<void>((resolve) => clock.setTimer(resolve, 30));
    expect(Date.now() - start).toBeGreaterThanOrEqual(29);
    expect(jumps).toEqual([]);
    clock.dispose();
  });
});
