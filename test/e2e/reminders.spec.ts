/**
 * Reminder toasts in the window at the popup's real width (issue 11 item 12), in real
 * Chromium against the browser host: several reminders stack to one visible toast with a
 * count, 完成 / 推迟 on it act on that todo, and the list above stays usable: no row's
 * button is covered by the toast.
 */
import { expect, test, type Page } from '@playwright/test';
import { useHost } from './host';
import { addSimTodo, chinaTime, openDemo, todoRow, watchPage } from './window';

const host = useHost();

/** Every visible button of every rendered row is the topmost element at its own centre. */
async function coveredRowButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    const list = document.querySelector('.list-area')!.getBoundingClientRect();
    for (const button of document.querySelectorAll<HTMLElement>('[role="row"][aria-level="2"] button')) {
      const r = button.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (y < list.top || y > list.bottom) continue; // scrolled out of the list's view
      const top = document.elementFromPoint(x, y);
      if (!top || !button.contains(top)) {
        const what = (el: Element | null) => (el ? `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}[${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}]` : 'nothing');
        covered.push(`${what(button)} under ${what(top)} in ${what(top?.closest('button, [role="row"], section, div') ?? null)}`);
      }
    }
    return covered;
  });
}

test('at 380 px several reminders stack to one toast with a count; 完成 and 推迟 act on its todo; no row is covered', async ({ page }) => {
  const problems = watchPage(page);
  await page.setViewportSize({ width: 380, height: 560 });
  await openDemo(page, host().url);

  const stamp = Date.now();
  const titles = [1, 2, 3].map((i) => `叠放提醒${i} ${stamp}`);
  const remindAt = Math.ceil((Date.now() + 6_000) / 1000) * 1000;
  for (const title of titles) await addSimTodo(host().adminUrl, { remindTitle: title, remindTime: chinaTime(remindAt) });
  await page.getByRole('button', { name: '刷新（R）' }).click();

  const toasts = page.locator('[data-toast="reminder"]');
  await expect(toasts.filter({ hasText: titles[2]! })).toBeVisible({ timeout: 20_000 });
  await expect(toasts).toHaveCount(1);
  const toast = toasts.first();
  await expect(toast.locator('.toast-more')).toHaveText(/^还有 \d+ 条$/);
  const behind = Number((await toast.locator('.toast-more').textContent())!.match(/\d+/)![0]);
  expect(behind).toBeGreaterThanOrEqual(2);

  // The toast sits below the list, inside the window, and covers none of its rows' buttons.
  const box = (await toast.boundingBox())!;
  const list = (await page.locator('.list-area').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(list.y + list.height - 1);
  expect(box.x + box.width).toBeLessThanOrEqual(380);
  expect(await coveredRowButtons(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/reminder-stack-380-zh-CN.png' });

  // 完成 on the toast: that todo is done, and the next reminder comes up with one fewer behind it.
  await toast.getByRole('button', { name: '完成' }).click();
  await expect(toast).toContainText(titles[1]!);
  await expect(toast.locator('.toast-more')).toHaveText(`还有 ${behind - 1} 条`);
  await page.getByRole('searchbox').fill(titles[2]!);
  await expect(todoRow(page, titles[2]!)).toHaveClass(/in-done/);
  await page.getByRole('searchbox').fill('');

  // 推迟: the snooze choices open inside the window, for that todo; once snoozed, its toast leaves.
  await toast.getByRole('button', { name: '推迟' }).click();
  const menu = page.getByRole('menu', { name: '推迟提醒' });
  await expect(menu).toBeVisible();
  const m = (await menu.boundingBox())!;
  expect(m.y).toBeGreaterThanOrEqual(0);
  expect(m.y + m.height).toBeLessThanOrEqual(560);
  await menu.getByRole('menuitem', { name: '1 小时后' }).click();
  await expect(toast).toContainText(titles[0]!);
  await page.getByRole('searchbox').fill(titles[1]!);
  await expect(todoRow(page, titles[1]!)).not.toHaveClass(/in-overdue/);
  expect(problems()).toEqual([]);
});
