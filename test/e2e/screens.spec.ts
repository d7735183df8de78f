/**
 * Screenshots of the window in light and dark, Chinese and English (under
 * test-results/screenshots/), each checked with axe: no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useHost } from './host';
import { openDemo, saveSettings, watchPage } from './window';

const host = useHost();
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 420, height: 640 } });

const DIR = 'test-results/screenshots';

async function checkA11y(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on ${what}`).toEqual([]);
}

test('first run', async ({ page }) => {
  await page.goto(host().url);
  await expect(page.getByRole('heading', { name: '欢迎使用友米待办' })).toBeVisible();
  await page.screenshot({ path: `${DIR}/first-run-zh-CN.png` });
  await checkA11y(page, 'first run');
});

for (const language of ['zh-CN', 'en'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`list, snooze menu and settings in ${language}, ${theme}`, async ({ page }) => {
      const problems = watchPage(page);
      await openDemo(page, host().url);
      await saveSettings(page, { language, theme });
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByRole('treegrid')).toBeVisible();
      await page.screenshot({ path: `${DIR}/list-${language}-${theme}.png` });
      await checkA11y(page, `list ${language} ${theme}`);

      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      await page.keyboard.press('x');
      await page.keyboard.press('s');
      await expect(page.getByRole('menu')).toBeVisible();
      await page.screenshot({ path: `${DIR}/snooze-${language}-${theme}.png` });
      await checkA11y(page, `snooze menu ${language} ${theme}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await page.locator('.settings-btn').click();
      await expect(page.locator('.settings')).toBeVisible();
      await page.screenshot({ path: `${DIR}/settings-${language}-${theme}.png` });
      await checkA11y(page, `settings ${language} ${theme}`);
      await page.keyboard.press('Escape');
      expect(problems()).toEqual([]);
    });
  }
}
