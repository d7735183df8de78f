/**
 * One native notification per reminder from the service. Each Notification object stays
 * referenced until it is clicked, acted on, closed or fails: Electron drops the events of a
 * garbage-collected notification (electron#12690), so the click would silently do nothing.
 * Notifications never show or focus the window by themselves.
 */
import { Notification, type NativeImage } from 'electron';
import type { ReminderEvent } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import type { Notifier } from '../service/ports';
import { ACTION_DONE, ACTION_SNOOZE, burstSummary, notificationSpec, type NotificationSpec } from './notification-model';
import type { TrayLanguage } from './tray-model';

export interface NotificationDeps {
  platform: NodeJS.Platform;
  sound: () => boolean;
  lang: () => TrayLanguage;
  icon?: string | NativeImage;
  /** A click: open the window on this todo (null: just open it). */
  onOpen: (todoId: number | null) => void;
  dispatch: (method: 'markDone' | 'snooze', args: unknown[]) => Promise<Result<unknown>>;
  log: (line: string) => void;
  /** At most `max` single notifications per `windowMs`; the rest become one summary. */
  burst?: { max: number; windowMs: number };
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => void;
  /** Test hook (YOUMI_E2E): sees every notification shown. */
  record?: (reminder: ReminderEvent, spec: NotificationSpec) => void;
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
  reminder: ReminderEvent;
  shownAt: number;
}

const MAX_LIVE = 100;
// Linux notification servers may never report a close: do not hold those forever.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function createNotifier(deps: NotificationDeps): NativeNotifier {
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? ((fn, ms) => void setTimeout(fn, ms).unref?.());
  const burst = deps.burst ?? { max: 3, windowMs: 2000 };
  const live = new Map<string, Live>();
  let supported: boolean | null = null;
  let windowStart = -Infinity;
  let shownInWindow = 0;
  let held: ReminderEvent[] = [];

  const release = (id: string, n: Notification) => {
    if (live.get(id)?.n === n) live.delete(id);
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

  const act = (method: 'markDone' | 'snooze', r: ReminderEvent) => {
    const args = method === 'markDone' ? [r.todoIds] : [r.todoIds, '10m'];
    deps
      .dispatch(method, args)
      .then((res) => {
        if (!res.ok) deps.log(`notification: ${method} #${r.todoIds.join(',')} failed: ${res.error.kind} ${res.error.detail}`);
      })
      .catch((e: unknown) => deps.log(`notification: ${method} failed: ${String(e)}`));
  };

  const show = (r: ReminderEvent) => {
    if (supported === null) {
      supported = Notification.isSupported();
      if (!supported) deps.log('notification: not supported on this system; reminders show only in the tray and window');
    }
    if (!supported) return;
    const spec = notificationSpec(r, { platform: deps.platform, sound: deps.sound(), lang: deps.lang() });
    const n = new Notification({
      ...spec,
      ...(deps.icon ? { icon: deps.icon } : {}),
      // Linux: 'normal', not 'critical', which GNOME keeps on screen and lets through do-not-disturb.
      ...(deps.platform === 'linux' ? { urgency: 'normal' as const } : {}),
    });
    // A repeat of the same todo replaces its earlier notification rather than piling up.
    const previous = live.get(spec.id);
    live.set(spec.id, { n, reminder: r, shownAt: now() });
    if (previous) previous.n.close();
    n.on('click', () => {
      release(spec.id, n);
      deps.onOpen(r.openTodoId);
    });
    n.on('action', (details, legacyIndex) => {
      release(spec.id, n);
      const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
      if (index === ACTION_DONE) act('markDone', r);
      else if (index === ACTION_SNOOZE) act('snooze', r);
    });
    n.on('close', () => release(spec.id, n));
    n.on('failed', (_e, error) => {
      release(spec.id, n);
      deps.log(`notification: failed for ${r.key}: ${error}`);
    });
    n.show();
    deps.record?.(r, spec);
    evict();
  };

  const safeShow = (r: ReminderEvent) => {
    try {
      show(r);
    } catch (e) {
      deps.log(`notification: could not show ${r.key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const flush = () => {
    const batch = held;
    held = [];
    if (batch.length === 1) safeShow(batch[0]!);
    else if (batch.length > 1) safeShow(burstSummary(batch, deps.lang(), new Date(now()).toISOString()));
  };

  return {
    notify(r: ReminderEvent): void {
      if (r.kind === 'single') {
        const t = now();
        if (t - windowStart >= burst.windowMs) {
          windowStart = t;
          shownInWindow = 0;
        }
        if (shownInWindow >= burst.max) {
          if (held.length === 0) schedule(flush, Math.max(0, windowStart + burst.windowMs - t));
          held.push(r);
          return;
        }
        shownInWindow++;
      }
      safeShow(r);
    },
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
