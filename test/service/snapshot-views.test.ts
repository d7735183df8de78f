/**
 * Memoised todo views (service/todo-views.ts): a snapshot hands out the same TodoView
 * object for a todo whose data, marks and next reminder did not change, so the bridge's
 * delta finds changes by reference; anything that changed makes a new view.
 */
import { describe, expect, it } from 'vitest';
import { FakeSource, MIN, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';

const iso = (t: number) => new Date(t).toISOString();

describe('todo views across snapshots', () => {
  it('keeps unchanged todos’ view objects; a mark, a snooze or new server data makes a new one', async () => {
    const source = new FakeSource();
    source.todos = [1, 2, 3].map((id) => makeTodo({ id, remindAt: iso(T0 + 60 * MIN) }));
    const h = await harness({ source });
    await h.run(0);
    const byId = () => new Map(h.service.snapshot().todos.map((t) => [t.id, t]));
    const first = byId();
    const again = byId();
    for (const id of [1, 2, 3]) expect(again.get(id)).toBe(first.get(id));

    expect(h.service.markDone([1]).ok).toBe(true);
    const afterDone = byId();
    expect(afterDone.get(1)).not.toBe(first.get(1));
    expect(afterDone.get(1)?.local.done).toBe(true);
    expect(afterDone.get(2)).toBe(first.get(2));
    expect(afterDone.get(3)).toBe(first.get(3));

    expect(h.service.snooze([2], '1h').ok).toBe(true);
    const afterSnooze = byId();
    expect(afterSnooze.get(2)).not.toBe(first.get(2));
    expect(afterSnooze.get(2)?.nextReminderAt).toBe(iso(T0 + 60 * MIN));
    expect(afterSnooze.get(1)).toBe(afterDone.get(1));

    // The server changes todo 3: it arrives as a new object with a new title.
    source.set(3, { title: '新标题' });
    await h.service.syncNow();
    const afterSync = byId();
    expect(afterSync.get(3)).not.toBe(first.get(3));
    expect(afterSync.get(3)?.title).toBe('新标题');
    await h.service.stop();
  });
});
