/**
 * Settings through the form against the real app: a round trip that survives a reload,
 * the write-only secret, the staff picker and the connection test.
 */
import { expect, test, type Page } from '@playwright/test';
import { useHost } from './host';
import { openDemo, watchPage } from './window';

const host = useHost();
test.describe.configure({ mode: 'serial' });

const openSettings = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
};

test('settings round trip: saved, applied, and still there after a reload', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await openSettings(page);
  await expect(page.getByLabel('演示数据', { exact: false }).first()).toBeVisible();

  await page.getByLabel('重复提醒间隔（分钟）').fill('15');
  await page.getByLabel('同步间隔（秒）').fill('30');
  await page.getByLabel('免打扰时段').check();
  await page.getByLabel('开始').fill('21:30');
  await page.getByLabel('结束').fill('07:45');
  await page.getByLabel('提醒时播放声音').uncheck();
  await page.getByLabel('外观').selectOption({ label: '深色' });
  await page.getByRole('button', { name: '保存' }).click();

  await expect(page.locator('[data-toast="saved"]')).toContainText('设置已保存');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.badge-always').first()).toHaveText('每 15 分钟提醒');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openSettings(page);
  await expect(page.getByLabel('重复提醒间隔（分钟）')).toHaveValue('15');
  await expect(page.getByLabel('同步间隔（秒）')).toHaveValue('30');
  await expect(page.getByLabel('免打扰时段')).toBeChecked();
  await expect(page.getByLabel('开始')).toHaveValue('21:30');
  await expect(page.getByLabel('结束')).toHaveValue('07:45');
  await expect(page.getByLabel('提醒时播放声音')).not.toBeChecked();
  await expect(page.getByLabel('外观')).toHaveValue('dark');
  await expect(page.getByRole('radio', { name: '使用演示数据' })).toBeChecked();

  // put things back, through the form
  await page.getByLabel('免打扰时段').uncheck();
  await page.getByLabel('提醒时播放声音').check();
  await page.getByLabel('外观').selectOption({ label: '跟随系统' });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('treegrid')).toBeVisible();
  expect(problems()).toEqual([]);
});

test('the client secret is write-only', async ({ page }) => {
  await openDemo(page, host().url);
  await openSettings(page);
  const secret = page.getByLabel('客户端密钥（client_secret）');
  await expect(secret).toHaveValue('');
  await expect(secret).toHaveAttribute('type', 'password');
  await expect(secret).toHaveAttribute('placeholder', /^(已设置（留空则保持不变）|未设置)$/);
  const settings = await page.evaluate(() => window.youmi?.getSettings());
  expect(JSON.stringify(settings)).not.toMatch(/clientSecret"/);
  await page.getByRole('button', { name: '取消' }).click();
});

test('the staff picker fills the staff code from the staff list', async ({ page }) => {
  await openDemo(page, host().url);
  await openSettings(page);
  await page.getByRole('button', { name: '从员工列表选择' }).click();
  const list = page.getByLabel('员工列表');
  await expect(list).toBeVisible();
  const options = await list.locator('option:not([disabled])').allTextContents();
  expect(options.length).toBeGreaterThan(0);
  const code = options[0]?.split(' · ')[0] ?? '';
  await list.selectOption({ index: 1 });
  await expect(page.getByLabel('我的工号')).toHaveValue(code);
  await page.getByRole('button', { name: '取消' }).click();
});

test('test connection shows each step', async ({ page }) => {
  await openDemo(page, host().url);
  await openSettings(page);
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.locator('.test-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.test-step')).toHaveCount(4);
  for (const name of ['检查设置', '获取令牌', '读取待办', '核对工号']) await expect(page.locator('.test-steps')).toContainText(name);
  const failed = page.locator('.test-step.step-failed');
  if ((await failed.count()) > 0) await expect(failed.first().locator('.step-detail')).not.toBeEmpty();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('treegrid')).toBeVisible();
});
