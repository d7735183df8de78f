/**
 * Live behaviour against the simulator: a todo added on the server appears within one
 * poll, and its reminder reaches the window at its remind time.
 */
import { expect, test } from '@playwright/test';
import { useHost } from './host';
import { addSimTodo, chinaTime, openDemo, saveSettings, search, todoRow } from './window';

const host = useHost();
test.describe.configure({ mode: 'serial' });

const POLL_SEC = 15;

test('a todo added on the simulator appears within one poll', async ({ page }) => {
  await openDemo(page, host().url);
  await saveSettings(page, { pollIntervalSec: POLL_SEC }); // the shortest interval main allows
  const title = `新加的待办 ${Date.now()}`;
  await search(page, title);
  const started = Date.now();
  await addSimTodo(host().adminUrl, { remindTitle: title, remindTime: chinaTime(Date.now() + 3 * 3600_000), levelName: '重要', levelColor: '#ff8c00' });
  await expect(todoRow(page, title)).toBeVisible({ timeout: (POLL_SEC + 10) * 1000 });
  const waited = Date.now() - started;
  expect(waited).toBeLessThanOrEqual((POLL_SEC + 3) * 1000);
  await expect(todoRow(page, title)).toHaveClass(/in-today|in-later/);
  await expect(todoRow(page, title).locator('.chip')).toHaveText('重要');
});

test('its reminder arrives at its remind time', async ({ page, context }) => {
  // The browser host's stand-in for a native notification, recorded as it is raised.
  await context.grantPermissions(['notifications'], { origin: new URL(host().url).origin });
  await page.addInitScript(() => {
    const Real = window.Notification;
    const raised: { title: string; body: string }[] = [];
    (window as unknown as { __raised: typeof raised }).__raised = raised;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        raised.push({ title, body: options?.body ?? '' });
      }
      static override get permission(): NotificationPermission {
        return Real.permission;
      }
    }
    window.Notification = Recording;
  });
  await openDemo(page, host().url);
  const title = `到点提醒 ${Date.now()}`;
  const remindAt = Math.ceil((Date.now() + 15_000) / 1000) * 1000;
  await search(page, title);
  await addSimTodo(host().adminUrl, { remindTitle: title, remindTime: chinaTime(remindAt), levelName: '紧急', levelColor: '#ff0303' });
  await page.getByRole('button', { name: '刷新（R）' }).click(); // fetch it now rather than at the next poll
  await expect(todoRow(page, title)).toBeVisible();
  await expect(todoRow(page, title)).toHaveClass(/in-today|in-later/);

  const toast = page.locator('[data-toast="reminder"]').filter({ hasText: `【紧急】${title}` });
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('[data-toast="reminder"]')].some((el) => el.textContent?.includes(t)),
    title,
    { timeout: 40_000, polling: 100 },
  );
  const arrived = Date.now();
  expect(arrived).toBeGreaterThanOrEqual(remindAt - 500);
  expect(arrived).toBeLessThanOrEqual(remindAt + 3_000);
  await expect(todoRow(page, title)).toHaveClass(/in-overdue/);
  const raised = await page.evaluate(() => (window as unknown as { __raised: { title: string }[] }).__raised);
  expect(raised.filter((n) => n.title === `【紧急】${title}`)).toHaveLength(1);

  await toast.getByRole('button', { name: '查看' }).click();
  await expect(todoRow(page, title)).toBeFocused();
});

test('a todo changed on the simulator updates its row through a delta, not a whole snapshot', async ({ page }) => {
  // Every snapshot frame the page receives, as the host sent it.
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (text.includes('"channel":"snapshot"')) frames.push(text);
    }),
  );
  await openDemo(page, host().url);
  const stamp = String(Date.now());
  const title = `改标题之前 ${stamp}`;
  await search(page, stamp);
  const { id } = await addSimTodo(host().adminUrl, { remindTitle: title, remindTime: chinaTime(Date.now() + 3 * 3600_000) });
  await page.getByRole('button', { name: '刷新（R）' }).click();
  await expect(todoRow(page, title)).toBeVisible();
  const others = await page.locator('[role="row"][aria-level="2"]').count();

  const renamed = title.replace('之前', '之后');
  const res = await fetch(`${host().adminUrl}/todos/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ remindTitle: renamed }) });
  expect(res.status).toBe(200);
  const before = frames.length;
  await page.getByRole('button', { name: '刷新（R）' }).click();
  await expect(todoRow(page, renamed)).toBeVisible();
  await expect(todoRow(page, title)).toHaveCount(0);
  expect(await page.locator('[role="row"][aria-level="2"]').count()).toBe(others);

  // The first frame was the whole list; the change came as deltas naming only this todo.
  const payload = (text: string) => (JSON.parse(text) as { payload: { seq: number; full?: unknown; delta?: { upsert: { id: number }[] } } }).payload;
  expect(payload(frames[0]!).full).toBeDefined();
  const changes = frames.slice(before).map(payload);
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.every((m) => m.delta !== undefined)).toBe(true);
  expect(changes.flatMap((m) => m.delta!.upsert.map((t) => t.id))).toEqual([id]);
  expect(frames.slice(before).every((f) => f.length < 4096)).toBe(true);
  expect(frames.map((f) => payload(f).seq)).toEqual(frames.map((_, i) => i + 1));
});
