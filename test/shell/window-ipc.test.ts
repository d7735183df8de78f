import { once } from 'node:events';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, EVENT_CHANNELS, invokeChannel } from '../../shared/contract/channels';
import type { Result } from '../../shared/errors';
import { dispatch, type BridgeHandlers } from '../../electron/main/app/dispatch';
import { callsNamed, fake, FakeBrowserWindow, FakeWebContents, FakeWebFrameMain, ipcMain, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createPopupWindow, OPEN_SETTINGS_CHANNEL } = await import('../../electron/main/shell/window');
const { registerIpc, UNTRUSTED_SENDER } = await import('../../electron/main/shell/ipc');

const indexHtml = '/app/out/renderer/index.html';
/** The page has loaded (the fake takes real time, as Electron does): wait for the event, not a guess. */
const loaded = (win: FakeBrowserWindow) => (win.webContents.isLoading() ? once(win.webContents, 'did-finish-load') : Promise.resolve());

function setupWindow(over: { trayBounds?: { x: number; y: number; width: number; height: number } | null; saved?: { width: number; height: number } | null } = {}) {
  const saved: { width: number; height: number }[] = [];
  let now = 10_000;
  const popup = createPopupWindow({
    platform: 'win32',
    preload: '/app/out/preload/index.cjs',
    renderer: { devUrl: null, indexHtml },
    devTools: false,
    trayBounds: () => over.trayBounds ?? null,
    sizes: { load: () => over.saved ?? null, save: (s) => saved.push(s) },
    log: () => {},
    now: () => now,
  });
  const win = FakeBrowserWindow.all.at(-1)!;
  return { popup, win, saved, advance: (ms: number) => (now += ms) };
}

/** Handlers that record calls; the real dispatch validates in front of them. */
function recordingHandlers() {
  const calls: { method: string; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    BRIDGE_METHODS.map((m) => [
      m,
      async (...args: unknown[]) => {
        calls.push({ method: m, args });
        return { ok: true, value: null };
      },
    ]),
  ) as unknown as BridgeHandlers;
  return { calls, dispatch: (method: string, args: unknown) => dispatch(handlers, method, args) };
}

describe('popup window', () => {
  beforeEach(resetFake);

  it('is created hidden, frameless, off the taskbar, sandboxed, with the CJS preload and our file', async () => {
    const { win } = setupWindow();
    const o = win.options as Record<string, unknown> & { webPreferences: Record<string, unknown> };
    expect(o).toMatchObject({ show: false, frame: false, skipTaskbar: true, width: 380, height: 560 });
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(win.loaded).toEqual({ kind: 'file', target: indexHtml });
  });

  it('opens at its remembered size and remembers a new one', async () => {
    vi.useFakeTimers();
    try {
      const { win, saved } = setupWindow({ saved: { width: 420, height: 640 } });
      expect(win.size).toEqual([420, 640]);
      win.setSize(450, 700);
      win.emit('resize');
      win.emit('resize');
      vi.advanceTimersByTime(600);
      expect(saved).toEqual([{ width: 450, height: 700 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('anchors to the tray icon, or falls back to the work-area corner', () => {
    const anchored = setupWindow({ trayBounds: { x: 1700, y: 1045, width: 24, height: 30 } });
    anchored.popup.show();
    expect(anchored.win.position).toEqual([1522, 1040 - 560 - 8]);
    const corner = setupWindow({ trayBounds: null });
    corner.popup.show();
    expect(corner.win.position).toEqual([1920 - 380 - 8, 1040 - 560 - 8]);
  });

  it('hides on blur unless pinned', () => {
    const { popup, win } = setupWindow();
    popup.show();
    win.blurByUser();
    expect(win.visible).toBe(false);
    popup.setPinned(true);
    popup.show();
    win.blurByUser();
    expect(win.visible).toBe(true);
    expect(win.alwaysOnTop).toBe(true);
  });

  it('a tray click that caused the blur does not reopen the window', () => {
    const { popup, win, advance } = setupWindow();
    popup.toggle();
    expect(win.visible).toBe(true);
    win.blurByUser(); // the tray click took the focus…
    popup.toggle(); // …and then arrives as a click
    expect(win.visible).toBe(false);
    advance(1000);
    popup.toggle();
    expect(win.visible).toBe(true);
    popup.toggle(); // focused and visible: hide
    expect(win.visible).toBe(false);
  });

  it('hides instead of closing until the app quits', () => {
    const { popup, win } = setupWindow();
    popup.show();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    popup.allowClose();
    win.close();
    expect(win.destroyed).toBe(true);
  });

  it('opens on the display under the pointer when the tray has no bounds (two monitors)', () => {
    fake.displays = [
      { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 }, scaleFactor: 1 },
    ];
    fake.cursor = { x: 3000, y: 700 };
    const { popup, win } = setupWindow({ trayBounds: null });
    popup.show();
    expect(win.position[0]).toBeGreaterThanOrEqual(1920);
    expect(win.position[0] + win.size[0]).toBeLessThanOrEqual(1920 + 2560);
  });

  it('framed window style (Wayland, no tray): in the task bar, placed by the window manager, kept on blur', () => {
    const popup = createPopupWindow({
      platform: 'linux',
      preload: '/app/out/preload/index.cjs',
      renderer: { devUrl: null, indexHtml },
      devTools: false,
      trayBounds: () => null,
      sizes: { load: () => null, save: () => {} },
      log: () => {},
      style: 'window',
      hasTray: true,
    });
    const win = FakeBrowserWindow.all.at(-1)!;
    expect(win.options).toMatchObject({ frame: true, skipTaskbar: false });
    popup.show();
    expect(callsNamed('window.setPosition')).toHaveLength(0);
    win.blurByUser();
    expect(win.visible).toBe(true);
    win.close();
    expect(win.visible).toBe(false); // hidden to the tray, which exists
  });

  it('opens on a todo: the focus request waits for the page to load', async () => {
    const { popup, win } = setupWindow();
    popup.showOnTodo(42);
    expect(win.visible).toBe(true);
    expect(win.webContents.sent).toEqual([]);
    await loaded(win);
    expect(win.webContents.sent).toEqual([{ channel: EVENT_CHANNELS.focusTodo, payload: 42 }]);
    popup.showOnTodo(43);
    expect(win.webContents.sent.at(-1)).toEqual({ channel: EVENT_CHANNELS.focusTodo, payload: 43 });
    popup.showSettings();
    expect(win.webContents.sent.at(-1)).toEqual({ channel: OPEN_SETTINGS_CHANNEL, payload: null });
    popup.showNewTodo();
    expect(win.webContents.sent.at(-1)).toEqual({ channel: EVENT_CHANNELS.newTodo, payload: null });
  });

  it('the tray\'s 新建待办 on a window still loading: the dialog request waits for the page', async () => {
    const { popup, win } = setupWindow();
    popup.showNewTodo();
    expect(win.visible).toBe(true);
    expect(win.webContents.sent).toEqual([]);
    await loaded(win);
    expect(win.webContents.sent).toEqual([{ channel: EVENT_CHANNELS.newTodo, payload: null }]);
  });

});

describe('IPC', () => {
  beforeEach(resetFake);

  async function wired() {
    const { popup, win } = setupWindow();
    await loaded(win); // loaded: the main frame shows our index.html
    const rec = recordingHandlers();
    const unregister = registerIpc({ dispatch: rec.dispatch, isTrustedSender: (e) => popup.isOurSender(e), log: () => {} });
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    return { ...rec, popup, win, ours, unregister };
  }

  it('registers one handler per contract method and removes them again', async () => {
    const { unregister } = await wired();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map(invokeChannel).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes valid calls from our window to the app', async () => {
    const { ours, calls } = await wired();
    expect(await ipcMain.invoke(invokeChannel('markDone'), ours, [1, 2])).toEqual({ ok: true, value: null });
    expect(await ipcMain.invoke(invokeChannel('snooze'), ours, [3], '10m')).toEqual({ ok: true, value: null });
    expect(calls).toEqual([
      { method: 'markDone', args: [[1, 2]] },
      { method: 'snooze', args: [[3], '10m'] },
    ]);
  });

  it.each([
    ['markDone', [['1']]],
    ['markDone', [[]]],
    ['markDone', []],
    ['markDone', [[1], 'extra']],
    ['snooze', [[1], '10 minutes']],
    ['pause', ['forever']],
    ['setPinned', ['yes']],
    ['saveSettings', [{ clientSecret: 'x', evil: true }]],
    ['saveSettings', [{ pollIntervalSec: 1 }]],
    ['saveSettings', [{ baseUrl: 'ftp://x' }]],
  ])('rejects a malformed %s payload as a typed error: %j', async (method, args) => {
    const { ours, calls } = await wired();
    const r = (await ipcMain.invoke(invokeChannel(method as never), ours, ...args)) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalid-request');
    expect(calls).toEqual([]);
  });

  it('rejects senders other than our window’s main frame showing our page', async () => {
    const { win, calls } = await wired();
    const other = new FakeWebContents();
    other.mainFrame.url = win.webContents.mainFrame.url;
    const sub = new FakeWebFrameMain(win.webContents.mainFrame.processId, 'sub-frame');
    sub.parent = win.webContents.mainFrame;
    sub.url = win.webContents.mainFrame.url;
    const foreign = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: win.webContents, senderFrame: sub },
      { sender: win.webContents, senderFrame: null },
      { sender: win.webContents, senderFrame: new FakeWebFrameMain(1, 'forged') },
    ];
    for (const from of foreign) {
      expect(await ipcMain.invoke(invokeChannel('getSnapshot'), from)).toEqual(UNTRUSTED_SENDER);
    }
    // Our frame after navigating somewhere else (blocked elsewhere, but belt and braces).
    win.webContents.mainFrame.url = 'file:///tmp/evil.html';
    expect(await ipcMain.invoke(invokeChannel('getSnapshot'), { sender: win.webContents, senderFrame: win.webContents.mainFrame })).toEqual(UNTRUSTED_SENDER);
    expect(calls).toEqual([]);
  });

  it('turns a throwing dispatch into an internal error without a stack', async () => {
    const { popup, win } = setupWindow();
    await loaded(win);
    registerIpc({
      dispatch: async () => {
        throw new Error('boom at /secret/path');
      },
      isTrustedSender: (e) => popup.isOurSender(e),
      log: () => {},
    });
    const r = await ipcMain.invoke(invokeChannel('refresh'), { sender: win.webContents, senderFrame: win.webContents.mainFrame });
    expect(r).toEqual({ ok: false, error: { kind: 'internal', detail: 'refresh failed' } });
  });

  it('keeps the dev-server origin as ours in development', async () => {
    fake.isPackaged = false;
    const popup = createPopupWindow({
      platform: 'linux',
      preload: join('/app/out/preload/index.cjs'),
      renderer: { devUrl: 'http://localhost:5173/', indexHtml },
      devTools: true,
      trayBounds: () => null,
      sizes: { load: () => null, save: () => {} },
      log: () => {},
    });
    const win = FakeBrowserWindow.all.at(-1)!;
    await loaded(win);
    expect(win.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173/' });
    expect(popup.isOurSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as never)).toBe(true);
  });
});
