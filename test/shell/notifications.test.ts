import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReminderEvent } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { collectGarbage, FakeNotification, resetFake, fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createNotifier } = await import('../../electron/main/shell/notifications');

const reminder = (id: number, over: Partial<ReminderEvent> = {}): ReminderEvent => ({
  key: `${id}@2026-11-25T02:00:00.000Z`,
  kind: 'single',
  todoIds: [id],
  title: `待办 ${id}`,
  body: '客户 <张三> & 李四',
  repeats: false,
  openTodoId: id,
  at: '2026-11-25T02:00:00.000Z',
  ...over,
});

const settle = () => new Promise((r) => setImmediate(r));

function setup(
  platform: NodeJS.Platform = 'darwin',
  opts: { sound?: boolean; lang?: 'zh-CN' | 'en'; answer?: (method: string) => Result<unknown> } = {},
) {
  fake.platform = platform;
  const failures: string[] = [];
  const opened: (number | null)[] = [];
  const dispatched: { method: string; args: unknown[] }[] = [];
  const logs: string[] = [];
  const notifier = createNotifier({
    platform,
    sound: () => opts.sound ?? false,
    lang: () => opts.lang ?? 'zh-CN',
    onOpen: (id) => opened.push(id),
    call: async (method, ...args) => {
      dispatched.push({ method, args });
      return opts.answer?.(method) ?? { ok: true, value: null };
    },
    todoTitle: (id) => `待办 ${id}`,
    log: (l) => logs.push(l),
    onFailed: (error) => failures.push(error),
    now: () => 1_000_000,
  });
  return { notifier, opened, dispatched, logs, failures };
}

describe('native notifications', () => {
  beforeEach(resetFake);

  it('shows one notification per reminder and keeps it referenced until it is closed', () => {
    const { notifier, opened } = setup();
    notifier.notify(reminder(1));
    expect(FakeNotification.all).toHaveLength(1);
    const n = FakeNotification.all[0]!;
    expect(n.shown).toBe(true);
    expect(notifier.liveCount).toBe(1);
    n.emit('close', { reason: 'userCanceled' });
    expect(notifier.liveCount).toBe(0);
    expect(opened).toEqual([]);
  });

  it('routes a click to the window on that todo and releases the reference', () => {
    const { notifier, opened } = setup();
    notifier.notify(reminder(1));
    notifier.notify(reminder(2));
    FakeNotification.all[1]!.click();
    expect(opened).toEqual([2]);
    expect(notifier.liveCount).toBe(1);
    FakeNotification.all[0]!.click();
    expect(opened).toEqual([2, 1]);
    expect(notifier.liveCount).toBe(0);
  });

  it('opens the first todo of a summary', () => {
    const { notifier, opened } = setup();
    notifier.notify(reminder(0, { key: 'summary@x', kind: 'summary', todoIds: [5, 6, 7, 8], openTodoId: 5 }));
    FakeNotification.all[0]!.click();
    expect(opened).toEqual([5]);
  });

  it('turns the Done and Snooze buttons into markDone and snooze 10m', async () => {
    const { notifier, dispatched, opened } = setup('win32');
    notifier.notify(reminder(3));
    notifier.notify(reminder(4));
    expect(FakeNotification.all[0]!.options.actions).toEqual([
      { type: 'button', text: '完成' },
      { type: 'button', text: '稍后 10 分钟' },
      { type: 'button', text: '去跟进' },
    ]);
    FakeNotification.all[0]!.action(0);
    FakeNotification.all[1]!.action(1);
    await Promise.resolve();
    expect(dispatched).toEqual([
      { method: 'markDone', args: [[3]] },
      { method: 'snooze', args: [[4], '10m'] },
    ]);
    expect(opened).toEqual([]);
    expect(notifier.liveCount).toBe(0);
  });

  it('去跟进 switches the conversation through the typed call, never marks done, and says it worked', async () => {
    const { notifier, dispatched, opened } = setup('darwin', {
      answer: (m) => (m === 'openConversation' ? { ok: true, value: { message: '会话已激活' } } : { ok: true, value: null }),
    });
    notifier.notify(reminder(5));
    FakeNotification.all[0]!.action(2);
    await settle();
    expect(dispatched).toEqual([{ method: 'openConversation', args: [5] }]);
    expect(opened).toEqual([]);
    const notice = FakeNotification.all[1]!;
    expect(notice.shown).toBe(true);
    expect(notice.options).toMatchObject({ title: '已在企客聊切换到这位客户的会话', body: '待办 5\n企客聊：会话已激活', actions: [] });
    // A click on the notice opens the window on that todo; pruning never closes it.
    notifier.prune(() => false);
    expect(notice.closed).toBe(false);
    notice.click();
    expect(opened).toEqual([5]);
  });

  it('去跟进 that the server refuses shows the server\'s words, in the user\'s language', async () => {
    const refused: Result<unknown> = { ok: false, error: { kind: 'business', code: 200009, detail: 'x', serverText: 'not a friend of this account' } };
    const { notifier } = setup('win32', { lang: 'en', answer: () => refused });
    notifier.notify(reminder(6));
    expect(FakeNotification.all[0]!.options.actions).toEqual([
      { type: 'button', text: 'Done' },
      { type: 'button', text: 'Snooze 10 min' },
      { type: 'button', text: 'Open chat' },
    ]);
    FakeNotification.all[0]!.action(2);
    await settle();
    expect(FakeNotification.all[1]!.options).toMatchObject({ title: 'Could not open the chat', body: '待办 6\n企客聊: not a friend of this account' });
  });

  it('去跟进 that fails without a server text says what went wrong, in Chinese', async () => {
    const { notifier } = setup('darwin', { answer: () => ({ ok: false, error: { kind: 'network', detail: 'ECONNREFUSED' } }) });
    notifier.notify(reminder(7));
    FakeNotification.all[0]!.action(2);
    await settle();
    expect(FakeNotification.all[1]!.options).toMatchObject({ title: '去跟进没有成功', body: '待办 7\n连不上友米服务器，请检查网络后重试。' });
  });

  it('logs a failed show and lets the object go', () => {
    const { notifier, logs } = setup();
    notifier.notify(reminder(1));
    FakeNotification.all[0]!.fail('toast blocked');
    expect(notifier.liveCount).toBe(0);
    expect(logs.join('\n')).toMatch(/failed for 1@.*toast blocked/);
  });

  it('replaces the earlier notification of a repeating todo instead of stacking them', () => {
    const { notifier } = setup();
    notifier.notify(reminder(9, { repeats: true }));
    notifier.notify(reminder(9, { repeats: true, key: '9@2026-11-25T02:10:00.000Z' }));
    expect(FakeNotification.all).toHaveLength(2);
    expect(FakeNotification.all[0]!.closed).toBe(true);
    expect(notifier.liveCount).toBe(1);
    // The old one's close event must not drop the new one.
    FakeNotification.all[1]!.click();
    expect(notifier.liveCount).toBe(0);
  });

  it('escapes markup in the body on Linux and gives no buttons there', () => {
    const { notifier } = setup('linux');
    notifier.notify(reminder(1));
    const o = FakeNotification.all[0]!.options;
    expect(o.body).toBe('客户 &lt;张三&gt; &amp; 李四');
    expect(o.actions).toEqual([]);
    expect(o.urgency).toBe('normal');
  });

  it('is silent unless sound is on', () => {
    setup('darwin', { sound: false }).notifier.notify(reminder(1));
    setup('darwin', { sound: true }).notifier.notify(reminder(2));
    expect(FakeNotification.all.map((n) => n.options.silent)).toEqual([true, false]);
  });

  it('shows every event it is given: the burst limit is the service\'s one policy (reminder-events.ts)', () => {
    const { notifier } = setup();
    for (let id = 1; id <= 10; id++) notifier.notify(reminder(id));
    expect(FakeNotification.all).toHaveLength(10);
  });

  it('closes notifications of todos that are no longer due (done in the window, say)', () => {
    const { notifier } = setup();
    notifier.notify(reminder(1));
    notifier.notify(reminder(2));
    notifier.prune((id) => id === 2);
    expect(FakeNotification.all[0]!.closed).toBe(true);
    expect(FakeNotification.all[1]!.closed).toBe(false);
    expect(notifier.liveCount).toBe(1);
  });

  it('does not try to show anything where notifications are unsupported', () => {
    fake.notificationsSupported = false;
    const { notifier, logs } = setup();
    notifier.notify(reminder(1));
    expect(FakeNotification.all).toHaveLength(0);
    expect(logs.join()).toMatch(/not supported/);
  });

  it('never shows or focuses the window by itself', () => {
    const { notifier, opened } = setup();
    notifier.notify(reminder(1));
    FakeNotification.all[0]!.emit('show', {});
    expect(opened).toEqual([]);
  });
});

/** The tag (Windows Tag / macOS identifier) the app gave the notification shown for this todo. */
const tagOf = (todoId: number) => FakeNotification.all.filter((n) => n.presented && n.options.title === `待办 ${todoId}`).at(-1)!.tag;

describe('native notifications on real desktops (Electron 45 rules, faithful fake)', () => {
  beforeEach(resetFake);

  it('Windows: a toast that moved to the Action Center (close, timedOut) keeps working: Done there marks the todo done, once', async () => {
    const { notifier, dispatched } = setup('win32');
    notifier.notify(reminder(5));
    const tag = tagOf(5);
    FakeNotification.all[0]!.timeOut();
    expect(notifier.liveCount).toBe(1);
    await collectGarbage();
    FakeNotification.activate(tag, { actionIndex: 0 });
    await settle();
    expect(dispatched).toEqual([{ method: 'markDone', args: [[5]] }]);
  });

  it('Windows: an action on a toast whose object is gone (restart, Action Center) is routed by the todo id in its tag', async () => {
    const { notifier, dispatched } = setup('win32');
    notifier.notify(reminder(6));
    const tag = tagOf(6);
    FakeNotification.all[0]!.dismiss(); // released by the app…
    // …but Windows still activates by tag, as after a restart of the app.
    FakeNotification.activate(tag, { actionIndex: 1 });
    await settle();
    expect(dispatched).toEqual([{ method: 'snooze', args: [[6], '10m'] }]);
  });

  it('Windows: 去跟进 on a toast whose object is gone opens the conversation of the todo in its tag', async () => {
    const { notifier, dispatched } = setup('win32');
    notifier.notify(reminder(11));
    const tag = tagOf(11);
    FakeNotification.all[0]!.dismiss();
    FakeNotification.activate(tag, { actionIndex: 2 });
    await settle();
    expect(dispatched).toEqual([{ method: 'openConversation', args: [11] }]);
    expect(FakeNotification.all.at(-1)!.options.title).toBe('已在企客聊切换到这位客户的会话');
  });

  it('Windows: a cold start by a toast button is handled once the handler registers', async () => {
    fake.platform = 'win32';
    FakeNotification.activate('todo-9.3', { actionIndex: 0 }); // before the app is ready
    const { dispatched } = setup('win32');
    await settle();
    expect(dispatched).toEqual([{ method: 'markDone', args: [[9]] }]);
  });

  it('Windows: a cold-start click on a toast body (no arguments) opens the window', async () => {
    fake.platform = 'win32';
    FakeNotification.activate('todo-9');
    const { opened } = setup('win32');
    await settle();
    expect(opened).toEqual([null]);
  });

  it('Windows: an action on a live toast is handled by its object only, not twice', async () => {
    const { notifier, dispatched, opened } = setup('win32');
    notifier.notify(reminder(7));
    FakeNotification.activate(tagOf(7), { actionIndex: 0 });
    notifier.notify(reminder(8));
    FakeNotification.activate(tagOf(8));
    await settle();
    expect(dispatched).toEqual([{ method: 'markDone', args: [[7]] }]);
    expect(opened).toEqual([8]);
  });

  it('macOS: a repeated isAlways reminder replaces the previous notification, and Done on the latest works', async () => {
    const { notifier, dispatched } = setup('darwin');
    notifier.notify(reminder(3, { repeats: true, key: '3@a' }));
    notifier.notify(reminder(3, { repeats: true, key: '3@b' }));
    await settle(); // UNUserNotificationCenter removals land asynchronously
    const onScreen = FakeNotification.all.filter((n) => n.presented);
    expect(onScreen).toHaveLength(1);
    expect(notifier.liveCount).toBe(1);
    onScreen[0]!.action(0);
    await settle();
    expect(dispatched).toEqual([{ method: 'markDone', args: [[3]] }]);
  });

  it('macOS: after a restart, Done on a notification still in Notification Center works, and handled ones are cleared', async () => {
    fake.platform = 'darwin';
    // Left by the previous run of the app.
    const old = new FakeNotification({ id: 'todo-12.4', title: '待办 12', body: '回访' });
    old.show();
    const gone = new FakeNotification({ id: 'todo-13.5', title: '待办 13', body: '回访' });
    gone.show();
    const { notifier, dispatched } = setup('darwin');
    await settle();
    expect(notifier.liveCount).toBe(2);
    notifier.prune((id) => id === 12); // 13 was done meanwhile
    expect(gone.closed).toBe(true);
    old.action(0);
    await settle();
    expect(dispatched).toEqual([{ method: 'markDone', args: [[12]] }]);
  });

  it('a notification that fails to show is reported, not just logged', () => {
    const { notifier, failures } = setup('darwin');
    notifier.notify(reminder(4));
    FakeNotification.all[0]!.fail('Notifications are not allowed');
    expect(failures).toEqual(['Notifications are not allowed']);
    expect(notifier.liveCount).toBe(0);
  });
});
