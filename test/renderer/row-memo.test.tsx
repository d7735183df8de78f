// @vitest-environment happy-dom
import { act, cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TodoView } from '../../shared/contract/types';
import { makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp, rowFor, rowTitles } from './render';

// A spy inside each row: the customer label renders once per render of its row.
const renders = new Map<number, number>();
vi.mock('../../renderer/src/components/CustomerLabel', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../renderer/src/components/CustomerLabel')>();
  return {
    ...real,
    CustomerLabel: (props: Parameters<typeof real.CustomerLabel>[0]) => {
      renders.set(props.todo.id, (renders.get(props.todo.id) ?? 0) + 1);
      return real.CustomerLabel(props);
    },
  };
});

afterEach(cleanup);

describe('rows follow the change, not the list (issue 13)', () => {
  it('when one todo changes, only its row renders again; the others keep their render', async () => {
    const todos: TodoView[] = Array.from({ length: 8 }, (_, i) => makeTodo({ id: 500 + i, title: `行 ${i}`, remindAt: minutesFromNow(60 + i) }));
    const { bridge } = await renderApp({ todos });
    act(() => bridge.emitAsDelta()); // the bridge's full snapshot for this page
    await waitFor(() => expect(rowTitles()).toHaveLength(8));
    renders.clear();

    bridge.todos = bridge.todos.map((t) => (t.id === 503 ? { ...t, title: '行 3 已改' } : t));
    act(() => bridge.emitAsDelta());
    await waitFor(() => expect(rowFor('行 3 已改')).toBeTruthy());

    expect(renders.get(503)).toBeGreaterThan(0);
    expect([...renders.keys()].filter((id) => id !== 503)).toEqual([]);
    expect(rowTitles()).toEqual(['行 0', '行 1', '行 2', '行 3 已改', '行 4', '行 5', '行 6', '行 7']);
  });

  it('a todo that moves group on a changed snapshot is placed as a fresh build places it', async () => {
    const todos: TodoView[] = Array.from({ length: 6 }, (_, i) => makeTodo({ id: 600 + i, title: `项 ${i}`, remindAt: minutesFromNow(60 + i) }));
    const { bridge } = await renderApp({ todos });
    act(() => bridge.emitAsDelta());
    await waitFor(() => expect(rowTitles()).toHaveLength(6));

    // 项 4 becomes overdue and 项 1 loses its time: both leave 今天, the rest keep their order.
    bridge.todos = bridge.todos.map((t) =>
      t.id === 604 ? { ...t, remindAt: minutesFromNow(-5) } : t.id === 601 ? { ...t, remindAt: null } : t,
    );
    act(() => bridge.emitAsDelta());
    await waitFor(() => expect(rowTitles()[0]).toBe('项 4'));
    expect(rowTitles()).toEqual(['项 4', '项 0', '项 2', '项 3', '项 5', '项 1']);
  });
});
