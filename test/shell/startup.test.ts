/**
 * The first five minutes, against the faithful fake: the whole main process
 * (electron/main/index.ts) with the real app and demo data, only `electron` faked and the
 * app's start() held where a test needs a slow first sync. Each test is a fresh launch.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppOptions } from '../../electron/main/app/types';
import type { ReminderEvent, Snapshot } from '../../shared/contract/types';
import { invokeChannel } from '../../shared/contract/channels';
import { pageSnapshot } from './helpers';
import type { Result } from '../../shared/errors';
import type {} from '../../electron/main/shell/e2e-hook';
import {
  app as fakeApp,
  callsNamed,
  fake,
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  ipcMain,
  menuItem,
  resetFake,
  type FakeMenu,
} from './fake-electron';

const control = vi.hoisted(() => ({
  startGate: Promise.resolve() as Promise<void>,
  createFails: null as Error | null,
  opts: null as AppOptions | null,
  trayHost: null as boolean | null,
}));

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
vi.mock('../../electron/main/shell/linux-desktop', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../electron/main/shell/linux-desktop')>()),
  // The session bus answer, as the test says (this machine has no desktop session).
  hasTrayHost: async () => control.trayHost,
}));
vi.mock('../../electron/main/app/app', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/main/app/app')>();
  return {
    ...actual,
    createApp: async (opts: AppOptions) => {
      control.opts = opts;
      if (control.createFails) throw control.createFails;
      const y = await actual.createApp(opts);
      // A first sync that takes as long as the test says (a real account on a slow network).
      return { ...y, start: async () => (await control.startGate, y.start()) };
    },
  };
});

const reminder = (id: number): ReminderEvent => ({
  key: `${id}@x`,
  kind: 'single',
  todoIds: [id],
  title: `待办 ${id}`,
  body: '回访',
  repeats: false,
  openTodoId: id,
  at: new Date().toISOString(),
});

let releaseStart: () => void = () => {};
let launches = 0;
const argv = [...process.argv];

async function launch(args: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'youmi-start-'))): Promise<void> {
  process.argv.push(...args);
  vi.stubEnv('YOUMI_DATA_DIR', dataDir);
  vi.stubEnv('YOUMI_E2E', '1');
  // A fresh instance of the main module (its top level is the launch), sharing the fake.
  await import(`../../electron/main/index?launch=${++launches}`);
}
const window = () => FakeBrowserWindow.all[0]!;
const quitAndWait = async () => {
  fakeApp.quit();
  await vi.waitFor(() => expect(fake.quitted).toBe(true), { timeout: 10_000 });
};

beforeEach(() => {
  resetFake();
  control.createFails = null;
  control.trayHost = null;
  control.startGate = new Promise<void>((r) => (releaseStart = r));
  globalThis.__youmiE2E = undefined;
});
afterEach(async () => {
  releaseStart();
  if (!fake.quitted && fake.exitCode === null && FakeBrowserWindow.all.length > 0) await quitAndWait().catch(() => {});
  process.argv.splice(0, process.argv.length, ...argv);
  vi.unstubAllEnvs();
});

describe('first launch', () => {
  it('shows the window as soon as its page is ready, while the first sync is still running', async () => {
    await launch();
    await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(window().visible).toBe(true), { timeout: 10_000 });
    expect(globalThis.__youmiE2E?.ready).toBe(false); // the sync has not finished
  });

  it('with --hidden (launch at login) stays in the tray once everything is up', async () => {
    releaseStart();
    await launch(['--hidden']);
    await vi.waitFor(() => expect(globalThis.__youmiE2E?.ready).toBe(true), { timeout: 10_000 });
    await vi.waitFor(() => expect(window().webContents.isLoading()).toBe(false));
    expect(window().visible).toBe(false);
    // A second launch (the user starts it from the menu) shows it.
    fakeApp.launchSecondInstance(['youmi']);
    expect(window().visible).toBe(true);
  });

  it('a start-up failure shows an error dialog and exits with a non-zero code (no invisible process keeps the lock)', async () => {
    control.createFails = new Error('EACCES: permission denied, open state.json\n    at Object.openSync (node:fs:1)');
    await launch();
    await vi.waitFor(() => expect(fake.exitCode).toBe(1), { timeout: 10_000 });
    expect(fake.dialogs).toHaveLength(1);
    expect(fake.dialogs[0]!.title).toMatch(/友米待办/);
    expect(fake.dialogs[0]!.content).toContain('EACCES');
    expect(fake.dialogs[0]!.content).not.toMatch(/\n\s+at /); // one line, never a stack
  });

  it('a second launch without the lock quits at once and opens nothing', async () => {
    fake.platformLock = false;
    await launch();
    await vi.waitFor(() => expect(callsNamed('app.quit').length).toBeGreaterThan(0));
    await new Promise((r) => setImmediate(r));
    expect(FakeBrowserWindow.all).toHaveLength(0);
  });
});

describe('Linux without a tray host (stock GNOME)', () => {
  it('runs as a normal window in the task bar, with the tray menu as its menu bar, and says so once', async () => {
    fake.platform = 'linux';
    control.trayHost = false;
    releaseStart();
    const dataDir = mkdtempSync(join(tmpdir(), 'youmi-notray-'));
    await launch(['--hidden'], dataDir);
    await vi.waitFor(() => expect(globalThis.__youmiE2E?.ready).toBe(true), { timeout: 10_000 });
    expect(FakeTray.all).toHaveLength(0);
    expect(window().options).toMatchObject({ frame: true, skipTaskbar: false });
    // Launched at login: in the task bar, minimised, not lost.
    await vi.waitFor(() => expect(window().visible).toBe(true));
    expect(window().minimized).toBe(true);
    const menus = callsNamed('Menu.setApplicationMenu').map((c) => c.args[0] as FakeMenu | null);
    expect(menuItem(menus.at(-1)!, '友米待办', '退出')).toBeDefined();
    window().restore();
    await vi.waitFor(() => expect(pageSnapshot(window().webContents.sent)?.hostProblem).toMatchObject({ kind: 'no-tray' }));
    // Closing keeps it in the task bar.
    window().close();
    expect(window().destroyed).toBe(false);
    expect(window().minimized).toBe(true);
    await quitAndWait();

    // The next launch: the same window, no banner again.
    resetFake();
    fake.platform = 'linux';
    globalThis.__youmiE2E = undefined;
    await launch([], dataDir);
    await vi.waitFor(() => expect(globalThis.__youmiE2E?.ready).toBe(true), { timeout: 10_000 });
    await vi.waitFor(() => expect(window().visible).toBe(true));
    const r = (await ipcMain.invoke(invokeChannel('getSnapshot'), { sender: window().webContents, senderFrame: window().webContents.mainFrame })) as Result<Snapshot>;
    expect(r.ok && r.value.hostProblem).toBeFalsy();
  });
});

describe('notifications in the running app', () => {
  async function running() {
    releaseStart();
    await launch(['--hidden']);
    await vi.waitFor(() => expect(globalThis.__youmiE2E?.ready).toBe(true), { timeout: 10_000 });
    return control.opts!.notifier;
  }

  it('a notification that fails to show puts the tray in its error state and the window shows how to fix it', async () => {
    const notifier = await running();
    notifier.notify(reminder(41));
    const n = FakeNotification.all.find((x) => x.options.title === '待办 41')!;
    n.fail('Notifications are not allowed for this application');
    await vi.waitFor(() => expect(globalThis.__youmiE2E!.tray()!.icon).toBe('offline'));
    expect(FakeTray.all[0]!.tooltip).toMatch(/通知/);
    window().show();
    expect(pageSnapshot(window().webContents.sent)?.hostProblem).toMatchObject({ kind: 'notifications-failed' });
  });

  it('notifications still on screen are closed when the app quits', async () => {
    const notifier = await running();
    notifier.notify(reminder(42));
    const n = FakeNotification.all.find((x) => x.options.title === '待办 42')!;
    expect(n.presented).toBe(true);
    await quitAndWait();
    expect(n.closed).toBe(true);
  });
});
