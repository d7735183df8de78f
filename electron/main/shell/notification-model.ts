/**
 * How a ReminderEvent becomes native notification options on each platform. Pure; the
 * Electron side (lifetime, events) is notifications.ts.
 */
import type { ReminderEvent } from '../../../shared/contract/types';
import type { TrayLanguage } from './tray-model';

export interface NotificationSpec {
  /** Windows Tag / macOS identifier: a repeat of the same todo replaces its earlier toast. */
  id: string;
  title: string;
  body: string;
  silent: boolean;
  /** Buttons where the platform has them; index 0 = done, 1 = snooze 10 min. */
  actions: { type: 'button'; text: string }[];
  timeoutType: 'default';
}

export const ACTION_DONE = 0;
export const ACTION_SNOOZE = 1;

const LABELS = {
  'zh-CN': { done: '完成', snooze: '稍后 10 分钟', more: (n: number) => `还有 ${n} 个待办到了提醒时间` },
  en: { done: 'Done', snooze: 'Snooze 10 min', more: (n: number) => `${n} more todos are due` },
} as const;

/**
 * Notification servers on Linux (the freedesktop spec) may interpret a subset of HTML in
 * the body, so text from the API is escaped to stay plain text. The title (summary) is
 * plain by spec and would show the entities literally.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Collapses control characters and caps the length: toasts cut long text anyway, and a huge body costs the notification server. */
export function plainText(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const t = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function notificationSpec(
  r: ReminderEvent,
  opts: { platform: NodeJS.Platform; sound: boolean; lang: TrayLanguage },
): NotificationSpec {
  const l = LABELS[opts.lang];
  const title = plainText(r.title, 120);
  let body = plainText(r.body, 400);
  if (opts.platform === 'linux') body = escapeMarkup(body);
  // Buttons only for one todo: "done" on a summary would close todos the user never saw.
  const actions =
    r.kind === 'single' && r.todoIds.length === 1 && (opts.platform === 'darwin' || opts.platform === 'win32')
      ? [
          { type: 'button' as const, text: l.done },
          { type: 'button' as const, text: l.snooze },
        ]
      : [];
  // Windows limits a toast Tag to 64 characters.
  const id = r.kind === 'single' && r.todoIds.length === 1 ? `todo-${r.todoIds[0]}` : `summary-${r.key}`.slice(0, 64);
  return { id, title, body, silent: !opts.sound, actions, timeoutType: 'default' };
}

/** The reminder that stands for `extra` single reminders held back from a burst. */
export function burstSummary(extra: ReminderEvent[], lang: TrayLanguage, at: string): ReminderEvent {
  const l = LABELS[lang];
  const ids = extra.flatMap((r) => r.todoIds);
  return {
    key: `summary@${at}`,
    kind: 'summary',
    todoIds: ids,
    title: l.more(ids.length),
    body: extra
      .slice(0, 5)
      .map((r) => r.title)
      .join('\n'),
    repeats: false,
    openTodoId: ids[0] ?? null,
    at,
  };
}
