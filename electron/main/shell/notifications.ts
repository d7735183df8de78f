/**
 * One native notification per reminder from the service. Each Notification object stays
 * referenced until it is clicked, acted on, dismissed by the user, replaced or fails:
 * Electron drops the events of a garbage-collected notification (electron#12690), so the
 * click would silently do nothing. On Windows a toast that leaves the screen closes with
 * reason 'timedOut' but can still be clicked in the Action Center (notification.md), so
 * that close keeps the reference.
 *
 * Windows also reports every structured activation (a button) to
 * Notification.handleActivation, even when no object is in memory (a restart, a cold start
 * by the toast). Its arguments are Electron's `type=action&action=<i>&tag=<our id>`
 * (windows_toast_activator.cc), so each toast's id carries the todo id; the handler acts only
 * for toasts we no longer hold, and the live object's own event handles the rest: one
 * action, handled once. On macOS, notifications of an earlier run are adopted from
 * Notification.getHistory at start, to the same effect.
 *
 * Notifications never show or focus the window by themselves.
 */
import { Notification, type NativeImage } from 'electron';
import type { BridgeArgs, ReminderEvent } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import type { Notifier } from '../service/ports';
import { ACTION_DONE, ACTION_OPEN, ACTION_SNOOZE, conversationNotice, notificationSpec, type NotificationSpec } from './notification-model';
import type { TrayLanguage } from './tray-model';

/** The bridge methods a notification button calls. */
export type NotificationMethod = 'markDone' | 'snooze' | 'openConversation';
/** The app's typed call (app.call), checked against the contract: a wrong method or argument does not compile. */
export type NotificationCall = <M extends NotificationMethod>(method: M, ...args: BridgeArgs<M>) => Promise<Result<unknown>>;

export interface NotificationDeps {
  platform: NodeJS.Platform;
  sound: () => boolean;
  lang: () => TrayLanguage;
  icon?: string | NativeImage;
  /** A click: open the window on this todo (null: just open it). */
  onOpen: (todoId: number | null) => void;
  call: NotificationCall;
  /** A todo's title, for the notice after 去跟进 (the toast may be from an earlier run). */
  todoTitle?: (todoId: number) => string | undefined;
  log: (line: string) => void;
  now?: () => number;
  /** A notification could not be shown (unsigned macOS build, notifications off in the OS). */
  onFailed?: (error: string) => void;
  /** Test hook (YOUMI_E2E): sees every notification shown. */
  record?: (reminder: ReminderEvent, spec: NotificationSpec, native: Notification) => void;
}

/** The todo a toast id stands for: `todo-42.7` (the todo, then which showing). */
export function todoIdOfTag(tag: string | null | undefined): number | null {
  const m = /^todo-(\d+)(?:\.\d+)?$/.exec(tag ?? '');
  return m ? Number(m[1]) : null;
}

/** Electron's activation arguments on Windows: `type=action&action=1&tag=todo-42.7`. */
export function parseActivation(args: string): { type: string | null; actionIndex: number | null; tag: string | null } {
  const p = new URLSearchParams(args);
  const index = p.get('action');
  return { type: p.get('type'), actionIndex: index !== null && /^\d+$/.test(index) ? Number(index) : null, tag: p.get('tag') };
}

/** What 企客聊 said on success (ActivationResult.message), read from the call's untyped result. */
function activationMessage(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('message' in value)) return null;
  return typeof value.message === 'string' && value.message.trim() !== '' ? value.message : null;
}

export interface NativeNotifier extends Notifier {
  /** How many notifications are held referenced right now. */
  readonly liveCount: number;
  /** Closes notifications about todos that no longer need attention (done, closed, snoozed). */
  prune(stillDue: (todoId: number) => boolean): void;
  closeAll(): void;
}

interface Live {
  n: Notification;
  /** This showing's id (Windows Tag, macOS identifier); unique, so closing an old one never removes a newer one. */
  tag: string;
  reminder: ReminderEvent;
  shownAt: number;
}

const MAX_LIVE = 100;
// Linux notification servers may never report a close: do not hold those forever.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function createNotifier(deps: NotificationDeps): NativeNotifier {
  const now = deps.now ?? Date.now;
  const live = new Map<string, Live>();
  let supported: boolean | null = null;
  let shown = 0;

  const owns = (id: string, n: Notification) => live.get(id)?.n === n;
  const release = (id: string, n: Notification) => {
    if (owns(id, n)) live.delete(id);
  };

  const evict = () => {
    const t = now();
    for (const [id, entry] of live) {
      if (live.size > MAX_LIVE || t - entry.shownAt > MAX_AGE_MS) {
        live.delete(id);
        entry.n.close();
      }
    }
  };

  const logFailure = (what: string) => (res: Result<unknown>) => {
    if (!res.ok) deps.log(`notification: ${what} failed: ${res.error.kind} ${res.error.detail}`);
    return res;
  };
  const logThrow = (what: string) => (e: unknown) => deps.log(`notification: ${what} failed: ${String(e)}`);

  /** 去跟进: switch 企客聊 to the customer, then say how that went. Never marks the todo done. */
  const openConversation = (todoId: number) => {
    deps
      .call('openConversation', todoId)
      .then(logFailure(`openConversation #${todoId}`))
      .then((res) => {
        const outcome = res.ok ? { ok: true as const, message: activationMessage(res.value) } : res;
        safeShow(conversationNotice(todoId, deps.todoTitle?.(todoId), outcome, deps.lang(), new Date(now()).toISOString()));
      })
      .catch(logThrow('openConversation'));
  };

  const act = (index: number | null, todoIds: number[]) => {
    if (todoIds.length === 0) return;
    const ids = todoIds.join(',');
    if (index === ACTION_DONE) deps.call('markDone', todoIds).then(logFailure(`markDone #${ids}`)).catch(logThrow('markDone'));
    else if (index === ACTION_SNOOZE) deps.call('snooze', todoIds, '10m').then(logFailure(`snooze #${ids}`)).catch(logThrow('snooze'));
    else if (index === ACTION_OPEN && todoIds.length === 1) openConversation(todoIds[0]!);
  };

  // Windows only (the method does not exist elsewhere). Registered once, at ready; a cold
  // start's activation is delivered as soon as it is registered.
  // Typed as always present; at run time only Windows has it.
  const handleActivation = typeof Notification.handleActivation === 'function' ? Notification.handleActivation.bind(Notification) : null;
  handleActivation?.((details) => {
    const a = parseActivation(details.arguments ?? '');
    if (a.tag && [...live.values()].some((e) => e.tag === a.tag)) return; // the live object hears it too
    const todoId = todoIdOfTag(a.tag);
    deps.log(`notification: activation (${details.type}) for ${todoId === null ? 'no known todo' : `#${todoId}`} without a live notification`);
    if (details.type === 'action') act(details.actionIndex ?? a.actionIndex, todoId === null ? [] : [todoId]);
    else deps.onOpen(todoId);
  });

  /** Holds `n` as the notification for `id` and routes its events (for one we let go, nothing). */
  const attach = (id: string, tag: string, n: Notification, r: ReminderEvent) => {
    live.set(id, { n, tag, reminder: r, shownAt: now() });
    n.on('click', () => {
      if (!owns(id, n)) return;
      release(id, n);
      deps.onOpen(r.openTodoId);
    });
    n.on('action', (details, legacyIndex) => {
      if (!owns(id, n)) return;
      release(id, n);
      act(typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex, r.todoIds);
    });
    n.on('close', (details) => {
      // Windows: moved to the Action Center, still clickable there.
      if ((details as { reason?: string } | undefined)?.reason === 'timedOut') return;
      release(id, n);
    });
    n.on('failed', (_e, error) => {
      release(id, n);
      deps.log(`notification: failed for ${r.key}: ${error}`);
      deps.onFailed?.(String(error));
    });
  };

  // macOS: notifications of an earlier run still in Notification Center come back as live
  // objects (Notification.getHistory, signed builds only); adopting them makes their 完成 work
  // after a restart, and lets prune() clear the ones already handled.
  // Typed as always present; at run time only macOS has it.
  if (deps.platform === 'darwin' && typeof Notification.getHistory === 'function') {
    Notification.getHistory()
      .then((delivered) => {
        for (const n of delivered) {
          const todoId = todoIdOfTag(n.id);
          if (todoId === null || live.has(`todo-${todoId}`)) continue;
          const at = new Date(now()).toISOString();
          const r: ReminderEvent = { key: `restored:${n.id}`, kind: 'single', todoIds: [todoId], title: n.title, body: n.body, repeats: false, openTodoId: todoId, at };
          attach(`todo-${todoId}`, n.id, n, r);
        }
      })
      .catch((e: unknown) => deps.log(`notification: history unavailable: ${e instanceof Error ? e.message : String(e)}`));
  }

  const show = (r: ReminderEvent) => {
    if (supported === null) {
      supported = Notification.isSupported();
      if (!supported) deps.log('notification: not supported on this system; reminders show only in the tray and window');
    }
    if (!supported) return;
    const spec = notificationSpec(r, { platform: deps.platform, sound: deps.sound(), lang: deps.lang() });
    // Windows limits a Tag to 64 characters.
    const tag = `${spec.id.slice(0, 52)}.${++shown}`;
    const n = new Notification({
      ...spec,
      id: tag,
      ...(deps.icon ? { icon: deps.icon } : {}),
      // Linux: 'normal', not 'critical', which GNOME keeps on screen and lets through do-not-disturb.
      ...(deps.platform === 'linux' ? { urgency: 'normal' as const } : {}),
    });
    // A repeat of the same todo replaces its earlier notification rather than piling up.
    // The old one is closed first (on Windows that also removes it from the Action Center);
    // its own id differs, so the close cannot take the new one with it.
    const previous = live.get(spec.id);
    attach(spec.id, tag, n, r);
    if (previous) previous.n.close();
    n.show();
    deps.record?.(r, spec, n);
    evict();
  };

  const safeShow = (r: ReminderEvent) => {
    try {
      show(r);
    } catch (e) {
      deps.log(`notification: could not show ${r.key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return {
    // The burst limit is the service's (service/reminder-events.ts): every event is shown.
    notify: safeShow,
    get liveCount() {
      return live.size;
    },
    prune(stillDue) {
      for (const [id, entry] of live) {
        const r = entry.reminder;
        if (r.kind === 'single' && r.todoIds.length > 0 && !r.todoIds.some(stillDue)) {
          live.delete(id);
          entry.n.close();
        }
      }
    },
    closeAll() {
      for (const entry of live.values()) entry.n.close();
      live.clear();
    },
  };
}
