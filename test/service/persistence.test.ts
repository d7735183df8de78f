import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../electron/main/service/ports';
import { LocalState } from '../../electron/main/service/local-state';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { createMemoryStore } from '../../electron/main/store/memory-store';
import type { StateDoc } from '../../electron/main/service/state-schema';
import { DAY, HOUR, MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';

const iso = (t: number) => new Date(t).toISOString();

describe('local state across restarts', () => {
  it('a second service on the same state repeats nothing and keeps done marks and snoozes', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + 10 * MIN) }),
      makeTodo({ id: 2, remindAt: iso(T0 + 10 * MIN), isAlways: true }),
      makeTodo({ id: 3, remindAt: iso(T0 + 2 * HOUR) }),
      makeTodo({ id: 4, remindAt: iso(T0 + 3 * HOUR) }),
    ];
    const a = await harness({ source, store });
    await a.run(25 * MIN); // #1 once, #2 at 09:10 and 09:20
    a.service.markDone([3]);
    a.service.snooze([4], '1h');
    expect(a.notifier.events).toHaveLength(3);

    const b = await a.restart();
    expect(b.notifier.events).toHaveLength(0);
    const views = b.service.snapshot().todos;
    expect(views.find((t) => t.id === 3)!.local.done).toBe(true);
    expect(views.find((t) => t.id === 4)!.local.snoozedUntil).toBe(iso(T0 + 25 * MIN + HOUR));
    await b.run(5 * MIN); // 09:30
    expect(b.notifier.events.map((e) => e.key)).toEqual([`2@${iso(T0 + 30 * MIN)}`]);
    await b.run(3 * HOUR);
    expect(b.notifier.countFor(1)).toBe(0);
    expect(b.notifier.countFor(3)).toBe(0);
    expect(b.notifier.countFor(4)).toBe(1); // at the snooze time, not at 12:00
    expect(Date.parse(b.notifier.events.find((e) => e.todoIds[0] === 4)!.at)).toBe(T0 + 85 * MIN);
    await b.service.stop();
  });

  it('after a crash (no stop) a new process does not repeat delivered reminders', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + MIN) }), makeTodo({ id: 2, remindAt: iso(T0 + MIN) })];
    const a = await harness({ source, store });
    await a.run(MIN);
    expect(a.notifier.events).toHaveLength(2);
    // The first process dies here: its clock never moves again, nothing is flushed.
    const b = await harness({ source, store, clock: new VirtualClock(T0 + 2 * MIN) });
    await b.run(DAY);
    expect(b.notifier.events).toHaveLength(0);
    await b.service.stop();
  });

  it('a done mark is on disk before markDone returns; undo restores the todo', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + HOUR) })];
    const h = await harness({ source, store });
    expect(h.service.markDone([1])).toEqual({ ok: true, value: null });
    const doc = JSON.parse(store.text()!) as StateDoc;
    expect(doc.scopes.b08!.done['1']).toEqual({ doneAt: iso(T0), remindAtWhenDone: iso(T0 + HOUR) });
    expect(h.service.snapshot().todos[0]!).toMatchObject({ local: { done: true, doneAt: iso(T0) }, nextReminderAt: null });

    expect(h.service.undoDone([1]).ok).toBe(true);
    expect((JSON.parse(store.text()!) as StateDoc).scopes.b08!.done).toEqual({});
    expect(h.service.snapshot().todos[0]!.nextReminderAt).toBe(iso(T0 + HOUR));
    await h.run(HOUR);
    expect(h.notifier.countFor(1)).toBe(1);
    expect(h.service.markDone([42])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    await h.service.stop();
  });

  it('undo of an isAlways todo done for an hour resumes at its next step, not at once', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0), isAlways: true })];
    const h = await harness({ source });
    expect(h.notifier.countFor(1)).toBe(1);
    h.service.markDone([1]);
    await h.run(HOUR + 3 * MIN);
    h.service.undoDone([1]);
    expect(h.notifier.countFor(1)).toBe(1);
    await h.run(7 * MIN);
    expect(h.notifier.countFor(1)).toBe(2);
    await h.service.stop();
  });

  it('a corrupt state is moved aside and reported; the service starts clean', async () => {
    const store = createMemoryStore();
    store.setText('{"version":2,"scopes":{"b08":{"todos":[{"id"');
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + MIN) })];
    const h = await harness({ source, store });
    const storage = h.service.storage();
    expect(storage.movedTo).toBe(':memory:corrupt-1');
    expect(storage.problem?.kind).toBe('storage');
    expect(store.quarantined[0]).toContain('{"version":2');
    expect(h.logs.some((l) => l.includes('starting clean'))).toBe(true);
    // The window is told too, with where the old file was kept.
    expect(h.service.snapshot().storageProblem).toEqual({ detail: expect.any(String), movedTo: ':memory:corrupt-1' });
    await h.run(MIN);
    expect(h.notifier.events).toHaveLength(1);
    await h.service.stop();
  });

  it('a state written by a newer app is kept aside, not overwritten', async () => {
    const store = createMemoryStore({ initial: { version: 99, scopes: {} } });
    const h = await harness({ store });
    expect(h.service.storage().problem?.detail).toBe('state version 99 is newer than this app (2)');
    expect(store.quarantined[0]).toContain('"version":99');
    await h.service.stop();
  });

  it('an unusable state that cannot be moved aside is never overwritten', async () => {
    const inner = createMemoryStore({ initial: { version: 99, scopes: {} } });
    const store: KeyValueStore = {
      path: inner.path,
      read: () => inner.read(),
      write: (doc) => inner.write(doc),
      quarantine: () => {
        throw new Error('EPERM: operation not permitted');
      },
      revision: () => inner.revision!(),
    };
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + HOUR) })];
    const h = await harness({ source, store });
    expect(h.service.markDone([1])).toMatchObject({ ok: false, error: { kind: 'storage' } });
    await h.run(2 * HOUR);
    await h.service.stop();
    expect(inner.stats.writes).toBe(0);
    expect(JSON.parse(inner.text()!)).toEqual({ version: 99, scopes: {} });
    expect(h.notifier.events).toHaveLength(0); // the in-memory done mark still holds
  });

  it('when the disk refuses a write, markDone reports it and the reminder still stops', async () => {
    const inner = createMemoryStore();
    let broken = false;
    const store: KeyValueStore = {
      ...inner,
      path: inner.path,
      read: () => inner.read(),
      write: (doc) => {
        if (broken) throw new Error('ENOSPC: no space left on device');
        inner.write(doc);
      },
    };
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + MIN), isAlways: true })];
    const h = await harness({ source, store });
    broken = true;
    const r = h.service.markDone([1]);
    expect(r).toMatchObject({ ok: false, error: { kind: 'storage' } });
    expect(h.service.storage().lastWriteError?.detail).toContain('ENOSPC');
    await h.run(HOUR);
    expect(h.notifier.events).toHaveLength(0);
    broken = false;
    await h.run(MIN); // the state retries on its own
    expect(h.service.storage().lastWriteError).toBeNull();
    expect((inner.read() as StateDoc).scopes.b08!.done['1']).toBeDefined();
    await h.service.stop();
  });

  it('prunes delivered occurrences older than 2 days', async () => {
    const store = createMemoryStore();
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0), isAlways: true })];
    const h = await harness({ source, store, settings: { repeatIntervalMin: 60 } });
    await h.run(5 * DAY);
    const delivered = Object.values((JSON.parse(store.text()!) as StateDoc).scopes.b08!.delivered);
    expect(h.notifier.countFor(1)).toBe(5 * 24 + 1);
    expect(delivered.length).toBeLessThanOrEqual(2 * 24 + 2);
    expect(delivered.length).toBeGreaterThanOrEqual(2 * 24);
    await h.service.stop();
  });

  it('keeps done marks per account: switching staff and back restores them', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + HOUR), recipients: ['b08'] }),
      makeTodo({ id: 2, remindAt: iso(T0 + HOUR), recipients: ['b09'] }),
    ];
    const h = await harness({ source });
    h.service.markDone([1]);
    await h.service.setSource(source, 'b09');
    expect(h.service.snapshot().todos.map((t) => [t.id, t.local.done])).toEqual([[2, false]]);
    expect(h.service.snapshot().staff).toBe('b09');
    await h.service.setSource(source, 'b08');
    expect(h.service.snapshot().todos.map((t) => [t.id, t.local.done])).toEqual([[1, true]]);
    await h.run(2 * HOUR);
    expect(h.notifier.events).toHaveLength(0);
    await h.service.stop();
  });

  it('settings are persisted verbatim for the app layer, which reads and writes them on the state', () => {
    const store = createMemoryStore();
    const clock = new VirtualClock(T0);
    const a = LocalState.open({ store, clock, scope: '' });
    expect(a.getSettings()).toEqual({});
    a.setSettings({ staffCode: 'b08', quietHours: { enabled: true } });
    expect((JSON.parse(store.text()!) as StateDoc).settings).toEqual({ staffCode: 'b08', quietHours: { enabled: true } });
    a.close();
    const b = LocalState.open({ store, clock, scope: '' });
    expect(b.getSettings()).toEqual({ staffCode: 'b08', quietHours: { enabled: true } });
    b.close();
  });
});
