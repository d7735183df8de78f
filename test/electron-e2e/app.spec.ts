/**
 * The tray app for real, in Electron: demo mode, the tray, a reminder notification at its
 * time, and marking that todo done from the window. Needs an Electron binary and a display;
 * scripts/electron-e2e.mjs checks both and passes the binary in YOUMI_ELECTRON_PATH.
 * The main process records what it showed when YOUMI_E2E=1 (electron/main/shell/e2e-hook.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type {} from '../../electron/main/shell/e2e-hook';

const root = resolve(import.meta.dirname, '../..');

/** "2026-11-25T18:00:05+08:00": the simulator's (and Youmi's) China time. */
const chinaTime = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

let app: ElectronApplication;
let dataDir: string;

async function launch(extra: string[] = []): Promise<ElectronApplication> {
  const launched = await electron.launch({
    ...(process.env.YOUMI_ELECTRON_PATH ? { executablePath: process.env.YOUMI_ELECTRON_PATH } : {}),
    args: [root, `--data-dir=${dataDir}`, ...extra],
    cwd: root,
    env: { ...process.env, YOUMI_E2E: '1', ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 60_000,
  });
  await expect.poll(() => launched.evaluate(() => globalThis.__youmiE2E?.ready ?? false), { timeout: 30_000 }).toBe(true);
  return launched;
}

/** A todo due in `inMs` for the demo staff, through the simulator's admin API. */
async function dueTodo(title: string, inMs: number): Promise<number> {
  const demo = (await app.evaluate(() => globalThis.__youmiE2E!.demo()))!;
  const res = await fetch(`${demo.url}/_admin/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ remindTitle: title, remindTime: chinaTime(Date.now() + inMs), recipientData: JSON.stringify([demo.staff]) }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: number };
  await app.evaluate(() => globalThis.__youmiE2E!.dispatch('refresh', []));
  return id;
}

const notificationKey = (title: string) =>
  app.evaluate((_e, t) => globalThis.__youmiE2E!.notifications.find((n) => n.title.includes(t))?.key ?? null, title);

const isDone = async (id: number) => {
  const r = (await app.evaluate(() => globalThis.__youmiE2E!.dispatch('getSnapshot', []))) as { ok: boolean; value?: { todos: { id: number; local: { done: boolean } }[] } };
  return r.ok ? (r.value!.todos.find((t) => t.id === id)?.local.done ?? null) : null;
};

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'youmi-e2e-'));
  app = await launch();
});

test.afterEach(async () => {
  await app?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

test('starts in demo mode in the tray, no dock or taskbar window shown by a reminder', async () => {
  const tray = await app.evaluate(() => globalThis.__youmiE2E!.tray());
  expect(tray).not.toBeNull();
  expect(tray!.tooltip).toContain('演示模式');
  expect(tray!.menu.some((i) => i.kind === 'command' && i.command === 'quit')).toBe(true);
  expect(await app.evaluate(() => globalThis.__youmiE2E!.demo())).not.toBeNull();
  // The page sees window.youmi and no Node, no Electron internals.
  const page = await app.firstWindow();
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { require: typeof w.require, process: typeof w.process, ipcRenderer: typeof w.ipcRenderer, youmi: Object.keys(w.youmi as object).sort() };
  });
  expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
  expect(globals.youmi).toContain('markDone');
});

test('first launch: the window is on screen once its page is ready; with --hidden it stays in the tray', async () => {
  await expect.poll(() => app.evaluate(() => globalThis.__youmiE2E!.windowVisible()), { timeout: 30_000 }).toBe(true);
  const page = await app.firstWindow();
  await expect(page.locator('#root')).not.toBeEmpty();
  expect(await page.evaluate(() => document.visibilityState)).toBe('visible');

  await app.close();
  app = await launch(['--hidden']);
  await (await app.firstWindow()).waitForLoadState('load');
  expect(await app.evaluate(() => globalThis.__youmiE2E!.windowVisible())).toBe(false);
});

test('the Done button of a reminder notification marks the todo done', async () => {
  const title = `E2E 按钮 ${Date.now()}`;
  const id = await dueTodo(title, 2_000);
  await expect.poll(() => notificationKey(title), { timeout: 60_000 }).not.toBeNull();
  const key = (await notificationKey(title))!;
  expect(await app.evaluate((_e, k) => globalThis.__youmiE2E!.pressNotificationButton(k, 0), key)).toBe(true);
  await expect.poll(() => isDone(id), { timeout: 15_000 }).toBe(true);
});

test('a reminder pops at its time; clicking it opens the window on the todo; done from the window', async () => {
  await app.evaluate(() => globalThis.__youmiE2E!.dispatch('hideWindow', []));
  const title = `E2E 回访 ${Date.now()}`;
  const id = await dueTodo(title, 5_000);

  await expect.poll(() => notificationKey(title), { timeout: 60_000 }).not.toBeNull();
  const key = (await notificationKey(title))!;
  // A reminder never opens the window by itself.
  expect(await app.evaluate(() => globalThis.__youmiE2E!.windowVisible())).toBe(false);

  expect(await app.evaluate((_e, k) => globalThis.__youmiE2E!.clickNotification(k), key)).toBe(true);
  await expect.poll(() => app.evaluate(() => globalThis.__youmiE2E!.windowVisible())).toBe(true);

  const page = await app.firstWindow();
  await expect(page.getByText(title).first()).toBeVisible({ timeout: 15_000 });
  const row = page.locator('[data-todo-id], [role="listitem"], [role="row"], li').filter({ hasText: title }).first();
  const doneButton = row.getByRole('button', { name: /完成|done/i }).first();
  if (await doneButton.count()) await doneButton.click();
  else {
    await page.getByText(title).first().click();
    await page.keyboard.press('d');
  }

  await expect.poll(() => isDone(id), { timeout: 15_000 }).toBe(true);
});
