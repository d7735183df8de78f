import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';
import { createMemoryStore } from '../../electron/main/store/memory-store';

const iso = (t: number) => new Date(t).toISOString();

describe('reminders on a virtual clock', () => {
  it('fires a one-shot todo exactly at its remind time, once, with the agreed text', async () => {
    const source = new FakeSource();
    const todo = makeTodo({ id: 1, remindAt: iso(T0 + 30 * MIN), title: '回访客户确认收货' });
    source.todos = [todo];
    const h = await harness({ source });

    await h.run(30 * MIN - 1);
    expect(h.notifier.events).toHaveLength(0);
    await h.run(1);
    expect(h.notifier.events).toHaveLength(1);
    const ev = h.notifier.events[0]!;
    expect(ev).toMatchObject({
      key: `1@${iso(T0 + 30 * MIN)}`,
      kind: 'single',
      todoIds: [1],
      title: '【紧急】回访客户确认收货',
      repeats: false,
      openTodoId: 1,
      at: iso(T0 + 30 * MIN),
    });
    expect(ev.body.split('\n')).toEqual(['确认收货情况', '客户：wxid_cdh8t1ajl8qm22', '运营号：个微P06']);
    expect(h.service.stats().scheduler.maxLatenessMs).toBe(0);

    await h.run(3 * DAY);
    expect(h.notifier.events).toHaveLength(1);
    await h.service.stop();
  });

  it('repeats an isAlways todo every 10 minutes: 145 reminders over 24 h, until done', async () => {
    const source = new FakeSource();
    const r = T0 + 10 * MIN;
    source.todos = [makeTodo({ id: 7, remindAt: iso(r), isAlways: true })];
    const h = await harness({ source });

    await h.run(r + DAY - T0);
    expect(h.notifier.countFor(7)).toBe(145);
    const dues = h.notifier.events.map((e) => Date.parse(e.at));
    expect(dues[0]).toBe(r);
    expect(dues.at(-1)).toBe(r + DAY);
    expect(new Set(h.notifier.events.map((e) => e.key)).size).toBe(145);
    expect(h.notifier.events[0]!.body).toContain('每 10 分钟提醒，直到完成');

    expect(h.service.markDone([7])).toEqual({ ok: true, value: null });
    await h.run(DAY);
    expect(h.notifier.countFor(7)).toBe(145);
    await h.service.stop();
  });

  it('honours the repeat-interval setting and re-arms when it changes', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 8, remindAt: iso(T0), isAlways: true })];
    const h = await harness({ source, settings: { repeatIntervalMin: 30 } });
    await h.run(HOUR);
    expect(h.notifier.countFor(8)).toBe(3); // 09:00, 09:30, 10:00
    h.service.updateSettings({ repeatIntervalMin: 5 });
    await h.run(10 * MIN);
    expect(h.notifier.countFor(8)).toBe(5); // 10:05, 10:10
    await h.service.stop();
  });

  it('snooze replaces the next occurrence (10m, 1h, tomorrow 09:00, a chosen time)', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + MIN) }),
      makeTodo({ id: 2, remindAt: iso(T0 + MIN), isAlways: true }),
      makeTodo({ id: 3, remindAt: iso(T0 + 2 * HOUR) }),
      makeTodo({ id: 4, remindAt: iso(T0 + MIN) }),
    ];
    const h = await harness({ source });
    await h.run(2 * MIN);
    expect(h.notifier.events.map((e) => e.todoIds[0])).toEqual([1, 2, 4]);

    expect(h.service.snooze([1], '10m').ok).toBe(true);
    expect(h.service.snooze([2], '1h').ok).toBe(true);
    expect(h.service.snooze([3], 'tomorrow').ok).toBe(true); // before it was ever due
    expect(h.service.snooze([4], '2025-01-06T15:30:00+08:00').ok).toBe(true);
    const snap = h.service.snapshot();
    expect(snap.todos.find((t) => t.id === 3)!.local.snoozedUntil).toBe('2025-01-07T01:00:00.000Z');
    expect(snap.todos.find((t) => t.id === 1)!.nextReminderAt).toBe(iso(T0 + 12 * MIN));
    h.notifier.clear();

    await h.run(10 * MIN); // 09:12
    expect(h.notifier.events.map((e) => [e.todoIds[0], e.body.includes('稍后提醒')])).toEqual([[1, true]]);
    await h.run(50 * MIN); // 10:02: the 09:11…10:01 repeats of #2 were replaced by the snooze
    expect(h.notifier.countFor(2)).toBe(1);
    expect(Date.parse(h.notifier.events.find((e) => e.todoIds[0] === 2)!.at)).toBe(T0 + 62 * MIN);
    await h.run(9 * MIN); // 10:11: the grid resumes (09:01 + k·10 min)
    expect(h.notifier.countFor(2)).toBe(2);

    await h.run(Date.parse('2025-01-06T15:30:00+08:00') - h.clock.now());
    expect(h.notifier.countFor(4)).toBe(1);
    expect(h.notifier.countFor(3)).toBe(0); // 11:00 was replaced by tomorrow 09:00
    await h.run(Date.parse('2025-01-07T09:00:00+08:00') - h.clock.now());
    expect(h.notifier.countFor(3)).toBe(1);
    expect(h.notifier.countFor(1)).toBe(1);

    expect(h.service.snooze([1], 'soon')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(h.service.snooze([1], '2020-01-01T00:00:00Z')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(h.service.snooze([999], '10m')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    await h.service.stop();
  });

  it('pause holds every reminder until it ends, then delivers what fell due once', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + 10 * MIN) }),
      makeTodo({ id: 2, remindAt: iso(T0 + 5 * MIN), isAlways: true }),
    ];
    const h = await harness({ source });
    expect(h.service.pause('1h').ok).toBe(true);
    expect(h.service.snapshot().reminders.pausedUntil).toBe(iso(T0 + HOUR));
    await h.run(HOUR - 1);
    expect(h.notifier.events).toHaveLength(0);
    await h.run(1);
    // Each once (the isAlways todo is not repeated for the 6 steps it missed).
    expect(h.notifier.events.map((e) => e.todoIds[0]).sort()).toEqual([1, 2]);
    expect(h.notifier.events.every((e) => e.body.includes('错过的提醒'))).toBe(true);
    await h.run(10 * MIN);
    expect(h.notifier.countFor(2)).toBe(2); // 10:05

    h.service.pause('30m');
    await h.run(12 * MIN);
    expect(h.notifier.countFor(2)).toBe(2);
    h.service.pause('off');
    await h.run(0);
    expect(h.notifier.countFor(2)).toBe(3); // resumed at once
    expect(h.service.snapshot().reminders.pausedUntil).toBeNull();
    await h.service.stop();
  });

  it('quiet hours spanning midnight hold reminders and deliver them when they end', async () => {
    const source = new FakeSource();
    const at = (s: string) => Date.parse(s);
    source.todos = [
      makeTodo({ id: 1, remindAt: '2025-01-06T23:00:00+08:00' }),
      makeTodo({ id: 2, remindAt: '2025-01-06T21:40:00+08:00', isAlways: true }),
      makeTodo({ id: 3, remindAt: '2025-01-07T07:00:00+08:00' }),
    ];
    const h = await harness({ source, settings: { quietHours: { enabled: true, start: '22:00', end: '08:00' } } });
    await h.run(at('2025-01-06T22:00:00+08:00') - T0);
    expect(h.notifier.countFor(2)).toBe(2); // 21:40, 21:50
    expect(h.service.snapshot().todos.find((t) => t.id === 1)!.nextReminderAt).toBe('2025-01-07T00:00:00.000Z');
    await h.run(at('2025-01-07T08:00:00+08:00') - h.clock.now() - 1);
    expect(h.notifier.events).toHaveLength(2);
    expect(h.service.snapshot().reminders.quietNow).toBe(true);
    await h.run(1);
    expect(h.notifier.events.slice(2).map((e) => e.todoIds[0]).sort()).toEqual([1, 2, 3]);
    expect(Date.parse(h.notifier.events.find((e) => e.todoIds[0] === 2 && e.key.endsWith('00:00:00.000Z'))!.at)).toBe(
      at('2025-01-07T08:00:00+08:00'),
    );
    await h.run(10 * MIN);
    expect(h.notifier.countFor(2)).toBe(4); // 08:10
    await h.service.stop();
  });

  it('summarises more than 3 reminders missed while the app was closed; repeats are not multiplied', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 - 3 * HOUR) }),
      makeTodo({ id: 2, remindAt: iso(T0 - 2 * HOUR) }),
      makeTodo({ id: 3, remindAt: iso(T0 - HOUR) }),
      makeTodo({ id: 4, remindAt: iso(T0 - 8 * HOUR), isAlways: true }),
      makeTodo({ id: 5, remindAt: iso(T0 + HOUR) }),
    ];
    const h = await harness({ source });
    expect(h.notifier.events).toHaveLength(1);
    const s = h.notifier.events[0]!;
    expect(s.kind).toBe('summary');
    expect(s.key).toBe(`summary@${iso(T0)}`);
    expect(s.todoIds.sort()).toEqual([1, 2, 3, 4]);
    expect(s.title).toBe('错过了 4 条待办提醒');
    expect(s.openTodoId).toBe(1);
    await h.run(10 * MIN);
    expect(h.notifier.countFor(4)).toBe(2); // the next step after start, not 48 catch-ups
    await h.service.stop();
  });

  it('delivers 3 or fewer missed reminders one by one, saying when they were due', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 - HOUR) }),
      makeTodo({ id: 2, remindAt: iso(T0 - DAY) }),
      makeTodo({ id: 3, remindAt: iso(T0 - 2 * HOUR), isAlways: true }),
    ];
    const h = await harness({ source });
    expect(h.notifier.events.map((e) => e.kind)).toEqual(['single', 'single', 'single']);
    expect(h.notifier.events.find((e) => e.todoIds[0] === 1)!.body).toContain('错过的提醒，原定 08:00');
    expect(h.notifier.events.find((e) => e.todoIds[0] === 2)!.body).toContain('原定 01-05 09:00');
    await h.service.stop();
  });

  it('many todos due at the same minute: three come one by one, the rest as one summary two seconds later, for every host', async () => {
    const source = new FakeSource();
    source.todos = Array.from({ length: 10 }, (_, i) => makeTodo({ id: i + 1, remindAt: iso(T0 + 30 * MIN), title: `到点 ${i + 1}` }));
    const h = await harness({ source });
    const seen: string[] = [];
    h.service.on('reminder', (r) => seen.push(r.key)); // the window's toasts get the same events
    await h.run(30 * MIN);
    expect(h.notifier.events.map((e) => e.kind)).toEqual(['single', 'single', 'single']);
    await h.run(2000 - 1);
    expect(h.notifier.events).toHaveLength(3);
    await h.run(1);
    expect(h.notifier.events).toHaveLength(4);
    expect(h.notifier.events[3]).toMatchObject({ kind: 'summary', todoIds: [4, 5, 6, 7, 8, 9, 10], openTodoId: 4, title: '还有 7 个待办到了提醒时间' });
    expect(seen).toEqual(h.notifier.events.map((e) => e.key));
    // All ten were recorded as delivered: nothing comes again.
    await h.run(DAY);
    expect(h.notifier.events).toHaveLength(4);
    await h.service.stop();
  });

  it('a burst summary is in English when the language is en; a burst window that has passed starts afresh', async () => {
    const source = new FakeSource();
    source.todos = [
      ...Array.from({ length: 5 }, (_, i) => makeTodo({ id: i + 1, remindAt: iso(T0 + MIN) })),
      makeTodo({ id: 9, remindAt: iso(T0 + MIN + 3000) }),
    ];
    const h = await harness({ source, settings: { language: 'en' } });
    await h.run(MIN + 3000);
    expect(h.notifier.events.map((e) => e.todoIds)).toEqual([[1], [2], [3], [4, 5], [9]]);
    expect(h.notifier.events[3]!.title).toBe('2 more todos are due');
    await h.service.stop();
  });

  it('writes English text when the language is en', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + MIN), isAlways: true, title: 'Call back' })];
    const h = await harness({ source, settings: { language: 'en' } });
    await h.run(MIN);
    expect(h.notifier.events[0]!.title).toBe('[紧急] Call back');
    expect(h.notifier.events[0]!.body).toContain('Repeats every 10 min until done');
    await h.service.stop();
  });

  it('uses one timer for 10,000 todos and arms it only for real deadlines', async () => {
    const source = new FakeSource();
    for (let i = 1; i <= 10_000; i++) source.todos.push(makeTodo({ id: i, remindAt: iso(T0 + HOUR + i * 1000) }));
    // Not serialising: this test is about timers, not about JSON of a 4 MB document.
    const h = await harness({ source, store: createMemoryStore({ serialize: false }) });
    await h.run(HOUR - MIN);
    expect(h.notifier.events).toHaveLength(0);
    const armsBefore = h.service.stats().scheduler.arms;
    expect(armsBefore).toBeLessThanOrEqual(2);
    await h.run(MIN + 10_000 * 1000);
    expect(h.notifier.events).toHaveLength(10_000);
    expect(h.service.stats().scheduler.maxLatenessMs).toBe(0);
    await h.service.stop();
  });

  it('a todo learned of after its remind time is reminded at once and says how late (issue 11 item 9)', async () => {
    const source = new FakeSource();
    const h = await harness({ source, settings: { pollIntervalSec: 60 } });
    // Created on the server 40 s before the next poll, with a remind time 3 minutes ago.
    await h.run(30 * MIN);
    source.todos = [makeTodo({ id: 41, remindAt: iso(h.clock.now() - 3 * MIN) })];
    await h.run(60_000);
    expect(h.notifier.events.map((e) => e.todoIds)).toEqual([[41]]);
    expect(h.notifier.events[0]!.body).toMatch(/（晚了 4 分钟）/);
    await h.service.stop();

    const en = await harness({ source: new FakeSource(), settings: { language: 'en' } });
    en.source.todos = [makeTodo({ id: 42, remindAt: iso(en.clock.now() - 2 * HOUR - 5 * MIN) })];
    await en.service.syncNow();
    await en.run(1000);
    expect(en.notifier.events[0]!.body).toMatch(/\(2 h 5 min late\)/);
    await en.service.stop();
  });
});
