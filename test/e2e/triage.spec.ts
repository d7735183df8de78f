/**
 * The triage window in the browser host, as a new user meets it: demo todos grouped and
 * coloured, cleared by mouse and by keyboard, Undo, and local state surviving a reload.
 */
import { expect, test } from '@playwright/test';
import { useHost } from './host';
import { firstTitleIn, focusedTitle, groupHeader, openDemo, openRowsTitled, saveSettings, search, todoRow, todoRows, watchPage } from './window';

const host = useHost();
test.describe.configure({ mode: 'serial' });

test('a new user sees the first-run choice, then the demo todos grouped and coloured', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto(host().url);
  await expect(page.getByRole('heading', { name: '欢迎使用友米待办' })).toBeVisible();
  await expect(page.getByRole('button', { name: '连接友米' })).toBeVisible();
  await page.getByRole('button', { name: '试用演示数据' }).click();

  await expect(page.locator('[data-banner="demo"]')).toContainText('演示模式');
  await expect(groupHeader(page, /^已逾期/)).toBeVisible();
  await expect(groupHeader(page, /^已逾期/)).toHaveAttribute('aria-label', /^已逾期，\d+ 项$/);
  await expect(page.locator('.status-text')).toContainText('同步');

  // chips carry the API's level colour (validated) with readable text
  const sim = (await (await fetch(`${host().adminUrl}/todos`)).json()) as Array<{ levelName: string; levelColor: string }>;
  const colourOf = new Map(sim.map((t) => [t.levelName, t.levelColor]));
  const chip = page.locator('.todo-row .chip').first();
  const name = (await chip.textContent()) ?? '';
  const hex = colourOf.get(name) ?? '';
  const rgb = `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  await expect(chip).toHaveCSS('background-color', rgb);
  expect(problems()).toEqual([]);
});

test('Done removes a todo at once and Undo brings it back (mouse)', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  const title = await firstTitleIn(page, 'overdue');
  const row = todoRow(page, title);
  await row.getByRole('button', { name: '完成', exact: true }).click();

  await expect(openRowsTitled(page, 'overdue', title)).toHaveCount(0);
  const toast = page.locator('[data-toast="undo"]');
  await expect(toast).toContainText('已标记完成 1 项（仅本机）');
  await search(page, title);
  await expect(row).toHaveClass(/in-done/);
  await expect(row).toContainText('仅在本机标记完成');
  await search(page, '');

  await toast.getByRole('button', { name: '撤销（Z）' }).click();
  await expect(row).toHaveClass(/in-overdue/);
  await expect(toast).toHaveCount(0);
  expect(problems()).toEqual([]);
});

test('a reload keeps what was marked done on this machine', async ({ page }) => {
  await openDemo(page, host().url);
  const title = await firstTitleIn(page, 'overdue');
  await todoRow(page, title).getByRole('button', { name: '完成', exact: true }).click();
  await expect(openRowsTitled(page, 'overdue', title)).toHaveCount(0);
  await page.waitForTimeout(300); // let main persist it

  await page.reload();
  await expect(page.getByRole('treegrid')).toBeVisible();
  await expect(openRowsTitled(page, 'overdue', title)).toHaveCount(0);
  await search(page, title);
  const row = todoRow(page, title);
  await expect(row).toHaveClass(/in-done/);
  await expect(row).toContainText('仅在本机标记完成');
  await expect(groupHeader(page, /^今日已完成/)).toBeVisible();

  await row.getByRole('button', { name: '恢复' }).click();
  await expect(row).toHaveClass(/in-overdue/);
  await page.reload();
  await search(page, title);
  await expect(todoRow(page, title)).toHaveClass(/in-overdue/);
});

test('keyboard triage: move, expand, done, focus moves on, undo, snooze, search', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('j'); // the 已逾期 header
  await page.keyboard.press('j');
  const first = await focusedTitle(page);
  expect(first).not.toBeNull();
  await page.keyboard.press('j');
  const second = await focusedTitle(page);
  await page.keyboard.press('k');
  expect(await focusedTitle(page)).toBe(first);

  await page.keyboard.press('Enter');
  await expect(todoRow(page, first ?? '').getByRole('button', { name: '收起详情' })).toBeVisible();
  await page.keyboard.press('Enter');

  await page.keyboard.press('d');
  await expect(openRowsTitled(page, 'overdue', first ?? '')).toHaveCount(0);
  await expect.poll(() => focusedTitle(page)).toBe(second);
  await page.keyboard.press('z');
  await expect(todoRow(page, first ?? '')).toHaveClass(/in-overdue/);
  await expect.poll(() => focusedTitle(page)).toBe(first);

  await page.keyboard.press('s');
  const menu = page.getByRole('menu', { name: '推迟提醒' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: '10 分钟后' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: '1 小时后' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.locator('[data-toast="snoozed"]')).toContainText('已推迟 1 项，1 小时后再提醒');
  await expect(openRowsTitled(page, 'overdue', first ?? '')).toHaveCount(0);
  await expect.poll(() => focusedTitle(page)).toBe(second);

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: '搜索待办' })).toBeFocused();
  await page.keyboard.type(second ?? '');
  await expect(todoRows(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox')).toHaveValue('');

  await search(page, first ?? '');
  await expect(todoRow(page, first ?? '')).toContainText('已推迟到');
  await expect(todoRow(page, first ?? '')).not.toHaveClass(/in-overdue/);
  expect(problems()).toEqual([]);
});

test('select several, then mark them done together', async ({ page }) => {
  await openDemo(page, host().url);
  const rows = page.locator('.todo-row.in-overdue');
  const titles = await rows.locator('.row-title').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(3);
  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(2).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByRole('group', { name: '批量操作' })).toContainText('已选 3 项');
  await page.getByRole('button', { name: '全部完成' }).click();
  await expect(page.locator('[data-toast="undo"]')).toContainText('已标记完成 3 项');
  for (const title of titles.slice(0, 3)) await expect(openRowsTitled(page, 'overdue', title)).toHaveCount(0);
  await page.keyboard.press('z');
  for (const title of titles.slice(0, 3)) await expect(todoRow(page, title)).toHaveClass(/in-overdue/);
});

test('the same triage works in English', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await saveSettings(page, { language: 'en' });
  await page.reload();
  await expect(page.locator('[data-banner="demo"]')).toContainText('Demo mode');
  await expect(groupHeader(page, /^Overdue/)).toBeVisible();
  const title = await firstTitleIn(page, 'overdue');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect(await focusedTitle(page)).toBe(title);
  await page.keyboard.press('d');
  await expect(page.locator('[data-toast="undo"]')).toContainText('Marked 1 todo done (this computer only)');
  await page.getByRole('button', { name: 'Undo (Z)' }).click();
  await expect(todoRow(page, title)).toHaveClass(/in-overdue/);
  await todoRow(page, title).getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('menuitem', { name: 'Tomorrow 09:00' }).click();
  await expect(page.locator('[data-toast="snoozed"]')).toContainText('Snoozed 1 todo until tomorrow 09:00');
  await saveSettings(page, { language: 'system' });
  expect(problems()).toEqual([]);
});
