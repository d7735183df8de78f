/**
 * How a ReminderEvent becomes native notification options on each platform. Pure; the
 * Electron side (lifetime, events) is notifications.ts.
 */
import type { ReminderEvent } from '../../../shared/contract/types';
import type { AppError, ErrorKind } from '../../../shared/errors';
import type { TrayLanguage } from './tray-model';

export interface NotificationSpec {
  /** Windows Tag / macOS identifier: a repeat of the same todo replaces its earlier toast. */
  id: string;
  title: string;
  body: string;
  silent: boolean;
  /** Buttons where the platform has them; index 0 = done, 1 = snooze 10 min, 2 = 去跟进. */
  actions: { type: 'button'; text: string }[];
  timeoutType: 'default';
}

// Indices are what Windows puts in a toast's activation arguments: a toast left in the
// Action Center by an earlier version still means the same button, so new ones go last.
export const ACTION_DONE = 0;
export const ACTION_SNOOZE = 1;
export const ACTION_OPEN = 2;

const LABELS = {
  'zh-CN': { done: '完成', snooze: '稍后 10 分钟', open: '去跟进' },
  en: { done: 'Done', snooze: 'Snooze 10 min', open: 'Open chat' },
} as const;

/** What 去跟进 from a notification says afterwards (the window may be hidden: a notice, not a banner). */
const OPENED = {
  'zh-CN': {
    opened: '已在企客聊切换到这位客户的会话',
    failed: '去跟进没有成功',
    server: (text: string) => `企客聊：${text}`,
    kinds: {
      config: '友米账号信息没填完整，请在设置里补全。',
      auth: '友米登录没通过，请检查客户端 ID 和密钥。',
      network: '连不上友米服务器，请检查网络后重试。',
      timeout: '友米服务器很久没有响应，请稍后重试。',
      server: '友米服务器出错了，请稍后重试。',
      business: '友米拒绝了这次操作，请稍后重试或联系管理员。',
      'bad-response': '友米返回的数据看不懂，请稍后重试。',
      'invalid-request': '这条待办无法打开会话（没有客户或没有连接账号）。',
      'not-found': '这条待办已经不在了，请刷新后重试。',
      storage: '程序出错了，请重启友米待办。',
      internal: '程序出错了，请重启友米待办。',
    },
  },
  en: {
    opened: 'Switched 企客聊 to the chat with this customer',
    failed: 'Could not open the chat',
    server: (text: string) => `企客聊: ${text}`,
    kinds: {
      config: 'Your Youmi account settings are incomplete; fill them in under Settings.',
      auth: 'Youmi sign-in failed; check the client ID and secret.',
      network: 'Cannot reach the Youmi server; check your network and retry.',
      timeout: 'The Youmi server did not answer in time; retry in a moment.',
      server: 'The Youmi server had an error; retry in a moment.',
      business: 'Youmi refused this; retry later or ask your admin.',
      'bad-response': 'Youmi sent data this app cannot read; retry in a moment.',
      'invalid-request': 'This todo cannot open a chat (no customer, or no account connected).',
      'not-found': 'This todo is gone; refresh and retry.',
      storage: 'Something went wrong inside the app; restart Youmi Todo.',
      internal: 'Something went wrong inside the app; restart Youmi Todo.',
    },
  },
} as const satisfies Record<TrayLanguage, { kinds: Record<ErrorKind, string> } & Record<string, unknown>>;

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
          { type: 'button' as const, text: l.open },
        ]
      : [];
  // Windows limits a toast Tag to 64 characters.
  const id = r.kind === 'single' && r.todoIds.length === 1 ? `todo-${r.todoIds[0]}` : `summary-${r.key}`.slice(0, 64);
  return { id, title, body, silent: !opts.sound, actions, timeoutType: 'default' };
}

/**
 * The notice after 去跟进 from a notification: success with what 企客聊 said, or the
 * server's own words (else what went wrong), in the user's language. No buttons and no
 * todo of its own (nothing to prune); a click opens the window on the todo.
 */
export function conversationNotice(
  todoId: number,
  todoTitle: string | undefined,
  outcome: { ok: true; message: string | null } | { ok: false; error: AppError },
  lang: TrayLanguage,
  at: string,
): ReminderEvent {
  const t = OPENED[lang];
  const said = outcome.ok ? outcome.message : (outcome.error.serverText ?? null);
  const why = outcome.ok ? null : said ? t.server(said) : t.kinds[outcome.error.kind];
  const lines = [todoTitle?.trim() || null, outcome.ok && said ? t.server(said) : why].filter((l): l is string => !!l);
  return {
    key: `conversation-${todoId}@${at}`,
    kind: 'summary',
    todoIds: [],
    title: outcome.ok ? t.opened : t.failed,
    body: lines.join('\n'),
    repeats: false,
    openTodoId: todoId,
    at,
  };
}
