/**
 * Acting on a todo through the app's bridge (the path the window and the CLI take): names in
 * the snapshot, 去跟进, 再跟进 with a pending todo reconciled by id, 转交给 with its done mark,
 * and the history. A real file store, the simulator over HTTP, a virtual clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, ReminderEvent, Snapshot, TodoDraft } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { createApp } from '../../electron/main/app/app';
import { plainVault } from '../../electron/main/app/plain-vault';
import type { YoumiApp } from '../../electron/main/app/types';
import { customerKey } from '../../electron/main/service/people';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { createFileStore } from '../../electron/main/store/file-store';
import { HOUR } from '../service/support/fixtures';

// The API client keeps real time for "not earlier than now", so the virtual clock starts at the real now.
const clock = new VirtualClock(Math.floor(Date.now() / 1000) * 1000);
let sim: Simulator;
const dirs: string[] = [];
let app: YoumiApp | null = null;
const reminders: ReminderEvent[] = [];
const WXID = 'wxid_8k2m4n6p0q1r3s';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock.now(), demoData: false });
});
afterEach(async () => {
  await app?.stop();
  app = null;
  sim.admin.reset({ demoData: false });
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => sim.close());

async function open(): Promise<YoumiApp> {
  const dir = mkdtempSync(join(tmpdir(), 'youmi-act-'));
  dirs.push(dir);
  app = await createApp({
    dataDir: dir,
    store: createFileStore({ dataDir: dir }),
    vault: plainVault,
    notifier: { notify: (r) => reminders.push(r) },
    host: { hideWindow: () => {}, setPinned: () => {}, openExternal: async () => {} },
    log: () => {},
    clock,
    // A Chinese desktop: language "system" then gives Chinese reminder text (shared/language.ts).
    locales: () => ['zh-CN'],
    allowDemo: false,
    overrides: { baseUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret, staffCode: 'b08' },
  });
  await app.start();
  return app;
}

async function value<T>(a: YoumiApp, method: string, ...args: unknown[]): Promise<T> {
  const r = (await a.dispatch(method, args)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.kind} ${r.error.detail}`);
  return r.value;
}
const call = <T>(a: YoumiApp, method: string, ...args: unknown[]) => a.dispatch(method, args) as Promise<Result<T>>;

/** After a sync and the name lookups it queued (real HTTP, so real time passes). */
async function settled(a: YoumiApp): Promise<Snapshot> {
  await value(a, 'refresh');
  const deadline = Date.now() + 5000;
  for (;;) {
    const s = await value<Snapshot>(a, 'getSnapshot');
    const named = s.todos.every((t) => !t.customer || s.names?.customers[customerKey(t.account.id, t.customer)] || t.customer === 'wxid_not_a_friend');
    if ((named && Object.keys(s.names?.staff ?? {}).length > 0) || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const draft = (over: Partial<TodoDraft> = {}): TodoDraft => ({
  customer: WXID,
  accountId: 3430,
  accountKind: 0,
  title: '再跟进: 确认收货',
  content: '问物流',
  remindAt: '1h',
  isAlways: false,
  ...over,
});

describe('acting on a todo through the app', () => {
  it('shows customer and staff names in the snapshot without waiting for them', async () => {
    const id = sim.admin.addTodo({ remindTitle: '回访', weixin: WXID, remindTime: formatChinaTime(clock.now() + HOUR) }).id;
    const a = await open();
    const first = await value<Snapshot>(a, 'getSnapshot');
    expect(first.todos.map((t) => t.id)).toContain(id); // the list is there before any name
    const s = await settled(a);
    expect(s.names?.customers[customerKey(3430, WXID)]).toMatchObject({ nick: '周老师', remark: '周老师(复购3次)' });
    expect(s.names?.staff['b03']?.name).toBe('王经理');
  });

  it('去跟进 activates the conversation for me and does not mark the todo done', async () => {
    const id = sim.admin.addTodo({ remindTitle: '回访', weixin: WXID }).id;
    const a = await open();
    await settled(a);
    expect(await value(a, 'openConversation', id)).toEqual({ message: null });
    expect(sim.admin.activations()).toEqual([expect.objectContaining({ friend: WXID, accountId: 3430, staffCode: 'b08', enforceAttribution: 0 })]);
    const after = await value<Snapshot>(a, 'getSnapshot');
    expect(after.todos.find((t) => t.id === id)?.local.done).toBe(false);
  });

  it('去跟进 reports the server’s refusal with its code', async () => {
    const id = sim.admin.addTodo({ remindTitle: '回访', weixin: 'wxid_not_a_friend' }).id;
    const a = await open();
    await settled(a);
    const r = await call(a, 'openConversation', id);
    expect(r).toMatchObject({ ok: false, error: { kind: 'business', code: 200009 } });
  });

  it('再跟进 creates a todo for me, shows it pending at once, and the next sync reconciles it by id', async () => {
    const id = sim.admin.addTodo({ remindTitle: '回访', weixin: WXID }).id;
    const a = await open();
    await settled(a);
    const created = await value<{ id: number }>(a, 'followUp', id, draft());
    const now = await value<Snapshot>(a, 'getSnapshot');
    expect(now.pending?.map((p) => p.id)).toEqual([created.id]);
    expect(sim.admin.todos().find((t) => t.id === created.id)).toMatchObject({ weixin: WXID, recipientData: '["b08"]', sffId: 'b08', wecharId: 3430 });
    const synced = await settled(a);
    expect(synced.pending).toEqual([]);
    expect(synced.todos.find((t) => t.id === created.id)?.title).toBe('再跟进: 确认收货');
    expect(synced.todos.find((t) => t.id === id)?.local.done).toBe(false); // only offered, never implied
    const history = await value<HistoryEntry[]>(a, 'getHistory');
    expect(history[0]).toMatchObject({ kind: 'followup', todoId: id, newTodoId: created.id });
  });

  it('refuses a follow-up in the past or without a title before calling the API', async () => {
    const id = sim.admin.addTodo({ remindTitle: '回访', weixin: WXID }).id;
    const a = await open();
    await settled(a);
    const past = await call(a, 'followUp', id, draft({ remindAt: new Date(clock.now() - HOUR).toISOString() }));
    expect(past).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const blank = await call(a, 'followUp', id, draft({ title: '  ' }));
    expect(blank).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(sim.admin.requestLog().filter((e) => e.path === '/v2/Todo/AddRecordNew')).toHaveLength(0);
  });

  it('转交给 creates the todo for the colleague, marks mine done with the hand-off, and undo takes the mark back', async () => {
    const id = sim.admin.addTodo({ remindTitle: '确认收货', weixin: WXID, remindTime: formatChinaTime(clock.now() + 2 * HOUR), followupsiTuation: '原内容' }).id;
    const a = await open();
    await settled(a);
    const created = await value<{ id: number }>(a, 'handOff', id, 'b11', '客户要退货');
    const row = sim.admin.todos().find((t) => t.id === created.id);
    expect(row).toMatchObject({ recipientData: '["b11"]', sffId: 'b08', remindTitle: '确认收货', followupsiTuation: '客户要退货\n原内容' });
    const s = await value<Snapshot>(a, 'getSnapshot');
    expect(s.todos.find((t) => t.id === id)?.local.done).toBe(true);
    expect(s.handoffs?.[id]).toEqual({ code: 'b11', name: '李四' });
    const history = await value<HistoryEntry[]>(a, 'getHistory');
    expect(history[0]).toMatchObject({ kind: 'handoff', to: { code: 'b11', name: '李四' }, undoable: true });
    await value(a, 'undoDone', [id]);
    const back = await value<Snapshot>(a, 'getSnapshot');
    expect(back.todos.find((t) => t.id === id)?.local.done).toBe(false);
    expect(back.handoffs?.[id]).toBeUndefined();
  });

  it('a failed AddRecordNew hands nothing off and marks nothing done', async () => {
    const id = sim.admin.addTodo({ remindTitle: '确认收货', weixin: WXID }).id;
    const a = await open();
    await settled(a);
    sim.admin.injectFault({ kind: 'business', errmsg: 200010, path: '/v2/Todo/AddRecordNew' });
    const r = await call(a, 'handOff', id, 'b11', '');
    expect(r).toMatchObject({ ok: false, error: { kind: 'business', code: 200010 } });
    const s = await value<Snapshot>(a, 'getSnapshot');
    expect(s.todos.find((t) => t.id === id)?.local.done).toBe(false);
    expect(s.handoffs?.[id]).toBeUndefined();
  });

  it('done marks land in the 30-day history, and entries older than 30 days drop out', async () => {
    const id = sim.admin.addTodo({ remindTitle: '点赞朋友圈', weixin: WXID }).id;
    const a = await open();
    await settled(a);
    await value(a, 'markDone', [id]);
    expect((await value<HistoryEntry[]>(a, 'getHistory'))[0]).toMatchObject({ kind: 'done', title: '点赞朋友圈', undoable: true });
    clock.advance(31 * 24 * HOUR);
    expect(await value<HistoryEntry[]>(a, 'getHistory')).toEqual([]);
  });

  it('a reminder names the customer first and the WeChat id second', async () => {
    sim.admin.addTodo({ remindTitle: '回访提醒', weixin: WXID, remindTime: formatChinaTime(clock.now() + HOUR) });
    const a = await open();
    await settled(a);
    reminders.length = 0;
    clock.advance(HOUR + 1000);
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    const r = reminders.find((x) => x.title.includes('回访提醒'));
    expect(r?.body).toContain(`客户：周老师(复购3次) · ${WXID}`);
  });
});
