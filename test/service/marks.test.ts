import { describe, expect, it } from 'vitest';
import { DELIVERED_CAP, Marks, pruneScope } from '../../electron/main/service/marks';
import { emptyScope } from '../../electron/main/service/state-schema';
import { makeTodo } from './support/fixtures';

const T0 = Date.parse('2025-01-06T02:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const iso = (t: number) => new Date(t).toISOString();

describe('marks: the one owner of a scope’s local records', () => {
  it('a done mark, snooze and fired record apply only to the remind time they were made for', () => {
    const scope = emptyScope(iso(T0));
    const marks = new Marks(scope);
    const todo = makeTodo({ id: 7, remindAt: '2025-01-06T10:00:00+08:00' });
    // The same instant in another notation still applies.
    const sameInstant = { ...todo, remindAt: '2025-01-06T02:00:00.000Z' };
    const moved = { ...todo, remindAt: '2025-01-06T11:00:00+08:00' };
    expect(marks.markDone(7, todo, T0)).toBe(true);
    expect(marks.markDone(7, sameInstant, T0 + MIN)).toBe(false);
    expect(marks.isDone(sameInstant)).toBe(true);
    expect(marks.isDone(moved)).toBe(false);
    expect(marks.inputs(moved).done).toBe(false);

    marks.snooze(todo, T0 + 10 * MIN);
    expect(marks.view(todo).snoozedUntil).toBe(iso(T0 + 10 * MIN));
    expect(marks.view(moved).snoozedUntil).toBeNull();
    expect(marks.inputs(moved).snoozeUntil).toBeNull();
    expect(marks.inputs(todo).snoozeUntil).toBe(T0 + 10 * MIN);
  });

  it('a sync that moves the remind time reopens a done todo and drops its snooze', () => {
    const scope = emptyScope(iso(T0));
    const marks = new Marks(scope);
    const todo = makeTodo({ id: 8, remindAt: iso(T0) });
    scope.todos = [todo];
    marks.markDone(8, todo, T0);
    const moved = { ...todo, remindAt: iso(T0 + 60 * MIN) };
    const effects = marks.applySync({ open: [moved], updated: [moved], closed: [], missing: new Map(), at: T0 + MIN }, new Map([[8, todo]]));
    expect(effects.reopened).toEqual([8]);
    expect(marks.hasDoneMark(8)).toBe(false);
    expect(marks.listAt()).toBe(iso(T0 + MIN));
  });

  it('a delivery is recorded once: the second time it is not fresh', () => {
    const marks = new Marks(emptyScope(iso(T0)));
    const todo = makeTodo({ id: 9, remindAt: iso(T0) });
    const item = { todo, due: T0, snoozed: false };
    expect(marks.recordDeliveries([item], T0).map((x) => x.key)).toEqual([`9@${iso(T0)}`]);
    expect(marks.recordDeliveries([item], T0 + MIN)).toEqual([]);
    expect(marks.inputs(todo).firedAt).toBe(T0 + MIN);
  });

  it('pruning drops old closed todos with all their records and keeps a recent orphan done mark', () => {
    const scope = emptyScope(iso(T0));
    const marks = new Marks(scope);
    const closed = makeTodo({ id: 1, remindAt: iso(T0) });
    marks.applySync({ open: [], updated: [], closed: [{ todo: closed, reason: 'handled' }], missing: new Map(), at: T0 }, new Map());
    marks.markDone(1, closed, T0);
    marks.markDone(2, undefined, T0);
    pruneScope(scope, T0 + 8 * DAY);
    expect(marks.isClosed(1)).toBe(false);
    expect(marks.hasDoneMark(1)).toBe(false);
    expect(marks.hasDoneMark(2)).toBe(true);
    pruneScope(scope, T0 + 31 * DAY);
    expect(marks.hasDoneMark(2)).toBe(false);
  });

  it(`pruning keeps at most ${DELIVERED_CAP} delivered occurrences, dropping from the oldest, and none older than 2 days up to the first younger one`, () => {
    const scope = emptyScope(iso(T0));
    const now = T0 + 3 * DAY;
    // Recorded in delivery order: three from 3 days ago, then CAP + 5 within the last day,
    // then one from 3 days ago again (merged from another process after the rest).
    const old = (i: number) => `${i}@${iso(T0 + i)}`;
    for (let i = 1; i <= 3; i++) scope.delivered[old(i)] = iso(T0 + i);
    const recent = (i: number) => `${i}@${iso(now - DAY + i)}`;
    for (let i = 1; i <= DELIVERED_CAP + 5; i++) scope.delivered[recent(i)] = iso(now - DAY + i);
    scope.delivered[old(4)] = iso(T0 + 4);
    pruneScope(scope, now);
    const kept = Object.keys(scope.delivered);
    expect(kept).toHaveLength(DELIVERED_CAP);
    // Over the cap by 9: the three old ones and the six oldest recent ones went.
    expect(kept[0]).toBe(recent(7));
    // The late old one sits behind keepers: it stays until it reaches the front.
    expect(kept.at(-1)).toBe(old(4));
    pruneScope(scope, now);
    expect(Object.keys(scope.delivered)).toEqual(kept);
  });

  it('pruning drops fired records, snoozes and missing counters of todos neither open nor closed', () => {
    const scope = emptyScope(iso(T0));
    const marks = new Marks(scope);
    const open = makeTodo({ id: 1, remindAt: iso(T0) });
    const gone = makeTodo({ id: 2, remindAt: iso(T0) });
    const closed = makeTodo({ id: 3, remindAt: iso(T0) });
    scope.todos = [open];
    marks.applySync({ open: [open], updated: [], closed: [{ todo: closed, reason: 'handled' }], missing: new Map(), at: T0 }, new Map());
    for (const t of [open, gone, closed]) {
      marks.markSeen(t, T0, T0);
      scope.missing[String(t.id)] = 1;
    }
    marks.snooze(gone, T0 + MIN);
    marks.snooze(open, T0 + MIN);
    pruneScope(scope, T0 + MIN);
    expect(Object.keys(scope.fired)).toEqual(['1', '3']);
    expect(Object.keys(scope.missing)).toEqual(['1', '3']);
    expect(Object.keys(scope.snoozes)).toEqual(['1']);
    // The next prune sees the list as it is then: another todo in place of the first.
    scope.todos = [gone];
    marks.markSeen(gone, T0, T0);
    pruneScope(scope, T0 + 2 * MIN);
    expect(Object.keys(scope.fired)).toEqual(['2', '3']);
    expect(Object.keys(scope.snoozes)).toEqual([]);
  });
});
