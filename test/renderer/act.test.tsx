// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import type { HistoryEntry, TodoDraft } from '../../shared/contract/types';
import { FakeBridge, makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp, rowFor } from './render';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const todo = () =>
  makeTodo({
    id: 7,
    title: '回访客户',
    customer: 'wxid_zhou',
    creator: 'b03',
    recipients: ['b08', 'b11'],
    account: { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' },
    remindAt: minutesFromNow(-5),
  });

const names = {
  customers: { '3430|wxid_zhou': { wxid: 'wxid_zhou', nick: '周', remark: '周老师(复购)', wechatNo: null } },
  staff: { b03: { name: '王经理', depart: '管理部' }, b11: { name: '李四', depart: '客服部' } },
};

describe('who the customer is', () => {
  it('shows the remark first and the WeChat id second, and the bare id when the name is unknown', async () => {
    await renderApp({ todos: [todo(), makeTodo({ id: 8, title: '无名', customer: 'wxid_unknown' })], names });
    const row = rowFor('回访客户');
    expect(row.querySelector('.customer-name')?.textContent).toBe('周老师(复购)');
    expect(row.querySelector('.customer-id')?.textContent).toBe('wxid_zhou');
    expect(rowFor('无名').querySelector('.customer-id')?.textContent).toBe('wxid_unknown');
    expect(rowFor('无名').querySelector('.customer-name')).toBeNull();
  });

  it('shows creator and recipients as 王经理 · b03, unknown codes as codes', async () => {
    const { user } = await renderApp({ todos: [todo()], names });
    await user.click(within(rowFor('回访客户')).getByRole('button', { name: '展开详情' }));
    expect(screen.getByText('创建人：王经理 · b03')).toBeTruthy();
    expect(screen.getByText(/b08、李四 · b11/)).toBeTruthy();
  });

  it('copies the WeChat id by button and by C', async () => {
    // user-event installs its own clipboard stub: read what the app wrote through it.
    const { user } = await renderApp({ todos: [todo()], names });
    await user.click(within(rowFor('回访客户')).getByRole('button', { name: '复制客户的微信号（C）' }));
    expect(await navigator.clipboard.readText()).toBe('wxid_zhou');
    expect(await screen.findByText('已复制微信号 wxid_zhou')).toBeTruthy();
    await navigator.clipboard.writeText('');
    rowFor('回访客户').focus();
    await user.keyboard('c');
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('wxid_zhou'));
  });
});

describe('去跟进', () => {
  it('opens the conversation from the row and by O, says so with the customer’s name, and marks nothing done', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    await user.click(within(rowFor('回访客户')).getByRole('button', { name: '在企客聊里打开和这位客户的会话（O）' }));
    expect(bridge.callsOf('openConversation')).toEqual([[7]]);
    expect(await screen.findByText('已在企客聊切换到 周老师(复购) 的会话')).toBeTruthy();
    rowFor('回访客户').focus();
    await user.keyboard('o');
    expect(bridge.callsOf('openConversation')).toHaveLength(2);
    expect(bridge.callsOf('markDone')).toEqual([]);
  });

  it('shows the server’s refusal in the user’s language', async () => {
    const bridge = new FakeBridge({ todos: [todo()], names, settings: { language: 'en' } });
    bridge.failNext.set('openConversation', { kind: 'business', code: 200009, detail: 'x' });
    const { user } = await renderApp({ bridge, language: 'en' });
    await user.click(within(rowFor('回访客户')).getByRole('button', { name: 'Open the conversation with this customer in 企客聊 (O)' }));
    expect(await screen.findByText('This customer is no longer a friend of that account, so the chat cannot open.')).toBeTruthy();
  });
});

describe('再跟进 and 新建待办', () => {
  it('F opens the follow-up form; it sends the draft, shows the todo pending, then asks about the original', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    rowFor('回访客户').focus();
    await user.keyboard('f');
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByRole('textbox', { name: '标题' });
    await user.clear(title);
    await user.type(title, '确认物流');
    await user.click(within(dialog).getByRole('radio', { name: '明天 09:00' }));
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    const [[id, draft]] = bridge.callsOf('followUp') as [[number, TodoDraft]];
    expect(id).toBe(7);
    expect(draft).toMatchObject({ customer: 'wxid_zhou', accountId: 3430, accountKind: 0, title: '确认物流', remindAt: 'tomorrow', isAlways: false });
    await waitFor(() => expect(document.querySelector('.pending-item')?.textContent).toContain('确认物流'));
    await user.click(await screen.findByRole('button', { name: '标记完成' }));
    expect(bridge.callsOf('markDone')).toEqual([[[7]]]);
  });

  it('validates before sending: no title, a picked time in the past', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    await user.click(within(rowFor('回访客户')).getByRole('button', { name: '展开详情' }));
    await user.click(screen.getByRole('button', { name: '再跟进…' }));
    const dialog = await screen.findByRole('dialog');
    await user.clear(within(dialog).getByRole('textbox', { name: '标题' }));
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请填写标题');
    await user.type(within(dialog).getByRole('textbox', { name: '标题' }), '再问');
    await user.click(within(dialog).getByRole('radio', { name: '指定时间' }));
    const picked = within(dialog).getByLabelText('指定时间', { selector: 'input[type="datetime-local"]' });
    await user.type(picked, '2020-01-01T10:00');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('提醒时间不能早于现在');
    expect(bridge.callsOf('followUp')).toEqual([]);
  });

  it('N opens 新建待办 with the recent customers and accounts', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    await user.keyboard('n');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('combobox', { name: '客户微信号' }), 'wxid_new');
    await user.type(within(dialog).getByRole('textbox', { name: '标题' }), '新客户回访');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    const [[draft]] = bridge.callsOf('createTodo') as [[TodoDraft]];
    expect(draft).toMatchObject({ customer: 'wxid_new', accountId: 3430, title: '新客户回访', remindAt: '1h' });
  });
});

describe('the tray’s 新建待办', () => {
  it('opens the 新建待办 dialog on the list, from the settings page too', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    act(() => bridge.emitOpenSettings());
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
    act(() => bridge.emitNewTodo());
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('combobox', { name: '客户微信号' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '设置' })).toBeNull();
    await user.type(within(dialog).getByRole('combobox', { name: '客户微信号' }), 'wxid_tray');
    await user.type(within(dialog).getByRole('textbox', { name: '标题' }), '托盘新建');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(bridge.callsOf('createTodo')).toHaveLength(1);
  });
});

describe('转交给', () => {
  it('T opens a searchable colleague picker; handing off marks mine done with 转交给 李四', async () => {
    const { user, bridge } = await renderApp({
      todos: [todo()],
      names,
      staff: [
        { code: 'b08', name: '张三', depart: '客服部' },
        { code: 'b11', name: '李四', depart: '客服部' },
        { code: 'b16', name: '赵六', depart: '运营部' },
      ],
    });
    rowFor('回访客户').focus();
    await user.keyboard('t');
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(2)); // not myself
    await user.type(within(dialog).getByRole('searchbox'), '运营');
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['赵六b16 · 运营部']);
    await user.clear(within(dialog).getByRole('searchbox'));
    await user.click(within(dialog).getByRole('radio', { name: /李四/ }));
    await user.click(within(dialog).getByRole('button', { name: '转交' }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(bridge.callsOf('handOff')).toEqual([[7, 'b11', '']]);
    expect(await screen.findByText('已转交给 李四')).toBeTruthy();
    await waitFor(() => expect(within(rowFor('回访客户')).getByText('转交给 李四')).toBeTruthy());
  });

  it('refuses to send without a colleague', async () => {
    const { user, bridge } = await renderApp({ todos: [todo()], names });
    rowFor('回访客户').focus();
    await user.keyboard('t');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '转交' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请选择同事');
    expect(bridge.callsOf('handOff')).toEqual([]);
  });
});

describe('history', () => {
  const entries: HistoryEntry[] = [
    { key: 'a', kind: 'handoff', at: minutesFromNow(-60), todoId: 7, title: '回访客户', customer: 'wxid_zhou', to: { code: 'b11', name: '李四' }, newTodoId: 9001, undoable: true },
    { key: 'b', kind: 'done', at: minutesFromNow(-3 * 24 * 60), todoId: 5, title: '点赞朋友圈', customer: 'wxid_x', undoable: true },
  ];

  it('H lists the last 30 days, searchable, with undo where the done mark is still here', async () => {
    const done = { ...todo(), local: { done: true, doneAt: minutesFromNow(-60), snoozedUntil: null } };
    const { user, bridge } = await renderApp({ todos: [done], names, history: entries });
    await user.keyboard('h');
    const dialog = await screen.findByRole('dialog', { name: '历史' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
    expect(within(dialog).getByText('转交给 李四')).toBeTruthy();
    await user.type(within(dialog).getByRole('searchbox'), '朋友圈');
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(1);
    await user.clear(within(dialog).getByRole('searchbox'));
    const undo = within(dialog).getAllByRole('button', { name: '撤销' });
    expect(undo).toHaveLength(1); // #5 is no longer in the list: nothing to take back here
    await user.click(undo[0]!);
    expect(bridge.callsOf('undoDone')).toEqual([[[7]]]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('is complete in English', async () => {
    const { user } = await renderApp({ todos: [todo()], names, history: [], language: 'en', settings: { language: 'en' } });
    await user.click(screen.getByRole('button', { name: /What you finished/ }));
    expect(await screen.findByText('Nothing handled on this machine in the last 30 days')).toBeTruthy();
  });
});
