import { describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/main/service/ports';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { DAY, HOUR, MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';

const iso = (t: number) => new Date(t).toISOString();

describe('sleep and wall-clock jumps', () => {
  it('after an 8 h sleep delivers what fell due once, as one summary, within a minute of waking', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + 5 * MIN), isAlways: true }),
      makeTodo({ id: 2, remindAt: iso(T0 + HOUR) }),
      makeTodo({ id: 3, remindAt: iso(T0 + 2 * HOUR) }),
      makeTodo({ id: 4, remindAt: iso(T0 + 3 * HOUR) }),
      makeTodo({ id: 5, remindAt: iso(T0 + 4 * HOUR) }),
    ];
    const h = await harness({ source });
    await h.run(5 * MIN);
    expect(h.notifier.events).toHaveLength(1);
    const polls = source.listCalls;

    h.clock.jump(8 * HOUR); // suspended: wall moves, monotonic time and timers do not
    await h.run(60_000);
    expect(h.notifier.events).toHaveLength(2);
    const summary = h.notifier.events[1]!;
    expect(summary.kind).toBe('summary');
    expect(summary.todoIds).toEqual([2, 3, 4, 5, 1]);
    expect(h.logs.some((l) => l.startsWith('clock: wall clock jumped 28800 s'))).toBe(true);
    expect(source.listCalls).toBeGreaterThan(polls); // resynced on wake

    // The isAlways todo resumes on its grid (09:05 + k·10 min), not 48 catch-ups.
    const next = h.service.snapshot().todos.find((t) => t.id === 1)!.nextReminderAt!;
    expect((Date.parse(next) - (T0 + 5 * MIN)) % (10 * MIN)).toBe(0);
    await h.run(Date.parse(next) - h.clock.now());
    expect(h.notifier.countFor(1)).toBe(3);
    await h.service.stop();
  });

  it('a clock set back an hour delays a reminder to its wall time, never early', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 30 * MIN) })];
    const h = await harness({ source });
    const firedAt: number[] = [];
    h.service.on('reminder', () => firedAt.push(h.clock.now()));
    await h.run(10 * MIN);
    h.clock.jump(-HOUR);
    await h.run(79 * MIN);
    expect(firedAt).toEqual([]);
    await h.run(MIN);
    expect(firedAt).toEqual([T0 + 30 * MIN]);
    expect(h.notifier.events[0]!.body).not.toContain('错过');
    await h.service.stop();
  });

  it('a clock set forward past a reminder delivers it once, marked as missed', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 2 * MIN) })];
    const h = await harness({ source });
    h.clock.jump(10 * MIN);
    await h.run(60_000);
    expect(h.notifier.events).toHaveLength(1);
    expect(h.notifier.events[0]!.body).toContain('错过的提醒，原定 09:02');
    await h.run(DAY);
    expect(h.notifier.events).toHaveLength(1);
    await h.service.stop();
  });

  it('notices a jump through its own late timer when the clock cannot report jumps', async () => {
    const inner = new VirtualClock(T0);
    // A clock without onJump (e.g. a plain setTimeout clock): only lateness reveals the jump.
    const bare: Clock = {
      now: () => inner.now(),
      setTimer: (fn, ms) => inner.setTimer(fn, ms),
      clearTimer: (h) => inner.clearTimer(h),
    };
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 30 * MIN), isAlways: true })];
    const h = await harness({ source, clock: bare as VirtualClock });
    const run = (ms: number) => inner.advanceAsync(ms, async () => {
      await h.service.whenIdle();
      await new Promise((r) => setImmediate(r));
    });
    await run(30 * MIN);
    expect(h.notifier.events).toHaveLength(1);
    const polls = source.listCalls;
    inner.jump(5 * HOUR);
    await run(60_000);
    expect(h.notifier.events).toHaveLength(2);
    expect(h.logs.some((l) => l.includes('late; re-checking'))).toBe(true);
    expect(source.listCalls).toBeGreaterThan(polls);
    await h.service.stop();
  });

  it('wake(resume) delivers at once and syncs, without waiting for the next check', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 2 * HOUR) })];
    const h = await harness({ source });
    const polls = source.listCalls;
    h.clock.jump(3 * HOUR);
    h.service.wake('resume');
    expect(h.notifier.events).toHaveLength(1);
    await h.service.whenIdle();
    expect(source.listCalls).toBe(polls + 1);
    await h.service.stop();
  });
});
