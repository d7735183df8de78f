/**
 * Issue 13 items 2 and 4 on the app the browser host runs: with no page connected nothing
 * builds a snapshot (not a poll, a done mark nor a reminder), and a reminder is named and
 * printed as a REMIND line from one-todo lookups. The service's own counter
 * (stats().snapshots) is read through a wrapper around createTodoService.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReminderEvent } from '../../shared/contract/types';
import { createApp } from '../../electron/main/app/app';
import { plainVault } from '../../electron/main/app/plain-vault';
import { createSnapshotFeed } from '../../electron/main/app/snapshot-feed';
import type { YoumiApp } from '../../electron/main/app/types';
import { remindLines } from '../../electron/main/hosts/remind-line';
import type { TodoService } from '../../electron/main/service/todo-service';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { createFileStore } from '../../electron/main/store/file-store';
import { MIN } from '../service/support/fixtures';
import { T0 } from '../service/support/harness';

const services: TodoService[] = [];
vi.mock('../../electron/main/service/todo-service', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/main/service/todo-service')>();
  return {
    ...real,
    createTodoService: (o: Parameters<typeof real.createTodoService>[0]) => {
      const s = real.createTodoService(o);
      services.push(s);
      return s;
    },
  };
});

const dirs: string[] = [];
const apps: YoumiApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  services.length = 0;
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

async function demoApp(clock: VirtualClock) {
  const dir = mkdtempSync(join(tmpdir(), 'youmi-nopage-'));
  dirs.push(dir);
  const reminders: ReminderEvent[] = [];
  const lines: string[] = [];
  let app: YoumiApp | null = null;
  const a = await createApp({
    dataDir: dir,
    store: createFileStore({ dataDir: dir }),
    vault: plainVault,
    // What the browser host's notifier does (hosts/web/main.ts): a REMIND line per todo.
    notifier: {
      notify: (r) => {
        reminders.push(r);
        lines.push(remindLines(r, (id) => app?.todoTitle(id), 'en', clock.now()));
      },
    },
    host: { hideWindow: () => {}, setPinned: () => {} },
    log: () => {},
    clock,
  });
  app = a;
  apps.push(a);
  await a.start();
  const service = services.at(-1)!;
  return { app: a, service, reminders, lines };
}

async function admin(app: YoumiApp, path: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${app.demoInfo()!.adminUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
  return (await res.json()) as { id: number };
}

describe('with no page connected', () => {
  it('builds no snapshot for polls, done marks or reminders; REMIND lines name each todo by lookup', async () => {
    const clock = new VirtualClock(T0);
    const { app, service, reminders, lines } = await demoApp(clock);
    const added = await admin(app, '/todos', { remindTitle: '无页面时的提醒', remindTime: formatChinaTime(T0 + 5 * MIN), recipientData: JSON.stringify([app.demoInfo()!.staff]) });
    await app.dispatch('refresh', []);
    await clock.advanceAsync(6 * MIN, settle);
    expect(reminders.some((r) => r.todoIds.includes(added.id))).toBe(true);
    expect(lines.join('')).toContain(`#${added.id} 无页面时的提醒`);
    const some = service.todo(added.id)!;
    expect((await app.dispatch('markDone', [[some.id]])).ok).toBe(true);
    await settle();
    expect(service.stats().snapshots).toBe(0);

    // A page connects: one full snapshot; it leaves: building stops again.
    const feed = createSnapshotFeed(app);
    const got: unknown[] = [];
    const page = feed.connect((m) => got.push(m));
    const builtWithPage = service.stats().snapshots;
    expect(builtWithPage).toBe(1);
    expect((await app.dispatch('undoDone', [[some.id]])).ok).toBe(true);
    await settle();
    expect(service.stats().snapshots).toBe(2);
    expect(got).toHaveLength(2);
    page.close();
    expect((await app.dispatch('markDone', [[some.id]])).ok).toBe(true);
    await app.dispatch('refresh', []);
    await settle();
    expect(service.stats().snapshots).toBe(2);
  });
});
