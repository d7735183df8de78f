import { describe, expect, it } from 'vitest';
import { isDue, menuKey, shortLocalTime, TOOLTIP_MAX, trayLanguage, trayState, type TrayMenuItem } from '../../electron/main/shell/tray-model';
import { busySnapshot, iso, MIN, NOW, snapshot, todo } from './helpers';

const labels = (items: TrayMenuItem[]): string[] =>
  items.map((i) => (i.kind === 'separator' ? '---' : i.kind === 'submenu' ? `${i.label}>${labels(i.items).join('|')}` : i.label));

describe('tray state from a snapshot', () => {
  it('counts due and open todos and writes the tooltip the issue asks for', () => {
    const s = trayState(busySnapshot(), NOW);
    expect(s.dueCount).toBe(3);
    expect(s.openCount).toBe(12);
    expect(s.icon).toBe('due');
    expect(s.title).toBe('3');
    expect(s.tooltip).toBe('3 个待办已到期 · 共 12 个未处理 · 2 分钟前同步');
  });

  it('is normal with nothing due, and says so', () => {
    const s = trayState(snapshot({ todos: [todo({ remindInMin: 30 })] }), NOW);
    expect(s).toMatchObject({ icon: 'normal', dueCount: 0, openCount: 1, title: '' });
    expect(s.tooltip).toBe('没有到期的待办 · 共 1 个未处理 · 2 分钟前同步');
  });

  it('names demo mode in the tooltip', () => {
    expect(trayState(busySnapshot({ demo: true }), NOW).tooltip).toBe('3 个待办已到期 · 共 12 个未处理 · 2 分钟前同步 · 演示模式');
  });

  it('shows the paused icon and the resume item while reminders are paused', () => {
    const s = trayState(busySnapshot({ reminders: { pausedUntil: iso(NOW + 30 * MIN), quietNow: false } }), NOW);
    expect(s.icon).toBe('paused');
    expect(s.tooltip).toContain('提醒已暂停至 10:30');
    expect(labels(s.menu)).toEqual(['3 个待办已到期 · 提醒已暂停至 10:30', '---', '打开', '新建待办', '立即刷新', '恢复提醒', '---', '设置', '---', '退出']);
  });

  it('offers 新建待办 next to 打开, in both languages', () => {
    expect(labels(trayState(busySnapshot(), NOW, 'en').menu).slice(2, 5)).toEqual(['Open', 'New todo', 'Refresh now']);
    expect(trayState(busySnapshot(), NOW).menu.find((i) => i.kind === 'command' && i.label === '新建待办')).toMatchObject({ command: 'new-todo' });
  });

  it('a pause that has ended is not a pause', () => {
    const s = trayState(busySnapshot({ reminders: { pausedUntil: iso(NOW - MIN), quietNow: false } }), NOW);
    expect(s.icon).toBe('due');
  });

  it('offers the pause choices when not paused', () => {
    expect(labels(trayState(busySnapshot(), NOW).menu)).toEqual([
      '3 个待办已到期',
      '---',
      '打开',
      '新建待办',
      '立即刷新',
      '暂停提醒>30 分钟|1 小时|到明天',
      '---',
      '设置',
      '---',
      '退出',
    ]);
  });

  it.each([
    ['offline', '离线 · 2 分钟前同步'],
    ['auth-failed', '登录失败'],
    ['config-missing', '未配置账号'],
    ['error', '同步出错 · 2 分钟前同步'],
  ] as const)('uses the offline/error icon for %s and keeps the count', (state, text) => {
    const s = trayState(busySnapshot({ status: { state, lastSuccessAt: iso(NOW - 2 * MIN), lastError: null, nextSyncAt: null } }), NOW);
    expect(s.icon).toBe('offline');
    expect(s.dueCount).toBe(3);
    expect(s.title).toBe('3');
    expect(s.tooltip).toBe(`3 个待办已到期 · 共 12 个未处理 · ${text}`);
  });

  it('says how long ago the last sync was', () => {
    const at = (minutesAgo: number | null) =>
      trayState(snapshot({ status: { state: 'ok', lastSuccessAt: minutesAgo === null ? null : iso(NOW - minutesAgo * MIN), lastError: null, nextSyncAt: null } }), NOW).tooltip;
    expect(at(0)).toMatch(/刚刚同步$/);
    expect(at(59)).toMatch(/59 分钟前同步$/);
    expect(at(125)).toMatch(/2 小时前同步$/);
    expect(at(3 * 1440)).toMatch(/3 天前同步$/);
    expect(at(null)).toMatch(/还没有同步过$/);
  });

  it('keeps the tooltip within the Windows limit', () => {
    const s = trayState(busySnapshot({ demo: true, reminders: { pausedUntil: iso(NOW + 3 * 86_400_000), quietNow: false } }), NOW, 'en');
    expect(s.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });

  it('speaks English when asked', () => {
    expect(trayState(busySnapshot(), NOW, 'en').tooltip).toBe('3 todos due · 12 open · synced 2 min ago');
    expect(trayLanguage('system', 'en-US')).toBe('en');
    expect(trayLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(trayLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('due means: time has come, not done, not closed, not snoozed into the future', () => {
    expect(isDue(todo({ remindInMin: 0 }), NOW)).toBe(true);
    expect(isDue(todo({ remindInMin: 1 }), NOW)).toBe(false);
    expect(isDue(todo({ remindAt: null }), NOW)).toBe(false);
    expect(isDue(todo({ local: { done: false, doneAt: null, snoozedUntil: iso(NOW - 1) } }), NOW)).toBe(true);
  });

  it('keeps the menu key stable while only the sync age changes', () => {
    const a = trayState(busySnapshot(), NOW);
    const b = trayState(busySnapshot(), NOW + 5 * MIN);
    expect(a.tooltip).not.toBe(b.tooltip);
    expect(menuKey(a.menu)).toBe(menuKey(b.menu));
  });

  it('writes pause ends as local clock times', () => {
    expect(shortLocalTime('zh-CN', Date.parse('2026-11-26T09:00:00+08:00'), NOW)).toBe('明天 09:00');
    expect(shortLocalTime('zh-CN', Date.parse('2026-12-03T09:00:00+08:00'), NOW)).toBe('12月3日 09:00');
  });
});
