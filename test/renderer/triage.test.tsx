// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp, rowFor, rowTitles } from './render';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const three = () => [
  makeTodo({ id: 1, title: '一', remindAt: minutesFromNow(-30) }),
  makeTodo({ id: 2, title: '二', remindAt: minutesFromNow(-20) }),
  makeTodo({ id: 3, title: '三', remindAt: minutesFromNow(-10) }),
];

const focusedTitle = (): string | null | undefined => document.activeElement?.querySelector('.row-title')?.textContent;

describe('done and undo', () => {
  it('removes the row at once, shows an undo toast, and Undo calls undoDone', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.click(within(rowFor('二')).getByRole('button', { name: '完成' }));
    // optimistic: it leaves 已逾期 at once and shows under 今日已完成
    expect(rowTitles()).toEqual(['一', '三', '二']);
    expect(rowFor('二').className).toContain('in-done');
    expect(bridge.callsOf('markDone')).toEqual([[[2]]]);
    expect(screen.getByText('已标记完成 1 项（仅本机）')).toBeTruthy();
    expect(focusedTitle()).toBe('三'); // focus moved to the next row

    expect(within(rowFor('二')).getByText('仅在本机标记完成')).toBeTruthy();
    await waitFor(() => expect(bridge.todos.find((t) => t.id === 2)?.local.done).toBe(true));

    await user.click(screen.getByRole('button', { name: '撤销（Z）' }));
    expect(bridge.callsOf('undoDone')).toEqual([[[2]]]);
    await waitFor(() => expect(rowTitles().slice(0, 3)).toEqual(['一', '二', '三']));
    expect(screen.queryByText('已标记完成 1 项（仅本机）')).toBeNull();
  });

  it('the undo toast expires after its time', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = await renderApp({ todos: three(), advanceTimers: vi.advanceTimersByTime });
    await user.click(within(rowFor('一')).getByRole('button', { name: '完成' }));
    expect(screen.getByText('已标记完成 1 项（仅本机）')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(4_900));
    expect(screen.queryByText('已标记完成 1 项（仅本机）')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(200));
    expect(screen.queryByText('已标记完成 1 项（仅本机）')).toBeNull();
  });

  it('reverts and explains when markDone fails', async () => {
    const bridge = new FakeBridge({ todos: three() });
    bridge.failNext.set('markDone', { kind: 'storage', detail: 'disk full' });
    const { user } = await renderApp({ bridge });
    await user.click(within(rowFor('一')).getByRole('button', { name: '完成' }));
    await waitFor(() => expect(rowTitles()).toContain('一'));
    expect(screen.getByText('操作没有成功：在本机保存数据失败，请检查磁盘空间和权限。')).toBeTruthy();
    expect(screen.queryByText('已标记完成 1 项（仅本机）')).toBeNull();
  });

  it('restores a row marked done earlier today', async () => {
    const { user, bridge } = await renderApp({
      todos: [makeTodo({ id: 9, title: '早上做完', local: { done: true, doneAt: new Date().toISOString(), snoozedUntil: null } })],
    });
    await user.click(within(rowFor('早上做完')).getByRole('button', { name: '恢复' }));
    expect(bridge.callsOf('undoDone')).toEqual([[[9]]]);
    await waitFor(() => expect(rowFor('早上做完').getAttribute('aria-selected')).toBe('false'));
  });
});

describe('keyboard triage', () => {
  it('j/k move, d done, focus goes to the next row (or the previous at the end), z undo', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.keyboard('j'); // header
    await user.keyboard('j');
    expect(focusedTitle()).toBe('一');
    await user.keyboard('j');
    expect(focusedTitle()).toBe('二');
    await user.keyboard('k');
    expect(focusedTitle()).toBe('一');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedTitle()).toBe('三');

    await user.keyboard('d');
    expect(bridge.callsOf('markDone')).toEqual([[[3]]]);
    expect(focusedTitle()).toBe('二'); // last row left: previous one
    await user.keyboard('d');
    expect(focusedTitle()).toBe('一');

    await user.keyboard('z');
    expect(bridge.callsOf('undoDone')).toEqual([[[2]]]);
    await waitFor(() => expect(focusedTitle()).toBe('二'));
  });

  it('Enter expands the active row and toggles a group header', async () => {
    const { user } = await renderApp({ todos: three() });
    await user.keyboard('jj{Enter}');
    expect(within(rowFor('一')).getByRole('button', { name: '收起详情' })).toBeTruthy();
    await user.keyboard('k{Enter}');
    expect(rowTitles()).toEqual([]);
    await user.keyboard('{Enter}');
    expect(rowTitles()).toEqual(['一', '二', '三']);
  });

  it('s opens the snooze menu, arrows move, Enter picks; the choice goes to main', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.keyboard('jj');
    await user.keyboard('s');
    const menu = screen.getByRole('menu', { name: '推迟提醒' });
    expect(document.activeElement?.textContent).toBe('10 分钟后');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('1 小时后');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('选择时间…');
    await user.keyboard('{Home}{ArrowDown}{Enter}');
    expect(bridge.callsOf('snooze')).toEqual([[[1], '1h']]);
    expect(menu.isConnected).toBe(false);
    expect(await screen.findByText('已推迟 1 项，1 小时后再提醒')).toBeTruthy();
    expect(focusedTitle()).toBe('二');
  });

  it('Esc closes the snooze menu and returns focus to the row', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.keyboard('jjs');
    expect(screen.getByRole('menu')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(focusedTitle()).toBe('一');
    expect(bridge.callsOf('hideWindow')).toEqual([]);
    await user.keyboard('{Escape}');
    expect(bridge.callsOf('hideWindow')).toHaveLength(1);
  });

  it('snoozes to a picked time as ISO with offset', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.click(within(rowFor('三')).getByRole('button', { name: '推迟' }));
    await user.click(screen.getByRole('menuitem', { name: '选择时间…' }));
    const dialog = screen.getByRole('dialog', { name: '推迟到指定时间' });
    const input = within(dialog).getByLabelText('提醒时间');
    const d = new Date(Date.now() + 2 * 24 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:30`;
    fireEvent.change(input, { target: { value } });
    await user.click(within(dialog).getByRole('button', { name: '确定' }));
    expect(bridge.callsOf('snooze')).toEqual([[[3], `${value}:00+08:00`]]);
  });

  it('rejects a time in the past', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.click(within(rowFor('三')).getByRole('button', { name: '推迟' }));
    await user.click(screen.getByRole('menuitem', { name: '选择时间…' }));
    fireEvent.change(screen.getByLabelText('提醒时间'), { target: { value: '2020-01-01T09:00' } });
    await user.click(screen.getByRole('button', { name: '确定' }));
    expect(screen.getByRole('alert').textContent).toBe('请选择一个以后的时间');
    expect(bridge.callsOf('snooze')).toEqual([]);
  });

  it('x selects, shift-click selects a range, then d marks them all', async () => {
    const todos = [...three(), makeTodo({ id: 4, title: '四', remindAt: minutesFromNow(-5) })];
    const { user, bridge } = await renderApp({ todos });
    await user.keyboard('jjx');
    expect(rowFor('一').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('已选 1 项')).toBeTruthy();
    await user.click(within(rowFor('二')).getByRole('checkbox'));
    await user.keyboard('{Shift>}');
    await user.click(within(rowFor('四')).getByRole('checkbox'));
    await user.keyboard('{/Shift}');
    expect(screen.getByText('已选 4 项')).toBeTruthy();
    await user.click(within(rowFor('三')).getByRole('checkbox')); // toggle one off
    await user.keyboard('d');
    expect(bridge.callsOf('markDone')).toHaveLength(1);
    expect([...(bridge.callsOf('markDone')[0]?.[0] as number[])].sort()).toEqual([1, 2, 4]);
    expect(screen.getByText('已标记完成 3 项（仅本机）')).toBeTruthy();
    expect(rowTitles().filter((t) => t === '三')).toHaveLength(1);
  });

  it('bulk snooze from the selection bar', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.click(within(rowFor('一')).getByRole('checkbox'));
    await user.click(within(rowFor('三')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '全部推迟' }));
    await user.click(screen.getByRole('menuitem', { name: '明天 09:00' }));
    expect(bridge.callsOf('snooze')).toEqual([[[1, 3], 'tomorrow']]);
    expect(screen.queryByText(/已选/)).toBeNull();
  });

  it('/ focuses search, Esc clears it, Esc again hides the window; r refreshes', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: '搜索待办' });
    expect(document.activeElement).toBe(search);
    await user.keyboard('二');
    expect(rowTitles()).toEqual(['二']);
    await user.keyboard('{Escape}');
    expect((search as HTMLInputElement).value).toBe('');
    await user.keyboard('{Escape}'); // leaves the search box for the list
    expect(focusedTitle()).toBe('一');
    await user.keyboard('r');
    expect(bridge.callsOf('refresh')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(bridge.callsOf('hideWindow')).toHaveLength(1);
  });

  it('typing in search does not trigger shortcuts', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    await user.click(screen.getByRole('searchbox'));
    await user.keyboard('dszrx');
    expect(bridge.callsOf('markDone')).toEqual([]);
    expect(bridge.callsOf('refresh')).toEqual([]);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('focus requests from main', () => {
  it('onFocusTodo scrolls to, expands the group of, and focuses that row', async () => {
    const todos = [...three(), makeTodo({ id: 7, title: '以后的', remindAt: minutesFromNow(3 * 24 * 60) })];
    const { user, bridge } = await renderApp({ todos });
    await user.click(screen.getByRole('row', { name: '以后，1 项' })); // collapse
    await user.type(screen.getByRole('searchbox'), '一');
    act(() => bridge.emitFocus(7));
    await waitFor(() => expect(focusedTitle()).toBe('以后的'));
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('');
  });

  it("the tray's 设置 item opens settings", async () => {
    const { bridge } = await renderApp({ todos: three() });
    act(() => bridge.emitOpenSettings());
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
  });

  it('a host without onOpenSettings still works', async () => {
    const bridge = new FakeBridge({ todos: three() });
    Object.defineProperty(bridge, 'onOpenSettings', { value: undefined });
    await renderApp({ bridge });
    expect(rowTitles()).toEqual(['一', '二', '三']);
  });

  it('an in-app reminder toast opens its todo', async () => {
    const { user, bridge } = await renderApp({ todos: three() });
    act(() =>
      bridge.emitReminder({ key: '2@x', kind: 'single', todoIds: [2], title: '待办提醒：二', body: '客户 wxid', repeats: false, openTodoId: 2, at: new Date().toISOString() }),
    );
    await user.click(screen.getByRole('button', { name: '查看' }));
    expect(focusedTitle()).toBe('二');
    expect(screen.queryByText('待办提醒：二')).toBeNull();
  });
});

describe('many todos', () => {
  it('renders only a window of 10,000 rows', async () => {
    const todos = Array.from({ length: 10_000 }, (_, i) => makeTodo({ id: i + 1, title: `T${i + 1}`, remindAt: minutesFromNow(-10_000 + i) }));
    await renderApp({ todos });
    expect(screen.getByRole('row', { name: '已逾期，10000 项' })).toBeTruthy();
    expect(rowTitles().length).toBeGreaterThan(3);
    expect(rowTitles().length).toBeLessThan(60);
    expect(screen.getByRole('treegrid').getAttribute('aria-rowcount')).toBe('10001');
  });
});
