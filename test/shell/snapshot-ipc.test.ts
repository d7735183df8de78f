/**
 * Snapshots to the Electron window as deltas (shell/ipc.ts attachSnapshotFeed, and the
 * preload's receiver), on the fake of `electron`: a page load is a connection that gets a
 * full snapshot then deltas; nothing is built or sent before the page loads or after it is
 * gone; a resync from our page gets a full snapshot, one from another frame is ignored; the
 * preload hands the page complete snapshots and asks main after a gap.
 */
import { once } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, SNAPSHOT_RESYNC_CHANNEL } from '../../shared/contract/channels';
import type { SnapshotMessage } from '../../shared/contract/delta';
import type { Snapshot, YoumiBridge } from '../../shared/contract/types';
import { contextBridge, FakeBrowserWindow, FakeWebFrameMain, ipcMain, ipcRenderer, resetFake } from './fake-electron';
import { countingSource } from '../app/support/counting-source';
import { busySnapshot, todo } from './helpers';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createPopupWindow } = await import('../../electron/main/shell/window');
const { attachSnapshotFeed } = await import('../../electron/main/shell/ipc');

function windowWithFeed(first: Snapshot) {
  const popup = createPopupWindow({
    platform: 'linux',
    preload: '/app/out/preload/index.cjs',
    renderer: { devUrl: null, indexHtml: '/app/out/renderer/index.html' },
    devTools: false,
    trayBounds: () => null,
    sizes: { load: () => null, save: () => {} },
    log: () => {},
  });
  const win = FakeBrowserWindow.all.at(-1)!;
  const src = countingSource(first); // what index.ts hands the feed
  const logs: string[] = [];
  const detach = attachSnapshotFeed(popup.window, src, { isTrustedSender: (e) => popup.isOurSender(e), log: (l) => logs.push(l) });
  const messages = () => win.webContents.sent.filter((m) => m.channel === EVENT_CHANNELS.snapshot).map((m) => m.payload as SnapshotMessage);
  return { popup, win, src, logs, detach, messages };
}

describe('snapshots over IPC', () => {
  beforeEach(resetFake);

  it('sends nothing before the page loads, then a full snapshot and deltas; a reload starts over', async () => {
    const first = busySnapshot();
    const { win, src, messages } = windowWithFeed(first);
    expect(src.listeners.size).toBe(0);
    expect(src.builds).toBe(0);
    await once(win.webContents, 'did-finish-load');
    expect(messages()).toEqual([{ seq: 1, full: first }]);

    const changed = { ...first.todos[3]!, title: '改了' };
    src.change({ ...first, todos: first.todos.map((t, i) => (i === 3 ? changed : t)), generatedAt: 'x' });
    expect(messages()[1]).toEqual({ seq: 2, delta: { upsert: [changed], marks: [], remove: [], fields: {}, generatedAt: 'x' } });

    // A reload: the old page's connection ends at once; the new page gets a full one, seq 1.
    const reload = win.loadFile('/app/out/renderer/index.html');
    expect(src.listeners.size).toBe(0);
    src.change({ ...first, todos: [...first.todos, todo()], generatedAt: 'y' });
    expect(messages()).toHaveLength(2);
    await reload;
    expect(messages()[2]).toMatchObject({ seq: 1, full: { generatedAt: 'y' } });
  });

  it('answers a resync from our page with a full snapshot; ignores one from another frame', async () => {
    const { win, logs, messages } = windowWithFeed(busySnapshot());
    await once(win.webContents, 'did-finish-load');
    ipcMain.emitFrom(SNAPSHOT_RESYNC_CHANNEL, { sender: win.webContents, senderFrame: win.webContents.mainFrame });
    expect(messages().map((m) => [m.seq, 'full' in m])).toEqual([
      [1, true],
      [2, true],
    ]);
    const child = new FakeWebFrameMain(win.webContents.mainFrame.processId, 'child');
    child.parent = win.webContents.mainFrame;
    ipcMain.emitFrom(SNAPSHOT_RESYNC_CHANNEL, { sender: win.webContents, senderFrame: child });
    expect(messages()).toHaveLength(2);
    expect(logs).toEqual(['ipc: rejected a snapshot resync from an untrusted sender']);
  });

  it('stops with the window: no snapshot built or sent for a closed window, and detach removes the resync listener', async () => {
    const { popup, win, src, detach, messages } = windowWithFeed(busySnapshot());
    await once(win.webContents, 'did-finish-load');
    popup.allowClose();
    win.close();
    expect(src.listeners.size).toBe(0);
    src.change(busySnapshot({ generatedAt: 'z' }));
    expect(messages()).toHaveLength(1);
    detach();
    expect(ipcMain.listeners.has(SNAPSHOT_RESYNC_CHANNEL)).toBe(false);
  });
});

describe('preload: snapshots from deltas', () => {
  let loads = 0;
  async function loadPreload(): Promise<YoumiBridge> {
    resetFake();
    const path = `../../electron/preload/index.ts?deltas=${++loads}`;
    await import(/* @vite-ignore */ path);
    return contextBridge.exposed.get('youmi') as YoumiBridge;
  }
  const deliver = (msg: unknown) => ipcRenderer.emit(EVENT_CHANNELS.snapshot, { sender: ipcRenderer }, structuredClone(msg));

  it('gives the page complete snapshots, and asks main for a full one after a gap', async () => {
    const youmi = await loadPreload();
    const got: Snapshot[] = [];
    const off = youmi.onSnapshot((s) => got.push(s));
    const first = busySnapshot();
    const added = todo({ title: '新的' });
    deliver({ seq: 1, full: first });
    deliver({ seq: 2, delta: { upsert: [added], marks: [], remove: [first.todos[0]!.id], fields: { staff: 'b09' }, generatedAt: 'g2' } });
    expect(got).toHaveLength(2);
    expect(got[1]!.todos.map((t) => t.id)).toEqual([...first.todos.slice(1).map((t) => t.id), added.id]);
    expect(got[1]!.staff).toBe('b09');
    expect(ipcRenderer.sentToMain).toEqual([]);

    deliver({ seq: 4, delta: { upsert: [], marks: [], remove: [], fields: {}, generatedAt: 'g4' } });
    expect(got).toHaveLength(2);
    expect(ipcRenderer.sentToMain).toEqual([{ channel: SNAPSHOT_RESYNC_CHANNEL, args: [] }]);
    deliver({ seq: 5, full: first });
    expect(got).toHaveLength(3);

    off();
    deliver({ seq: 6, delta: { upsert: [], marks: [], remove: [], fields: {}, generatedAt: 'g6' } });
    expect(got).toHaveLength(3);
    deliver(null); // junk from a broken main is ignored, not thrown into the page
  });
});
