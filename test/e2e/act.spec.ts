/**
 * Acting on a todo in the browser host (issue 9), as a new user: the customer's name,
 * 去跟进 (open the conversation), 再跟进 (follow up later), 转交给 (hand off) and the history,
 * by mouse and by keyboard, in Chinese and in English at the popup's 380 px width.
 */
import { expect, test, type Page } from '@playwright/test';
import { useHost } from './host';
import { addSimTodo, chinaTime, openDemo, saveSettings, search, todoRow, watchPage } from './window';

const WXID = 'wxid_8k2m4n6p0q1r3s';
const NAME = '周老师(复购3次)';

const host = useHost();
test.describe.configure({ mode: 'serial' });

async function admin<T>(path: string): Promise<T> {
  return (await (await fetch(`${host().adminUrl}/${path}`)).json()) as T;
}

/** A todo for the demo staff about the demo customer, due in an hour, found through search. */
async function freshTodo(page: Page, title: string): Promise<number> {
  const { id } = await addSimTodo(host().adminUrl, { remindTitle: title, weixin: WXID, wecharId: 3430, remindTime: chinaTime(Date.now() + 3600_000) });
  await page.getByRole('button', { name: /^(刷新（R）|Refresh)/ }).click();
  await search(page, title);
  await expect(todoRow(page, title)).toBeVisible();
  return id;
}

test('the row names the customer first and the WeChat id second', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await freshTodo(page, '回访周老师');
  const row = todoRow(page, '回访周老师');
  await expect(row.locator('.customer-name')).toHaveText(NAME);
  await expect(row.locator('.customer-id')).toHaveText(WXID);
  expect(problems()).toEqual([]);
});

test('去跟进 by mouse opens the conversation and leaves the todo open', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await freshTodo(page, '打开会话');
  const row = todoRow(page, '打开会话');
  await row.getByRole('button', { name: '在企客聊里打开和这位客户的会话（O）' }).click();
  await expect(page.locator('[data-act-message="opened"]')).toContainText(`已在企客聊切换到 ${NAME} 的会话`);
  const activations = await admin<{ friend: string; staffCode: string }[]>('activations');
  expect(activations.at(-1)).toMatchObject({ friend: WXID, staffCode: host().staff });
  await expect(row).not.toHaveClass(/in-done/);
  expect(problems()).toEqual([]);
});

test('再跟进 by keyboard: F, a title, tomorrow, Enter; pending at once, a real row after the sync', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await freshTodo(page, '原待办');
  await todoRow(page, '原待办').locator('.row-title').click();
  await page.keyboard.press('f');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: '标题' }).fill('下周再问物流');
  await dialog.getByRole('radio', { name: '明天 09:00' }).check();
  await dialog.getByRole('textbox', { name: '标题' }).press('Enter');
  await expect(page.getByRole('alertdialog')).toContainText('把原来的待办标记为完成？');
  await expect(page.locator('.pending-item')).toContainText('下周再问物流');
  await page.getByRole('button', { name: '保留' }).click();
  const created = (await admin<{ id: number; remindTitle: string; recipientData: string }[]>('todos')).find((t) => t.remindTitle === '下周再问物流');
  expect(created?.recipientData).toBe(JSON.stringify([host().staff]));
  await search(page, '下周再问物流');
  await page.getByRole('button', { name: '刷新（R）' }).click();
  await expect(todoRow(page, '下周再问物流')).toBeVisible();
  await expect(page.locator('.pending-item')).toHaveCount(0);
  expect(problems()).toEqual([]);
});

test('转交给 by mouse: a searchable colleague list, the todo goes to them, mine shows 转交给 李四', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await freshTodo(page, '交给同事');
  const row = todoRow(page, '交给同事');
  await row.getByRole('button', { name: '展开详情' }).click();
  await row.getByRole('button', { name: '转交给…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('searchbox').fill('李四');
  await dialog.getByRole('radio', { name: /李四/ }).check();
  await dialog.getByRole('textbox', { name: '给同事的留言' }).fill('客户想退货');
  await dialog.getByRole('button', { name: '转交' }).click();
  await expect(page.locator('[data-act-message="handedOff"]')).toContainText('已转交给 李四');
  await expect(row).toHaveClass(/in-done/);
  await expect(row).toContainText('转交给 李四');
  const given = (await admin<{ remindTitle: string; recipientData: string; followupsiTuation: string }[]>('todos')).filter((t) => t.remindTitle === '交给同事');
  expect(given.some((t) => t.recipientData === '["b11"]' && t.followupsiTuation === '客户想退货')).toBe(true);
  expect(problems()).toEqual([]);
});

test('history (H) lists the hand-off, searchable, and undo takes the done mark back', async ({ page }) => {
  const problems = watchPage(page);
  await openDemo(page, host().url);
  await page.locator('.row-title').first().click();
  await page.keyboard.press('h');
  const dialog = page.getByRole('dialog', { name: '历史' });
  await expect(dialog.locator('.history-item').first()).toBeVisible();
  await dialog.getByRole('searchbox').fill('交给同事');
  await expect(dialog.locator('.history-item')).toHaveCount(1);
  await expect(dialog).toContainText('转交给 李四');
  await dialog.getByRole('button', { name: '撤销' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await search(page, '交给同事');
  await expect(todoRow(page, '交给同事')).not.toHaveClass(/in-done/);
  expect(problems()).toEqual([]);
});

test('in English and dark at 380 px everything new fits the popup', async ({ page }) => {
  const problems = watchPage(page);
  await page.setViewportSize({ width: 380, height: 640 });
  await openDemo(page, host().url);
  await saveSettings(page, { language: 'en', theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await freshTodo(page, 'English check');
  const row = todoRow(page, 'English check');
  await expect(row.locator('.customer-name')).toHaveText(NAME);
  await row.locator('.row-title').click();
  await page.keyboard.press('t');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toContainText('Hand off');
  await expect(dialog.getByRole('button', { name: 'Hand off' })).toBeVisible();
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, dialog: document.querySelector('.act-dialog')?.getBoundingClientRect().right ?? 0 }));
  expect(widths.doc).toBeLessThanOrEqual(380);
  expect(widths.dialog).toBeLessThanOrEqual(380);
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog').getByRole('heading')).toContainText('New todo');
  await expect(page.getByRole('dialog').getByText('Customer WeChat ID')).toBeVisible();
  await page.keyboard.press('Escape');
  await saveSettings(page, { language: 'zh-CN', theme: 'light' });
  expect(problems()).toEqual([]);
});
