// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

async function openSettings(options: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  const bridge = new FakeBridge(options);
  const rendered = await renderApp({ bridge });
  await rendered.user.click(screen.getByRole('button', { name: '设置' }));
  return rendered;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('settings', () => {
  it('shows every field from PublicSettings, the secret never pre-filled', async () => {
    await openSettings();
    expect(field('接口地址').value).toBe('https://api.example.com');
    expect(field('令牌地址').value).toBe('https://sso.yunshouzhi.net/connect/token');
    expect(field('客户端 ID（client_id）').value).toBe('client-1');
    const secret = field('客户端密钥（client_secret）');
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toBe('已设置（留空则保持不变）');
    expect(field('租户 ID（仅代理商）').value).toBe('');
    expect(field('我的工号').value).toBe('b08');
    expect(field('同步间隔（秒）').value).toBe('60');
    expect(field('重复提醒间隔（分钟）').value).toBe('10');
    expect(field('免打扰时段').checked).toBe(false);
    expect(field('开始').value).toBe('22:00');
    expect(field('结束').value).toBe('08:00');
    expect(field('开机自动启动').checked).toBe(false);
    expect(field('提醒时播放声音').checked).toBe(true);
    expect((screen.getByLabelText('界面语言') as HTMLSelectElement).value).toBe('zh-CN');
    expect((screen.getByLabelText('外观') as HTMLSelectElement).value).toBe('light');
  });

  it('says 未设置 when there is no secret, and warns when the OS has no keyring', async () => {
    await openSettings({ settings: { clientSecretSet: false, secretStorage: 'plain-no-keyring' } });
    expect(field('客户端密钥（client_secret）').placeholder).toBe('未设置');
    expect(screen.getByText(/这台电脑没有系统钥匙串/)).toBeTruthy();
  });

  it('says plainly, in the browser host and the CLI, that the secret is base64 in a 0600 file', async () => {
    await openSettings({ settings: { clientSecretSet: true, secretStorage: 'plain-file' } });
    expect(screen.getByText(/密钥以 base64 编码（不是加密）保存在本机的状态文件里.*0600/)).toBeTruthy();
    expect(screen.queryByText(/这台电脑没有系统钥匙串/)).toBeNull();
  });

  it('saves only what changed; the secret only when typed', async () => {
    const { user, bridge } = await openSettings();
    await user.clear(field('我的工号'));
    await user.type(field('我的工号'), 'b09');
    await user.clear(field('重复提醒间隔（分钟）'));
    await user.type(field('重复提醒间隔（分钟）'), '15');
    await user.click(field('免打扰时段'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bridge.callsOf('saveSettings')).toEqual([
      [{ staffCode: 'b09', repeatIntervalMin: 15, quietHours: { enabled: true, start: '22:00', end: '08:00' } }],
    ]);
    expect(await screen.findByText('设置已保存')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '设置' }));
    expect(field('我的工号').value).toBe('b09');
    expect(field('客户端密钥（client_secret）').value).toBe('');
    await user.type(field('客户端密钥（client_secret）'), 'new-secret');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bridge.callsOf('saveSettings')[1]).toEqual([{ clientSecret: 'new-secret' }]);
    expect(bridge.secret).toBe('new-secret');

    // reopened: still empty, still 已设置
    await user.click(screen.getByRole('button', { name: '设置' }));
    expect(field('客户端密钥（client_secret）').value).toBe('');
    expect(field('客户端密钥（client_secret）').placeholder).toBe('已设置（留空则保持不变）');
  });

  it('clears the stored secret only on request', async () => {
    const { user, bridge } = await openSettings();
    await user.click(screen.getByLabelText('清除已保存的密钥'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bridge.callsOf('saveSettings')).toEqual([[{ clientSecret: '' }]]);
  });

  it('validates like main does and shows the error next to the field', async () => {
    const { user, bridge } = await openSettings();
    await user.clear(field('接口地址'));
    await user.type(field('接口地址'), 'ftp://nope');
    await user.clear(field('同步间隔（秒）'));
    await user.type(field('同步间隔（秒）'), '5');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bridge.callsOf('saveSettings')).toEqual([]);
    expect(field('接口地址').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('请填写以 http:// 或 https:// 开头的地址')).toBeTruthy();
    expect(screen.getByText('请填写 15 到 3600 之间的整数')).toBeTruthy();
    expect(screen.getByText('有设置填写不正确，请按提示修改。')).toBeTruthy();
  });

  it('shows a translated save error', async () => {
    const bridge = new FakeBridge();
    bridge.failNext.set('saveSettings', { kind: 'storage', detail: 'EACCES' });
    const { user } = await renderApp({ bridge });
    await user.click(screen.getByRole('button', { name: '设置' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('在本机保存数据失败，请检查磁盘空间和权限。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '设置' })).toBeTruthy();
  });

  it('Esc or Cancel leaves without saving', async () => {
    const { user, bridge } = await openSettings();
    await user.type(field('我的工号'), 'x');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: '设置' })).toBeNull();
    expect(bridge.callsOf('saveSettings')).toEqual([]);
    expect(bridge.callsOf('hideWindow')).toEqual([]);
  });

  it('picks the staff code from listStaff(draft)', async () => {
    const { user, bridge } = await openSettings();
    await user.type(field('客户端 ID（client_id）'), '-2');
    await user.click(screen.getByRole('button', { name: '从员工列表选择' }));
    expect(bridge.callsOf('listStaff')).toEqual([[{ clientId: 'client-1-2', mode: 'account' }]]);
    const list = await screen.findByLabelText('员工列表');
    await user.selectOptions(list, 'b03 · 李四 · 客服一部');
    expect(field('我的工号').value).toBe('b03');
  });

  it('test connection: shows each step, the failing one with its translated error', async () => {
    const bridge = new FakeBridge({
      doctor: {
        ok: false,
        steps: [
          { step: 'config', ok: true, detail: 'complete', error: null },
          { step: 'token', ok: false, detail: 'invalid_client', error: { kind: 'auth', detail: 'invalid_client' } },
        ],
      },
    });
    const { user } = await renderApp({ bridge });
    await user.click(screen.getByRole('button', { name: '设置' }));
    await user.type(field('客户端密钥（client_secret）'), 'typed');
    await user.click(screen.getByRole('button', { name: '测试连接' }));
    expect(bridge.callsOf('testConnection')).toEqual([[{ clientSecret: 'typed' }]]);
    await screen.findByText('连接没有成功');
    const step = (name: string) => document.querySelector<HTMLElement>(`[data-step="${name}"]`);
    expect(step('config')?.dataset.state).toBe('ok');
    expect(step('token')?.dataset.state).toBe('failed');
    expect(within(step('token') as HTMLElement).getByText('友米登录没通过，请检查客户端 ID 和密钥是否正确。')).toBeTruthy();
    expect(step('count')?.dataset.state).toBe('skipped');
    expect(step('staff')?.textContent).toContain('未执行');
  });

  it('test connection passes', async () => {
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: '测试连接' }));
    expect(await screen.findByText('连接正常')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('[data-state="ok"]')).toHaveLength(4));
  });

  it('shows a value the form’s own check refuses on its field and sends nothing (tenant id with a space)', async () => {
    const { user, bridge } = await openSettings();
    await user.type(field('租户 ID（仅代理商）'), 'ten ant');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/租户 ID 只能包含/)).toBeTruthy();
    expect(bridge.callsOf('saveSettings')).toEqual([]);
  });

  it('shows a setting main rejected on its field, not as a generic error (issue 12 item 6)', async () => {
    const { user, bridge } = await openSettings();
    bridge.failNext.set('saveSettings', {
      kind: 'invalid-request',
      detail: 'setting staffCode rejected: staffCode',
      setting: { field: 'staffCode', problem: 'staffCode' },
    });
    await user.clear(field('我的工号'));
    await user.type(field('我的工号'), 'b09');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const error = await screen.findByText('工号不能包含空格');
    expect(field('我的工号').getAttribute('aria-invalid')).toBe('true');
    expect(error).toBeTruthy();
  });

  it('test connection says each passed step in the window’s language, and warns about a disabled staff code (issue 11 items 4, 10)', async () => {
    const bridge = new FakeBridge({
      doctor: {
        ok: true,
        steps: [
          { step: 'config', ok: true, detail: 'base URL, client id and secret, staff code are set', error: null, facts: {} },
          { step: 'token', ok: true, detail: 'access token obtained (valid for 7200 s)', error: null, facts: { validForSec: 7200 } },
          { step: 'count', ok: true, detail: '12 open todos on the account', error: null, facts: { open: 12 } },
          { step: 'staff', ok: true, detail: 'b20 = 刘七 (客服部), 3 open todos; warning: disabled', error: null, facts: { code: 'b20', name: '刘七', depart: '客服部', mine: 3, disabled: true } },
        ],
      },
    });
    const { user } = await renderApp({ bridge });
    await user.click(screen.getByRole('button', { name: '设置' }));
    await user.click(screen.getByRole('button', { name: '测试连接' }));
    await screen.findByText('连接正常');
    const text = document.querySelector('.test-steps')?.textContent ?? '';
    expect(text).toContain('已取得令牌（7200 秒内有效）');
    expect(text).toContain('账号上有 12 条未处理待办');
    expect(text).toContain('b20 · 刘七 · 客服部，3 条未处理待办');
    expect(text).toContain('工号 b20 在友米里已停用');
    expect(text).not.toMatch(/access token|open todos|warning/);
  });

  it('the staff picker asks for the account first when a real account is not filled in (issue 11 item 10)', async () => {
    const { user, bridge } = await openSettings({ settings: { baseUrl: '', clientId: '', clientSecretSet: false, mode: 'account' } });
    await user.click(screen.getByRole('button', { name: '从员工列表选择' }));
    expect(await screen.findByText(/请先填好接口地址、客户端 ID 和密钥/)).toBeTruthy();
    expect(bridge.callsOf('listStaff')).toEqual([]);
  });
});

describe('settings: through the team server', () => {
  it('connects with the address and the one-time code, then shows who is signed in', async () => {
    const { user, bridge } = await openSettings();
    await user.type(field('团队服务器地址'), 'https://todo.example.com');
    await user.type(field('登记码'), 'ABCDE-FGHJK');
    await user.click(screen.getByRole('button', { name: '连接团队服务器' }));
    expect(bridge.callsOf('useRelay')).toEqual([['https://todo.example.com', 'ABCDE-FGHJK']]);
    expect(await screen.findByText('设置已保存')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '设置' }));
    expect(screen.getByText('已通过团队服务器 https://todo.example.com 连接，工号 b08')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '改为直接连接友米' }));
    expect(bridge.callsOf('useRelay')[1]).toEqual(['', '']);
  });

  it('says on the field when the address is missing, and shows a refused code as one line', async () => {
    const { user, bridge } = await openSettings();
    await user.click(screen.getByRole('button', { name: '连接团队服务器' }));
    expect(screen.getByText('请填写团队服务器地址（http:// 或 https:// 开头）')).toBeTruthy();
    expect(bridge.callsOf('useRelay')).toEqual([]);
    bridge.failNext.set('useRelay', { kind: 'auth', detail: 'team server: this enrolment code is unknown, used or expired' });
    await user.type(field('团队服务器地址'), 'https://todo.example.com');
    await user.type(field('登记码'), 'WRONG');
    await user.click(screen.getByRole('button', { name: '连接团队服务器' }));
    expect((await screen.findAllByRole('alert')).some((a) => a.textContent !== '')).toBe(true);
    expect(field('登记码').value).toBe('WRONG'); // kept for correction
  });
});
