/**
 * The service against the real simulator over loopback HTTP, through the real API
 * client, with state on disk; time is virtual (the simulator shares the clock).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN } from './support/fixtures';
import { T0 } from './support/harness';
import { world, type World } from './support/simulated';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

describe('the service over real HTTP', () => {
  it('drives three days of reminders in milliseconds; a restart repeats nothing', async () => {
    const once = w.add(T0 + HOUR, { title: '回访客户确认收货' });
    const always = w.add(T0 + 2 * HOUR, { isAlways: true });
    const later = w.add(T0 + DAY + 3 * HOUR);
    const h = await w.service({ settings: { pollIntervalSec: 3600 } });
    expect(h.service.snapshot().todos.map((t) => t.id).sort()).toEqual([once, always, later].sort());

    await h.run(DAY); // 09:00 next day: #always has fired 09:00-day1 .. 09:00-day2 every 10 min
    expect(h.notifier.countFor(once)).toBe(1);
    expect(h.notifier.events.find((e) => e.todoIds[0] === once)!.title).toBe('【紧急】回访客户确认收货');
    expect(h.notifier.countFor(always)).toBe(22 * 6 + 1);
    w.sim.admin.handle(always);
    await h.run(HOUR); // one poll
    const afterHandled = h.notifier.countFor(always);
    expect(afterHandled).toBeLessThanOrEqual(22 * 6 + 1 + 6);
    expect(h.service.snapshot().todos.find((t) => t.id === always)!.closed?.reason).toBe('handled');

    await h.run(2 * DAY);
    expect(h.notifier.countFor(always)).toBe(afterHandled);
    expect(h.notifier.countFor(later)).toBe(1);
    await h.service.stop();

    const again = await w.service({ settings: { pollIntervalSec: 3600 } });
    await again.run(DAY);
    expect(again.notifier.events).toHaveLength(0);
  });

  it('a todo handled on the server stops reminding within one poll', async () => {
    const id = w.add(T0 + MIN, { isAlways: true });
    const h = await w.service();
    await h.run(21 * MIN + 30_000);
    expect(h.notifier.countFor(id)).toBe(3); // 09:01, 09:11, 09:21
    w.sim.admin.handle(id);
    const handledAt = h.clock.now();
    await h.run(60_000);
    const closed = h.service.snapshot().todos[0]!.closed!;
    expect(closed.reason).toBe('handled');
    expect(Date.parse(closed.at) - handledAt).toBeLessThanOrEqual(60_000);
    await h.run(DAY);
    expect(h.notifier.countFor(id)).toBe(3);
  });

  it('paging that ignores pageIndex never closes the todos it leaves out', async () => {
    // Ids ascend while remind times descend: the 50 todos the broken paging leaves out
    // (ids 101–150) are the ones due first.
    const ids: number[] = [];
    for (let i = 0; i < 150; i++) ids.push(w.add(T0 + 3 * HOUR - i * MIN));
    const h = await w.service({ settings: { pollIntervalSec: 900 } });
    expect(h.service.snapshot().todos).toHaveLength(150);
    w.sim.admin.setPaging({ ignorePageIndex: true });
    await h.run(HOUR + 15 * MIN); // 10:15: due so far are ids[149] (09:31) … ids[105] (10:15)
    expect(h.service.snapshot().todos.filter((t) => t.closed !== null)).toEqual([]);
    expect(h.notifier.events.map((e) => e.todoIds[0])).toEqual(ids.slice(105).reverse());
    // The left-out todos were looked up by id, not taken for gone.
    const looked = new Set(
      w.sim.admin
        .requestLog()
        .map((r) => (r.body as { chargeDaffairesId?: number } | null)?.chargeDaffairesId)
        .filter((id) => id !== undefined),
    );
    expect(ids.slice(100).every((id) => looked.has(id))).toBe(true);
  });

  it('a page size capped by the server still reads everything', async () => {
    for (let i = 0; i < 120; i++) w.add(T0 + HOUR + i * MIN);
    w.sim.admin.setPaging({ cap: 7 });
    const h = await w.service({ settings: { pollIntervalSec: 3600 } });
    expect(h.service.snapshot().todos).toHaveLength(120);
    await h.run(HOUR + 119 * MIN);
    expect(h.notifier.events).toHaveLength(120);
  });

  it('a todo removed and re-added between polls is not closed; one removed for good is, after two polls', async () => {
    const flicker = w.add(T0 + 30 * MIN, { id: 501 });
    const gone = w.add(T0 + 40 * MIN, { id: 502 });
    const h = await w.service();
    const row = w.sim.admin.todos().find((t) => t.id === flicker)!;
    w.sim.admin.remove(flicker);
    w.sim.admin.remove(gone);
    await h.run(60_000);
    expect(h.service.snapshot().todos.filter((t) => t.closed)).toEqual([]);
    w.sim.admin.addTodo({ ...row });
    await h.run(60_000);
    const closed = h.service.snapshot().todos.filter((t) => t.closed).map((t) => [t.id, t.closed!.reason]);
    expect(closed).toEqual([[gone, 'gone']]);
    await h.run(HOUR);
    expect(h.notifier.events.map((e) => e.todoIds[0])).toEqual([flicker]);
  });

  it('offline: status says so, reminders still fire from the saved list, recovery on online', async () => {
    const id = w.add(T0 + 10 * MIN);
    const h = await w.service();
    w.sim.admin.injectFault({ kind: 'reset', times: Infinity });
    await h.run(2 * MIN);
    expect(h.service.status()).toMatchObject({ state: 'offline', lastError: { kind: 'network' } });
    await h.run(8 * MIN);
    expect(h.notifier.countFor(id)).toBe(1);
    w.sim.admin.clearFaults();
    h.service.wake('online');
    await h.service.whenIdle();
    expect(h.service.status().state).toBe('ok');
    expect(h.service.status().lastError).toBeNull();
  });

  it('wrong credentials report auth-failed and back off for five minutes', async () => {
    const { createYoumiClient } = await import('../../electron/main/api/client');
    const bad = createYoumiClient({
      baseUrl: w.sim.url,
      tokenUrl: w.sim.tokenUrl,
      clientId: w.sim.credentials.clientId,
      clientSecret: 'wrong',
      now: () => w.clock.now(),
      maxRetries: 0,
    });
    try {
      const h = await w.service({ source: bad });
      expect(h.service.status()).toMatchObject({ state: 'auth-failed', lastError: { kind: 'auth' } });
      expect(Date.parse(h.service.status().nextSyncAt!) - h.clock.now()).toBe(5 * MIN);
    } finally {
      await bad.close();
    }
  });

  it('a server-side change of a done todo\'s remind time reopens it as a new occurrence', async () => {
    const id = w.add(T0 + 5 * MIN);
    const h = await w.service();
    await h.run(5 * MIN);
    expect(h.service.markDone([id]).ok).toBe(true);
    const { formatChinaTime } = await import('../../electron/main/simulator/china-time');
    w.sim.admin.updateTodo(id, { remindTime: formatChinaTime(T0 + HOUR) });
    await h.run(60_000);
    expect(h.service.snapshot().todos[0]!.local.done).toBe(false);
    await h.run(HOUR);
    expect(h.notifier.events.map((e) => e.at)).toEqual([
      new Date(T0 + 5 * MIN).toISOString(),
      new Date(T0 + HOUR).toISOString(),
    ]);
  });
});
