// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { NoHost } from '../../renderer/src/components/NoHost';
import { createI18n, resolveLanguage } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { translateError } from '../../renderer/src/model/errors';
import { FakeBridge, makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('language', () => {
  it('English has exactly the keys of Chinese, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const key of keys(en)) expect(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en)).not.toBe('');
  });

  it('follows the OS language when set to system, Chinese by default', () => {
    expect(resolveLanguage('system', ['en-US', 'zh-CN'])).toBe('en');
    expect(resolveLanguage('system', ['zh-TW'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['fr-FR', 'de'])).toBe('zh-CN');
    expect(resolveLanguage('system', [])).toBe('zh-CN');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('switches the whole UI between 中文 and English from settings', async () => {
    const { user } = await renderApp({ todos: [makeTodo({ title: 'T', remindAt: minutesFromNow(-90) })] });
    expect(screen.getByRole('row', { name: '已逾期，1 项' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    await user.click(screen.getByRole('button', { name: '设置' }));
    await user.selectOptions(screen.getByLabelText('界面语言'), 'English');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('row', { name: 'Overdue, 1 items' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Done' })).toBeTruthy();
    expect(screen.getByText('Settings saved')).toBeTruthy();
    expect(document.querySelector('time')?.textContent).toBe('1 hour ago');
    expect(document.documentElement.lang).toBe('en');

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.selectOptions(screen.getByLabelText('Language'), '中文');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('row', { name: '已逾期，1 项' })).toBeTruthy();
  });

  it('applies the theme setting to <html>', async () => {
    const { user } = await renderApp({ settings: { theme: 'dark' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    await user.click(screen.getByRole('button', { name: '设置' }));
    await user.selectOptions(screen.getByLabelText('外观'), '浅色');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });

  it('translates errors by kind and business code, never showing the detail', () => {
    const t = createI18n('zh-CN').t;
    expect(translateError(t, { kind: 'business', code: 10003, detail: 'x' })).toBe('令牌失效了，请检查客户端 ID 和密钥后重新测试连接。');
    expect(translateError(t, { kind: 'business', code: 200012, detail: 'x' })).toBe('请求参数有误，请检查设置里的工号和租户 ID。');
    expect(translateError(t, { kind: 'business', code: 200011, detail: 'x' })).toBe('友米服务器错误，请稍后重试。');
    expect(translateError(t, { kind: 'business', code: 424242, detail: 'x' })).toBe('友米返回了错误（错误码 424242），请稍后重试或联系管理员。');
    expect(translateError(t, { kind: 'server', code: 502, detail: 'x' })).toBe('友米服务器出错了（502），请稍后重试。');
    const tEn = createI18n('en').t;
    expect(translateError(tEn, { kind: 'network', detail: 'ECONNREFUSED 10.0.0.1' })).toBe('Cannot reach the Youmi server; check your network and retry.');
  });
});

describe('first run', () => {
  it('offers 连接友米 (opens settings with the account chosen)', async () => {
    const { user } = await renderApp({ settings: { mode: 'unset' } });
    expect(screen.getByRole('heading', { name: '欢迎使用友米待办' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '连接友米' }));
    expect((screen.getByRole('radio', { name: '连接友米账号' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: '保存' }));
  });

  it('saving from there switches mode to account', async () => {
    const bridge = new FakeBridge({ settings: { mode: 'unset' } });
    const { user } = await renderApp({ bridge });
    await user.click(screen.getByRole('button', { name: '连接友米' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bridge.callsOf('saveSettings')).toEqual([[{ mode: 'account' }]]);
    expect(await screen.findByRole('searchbox')).toBeTruthy();
  });

  it('offers 试用演示数据 (useDemo, then the list with the demo banner)', async () => {
    const bridge = new FakeBridge({ settings: { mode: 'unset' }, todos: [makeTodo({ title: '示例待办' })] });
    const { user } = await renderApp({ bridge });
    await user.click(screen.getByRole('button', { name: '试用演示数据' }));
    expect(bridge.callsOf('useDemo')).toHaveLength(1);
    expect(await screen.findByText('示例待办')).toBeTruthy();
    expect(document.querySelector('[data-banner="demo"]')).not.toBeNull();
  });
});

describe('no host', () => {
  it('shows one line instead of crashing', () => {
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <NoHost />
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toBe('友米待办需要在桌面应用里打开，这个页面读不到待办。');
  });
});
