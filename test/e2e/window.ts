/**
 * Helpers for driving the triage window in the browser host: open it as a new user, find
 * rows, talk to the simulator's admin API, and collect anything the page complains about.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { SettingsPatch } from '../../shared/contract/types';

/** Console errors, CSP violations and uncaught exceptions seen by the page. */
export function watchPage(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return () => problems;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const todoRows = (page: Page): Locator => page.locator('[role="row"][aria-level="2"]');

export function todoRow(page: Page, title: string): Locator {
  return todoRows(page).filter({ has: page.locator('.row-title', { hasText: new RegExp(`^${escape(title)}$`) }) });
}

export const groupHeader = (page: Page, name: RegExp): Locator => page.locator('[role="row"][aria-level="1"]').filter({ hasText: name });

/** Opens the window; on a fresh host that is the first-run screen, where it picks 试用演示数据. */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const firstRun = page.getByRole('button', { name: '试用演示数据' });
  const list = page.getByRole('treegrid');
  await expect(firstRun.or(list)).toBeVisible();
  if (await firstRun.isVisible()) await firstRun.click();
  await expect(list).toBeVisible();
  await expect(page.locator('[data-banner="demo"]')).toBeVisible();
}

/** Saves settings through the page's bridge (test setup; the settings spec uses the form). */
export async function saveSettings(page: Page, patch: SettingsPatch): Promise<void> {
  const result = await page.evaluate((p) => window.youmi?.saveSettings(p), patch);
  expect(result?.ok).toBe(true);
}

/** "2024-08-18T09:30:00+08:00": how the Youmi API writes times. */
export function chinaTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface SimTodo {
  id: number;
  remindTitle: string;
}

export async function addSimTodo(adminUrl: string, fields: Record<string, unknown>): Promise<SimTodo> {
  const res = await fetch(`${adminUrl}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as SimTodo;
}

/** The title of the focused row, if a row has focus. */
export async function focusedTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.querySelector('.row-title')?.textContent ?? null);
}

/** The first todo row of a group, by the group's position in the list. */
export async function firstTitleIn(page: Page, group: 'overdue' | 'today' | 'later' | 'none'): Promise<string> {
  const title = await page.locator(`.todo-row.in-${group} .row-title`).first().textContent();
  if (!title) throw new Error(`no todo in ${group}`);
  return title;
}

/** Narrows the list to one todo through the search box (the list is virtualised: far rows are not in the DOM). */
export async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox').fill(text);
}

export const openRowsTitled = (page: Page, group: 'overdue' | 'today' | 'later' | 'none', title: string): Locator =>
  page.locator(`.todo-row.in-${group} .row-title`, { hasText: new RegExp(`^${escape(title)}$`) });
