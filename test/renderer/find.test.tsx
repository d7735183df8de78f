// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp, rowTitles } from './render';

afterEach(cleanup);

const todos = () => [
  makeTodo({ id: 1, title: '回访张女士', content: '确认退款进度', customer: 'wxid_zhang', remindAt: minutesFromNow(-3), level: { name: '紧急', color: '#ff0303' } }),
  makeTodo({ id: 2, title: '发优惠券', content: null, customer: 'wxid_li', account: { id: 2, wechatNo: 'shop_888', nick: '门店企微', kind: 'wecom' }, remindAt: minutesFromNow(-2) }),
  makeTodo({ id: 3, title: '朋友圈点赞', content: '给老客户点赞', customer: 'wxid_wang', remindAt: minutesFromNow(-1), level: { name: null, color: null } }),
];

describe('search', () => {
  it.each([
    ['title', '优惠', ['发优惠券']],
    ['content', '退款', ['回访张女士']],
    ['customer', 'WXID_WANG', ['朋友圈点赞']],
    ['account nick', '门店', ['发优惠券']],
    ['account WeChat number', 'shop_888', ['发优惠券']],
    ['every term (AND)', '客户 点赞', ['朋友圈点赞']],
  ])('finds by %s', async (_what, query, expected) => {
    const { user } = await renderApp({ todos: todos() });
    await user.type(screen.getByRole('searchbox', { name: '搜索待办' }), query);
    expect(rowTitles()).toEqual(expected);
  });

  it('shows an empty state with a way out when nothing matches', async () => {
    const { user } = await renderApp({ todos: todos() });
    await user.type(screen.getByRole('searchbox'), '不存在的词');
    expect(screen.getByText('没有找到符合条件的待办')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '清除搜索和筛选' }));
    expect(rowTitles()).toHaveLength(3);
  });

  it('the group counts follow the search', async () => {
    const { user } = await renderApp({ todos: todos() });
    expect(screen.getByRole('row', { name: '已逾期，3 项' })).toBeTruthy();
    await user.type(screen.getByRole('searchbox'), 'wxid_l');
    expect(screen.getByRole('row', { name: '已逾期，1 项' })).toBeTruthy();
  });
});

describe('level filter', () => {
  it('filters by a level, by "no level", and back to all', async () => {
    const { user } = await renderApp({ todos: todos() });
    const filter = screen.getByRole('combobox', { name: '按级别筛选' });
    expect([...filter.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['全部级别', '紧急 (1)', '普通 (1)', '未设级别 (1)']);
    await user.selectOptions(filter, '紧急 (1)');
    expect(rowTitles()).toEqual(['回访张女士']);
    await user.selectOptions(filter, '未设级别 (1)');
    expect(rowTitles()).toEqual(['朋友圈点赞']);
    await user.selectOptions(filter, '全部级别');
    expect(rowTitles()).toHaveLength(3);
  });
});
