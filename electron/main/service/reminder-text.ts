/**
 * Notification text. Chinese by default (the users are Chinese customer-service staff);
 * English when the app's language is 'en'. Vendor data (titles, level names) is shown as
 * is in both.
 */
import { format } from 'date-fns';
import type { Todo } from '../../../shared/todo';

export type ReminderLanguage = 'zh-CN' | 'en';

export interface SingleText {
  todo: Todo;
  repeatMinutes: number;
  /** Set when the reminder is delivered late (missed while closed, asleep, paused, quiet). */
  missedDue: number | null;
  snoozed: boolean;
  now: number;
}

const MAX_CONTENT = 200;
const MAX_SUMMARY_LINES = 3;

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "12 min", "3 h 5 min", "2 d" (en) / "12 分钟", "3 小时 5 分钟", "2 天" (zh-CN). */
export function lateBy(ms: number, lang: ReminderLanguage): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  const [d, h, m] = [Math.floor(min / 1440), Math.floor((min % 1440) / 60), min % 60];
  if (lang === 'en') {
    if (d > 0) return `${d} d${h > 0 ? ` ${h} h` : ''}`;
    return h > 0 ? `${h} h${m > 0 ? ` ${m} min` : ''}` : `${m} min`;
  }
  if (d > 0) return `${d} 天${h > 0 ? ` ${h} 小时` : ''}`;
  return h > 0 ? `${h} 小时${m > 0 ? ` ${m} 分钟` : ''}` : `${m} 分钟`;
}

function when(t: number, now: number): string {
  const sameDay = format(t, 'yyyy-MM-dd') === format(now, 'yyyy-MM-dd');
  return format(t, sameDay ? 'HH:mm' : 'MM-dd HH:mm');
}

function titleOf(todo: Todo, lang: ReminderLanguage): string {
  const title = todo.title.trim() || (lang === 'en' ? `Todo #${todo.id}` : `待办 #${todo.id}`);
  const level = todo.level.name?.trim();
  if (!level) return title;
  return lang === 'en' ? `[${level}] ${title}` : `【${level}】${title}`;
}

/** The body's lines that depend on the todo alone, joined. */
function leadOf(todo: Todo, lang: ReminderLanguage, repeatMinutes: number): string {
  const lines: string[] = [];
  const content = todo.content?.trim();
  if (content) lines.push(clip(content, MAX_CONTENT));
  const account = todo.account.nick ?? todo.account.wechatNo;
  if (lang === 'en') {
    if (todo.customer) lines.push(`Customer: ${todo.customer}`);
    if (account) lines.push(`Account: ${account}`);
    if (todo.isAlways) lines.push(`Repeats every ${repeatMinutes} min until done`);
  } else {
    if (todo.customer) lines.push(`客户：${todo.customer}`);
    if (account) lines.push(`运营号：${account}`);
    if (todo.isAlways) lines.push(`每 ${repeatMinutes} 分钟提醒，直到完成`);
  }
  return lines.join('\n');
}

interface TodoText {
  lang: ReminderLanguage;
  repeatMinutes: number;
  title: string;
  lead: string;
}

/**
 * A todo's title and body lead, made once per todo object (sync replaces the object when
 * the todo changes, as for remindTime): a repeating todo is shown every interval all day.
 */
const texts = new WeakMap<Todo, TodoText>();

function textOf(todo: Todo, lang: ReminderLanguage, repeatMinutes: number): TodoText {
  let t = texts.get(todo);
  if (t === undefined || t.lang !== lang || t.repeatMinutes !== repeatMinutes) {
    t = { lang, repeatMinutes, title: titleOf(todo, lang), lead: leadOf(todo, lang, repeatMinutes) };
    texts.set(todo, t);
  }
  return t;
}

export function singleTitle(todo: Todo, lang: ReminderLanguage): string {
  const t = texts.get(todo);
  return t?.lang === lang ? t.title : titleOf(todo, lang);
}

export function singleBody(x: SingleText, lang: ReminderLanguage): string {
  const { lead } = textOf(x.todo, lang, x.repeatMinutes);
  let last: string | null = null;
  if (x.missedDue !== null) {
    last =
      lang === 'en'
        ? `Missed: was due ${when(x.missedDue, x.now)} (${lateBy(x.now - x.missedDue, 'en')} late)`
        : `错过的提醒，原定 ${when(x.missedDue, x.now)}（晚了 ${lateBy(x.now - x.missedDue, 'zh-CN')}）`;
  } else if (x.snoozed) last = lang === 'en' ? 'Snoozed reminder' : '稍后提醒';
  if (last === null) return lead;
  return lead === '' ? last : `${lead}\n${last}`;
}

export function summaryTitle(count: number, lang: ReminderLanguage): string {
  return lang === 'en' ? `${count} missed todo reminders` : `错过了 ${count} 条待办提醒`;
}

/** The summary standing for reminders held back from a burst (reminder-events.ts). */
export function burstTitle(count: number, lang: ReminderLanguage): string {
  return lang === 'en' ? `${count} more todos are due` : `还有 ${count} 个待办到了提醒时间`;
}

export function summaryBody(todos: Todo[], lang: ReminderLanguage): string {
  const shown = todos.slice(0, MAX_SUMMARY_LINES).map((t) => `· ${clip(singleTitle(t, lang), 60)}`);
  const rest = todos.length - shown.length;
  if (rest > 0) shown.push(lang === 'en' ? `and ${rest} more` : `等另外 ${rest} 条`);
  return shown.join('\n');
}
