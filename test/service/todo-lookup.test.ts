/**
 * service.todo(id): what `cli watch` and the notifiers use to name a reminder's todo, one
 * lookup per id instead of a snapshot of the whole list per reminder (at 10,000 todos that
 * made reminders arrive 57–252 ms late).
 */
import { describe, expect, it } from 'vitest';
import { MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';
import { isDue } from '../../shared/time';

const iso = (t: number) => new Date(t).toISOString();

describe('looking up one todo', () => {
  it('finds an open todo, a closed one (still shown), and nothing for an unknown id', async () => {
    const source = new FakeSource();
    const a = makeTodo({ id: 1, title: '回访 A', remindAt: iso(T0 + MIN) });
    const b = makeTodo({ id: 2, title: '回访 B', remindAt: iso(T0 + MIN) });
    source.todos = [a, b];
    const h = await harness({ source });
    await h.run(0);
    expect(h.service.todo(1)?.title).toBe('回访 A');

    source.remove(2);
    source.archive.set(2, { ...b, state: 'handled', stateCode: 1 });
    await h.run(60_000);
    expect(h.service.snapshot().todos.find((t) => t.id === 2)?.closed?.reason).toBe('handled');
    expect(h.service.todo(2)?.title).toBe('回访 B');
    expect(h.service.todo(3)).toBeUndefined();
    await h.service.stop();
  });

  it('says whether one todo is due exactly as the snapshot would, for the notifier to prune by', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 - MIN) }),
      makeTodo({ id: 2, remindAt: iso(T0 - MIN) }),
      makeTodo({ id: 3, remindAt: iso(T0 - MIN) }),
      makeTodo({ id: 4, remindAt: iso(T0 + 10 * MIN) }),
      makeTodo({ id: 5, remindAt: null }),
    ];
    const h = await harness({ source });
    await h.run(0);
    expect(h.service.markDone([2]).ok).toBe(true);
    expect(h.service.snooze([3], '10m').ok).toBe(true);
    const dueBySnapshot = (id: number) => {
      const t = h.service.snapshot().todos.find((x) => x.id === id)!;
      return isDue(t, T0);
    };
    for (const id of [1, 2, 3, 4, 5]) expect(h.service.isDue(id), `todo ${id}`).toBe(dueBySnapshot(id));
    expect([1, 2, 3, 4, 5].map((id) => h.service.isDue(id))).toEqual([true, false, false, false, false]);
    expect(h.service.isDue(99)).toBe(false);
    await h.service.stop();
  });
});
