import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, NetworkError, ServerError } from '../../electron/main/api/errors';
import type { TodoChanges } from '../../electron/main/service/todo-service';
import { createMemoryStore } from '../../electron/main/store/memory-store';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { HOUR, MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';

const iso = (t: number) => new Date(t).toISOString();

describe('sync: closing only what is confirmed', () => {
  it('a todo handled on the server is closed within one poll and stops repeating', async () => {
    const source = new FakeSource();
    const todo = makeTodo({ id: 1, remindAt: iso(T0), isAlways: true });
    source.todos = [todo];
    const h = await harness({ source });
    const changes: TodoChanges[] = [];
    h.service.on('changes', (c) => changes.push(c));
    await h.run(20 * MIN);
    expect(h.notifier.countFor(1)).toBe(3);

    source.remove(1);
    source.archive.set(1, { ...todo, state: 'handled', stateCode: 1 });
    await h.run(60_000); // one poll interval
    expect(changes).toEqual([{ added: [], updated: [], closed: [{ id: 1, reason: 'handled' }], reopened: [] }]);
    const view = h.service.snapshot().todos.find((t) => t.id === 1)!;
    expect(view.closed).toEqual({ reason: 'handled', at: iso(h.clock.now()) });
    expect(view.nextReminderAt).toBeNull();
    await h.run(HOUR);
    expect(h.notifier.countFor(1)).toBe(3);
    await h.service.stop();
  });

  it('a cancelled todo is closed as cancelled', async () => {
    const source = new FakeSource();
    const todo = makeTodo({ id: 1, remindAt: iso(T0 + HOUR) });
    source.todos = [todo];
    const h = await harness({ source });
    source.remove(1);
    source.archive.set(1, { ...todo, state: 'cancelled', stateCode: 2 });
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed?.reason).toBe('cancelled');
    await h.run(2 * HOUR);
    expect(h.notifier.events).toHaveLength(0);
    await h.service.stop();
  });

  it('a todo missing from the list but still open (paging shift) stays open and still fires', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 30 * MIN) }), makeTodo({ id: 2, remindAt: iso(T0 + HOUR) })];
    const h = await harness({ source });
    source.hide.add(1);
    await h.run(29 * MIN);
    expect(source.lookups.filter((id) => id === 1).length).toBeGreaterThanOrEqual(20);
    expect(h.service.snapshot().todos.find((t) => t.id === 1)!.closed).toBeNull();
    await h.run(MIN);
    expect(h.notifier.countFor(1)).toBe(1);
    await h.service.stop();
  });

  it('a todo the server no longer has is closed as gone only after two polls in a row', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) })];
    const h = await harness({ source });
    source.remove(1);
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed).toBeNull();
    // Back in the next poll: the counter starts over.
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) })];
    await h.service.syncNow();
    source.remove(1);
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed).toBeNull();
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed?.reason).toBe('gone');
    await h.service.stop();
  });

  it('a todo reassigned to someone else is closed as gone after two polls', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) })];
    const h = await harness({ source });
    source.set(1, { recipients: ['b09'] });
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed).toBeNull();
    await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed?.reason).toBe('gone');
    await h.service.stop();
  });

  it('a failing lookup keeps the todo open and counts nothing', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) })];
    const h = await harness({ source });
    source.remove(1);
    source.getTodo = async () => {
      throw new NetworkError('connection reset');
    };
    for (let i = 0; i < 3; i++) await h.service.syncNow();
    expect(h.service.snapshot().todos[0]!.closed).toBeNull();
    expect(h.service.status().state).toBe('ok');
    await h.service.stop();
  });

  it('a server that changes the remind time of a done todo reopens it as a new occurrence', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 10 * MIN) })];
    const h = await harness({ source });
    await h.run(10 * MIN);
    expect(h.service.markDone([1]).ok).toBe(true);
    expect(h.service.snapshot().todos[0]!.local.done).toBe(true);
    const changes: TodoChanges[] = [];
    h.service.on('changes', (c) => changes.push(c));
    source.set(1, { remindAt: iso(T0 + 2 * HOUR) });
    await h.service.syncNow();
    expect(changes[0]!.reopened).toEqual([1]);
    const view = h.service.snapshot().todos[0]!;
    expect(view.local).toEqual({ done: false, doneAt: null, snoozedUntil: null });
    expect(view.nextReminderAt).toBe(iso(T0 + 2 * HOUR));
    await h.run(2 * HOUR - h.clock.now() + T0);
    expect(h.notifier.events.map((e) => e.key)).toEqual([`1@${iso(T0 + 10 * MIN)}`, `1@${iso(T0 + 2 * HOUR)}`]);
    await h.service.stop();
  });

  it('a new todo is added and reminded; an edited one keeps its done mark when the time stays', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + HOUR) })];
    const h = await harness({ source });
    h.service.markDone([1]);
    source.set(1, { title: '改了标题' });
    source.todos.push(makeTodo({ id: 2, remindAt: iso(T0 + 30 * MIN) }));
    const changes: TodoChanges[] = [];
    h.service.on('changes', (c) => changes.push(c));
    await h.service.syncNow();
    expect(changes).toEqual([{ added: [2], updated: [1], closed: [], reopened: [] }]);
    expect(h.service.snapshot().todos.find((t) => t.id === 1)!.local.done).toBe(true);
    await h.run(2 * HOUR);
    expect(h.notifier.events.map((e) => e.todoIds[0])).toEqual([2]);
    await h.service.stop();
  });
});

describe('sync: status and backoff', () => {
  it('backs off by doubling up to 5 minutes while offline, then recovers', async () => {
    const source = new FakeSource();
    const h = await harness({ source });
    const s0 = h.service.status();
    expect(s0.state).toBe('ok');
    expect(s0.lastSuccessAt).toBe(iso(T0));
    expect(s0.nextSyncAt).toBe(iso(T0 + 60_000));

    source.failWith = new NetworkError('ECONNREFUSED');
    const gaps: number[] = [];
    let last = h.clock.now();
    let calls = source.listCalls;
    for (let i = 0; i < 25 * 60; i++) {
      await h.run(1000);
      if (source.listCalls !== calls) {
        calls = source.listCalls;
        gaps.push((h.clock.now() - last) / 1000);
        last = h.clock.now();
      }
    }
    expect(gaps.slice(0, 6)).toEqual([60, 120, 240, 300, 300, 300]);
    const s = h.service.status();
    expect(s.state).toBe('offline');
    expect(s.lastError).toEqual({ kind: 'network', detail: 'ECONNREFUSED' });
    expect(s.lastSuccessAt).toBe(iso(T0));

    source.failWith = null;
    h.service.wake('online');
    await h.service.whenIdle();
    expect(h.service.status()).toEqual({
      state: 'ok',
      lastSuccessAt: iso(h.clock.now()),
      lastError: null,
      nextSyncAt: iso(h.clock.now() + 60_000),
    });
    await h.service.stop();
  });

  it('maps errors to statuses: auth-failed, config-missing, error', async () => {
    const source = new FakeSource();
    const h = await harness({ source });
    const states: string[] = [];
    h.service.on('status', (s) => states.push(s.state));
    source.failWith = new AuthError('invalid_client');
    await h.service.syncNow();
    expect(h.service.status().state).toBe('auth-failed');
    expect(Date.parse(h.service.status().nextSyncAt!) - h.clock.now()).toBe(5 * MIN);
    source.failWith = new ConfigError('base URL is not set');
    await h.service.syncNow();
    expect(h.service.status().state).toBe('config-missing');
    source.failWith = new ServerError('HTTP 500', 500);
    await h.service.syncNow();
    expect(h.service.status()).toMatchObject({ state: 'error', lastError: { kind: 'server', code: 500 } });
    expect(states).toEqual(['syncing', 'auth-failed', 'syncing', 'config-missing', 'syncing', 'error']);
    await h.service.stop();
  });

  it('without a staff code reports config-missing and never calls the API', async () => {
    const source = new FakeSource();
    const h = await harness({ source, staff: null });
    expect(h.service.status().state).toBe('config-missing');
    expect(source.listCalls).toBe(0);
    await h.service.setSource(source, 'b08');
    expect(h.service.status().state).toBe('ok');
    expect(source.listCalls).toBe(1);
    await h.service.stop();
  });

  it('syncNow before start (a one-shot CLI command) syncs once, schedules nothing, reminds nothing', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 - HOUR) })];
    const h = await harness({ source, start: false });
    expect(h.service.markDone([1])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const status = await h.service.syncNow();
    expect(status).toMatchObject({ state: 'ok', nextSyncAt: null });
    expect(h.service.markDone([1]).ok).toBe(true);
    await h.run(HOUR);
    expect(source.listCalls).toBe(1);
    expect(h.notifier.events).toHaveLength(0);
    await h.service.stop();
  });

  it('polls every interval, never faster than 15 s', async () => {
    const source = new FakeSource();
    const h = await harness({ source, settings: { pollIntervalSec: 120 } });
    await h.run(10 * MIN);
    expect(source.listCalls).toBe(1 + 5);
    h.service.updateSettings({ pollIntervalSec: 5 });
    const before = source.listCalls;
    await h.run(10 * MIN);
    expect(source.listCalls - before).toBe(40);
    await h.service.stop();
  });

  it('reminds from the last good list when offline after a cold start', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + HOUR) })];
    const first = await harness({ source, store });
    await first.service.stop();

    const offline = new FakeSource();
    offline.failWith = new NetworkError('ENOTFOUND');
    const h = await harness({ source: offline, store });
    expect(h.service.status().state).toBe('offline');
    expect(h.service.snapshot().todos.map((t) => t.id)).toEqual([1]);
    await h.run(HOUR);
    expect(h.notifier.countFor(1)).toBe(1);
    await h.service.stop();
  });

  it('a first sync that hangs holds missed reminders for 5 s at most, then they come from the saved list', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + HOUR) })];
    const first = await harness({ source, store });
    await first.service.stop();

    let release: () => void = () => {};
    const hanging = new FakeSource();
    hanging.listMyOpenTodos = () =>
      new Promise((resolve) => {
        release = () => resolve({ todos: [], skipped: 0 });
      });
    const h = await harness({ source: hanging, store, clock: new VirtualClock(T0 + 2 * HOUR), start: false });
    let started = false;
    const starting = h.service.start().then(() => (started = true));
    h.clock.advance(4_999);
    await Promise.resolve();
    expect(h.notifier.events).toHaveLength(0);
    h.clock.advance(1);
    await starting;
    expect(started).toBe(true);
    expect(h.notifier.events.map((e) => e.todoIds[0])).toEqual([1]);
    expect(h.service.status().state).toBe('syncing');
    release();
    await h.service.stop();
  });

  it('an idle poll writes nothing; a change writes once', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) }), makeTodo({ id: 2, remindAt: iso(T0 + 6 * HOUR) })];
    const h = await harness({ source, store });
    const writes = store.stats.writes;
    const polls = source.listCalls;
    await h.run(30 * MIN);
    expect(source.listCalls - polls).toBe(30);
    expect(store.stats.writes).toBe(writes);
    source.set(2, { title: 'changed' });
    await h.run(60_000);
    expect(store.stats.writes).toBe(writes + 1);
    await h.service.stop();
  });
});
