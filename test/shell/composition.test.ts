/**
 * The whole main process (electron/main/index.ts) against the real app, service and demo
 * simulator, with only the `electron` module faked: the tray follows the service, reminders
 * become notifications whose clicks and buttons reach the right todo, IPC admits only our
 * window, and the client secret never reaches the renderer, the log or the state file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, EVENT_CHANNELS, invokeChannel } from '../../shared/contract/channels';
import type { PublicSettings, Snapshot } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import type {} from '../../electron/main/shell/e2e-hook';
import {
  app as fakeApp,
  callsNamed,
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  FakeWebContents,
  ipcMain,
  menuItem,
  powerMonitor,
  resetFake,
} from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const SECRET = 'cs-never-leaks-7Q9x2Lp4';
const dataDir = mkdtempSync(join(tmpdir(), 'youmi-main-'));
let win: FakeBrowserWindow;
let tray: FakeTray;
let other: Simulator;

const ours = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });
const invoke = <T>(method: string, ...args: unknown[]) => ipcMain.invoke(invokeChannel(method as never), ours(), ...args) as Promise<Result<T>>;
const snapshot = async () => {
  const r = await invoke<Snapshot>('getSnapshot');
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};
const chinaTime = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/** A todo due a second ago on the demo server, synced: its id and the notification it raised. */
async function remindNow(title: string): Promise<{ id: number; n: FakeNotification }> {
  const demo = globalThis.__youmiE2E!.demo()!;
  const res = await fetch(`${demo.adminUrl}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ remindTitle: title, remindTime: chinaTime(Date.now() - 1000), recipientData: JSON.stringify([demo.staff]) }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: number };
  expect((await invoke('refresh')).ok).toBe(true);
  await vi.waitFor(() => expect(FakeNotification.all.some((n) => String(n.options.title).includes(title))).toBe(true), { timeout: 15_000 });
  return { id, n: FakeNotification.all.find((x) => String(x.options.title).includes(title))! };
}

beforeAll(async () => {
  resetFake();
  vi.stubEnv('YOUMI_DATA_DIR', dataDir);
  vi.stubEnv('YOUMI_E2E', '1');
  other = await startSimulator({ demoData: false });
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(globalThis.__youmiE2E?.ready).toBe(true), { timeout: 15_000, interval: 50 });
  win = FakeBrowserWindow.all[0]!;
  tray = FakeTray.all[0]!;
  await vi.waitFor(() => expect(win.webContents.mainFrame.url).toMatch(/^file:/));
}, 30_000);

afterAll(async () => {
  menuItem(tray?.contextMenu ?? null, '退出')?.click?.();
  await vi.waitFor(() => expect(callsNamed('app.quit').length).toBeGreaterThan(0), { timeout: 5000 });
  await other?.close();
  vi.unstubAllEnvs();
});

describe('main process, composed', () => {
  it('shows its window on first launch, once the page is ready', async () => {
    await vi.waitFor(() => expect(callsNamed('window.show').length).toBeGreaterThan(0));
  });

  it('starts as a single, sandboxed tray app in the chosen data dir', () => {
    expect(callsNamed('app.setPath')[0]!.args).toEqual(['userData', dataDir]);
    expect(callsNamed('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(callsNamed('app.enableSandbox')).toHaveLength(1);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(FakeTray.all).toHaveLength(1);
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.options.show).toBe(false);
  });

  it('registers a handler for every bridge method', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map(invokeChannel).sort());
  });

  it('runs the demo and the tray says so', async () => {
    const s = await snapshot();
    expect(s.demo).toBe(true);
    await vi.waitFor(() => expect(tray.tooltip).toContain('演示模式'), { timeout: 10_000 });
    expect(tray.contextMenu).not.toBeNull();
    // API calls go through Electron's net.fetch (system proxy, PAC, OS certificates), not undici.
    expect(callsNamed('net.fetch').length).toBeGreaterThan(0);
    // A development build does not update itself: no update item in the menu.
    expect(menuItem(tray.contextMenu, '检查更新')).toBeUndefined();
  });

  it('shows the window on a second launch', () => {
    win.hide();
    fakeApp.emit('second-instance', {}, ['youmi', '--hidden'], '/');
    expect(win.visible).toBe(true);
    win.hide();
  });

  it('turns a reminder into a notification, and the tray shows it due', async () => {
    const { id, n } = await remindNow(`组合测试 ${Date.now()}`);
    expect(n.shown).toBe(true);
    // No focus stealing: the window stays hidden until the user clicks.
    expect(win.visible).toBe(false);
    await vi.waitFor(() => expect(globalThis.__youmiE2E!.tray()!.dueCount).toBeGreaterThan(0));
    expect(['due', 'offline']).toContain(globalThis.__youmiE2E!.tray()!.icon);
    expect(tray.tooltip).toMatch(/个待办已到期/);

    // Click: the window opens on that todo.
    win.webContents.sent.length = 0;
    n.click();
    expect(win.visible).toBe(true);
    await vi.waitFor(() => expect(win.webContents.sent).toContainEqual({ channel: EVENT_CHANNELS.focusTodo, payload: id }));
    win.hide();
  }, 30_000);

  it('a notification’s Done button marks the todo done here, and its notification goes', async () => {
    const { id, n } = await remindNow(`按钮完成 ${Date.now()}`);
    n.action(0);
    await vi.waitFor(async () => expect((await snapshot()).todos.find((t) => t.id === id)?.local.done).toBe(true), { timeout: 10_000 });
  }, 30_000);

  it('a notification’s 去跟进 switches 企客聊 to the customer, marks nothing done, and says so', async () => {
    const demo = globalThis.__youmiE2E!.demo()!;
    const activations = async () => ((await (await fetch(`${demo.adminUrl}/activations`)).json()) as unknown[]).length;
    const before = await activations();
    const title = `按钮去跟进 ${Date.now()}`;
    const { id, n } = await remindNow(title);
    n.action(2);
    await vi.waitFor(() => expect(FakeNotification.all.some((n) => n.options.title === '已在企客聊切换到这位客户的会话' && String(n.options.body).includes(title))).toBe(true), {
      timeout: 10_000,
    });
    expect(await activations()).toBe(before + 1);
    expect((await snapshot()).todos.find((t) => t.id === id)?.local.done).toBe(false);
    expect(win.visible).toBe(false);
  }, 30_000);

  it('a todo done in the window takes its notification away (pruned by looking up only the shown todos)', async () => {
    const { id, n } = await remindNow(`窗口完成 ${Date.now()}`);
    expect(n.closed).toBe(false);
    expect((await invoke('markDone', [id])).ok).toBe(true);
    await vi.waitFor(() => expect(n.closed).toBe(true), { timeout: 10_000 });
  }, 30_000);

  it('the tray’s 新建待办 opens the window on the 新建待办 dialog', async () => {
    win.webContents.sent.length = 0;
    menuItem(tray.contextMenu, '新建待办')!.click!();
    expect(win.visible).toBe(true);
    expect(win.webContents.sent).toContainEqual({ channel: EVENT_CHANNELS.newTodo, payload: null });
    win.hide();
  });

  it('pausing from the tray menu switches the icon and the menu', async () => {
    menuItem(tray.contextMenu, '暂停提醒', '30 分钟')!.click!();
    await vi.waitFor(() => expect(globalThis.__youmiE2E!.tray()!.icon).toBe('paused'), { timeout: 10_000 });
    expect(menuItem(tray.contextMenu, '恢复提醒')).toBeDefined();
    menuItem(tray.contextMenu, '恢复提醒')!.click!();
    await vi.waitFor(() => expect(globalThis.__youmiE2E!.tray()!.icon).not.toBe('paused'), { timeout: 10_000 });
  });

  it('syncs again after the machine resumes', async () => {
    const demo = globalThis.__youmiE2E!.demo()!;
    const count = async () => ((await (await fetch(`${demo.adminUrl}/requests`)).json()) as unknown[]).length;
    const before = await count();
    powerMonitor.emit('resume');
    await vi.waitFor(async () => expect(await count()).toBeGreaterThan(before), { timeout: 10_000 });
  });

  it('rejects IPC from anything but our window', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = win.webContents.mainFrame.url;
    const r = (await ipcMain.invoke(invokeChannel('markDone'), { sender: stranger, senderFrame: stranger.mainFrame }, [1])) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const bad = await invoke('markDone', 'all');
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('never lets the client secret cross to the renderer, the log or the state file', async () => {
    const saved = await invoke<PublicSettings>('saveSettings', {
      baseUrl: other.url,
      tokenUrl: other.tokenUrl,
      clientId: other.credentials.clientId,
      clientSecret: SECRET, // wrong on purpose: the failure path is where secrets leak
      staffCode: other.demoStaff,
      mode: 'account',
    });
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(saved.value.clientSecretSet).toBe(true);
      expect(saved.value.secretStorage).toBe('encrypted');
    }
    await invoke('refresh');
    const report = await invoke('testConnection', {});
    await invoke('getSettings');
    await invoke('listStaff', {});
    await new Promise((r) => setTimeout(r, 1500));
    win.show(); // flushes the latest snapshot to the page
    const renderer = JSON.stringify([win.webContents.sent, saved, report, await invoke('getSettings'), await snapshot()]);
    expect(renderer).not.toContain(SECRET);
    expect(renderer).not.toContain('clientSecretSealed');
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(SECRET);
    const state = readFileSync(join(dataDir, 'state.json'), 'utf8');
    expect(state).not.toContain(SECRET);
    expect(state).toMatch(/safe:/);
  }, 30_000);

  it('quits only from the tray menu, letting the window close then', async () => {
    win.close();
    expect(win.destroyed).toBe(false);
    expect(callsNamed('app.quit')).toHaveLength(0);
    menuItem(tray.contextMenu, '退出')!.click!();
    await vi.waitFor(() => expect(callsNamed('app.quit').length).toBeGreaterThan(0), { timeout: 5000 });
    win.close();
    expect(win.destroyed).toBe(true);
  });
});
