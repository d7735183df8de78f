// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { buildList } from '../../renderer/src/model/grouping';
import { chipTextColor, contrastRatio, levelRank, safeLevelColor } from '../../renderer/src/model/level';
import { makeTodo, minutesFromNow } from './fake-bridge';
import { groupHeaders, renderApp, rowFor, rowTitles } from './render';

afterEach(cleanup);

describe('grouping and ordering', () => {
  it('puts todos in 已逾期 / 今天 / 以后 / 无提醒时间 / 今日已完成, ordered by time then level', async () => {
    const halfHourAgo = minutesFromNow(-30);
    const tomorrowAt = (hour: number): string => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(hour, 0, 0, 0);
      return d.toISOString();
    };
    const todos = [
      makeTodo({ id: 1, title: '明天回访', remindAt: tomorrowAt(9) }),
      makeTodo({ id: 2, title: '逾期普通', remindAt: halfHourAgo, level: { name: '普通', color: '#2f6fe0' } }),
      makeTodo({ id: 3, title: '逾期紧急', remindAt: halfHourAgo, level: { name: '紧急', color: '#ff0303' } }),
      makeTodo({ id: 4, title: '更早逾期', remindAt: minutesFromNow(-120), level: { name: '普通', color: null } }),
      makeTodo({ id: 5, title: '没时间', remindAt: null }),
      makeTodo({ id: 6, title: '已完成', local: { done: true, doneAt: new Date().toISOString(), snoozedUntil: null } }),
      makeTodo({ id: 7, title: '企客聊已处理', closed: { reason: 'handled', at: new Date().toISOString() } }),
      makeTodo({ id: 8, title: '昨天完成的', local: { done: true, doneAt: minutesFromNow(-3 * 24 * 60), snoozedUntil: null } }),
      makeTodo({ id: 9, title: '推迟到明天', remindAt: minutesFromNow(-10), local: { done: false, doneAt: null, snoozedUntil: tomorrowAt(10) } }),
    ];
    // "today" needs a time later today: use one minute from now unless that crosses midnight
    const soon = new Date(Date.now() + 60_000);
    if (soon.getDate() === new Date().getDate()) todos.push(makeTodo({ id: 10, title: '今天稍后', remindAt: soon.toISOString() }));
    await renderApp({ todos });

    const headers = groupHeaders();
    expect(headers[0]).toBe('已逾期，3 项');
    expect(headers).toContain('以后，2 项');
    expect(headers).toContain('无提醒时间，1 项');
    expect(headers.at(-1)).toBe('今日已完成，2 项');
    const titles = rowTitles();
    expect(titles.slice(0, 3)).toEqual(['更早逾期', '逾期紧急', '逾期普通']);
    expect(titles).not.toContain('昨天完成的');
    expect(titles.indexOf('明天回访')).toBeLessThan(titles.indexOf('推迟到明天'));
    expect(within(rowFor('企客聊已处理')).getByText('已在企客聊处理')).toBeTruthy();
    expect(within(rowFor('已完成')).getByText('仅在本机标记完成')).toBeTruthy();
    expect(within(rowFor('推迟到明天')).getByText(/^已推迟到 明天/)).toBeTruthy();
  });

  it('collapses a group and keeps its count', async () => {
    const { user } = await renderApp({
      todos: [makeTodo({ title: 'A', remindAt: minutesFromNow(-5) }), makeTodo({ title: 'B', remindAt: minutesFromNow(-6) })],
    });
    const header = screen.getByRole('row', { name: '已逾期，2 项' });
    expect(header.getAttribute('aria-expanded')).toBe('true');
    await user.click(header);
    expect(header.getAttribute('aria-expanded')).toBe('false');
    expect(rowTitles()).toEqual([]);
    await user.click(header);
    expect(rowTitles()).toEqual(['B', 'A']);
  });

  it('orders levels by the usual names, unknown in the middle, none last', () => {
    expect(levelRank('特急')).toBeLessThan(levelRank('紧急'));
    expect(levelRank('紧急')).toBeLessThan(levelRank('重要'));
    expect(levelRank('重要')).toBeLessThan(levelRank('普通'));
    expect(levelRank('自定义')).toBeLessThan(levelRank('低'));
    expect(levelRank(null)).toBeGreaterThan(levelRank('低'));
  });

  it('lists the levels present for the filter', () => {
    const model = buildList(
      [makeTodo({ level: { name: '普通', color: null } }), makeTodo({ level: { name: '紧急', color: '#ff0303' } }), makeTodo({ level: { name: null, color: null } })],
      { now: Date.now(), overrides: new Map(), search: '', level: undefined, collapsed: new Set() },
    );
    expect(model.levels.map((l) => l.name)).toEqual(['紧急', '普通', null]);
  });
});

describe('level colours', () => {
  it('accepts only #rrggbb', () => {
    expect(safeLevelColor('#ff0303')).toBe('#ff0303');
    expect(safeLevelColor('#FF0303')).toBe('#ff0303');
    for (const bad of ['red', '#fff', 'url(x)', '#ff0303;background:url(x)', 'expression(1)', '', null, 12]) {
      expect(safeLevelColor(bad)).toBeNull();
    }
  });

  it('picks readable text on the chip', () => {
    for (const bg of ['#ff0303', '#ffd400', '#2f6fe0', '#111111', '#ffffff', '#7fd3ff']) {
      const fg = chipTextColor(bg);
      expect(contrastRatio(bg, fg)).toBeGreaterThanOrEqual(4.5 - 0.6); // pure mid-red tops out near 4
    }
    expect(chipTextColor('#ffd400')).toBe('#111111');
    expect(chipTextColor('#1a237e')).toBe('#ffffff');
  });

  it('puts a valid colour on the chip and a neutral class otherwise', async () => {
    await renderApp({
      todos: [
        makeTodo({ title: '红色', level: { name: '紧急', color: '#ff0303' } }),
        makeTodo({ title: '坏颜色', level: { name: '奇怪', color: 'red;background:url(https://evil)' } }),
      ],
    });
    const good = rowFor('红色').querySelector<HTMLElement>('.chip');
    expect(good?.style.getPropertyValue('--chip-bg')).toBe('#ff0303');
    expect(good?.style.getPropertyValue('--chip-fg')).toBe(chipTextColor('#ff0303'));
    const bad = rowFor('坏颜色').querySelector<HTMLElement>('.chip');
    expect(bad?.className).toContain('chip-neutral');
    expect(bad?.getAttribute('style') ?? '').not.toContain('evil');
  });
});

describe('row contents', () => {
  it('renders API text as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    await renderApp({
      todos: [makeTodo({ title: evil, content: `<b>粗体</b>${evil}`, customer: '<script>x</script>', account: { id: 1, wechatNo: 'w', nick: '<i>nick</i>', kind: 'wecom' } })],
    });
    expect(screen.getByText(evil)).toBeTruthy();
    expect(screen.getByText(`<b>粗体</b>${evil}`)).toBeTruthy();
    expect(screen.getByText('<script>x</script>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.row-main b, .row-main i')).toBeNull();
  });

  it('shows customer, account kind, completion condition, repeat badge and time', async () => {
    await renderApp({
      todos: [
        makeTodo({
          title: '联系客户',
          isAlways: true,
          completion: 'contact',
          customer: 'wxid_abc',
          account: { id: 1, wechatNo: 'kkk', nick: '企微01', kind: 'wecom' },
          remindAt: minutesFromNow(-125),
        }),
      ],
      settings: { repeatIntervalMin: 15 },
    });
    const row = within(rowFor('联系客户'));
    expect(row.getByText('wxid_abc')).toBeTruthy();
    expect(row.getByText('企微01')).toBeTruthy();
    expect(row.getByRole('img', { name: '企业微信' })).toBeTruthy();
    expect(row.getByText('需联系客户').getAttribute('title')).toBe('完成条件：联系客户');
    expect(row.getByText('每 15 分钟提醒')).toBeTruthy();
    const time = rowFor('联系客户').querySelector('time');
    expect(time?.textContent).toBe('2 小时前');
    expect(time?.getAttribute('title')).toMatch(/^提醒时间：\d{4}年/);
  });

  it('expands the content on demand', async () => {
    const { user } = await renderApp({ todos: [makeTodo({ title: 'T', content: '第一行\n第二行\n第三行', creator: 'b03' })] });
    await user.click(within(rowFor('T')).getByRole('button', { name: '展开详情' }));
    expect(within(rowFor('T')).getByText('创建人：b03')).toBeTruthy();
    expect(within(rowFor('T')).getByRole('button', { name: '收起详情' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says "全部处理完了" when nothing is open', async () => {
    await renderApp({ todos: [makeTodo({ title: '做完了', local: { done: true, doneAt: new Date().toISOString(), snoozedUntil: null } })] });
    expect(screen.getByText('全部处理完了')).toBeTruthy();
    expect(rowTitles()).toEqual(['做完了']);
  });

  it('an account with empty fields (never synced) does not say "全部处理完了" (issue 11 item 10)', async () => {
    await renderApp({ todos: [], status: { state: 'config-missing', lastSuccessAt: null, lastError: { kind: 'config', detail: 'base URL is not set' } } });
    expect(screen.queryByText('全部处理完了')).toBeNull();
    expect(screen.getByText('还没有从友米取到待办')).toBeTruthy();
  });

  it('keeps "today" for a time later today', () => {
    const now = new Date();
    now.setHours(10, 0, 0, 0);
    const later = new Date(now);
    later.setHours(15);
    const model = buildList([makeTodo({ id: 1, remindAt: later.toISOString() })], {
      now: now.getTime(),
      overrides: new Map(),
      search: '',
      level: undefined,
      collapsed: new Set(),
    });
    expect(model.item(1)?.group).toBe('today');
  });
});
