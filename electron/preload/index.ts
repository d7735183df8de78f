/**
 * The sandboxed preload: exposes `window.youmi` (YoumiBridge) and nothing else. It imports
 * only channel names, types and the snapshot-delta receiver, so no validation library is
 * bundled; main validates.
 * ipcRenderer and IPC event objects never reach the page (the event carries `sender`, an
 * ipcRenderer with send/invoke on any channel).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_METHODS, EVENT_CHANNELS, invokeChannel, SNAPSHOT_RESYNC_CHANNEL } from '../../shared/contract/channels';
import type { SnapshotMessage } from '../../shared/contract/delta';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';
import type { BridgeMethod, ReminderEvent, Snapshot, YoumiBridge } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';

const invoke =
  (method: BridgeMethod) =>
  async (...args: unknown[]): Promise<Result<unknown>> => {
    try {
      return (await ipcRenderer.invoke(invokeChannel(method), ...args)) as Result<unknown>;
    } catch {
      // A handler missing or the main process gone: still a typed value, never a throw.
      return { ok: false, error: { kind: 'internal', detail: `${method}: the app did not answer` } };
    }
  };

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') return () => {};
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

// Main sends a full snapshot per page load, then deltas (shared/contract/delta.ts): the page
// still gets complete snapshots; a gap in the sequence asks main for a full one.
const snapshotListeners = new Set<(s: Snapshot) => void>();
const snapshots = createSnapshotReceiver(
  (s) => {
    for (const l of snapshotListeners) l(s);
  },
  () => ipcRenderer.send(SNAPSHOT_RESYNC_CHANNEL),
);
ipcRenderer.on(EVENT_CHANNELS.snapshot, (_event: IpcRendererEvent, msg: SnapshotMessage) => {
  if (typeof msg !== 'object' || msg === null || typeof msg.seq !== 'number') return;
  snapshots.receive(msg);
});

// A notification click can arrive before the page has subscribed (window just loaded): the
// last focus request is kept briefly and handed to the first subscriber.
const FOCUS_HOLD_MS = 10_000;
let pendingFocus: { id: number; at: number } | null = null;
const focusListeners = new Set<(id: number) => void>();
ipcRenderer.on(EVENT_CHANNELS.focusTodo, (_event: IpcRendererEvent, id: unknown) => {
  if (typeof id !== 'number') return;
  if (focusListeners.size === 0) pendingFocus = { id, at: Date.now() };
  for (const l of focusListeners) l(id);
});

/** The tray's 设置 and 新建待办: buffered like a focus request for a window that is still loading. */
function heldSignal(channel: string): (listener: () => void) => () => void {
  let pendingAt: number | null = null;
  const listeners = new Set<() => void>();
  ipcRenderer.on(channel, () => {
    if (listeners.size === 0) pendingAt = Date.now();
    for (const l of listeners) l();
  });
  return (listener) => {
    if (typeof listener !== 'function') return () => {};
    listeners.add(listener);
    const held = pendingAt;
    pendingAt = null;
    if (held !== null && Date.now() - held < FOCUS_HOLD_MS) queueMicrotask(() => listener());
    return () => {
      listeners.delete(listener);
    };
  };
}

const methods = Object.fromEntries(BRIDGE_METHODS.map((m) => [m, invoke(m)])) as unknown as Omit<
  YoumiBridge,
  'onSnapshot' | 'onReminder' | 'onFocusTodo' | 'onOpenSettings'
>;

const bridge: YoumiBridge = {
  ...methods,
  onSnapshot: (listener) => {
    if (typeof listener !== 'function') return () => {};
    // Wrapped: the page's function is called with the snapshot only.
    const wrapped = (s: Snapshot) => listener(s);
    snapshotListeners.add(wrapped);
    return () => {
      snapshotListeners.delete(wrapped);
    };
  },
  onReminder: (listener) => subscribe<ReminderEvent>(EVENT_CHANNELS.reminder, listener),
  onFocusTodo: (listener) => {
    if (typeof listener !== 'function') return () => {};
    focusListeners.add(listener);
    const held = pendingFocus;
    pendingFocus = null;
    if (held && Date.now() - held.at < FOCUS_HOLD_MS) queueMicrotask(() => listener(held.id));
    return () => {
      focusListeners.delete(listener);
    };
  },
  onOpenSettings: heldSignal(EVENT_CHANNELS.openSettings),
  onNewTodo: heldSignal(EVENT_CHANNELS.newTodo),
};

contextBridge.exposeInMainWorld('youmi', bridge);
