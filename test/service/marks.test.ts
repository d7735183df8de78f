import { describe, expect, it } from 'vitest';
import { Marks, pruneScope } from '../../electron/main/service/marks';
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
});
