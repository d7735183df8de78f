/**
 * What the tray shows for a snapshot: icon kind, due count, tooltip, menu. Pure (no
 * Electron), so the state rules are tested without fakes; tray.ts only renders it.
 */
import type { Snapshot, TodoView } from '../../../shared/contract/types';
import { effectiveLanguage } from '../../../shared/language';
import { isDue, toMs } from '../../../shared/time';
import type { TrayIconKind } from './icon-art';

export type TrayLanguage = 'zh-CN' | 'en';

export type TrayCommand =
  | 'open'
  | 'new-todo'
  | 'refresh'
  | 'pause-30m'
  | 'pause-1h'
  | 'pause-tomorrow'
  | 'resume'
  | 'settings'
  | 'check-update'
  | 'install-update'
  | 'quit';

/** What the tray menu says about updates (updater.ts); null where the build does not update itself. */
export type UpdateMenuState = 'idle' | 'checking' | 'downloading' | 'ready';

export type TrayMenuItem =
  | { kind: 'command'; command: TrayCommand; label: string }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] }
  | { kind: 'info'; label: string }
  | { kind: 'separator' };

export interface TrayState {
  icon: TrayIconKind;
  /** Todos whose remind time has come and that are neither done, closed nor snoozed. */
  dueCount: number;
  /** Todos not done here and not closed on the server. */
  openCount: number;
  tooltip: string;
  /** macOS menu-bar title next to the icon ('' hides it). */
  title: string;
  menu: TrayMenuItem[];
}

const TEXT = {
  'zh-CN': {
    due: (n: number) => `${n} 个待办已到期`,
    noneDue: '没有到期的待办',
    open: (n: number) => `共 ${n} 个未处理`,
    syncedJustNow: '刚刚同步',
    syncedAgo: (ago: string) => `${ago}同步`,
    minutes: (n: number) => `${n} 分钟前`,
    hours: (n: number) => `${n} 小时前`,
    days: (n: number) => `${n} 天前`,
    neverSynced: '还没有同步过',
    syncing: '正在同步',
    offline: '离线',
    authFailed: '登录失败',
    configMissing: '未配置账号',
    error: '同步出错',
    notificationsFailed: '通知无法弹出',
    pausedUntil: (t: string) => `提醒已暂停至 ${t}`,
    tomorrow: '明天',
    date: (m: number, d: number) => `${m}月${d}日`,
    demo: '演示模式',
    sep: ' · ',
    menu: {
      open: '打开',
      newTodo: '新建待办',
      refresh: '立即刷新',
      pause: '暂停提醒',
      pause30m: '30 分钟',
      pause1h: '1 小时',
      pauseTomorrow: '到明天',
      resume: '恢复提醒',
      settings: '设置',
      checkUpdate: '检查更新',
      checking: '正在检查更新…',
      downloading: '正在下载更新…',
      installUpdate: '重启以更新',
      quit: '退出',
    },
  },
  en: {
    due: (n: number) => `${n} todo${n === 1 ? '' : 's'} due`,
    noneDue: 'Nothing due',
    open: (n: number) => `${n} open`,
    syncedJustNow: 'synced just now',
    syncedAgo: (ago: string) => `synced ${ago}`,
    minutes: (n: number) => `${n} min ago`,
    hours: (n: number) => `${n} h ago`,
    days: (n: number) => `${n} d ago`,
    neverSynced: 'never synced',
    syncing: 'syncing',
    offline: 'offline',
    authFailed: 'sign-in failed',
    configMissing: 'no account configured',
    error: 'sync error',
    notificationsFailed: 'notifications cannot be shown',
    pausedUntil: (t: string) => `reminders paused until ${t}`,
    tomorrow: 'tomorrow',
    date: (m: number, d: number) => `${m}/${d}`,
    demo: 'demo mode',
    sep: ' · ',
    menu: {
      open: 'Open',
      newTodo: 'New todo',
      refresh: 'Refresh now',
      pause: 'Pause reminders',
      pause30m: '30 minutes',
      pause1h: '1 hour',
      pauseTomorrow: 'Until tomorrow',
      resume: 'Resume reminders',
      settings: 'Settings',
      checkUpdate: 'Check for updates',
      checking: 'Checking for updates…',
      downloading: 'Downloading update…',
      installUpdate: 'Restart to update',
      quit: 'Quit',
    },
  },
} as const;

/** Windows truncates notification-area tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

const ms = toMs;

export const isOpen = (t: TodoView): boolean => t.closed === null && !t.local.done;

/** The due rule lives in shared/time.ts (the window and the scheduler use it too). */
export { isDue };

export function isPaused(s: Snapshot, now: number): boolean {
  const until = ms(s.reminders.pausedUntil);
  return until !== null && until > now;
}

function ago(lang: TrayLanguage, since: number, now: number): string {
  const t = TEXT[lang];
  const minutes = Math.floor((now - since) / 60_000);
  if (minutes < 1) return t.syncedJustNow;
  if (minutes < 60) return t.syncedAgo(t.minutes(minutes));
  if (minutes < 48 * 60) return t.syncedAgo(t.hours(Math.floor(minutes / 60)));
  return t.syncedAgo(t.days(Math.floor(minutes / 1440)));
}

/** "10:30", "明天 09:00" or "8月18日 09:00", in local time. */
export function shortLocalTime(lang: TrayLanguage, at: number, now: number): string {
  const d = new Date(at);
  const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const day = (x: Date) => `${x.getFullYear()}-${x.getMonth()}-${x.getDate()}`;
  const today = new Date(now);
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  if (day(d) === day(today)) return hhmm;
  if (day(d) === day(tomorrow)) return `${TEXT[lang].tomorrow} ${hhmm}`;
  return `${TEXT[lang].date(d.getMonth() + 1, d.getDate())} ${hhmm}`;
}

function syncPart(lang: TrayLanguage, s: Snapshot, now: number): string {
  const t = TEXT[lang];
  const last = ms(s.status.lastSuccessAt);
  const when = last === null ? t.neverSynced : ago(lang, last, now);
  switch (s.status.state) {
    case 'ok':
      return when;
    case 'syncing':
      return last === null ? t.syncing : when;
    case 'offline':
      return `${t.offline}${t.sep}${when}`;
    case 'auth-failed':
      return t.authFailed;
    case 'config-missing':
      return t.configMissing;
    case 'error':
      return `${t.error}${t.sep}${when}`;
  }
}

export function iconKind(s: Snapshot, dueCount: number, now: number): TrayIconKind {
  // Paused first: the user chose silence and should see that it holds. Then trouble, since
  // reminders may be stale while sync fails. Cached todos still fire offline, and the count
  // is drawn whatever the icon.
  if (isPaused(s, now)) return 'paused';
  if (['offline', 'auth-failed', 'config-missing', 'error'].includes(s.status.state)) return 'offline';
  if (s.hostProblem?.kind === 'notifications-failed') return 'offline';
  return dueCount > 0 ? 'due' : 'normal';
}

function updateItem(lang: TrayLanguage, update: UpdateMenuState): TrayMenuItem {
  const m = TEXT[lang].menu;
  switch (update) {
    case 'idle':
      return { kind: 'command', command: 'check-update', label: m.checkUpdate };
    case 'checking':
      return { kind: 'info', label: m.checking };
    case 'downloading':
      return { kind: 'info', label: m.downloading };
    case 'ready':
      return { kind: 'command', command: 'install-update', label: m.installUpdate };
  }
}

export function trayMenu(lang: TrayLanguage, paused: boolean, summary: string | null, update: UpdateMenuState | null = null): TrayMenuItem[] {
  const m = TEXT[lang].menu;
  const items: TrayMenuItem[] = [];
  // Many Linux panels never show a tray tooltip: the first line of the menu carries it.
  if (summary) items.push({ kind: 'info', label: summary }, { kind: 'separator' });
  items.push(
    { kind: 'command', command: 'open', label: m.open },
    { kind: 'command', command: 'new-todo', label: m.newTodo },
    { kind: 'command', command: 'refresh', label: m.refresh },
  );
  items.push(
    paused
      ? { kind: 'command', command: 'resume', label: m.resume }
      : {
          kind: 'submenu',
          label: m.pause,
          items: [
            { kind: 'command', command: 'pause-30m', label: m.pause30m },
            { kind: 'command', command: 'pause-1h', label: m.pause1h },
            { kind: 'command', command: 'pause-tomorrow', label: m.pauseTomorrow },
          ],
        },
  );
  items.push({ kind: 'separator' }, { kind: 'command', command: 'settings', label: m.settings });
  // Only here, never a dialog: an update waits for the user, it never interrupts triage.
  if (update) items.push(updateItem(lang, update));
  items.push({ kind: 'separator' }, { kind: 'command', command: 'quit', label: m.quit });
  return items;
}

export function trayState(s: Snapshot, now: number, lang: TrayLanguage = 'zh-CN', update: UpdateMenuState | null = null): TrayState {
  const t = TEXT[lang];
  let dueCount = 0;
  let openCount = 0;
  for (const todo of s.todos) {
    if (isOpen(todo)) openCount++;
    if (isDue(todo, now)) dueCount++;
  }
  const paused = isPaused(s, now);
  const parts = [dueCount > 0 ? t.due(dueCount) : t.noneDue, t.open(openCount), syncPart(lang, s, now)];
  const pausedPart = paused ? t.pausedUntil(shortLocalTime(lang, ms(s.reminders.pausedUntil)!, now)) : null;
  if (pausedPart) parts.push(pausedPart);
  if (s.demo) parts.push(t.demo);
  // Early in the tooltip, and in the menu's first line: a tooltip is cut at 127 characters.
  const failed = s.hostProblem?.kind === 'notifications-failed' ? t.notificationsFailed : null;
  if (failed) parts.splice(1, 0, failed);
  let tooltip = parts.join(t.sep);
  if (tooltip.length > TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TOOLTIP_MAX - 1)}…`;
  const summary = [parts[0]!, failed, pausedPart].filter((p): p is string => !!p).join(t.sep);
  return {
    icon: iconKind(s, dueCount, now),
    dueCount,
    openCount,
    tooltip,
    title: dueCount > 0 ? String(dueCount) : '',
    menu: trayMenu(lang, paused, summary, update),
  };
}

/** Equal keys mean the native menu need not be rebuilt (rebuilding makes some Linux panels flicker or close an open menu). */
export const menuKey = (menu: TrayMenuItem[]): string => JSON.stringify(menu);

/** The tray's language from the setting and the OS locale. */
export function trayLanguage(setting: 'system' | 'zh-CN' | 'en', osLocale: string): TrayLanguage {
  return effectiveLanguage(setting, [osLocale]);
}
