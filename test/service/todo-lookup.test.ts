/**
 * service.todo(id): what `cli watch` and the notifiers use to name a reminder's todo, one
 * lookup per id instead of a snapshot of the whole list per reminder (at 10,000 todos that
 * made reminders arrive 57–252 ms late).
 */
import { describe, expect, it } from 'vitest';
import { MIN, FakeSource, makeTodo } from './support/fixtures';
import { T0, harness } from './support/harness';

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
});
