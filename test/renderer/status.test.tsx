// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { FakeBridge, makeTodo, minutesFromNow } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

const banner = (kind: string) => document.querySelector<HTMLElement>(`[data-banner="${kind}"]`);

describe('banners', () => {
  it('offline: says so, Retry refreshes', async () => {
    const { user, bridge } = await renderApp({ status: { state: 'offline', lastError: { kind: 'network', detail: 'ECONNREFUSED' } } });
    expect(banner('offline')?.textContent).toContain('连不上友米服务器，列表可能不是最新的。');
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(bridge.callsOf('refresh')).toHaveLength(1);
  });

  it('auth failed: the translated reason, and a button to settings', async () => {
    const { user } = await renderApp({ status: { state: 'auth-failed', lastError: { kind: 'business', code: 10003, detail: 'token' } } });
    expect(banner('auth-failed')?.textContent).toContain('友米账号验证没通过：令牌失效了，请检查客户端 ID 和密钥后重新测试连接。');
    await user.click(screen.getByRole('button', { name: '去设置' }));
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
  });

  it('config missing: a button to settings', async () => {
    const { user } = await renderApp({ status: { state: 'config-missing', lastSuccessAt: null } });
    expect(banner('config-missing')?.textContent).toContain('还没填好友米账号信息');
    await user.click(screen.getByRole('button', { name: '去设置' }));
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
  });

  it('other errors: the translated business error and Retry', async () => {
    await renderApp({ status: { state: 'error', lastError: { kind: 'business', code: 200010, detail: 'staff' } } });
    expect(banner('error')?.textContent).toContain('同步出错：员工号不存在，请在设置里重新选择你的工号。');
    expect(banner('error')?.textContent).not.toContain('staff');
  });

  it('a business error shows the server’s own errdesc text, not only its code (issue 11 item 12)', async () => {
    await renderApp({ status: { state: 'error', lastError: { kind: 'business', code: 200012, detail: 'business error 200012', serverText: 'remindStaff 参数格式不对' } } });
    expect(banner('error')?.textContent).toContain('remindStaff 参数格式不对');
  });

  it('demo mode: 连接友米账号 opens settings with the account chosen', async () => {
    const { user } = await renderApp({ demo: true, settings: { mode: 'demo' } });
    expect(banner('demo')?.textContent).toContain('演示模式');
    await user.click(screen.getByRole('button', { name: '连接友米账号' }));
    expect((screen.getByRole('radio', { name: '连接友米账号' }) as HTMLInputElement).checked).toBe(true);
  });

  it('paused reminders: Resume calls pause("off") and the banner goes', async () => {
    const { user, bridge } = await renderApp({ pausedUntil: minutesFromNow(45) });
    expect(banner('paused')?.textContent).toMatch(/^提醒已暂停，(今天|明天) \d\d:\d\d 恢复。/);
    await user.click(screen.getByRole('button', { name: '现在恢复' }));
    expect(bridge.callsOf('pause')).toEqual([['off']]);
    await waitFor(() => expect(banner('paused')).toBeNull());
  });

  it('notifications refused by macOS: the banner says where to allow them, in Chinese and English', async () => {
    await renderApp({ hostProblem: { kind: 'notifications-failed', platform: 'darwin' } });
    expect(banner('notifications-failed')?.textContent).toContain('系统设置 › 通知');
    cleanup();
    await renderApp({ language: 'en', settings: { language: 'en' }, hostProblem: { kind: 'notifications-failed', platform: 'darwin' } });
    expect(banner('notifications-failed')?.textContent).toContain('System Settings › Notifications');
  });

  it('no tray on this desktop: says so', async () => {
    await renderApp({ hostProblem: { kind: 'no-tray', platform: 'linux' } });
    expect(banner('no-tray')?.textContent).toContain('没有系统托盘');
  });

  it('no banner when all is well', async () => {
    await renderApp({ todos: [makeTodo()] });
    expect(document.querySelectorAll('[data-banner]')).toHaveLength(0);
  });
});

describe('status line', () => {
  it('shows staff, last sync and next sync, and follows snapshots', async () => {
    const bridge = new FakeBridge({ status: { lastSuccessAt: minutesFromNow(-2), nextSyncAt: minutesFromNow(1) } });
    await renderApp({ bridge });
    const line = document.querySelector('.status-text')?.textContent ?? '';
    expect(line).toMatch(/^工号 b08 · 2 分钟前同步 · 下次同步 \d\d:\d\d$/);
    bridge.status = { ...bridge.status, state: 'syncing' };
    act(() => bridge.emit());
    expect(document.querySelector('.status-text')?.textContent).toBe('工号 b08 · 正在同步…');
    expect(screen.getByRole('status').textContent).toBe('正在同步…');
  });
});

describe('first load', () => {
  it('explains a failed load and retries', async () => {
    const bridge = new FakeBridge({ todos: [makeTodo({ title: '回来了' })] });
    bridge.failNext.set('getSnapshot', { kind: 'internal', detail: 'boom' });
    const { user } = await renderApp({ bridge });
    expect(screen.getByRole('alert').textContent).toBe('程序出错了，请重启友米待办；如果还不行，请联系管理员。');
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('回来了')).toBeTruthy();
  });
});
