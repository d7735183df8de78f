/**
 * Test hook for the Electron end-to-end suite, installed only with YOUMI_E2E=1: records
 * what the shell showed (notifications, tray state) on globalThis, where Playwright's
 * electronApp.evaluate() can read it. Holds no secrets: only what the user would see.
 */
import type { ReminderEvent, Snapshot } from '../../../shared/contract/types';
import type { NotificationSpec } from './notification-model';
import type { TrayState } from './tray-model';

export interface E2EHook {
  ready: boolean;
  notifications: { key: string; todoIds: number[]; title: string; body: string; actions: string[]; at: number }[];
  snapshots: number;
  tray: () => TrayState | null;
  windowVisible: () => boolean;
  /** Simulates a click on the notification for this reminder key. */
  clickNotification: (key: string) => boolean;
  /** Delivers a button press to the native notification for this key, as the OS would (0 = 完成, 1 = 稍后, 2 = 去跟进). */
  pressNotificationButton: (key: string, index: number) => boolean;
  demo: () => { url: string; staff: string; adminUrl: string | null } | null;
  dispatch: (method: string, args: unknown[]) => Promise<unknown>;
}

/** A native Notification as far as the hook needs it (emit is how Electron delivers OS events). */
export interface EventEmitterLike {
  emit(event: string, ...args: unknown[]): boolean;
}

declare global {
  var __youmiE2E: E2EHook | undefined;
}

export function installE2EHook(parts: {
  tray: () => TrayState | null;
  windowVisible: () => boolean;
  open: (todoId: number | null) => void;
  demo: () => { url: string; staff: string; adminUrl: string | null } | null;
  dispatch: (method: string, args: unknown[]) => Promise<unknown>;
}): {
  record: (r: ReminderEvent, spec: NotificationSpec, native?: EventEmitterLike) => void;
  snapshot: (s: Snapshot) => void;
  markReady: () => void;
} {
  const opened = new Map<string, number | null>();
  const natives = new Map<string, EventEmitterLike>();
  const hook: E2EHook = {
    ready: false,
    notifications: [],
    snapshots: 0,
    tray: parts.tray,
    windowVisible: parts.windowVisible,
    clickNotification: (key) => {
      if (!opened.has(key)) return false;
      parts.open(opened.get(key) ?? null);
      return true;
    },
    pressNotificationButton: (key, index) => {
      const n = natives.get(key);
      if (!n) return false;
      return n.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
    },
    demo: parts.demo,
    dispatch: parts.dispatch,
  };
  globalThis.__youmiE2E = hook;
  return {
    record: (r, spec, native) => {
      opened.set(r.key, r.openTodoId);
      if (native) natives.set(r.key, native);
      hook.notifications.push({ key: r.key, todoIds: r.todoIds, title: spec.title, body: spec.body, actions: spec.actions.map((a) => a.text), at: Date.now() });
    },
    snapshot: () => {
      hook.snapshots++;
    },
    markReady: () => {
      hook.ready = true;
    },
  };
}
