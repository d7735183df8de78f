/**
 * `window.youmi` for the browser host: the same YoumiBridge the Electron preload exposes,
 * carried over a WebSocket to the host process. Loaded as a classic script before the app's
 * module script, so the bridge exists when React starts.
 */
import { BRIDGE_METHODS } from '../../shared/contract/channels';
import { RESYNC_MESSAGE, type SnapshotMessage } from '../../shared/contract/delta';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';
import type { ReminderEvent, Snapshot, YoumiBridge } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';

type Incoming =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; channel: 'snapshot'; payload: SnapshotMessage }
  | { type: 'event'; channel: 'reminder'; payload: ReminderEvent }
  | { type: 'event'; channel: 'focusTodo'; payload: number };

type Channel = 'snapshot' | 'reminder' | 'focusTodo' | 'openSettings';

const listeners: Record<Channel, Set<(payload: never) => void>> = {
  snapshot: new Set(),
  reminder: new Set(),
  focusTodo: new Set(),
  openSettings: new Set(),
};
const pending = new Map<number, (r: Result<unknown>) => void>();
const queue: string[] = [];
let nextId = 1;
let socket: WebSocket | null = null;
let retryMs = 250;

// The host sends a full snapshot per connection, then deltas: the page's listeners still get
// complete snapshots; a gap in the sequence asks the host for a full one.
const snapshots = createSnapshotReceiver(
  (s: Snapshot) => {
    for (const l of listeners.snapshot) (l as (p: Snapshot) => void)(s);
  },
  () => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: RESYNC_MESSAGE }));
  },
);

const lost: Result<never> = { ok: false, error: { kind: 'network', detail: 'connection to the app host lost' } };

/**
 * The host admits only a page that shows this start's token. It is in the address the
 * host printed, after `#` (never sent to the host, never in the served files); kept for
 * this tab so a reload still connects.
 */
function bridgeToken(): string {
  const KEY = 'youmi.bridgeToken';
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token');
  try {
    if (fromAddress) sessionStorage.setItem(KEY, fromAddress);
    return fromAddress ?? sessionStorage.getItem(KEY) ?? '';
  } catch {
    return fromAddress ?? '';
  }
}
const token = bridgeToken();

function connect(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/bridge?token=${encodeURIComponent(token)}`);
  socket = ws;
  snapshots.reset();
  ws.onopen = () => {
    retryMs = 250;
    for (const msg of queue.splice(0)) ws.send(msg);
  };
  ws.onmessage = (e) => {
    let msg: Incoming;
    try {
      msg = JSON.parse(String(e.data)) as Incoming;
    } catch {
      return;
    }
    if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (msg.type === 'event' && msg.channel === 'snapshot') {
      snapshots.receive(msg.payload);
    } else if (msg.type === 'event' && msg.channel in listeners) {
      if (msg.channel === 'reminder') showBrowserNotification(msg.payload);
      for (const l of listeners[msg.channel]) (l as (p: unknown) => void)(msg.payload);
    }
  };
  ws.onclose = () => {
    socket = null;
    for (const resolve of pending.values()) resolve(lost);
    pending.clear();
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

/**
 * The browser's stand-in for native notifications: shown only once the user allowed them
 * (asked on their first click, since browsers refuse a prompt without a gesture); a click
 * brings the page forward on that todo, like a tray notification opens the window.
 */
function showBrowserNotification(r: ReminderEvent): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(r.title, { body: r.body, tag: r.key, lang: document.documentElement.lang || 'zh-CN' });
  n.onclick = () => {
    window.focus();
    if (r.openTodoId !== null) for (const l of listeners.focusTodo) (l as (id: number) => void)(r.openTodoId);
    n.close();
  };
}

function askForNotificationsOnFirstClick(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  window.addEventListener('pointerdown', () => void Notification.requestPermission().catch(() => {}), { once: true });
}

function call(method: string, args: unknown[]): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    const msg = JSON.stringify({ type: 'call', id, method, args });
    if (socket?.readyState === WebSocket.OPEN) socket.send(msg);
    else queue.push(msg);
  });
}

function subscribe(channel: Channel) {
  return (listener: (payload: never) => void): (() => void) => {
    listeners[channel].add(listener);
    return () => {
      listeners[channel].delete(listener);
    };
  };
}

const bridge: Record<string, unknown> = {
  onSnapshot: subscribe('snapshot'),
  onReminder: subscribe('reminder'),
  onFocusTodo: subscribe('focusTodo'),
  onOpenSettings: subscribe('openSettings'),
};
for (const method of BRIDGE_METHODS) bridge[method] = (...args: unknown[]) => call(method, args);

askForNotificationsOnFirstClick();
Object.defineProperty(window, 'youmi', { value: Object.freeze(bridge) as unknown as YoumiBridge, writable: false });
connect();
