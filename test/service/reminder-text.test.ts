import { describe, expect, it } from 'vitest';
import { singleBody, singleTitle, summaryBody } from '../../electron/main/service/reminder-text';
import { makeTodo } from './support/fixtures';

const NOW = Date.parse('2025-01-06T10:30:00+08:00');
const body = (todo: ReturnType<typeof makeTodo>, lang: 'zh-CN' | 'en', o: { missedDue?: number; snoozed?: boolean; repeatMinutes?: number } = {}) =>
  singleBody({ todo, repeatMinutes: o.repeatMinutes ?? 10, missedDue: o.missedDue ?? null, snoozed: o.snoozed ?? false, now: NOW }, lang);

describe('notification text', () => {
  it('a todo reads the same every time it is shown, with only the delivery line changing', () => {
    const todo = makeTodo({ id: 5, remindAt: null, isAlways: true, title: ' 回访 ', customer: 'wxid_a' });
    for (let i = 0; i < 2; i++) {
      expect(body(todo, 'zh-CN')).toBe('确认收货情况\n客户：wxid_a\n运营号：个微P06\n每 10 分钟提醒，直到完成');
      expect(singleTitle(todo, 'zh-CN')).toBe('【紧急】回访');
      expect(body(todo, 'zh-CN', { snoozed: true })).toBe('确认收货情况\n客户：wxid_a\n运营号：个微P06\n每 10 分钟提醒，直到完成\n稍后提醒');
      expect(body(todo, 'zh-CN', { missedDue: NOW - 65 * 60_000 })).toBe(
        '确认收货情况\n客户：wxid_a\n运营号：个微P06\n每 10 分钟提醒，直到完成\n错过的提醒，原定 09:25（晚了 1 小时 5 分钟）',
      );
    }
  });

  it('follows the language, the repeat interval and a changed todo', () => {
    const todo = makeTodo({ id: 6, remindAt: null, isAlways: true, customer: null });
    expect(body(todo, 'zh-CN')).toBe('确认收货情况\n运营号：个微P06\n每 10 分钟提醒，直到完成');
    expect(body(todo, 'en')).toBe('确认收货情况\nAccount: 个微P06\nRepeats every 10 min until done');
    expect(singleTitle(todo, 'en')).toBe('[紧急] 回访客户 6');
    expect(singleTitle(todo, 'zh-CN')).toBe('【紧急】回访客户 6');
    expect(body(todo, 'en', { repeatMinutes: 15 })).toBe('确认收货情况\nAccount: 个微P06\nRepeats every 15 min until done');
    // Sync hands over a new object when the todo changed.
    const changed = { ...todo, title: '', content: '', isAlways: false, level: { name: null, color: null } };
    expect(body(changed, 'en')).toBe('Account: 个微P06');
    expect(singleTitle(changed, 'en')).toBe('Todo #6');
    expect(summaryBody([todo, changed], 'zh-CN')).toBe('· 【紧急】回访客户 6\n· 待办 #6');
  });

  it('a todo with nothing but its delivery line has just that line as its body', () => {
    const bare = makeTodo({ id: 7, remindAt: null, content: null, customer: null, account: { id: 1, wechatNo: null, nick: null, kind: 'wechat' } });
    expect(body(bare, 'zh-CN')).toBe('');
    expect(body(bare, 'en', { snoozed: true })).toBe('Snoozed reminder');
  });
});
