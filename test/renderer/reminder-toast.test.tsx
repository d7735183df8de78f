// @vitest-environment happy-dom
/**
 * The window's reminder toasts (issue 11 item 12): at most one visible, with how many more
 * wait behind it, 完成 / 推迟 acting on that todo, and in the layout above the status line
 * rather than over the list.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReminderEvent } from '../../shared/contract/types';
import { FakeBridge, makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

const todos = () => [1, 2, 3, 4].map((id) => makeTodo({ id, title: `待办${id}`, remindAt: minutesFromNow(-id) }));
const single = (id: number): ReminderEvent => ({
  key: `${id}@x`,
  kind: 'single',
  todoIds: [id],
  title: `提醒：待办${id}`,
  body: '客户：wxid_a',
  repeats: false,
  openTodoId: id,
  at: new Date().toISOString(),
});
const toasts = () => [...document.querySelectorAll<HTMLElement>('[data-toast="reminder"]')];

describe('reminder toasts in the window', () => {
  it('stack to one visible, the newest, with a count of the rest', async () => {
    const { bridge } = await renderApp({ todos: todos() });
    act(() => {
      for (const id of [1, 2, 3, 4]) bridge.emitReminder(single(id));
    });
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.textContent).toContain('提醒：待办4');
    expect(within(toasts()[0]!).getByText('还有 3 条')).toBeTruthy();
  });

  it('完成 marks that todo done, and the next reminder shows with one fewer behind it', async () => {
    const { user, bridge } = await renderApp({ todos: todos() });
    act(() => {
      for (const id of [1, 2, 3]) bridge.emitReminder(single(id));
    });
    await user.click(within(toasts()[0]!).getByRole('button', { name: '完成' }));
    expect(bridge.callsOf('markDone')).toEqual([[[3]]]);
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.textContent).toContain('提醒：待办2');
    expect(within(toasts()[0]!).getByText('还有 1 条')).toBeTruthy();
  });

  it('推迟 opens the snooze choices for that todo; once snoozed, its toast leaves', async () => {
    const { user, bridge } = await renderApp({ todos: todos() });
    act(() => {
      bridge.emitReminder(single(1));
      bridge.emitReminder(single(2));
    });
    await user.click(within(toasts()[0]!).getByRole('button', { name: '推迟' }));
    await user.click(screen.getByRole('menuitem', { name: '10 分钟后' }));
    expect(bridge.callsOf('snooze')).toEqual([[[2], '10m']]);
    await waitFor(() => expect(toasts()[0]!.textContent).toContain('提醒：待办1'));
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.querySelector('.toast-more')).toBeNull();
  });

  it('leaves once its todo is done elsewhere (its notification, another window)', async () => {
    const bridge = new FakeBridge({ todos: todos() });
    await renderApp({ bridge });
    act(() => bridge.emitReminder(single(1)));
    expect(toasts()).toHaveLength(1);
    await act(async () => {
      await bridge.markDone([1]);
    });
    await waitFor(() => expect(toasts()).toHaveLength(0));
  });

  it('gives a summary no 完成 or 推迟: they would act on todos it does not show', async () => {
    const { bridge } = await renderApp({ todos: todos() });
    act(() => bridge.emitReminder({ ...single(1), key: 'summary@x', kind: 'summary', todoIds: [1, 2, 3], title: '错过了 3 条待办提醒' }));
    const toast = toasts()[0]!;
    expect(within(toast).queryByRole('button', { name: '完成' })).toBeNull();
    expect(within(toast).queryByRole('button', { name: '推迟' })).toBeNull();
    expect(within(toast).getByRole('button', { name: '查看' })).toBeTruthy();
  });

  it('sits between the list and the status line, outside the overlay of short toasts', async () => {
    const { bridge } = await renderApp({ todos: todos() });
    act(() => bridge.emitReminder(single(1)));
    const stack = document.querySelector('.reminder-stack')!;
    expect(stack.closest('.toasts')).toBeNull();
    expect(document.querySelector('.list-area')!.compareDocumentPosition(stack) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(stack.nextElementSibling?.classList.contains('status-line')).toBe(true);
  });

  it('leaves after 10 s, the whole stack; not while the pointer is on it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { user, bridge } = await renderApp({ todos: todos(), advanceTimers: vi.advanceTimersByTime });
      act(() => {
        bridge.emitReminder(single(1));
        bridge.emitReminder(single(2));
      });
      await user.hover(toasts()[0]!);
      act(() => void vi.advanceTimersByTime(15_000));
      expect(toasts()).toHaveLength(1);
      await user.unhover(toasts()[0]!);
      act(() => void vi.advanceTimersByTime(9_900));
      expect(toasts()).toHaveLength(1);
      act(() => void vi.advanceTimersByTime(200));
      expect(toasts()).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('speaks English: +2 more, Done, Snooze', async () => {
    const { bridge } = await renderApp({ bridge: new FakeBridge({ todos: todos(), settings: { language: 'en' } }), language: 'en' });
    act(() => {
      for (const id of [1, 2, 3]) bridge.emitReminder(single(id));
    });
    const toast = toasts()[0]!;
    expect(within(toast).getByText('+2 more')).toBeTruthy();
    expect(within(toast).getByRole('button', { name: 'Done' })).toBeTruthy();
    expect(within(toast).getByRole('button', { name: 'Snooze' })).toBeTruthy();
  });
});
