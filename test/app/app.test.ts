/**
 * The app every host runs (electron/main/app): settings, the account/demo connection and
 * the validating dispatcher, composed over a real file store in a temp dir, the plain
 * vault, the in-process demo simulator and a separately started "account" simulator,
 * all on one virtual clock (nothing here waits for real time to pass).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, PublicSettings, ReminderEvent, SettingsPatch, Snapshot, StaffMember } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { createApp } from '../../electron/main/app/app';
import { plainVault } from '../../electron/main/app/plain-vault';
import type { AppOptions, SecretVault, YoumiApp } from '../../electron/main/app/types';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { createFileStore } from '../../electron/main/store/file-store';
import { closedPort } from '../api/harness';
import { HOUR, MIN } from '../service/support/fixtures';
import { T0 } from '../service/support/harness';

/** Everything any result or snapshot in this file is checked against. */
const seen: string[] = [];
const record = (value: unknown): void => {
  seen.push(JSON.stringify(value));
};

let account: Simulator;
/** The account simulator's secret (its credentials are fixed): must never leave the vault. */
let SECRET: string;
const WRONG_SECRET = 'wrong-secret-5tXq0Vb9';
/** An id the demo data also uses, added to the account simulator with another title. */
let sharedId: number;
const ACCOUNT_TITLES = ['账户待办 A', '账户待办 B', '账户待办 C'];

const clock = new VirtualClock(T0);
const dirs: string[] = [];
const apps: YoumiApp[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'youmi-app-'));
  dirs.push(dir);
  return dir;
}

interface Opened {
  app: YoumiApp;
  dir: string;
  reminders: ReminderEvent[];
  opened: string[];
  call<T>(method: string, ...args: unknown[]): Promise<Result<T>>;
  value<T>(method: string, ...args: unknown[]): Promise<T>;
}

async function open(
  o: { dir?: string; overrides?: AppOptions['overrides']; start?: boolean; vault?: SecretVault; clock?: VirtualClock; locales?: string[] } = {},
): Promise<Opened> {
  const dir = o.dir ?? tempDir();
  const reminders: ReminderEvent[] = [];
  const opened: string[] = [];
  const app = await createApp({
    dataDir: dir,
    store: createFileStore({ dataDir: dir }),
    vault: o.vault ?? plainVault,
    notifier: { notify: (r) => reminders.push(r) },
    host: {
      hideWindow: () => {},
      setPinned: () => {},
      openExternal: async (url) => {
        opened.push(url);
      },
    },
    log: () => {},
    clock: o.clock ?? clock,
    ...(o.overrides ? { overrides: o.overrides } : {}),
    ...(o.locales ? { locales: () => o.locales! } : {}),
  });
  apps.push(app);
  app.onSnapshot(record);
  if (o.start !== false) await app.start();
  const call = async <T>(method: string, ...args: unknown[]): Promise<Result<T>> => {
    const r = (await app.dispatch(method, args)) as Result<T>;
    record(r);
    return r;
  };
  const value = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const r = await call<T>(method, ...args);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.kind} ${r.error.detail}`);
    return r.value;
  };
  return { app, dir, reminders, opened, call, value };
}

const snap = async (o: Opened): Promise<Snapshot> => o.value<Snapshot>('getSnapshot');

const accountPatch = (over: SettingsPatch = {}): SettingsPatch => ({
  baseUrl: account.url,
  tokenUrl: account.tokenUrl,
  clientId: account.credentials.clientId,
  clientSecret: SECRET,
  staffCode: account.demoStaff,
  ...over,
});

const stateText = (dir: string): string => readFileSync(join(dir, 'state.json'), 'utf8');
const savedSettings = (dir: string): Record<string, unknown> =>
  (JSON.parse(stateText(dir)) as { settings: Record<string, unknown> }).settings;

/** Whether anything still answers on the demo simulator's port. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/connect/token`, { method: 'POST', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  account = await startSimulator({ port: 0, now: () => clock.now(), demoData: false });
  SECRET = account.credentials.clientSecret;
  // The demo simulator seeds from (seed 1, now): look at what it holds to pick a shared id.
  const probe = await startSimulator({ port: 0, now: () => clock.now() });
  const demoIds = probe.admin
    .todos()
    .filter((t) => t.sate === 0 && (JSON.parse(t.recipientData) as string[]).includes(probe.demoStaff))
    .map((t) => t.id);
  await probe.close();
  sharedId = demoIds[0]!;
  account.admin.addTodo({ id: sharedId, remindTitle: ACCOUNT_TITLES[0]!, remindTime: formatChinaTime(T0 + 2 * HOUR) });
  account.admin.addTodo({ remindTitle: ACCOUNT_TITLES[1]!, remindTime: formatChinaTime(T0 + 3 * HOUR) });
  account.admin.addTodo({ remindTitle: ACCOUNT_TITLES[2]!, remindTime: formatChinaTime(T0 + 30 * MIN), isAlways: true });
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

afterAll(async () => {
  await account?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  // Every result, event and snapshot the tests saw: the secret never crossed the bridge.
  expect(seen.length).toBeGreaterThan(20);
  for (const text of seen) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(WRONG_SECRET);
    expect(text).not.toContain(plainVault.seal(SECRET));
  }
});

describe('createApp with no account', () => {
  it('runs the demo: the in-process simulator, its todos after start', async () => {
    const o = await open({ start: false });
    const before = o.app.snapshot();
    record(before);
    expect(before.demo).toBe(true);
    expect(before.todos).toEqual([]);

    const info = o.app.demoInfo();
    expect(info).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), staff: 'b08' });
    expect(await reachable(info!.url)).toBe(true);

    await o.app.start();
    const s = await snap(o);
    expect(s.demo).toBe(true);
    expect(s.staff).toBe('b08');
    expect(s.status.state).toBe('ok');
    expect(s.todos.length).toBeGreaterThan(0);
    expect(s.todos.every((t) => t.recipients.includes('b08') && t.local.done === false)).toBe(true);
    expect(s.todos.map((t) => t.id)).toContain(sharedId);

    const settings = await o.value<PublicSettings>('getSettings');
    expect(settings).toMatchObject({ mode: 'unset', baseUrl: '', clientSecretSet: false, secretStorage: 'none' });

    await o.app.stop();
    expect(await reachable(info!.url)).toBe(false);
  });

  it('lists the staff directory of the demo simulator', async () => {
    const o = await open();
    const staff = await o.value<StaffMember[]>('listStaff', {});
    expect(staff.length).toBeGreaterThan(3);
    expect(staff).toContainEqual(expect.objectContaining({ code: 'b08', name: '张三' }));
  });

  it('never offers demo staff for a real account that is not filled in yet (issue 11 item 10)', async () => {
    const o = await open();
    const r = await o.call<StaffMember[]>('listStaff', { mode: 'account' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'config' } });
  });
});

describe('an account saved through the bridge', () => {
  it('switches to the account: demo simulator closed, todos from that server, secret only sealed', async () => {
    const o = await open();
    const demoUrl = o.app.demoInfo()!.url;
    expect((await snap(o)).demo).toBe(true);

    const saved = await o.value<PublicSettings>('saveSettings', accountPatch());
    expect(saved).toMatchObject({
      mode: 'account',
      baseUrl: account.url,
      clientId: account.credentials.clientId,
      staffCode: 'b08',
      clientSecretSet: true,
      secretStorage: 'plain-no-keyring',
    });
    expect(saved).not.toHaveProperty('clientSecret');
    expect(saved).not.toHaveProperty('clientSecretSealed');

    expect(o.app.demoInfo()).toBeNull();
    expect(await reachable(demoUrl)).toBe(false);

    const s = await snap(o);
    expect(s.demo).toBe(false);
    expect(s.status.state).toBe('ok');
    expect(s.todos.map((t) => t.title).sort()).toEqual([...ACCOUNT_TITLES].sort());

    const settings = await o.value<PublicSettings>('getSettings');
    expect(settings).toEqual(saved);
    expect(JSON.stringify(o.app.settings())).not.toContain(SECRET);

    // At rest: sealed by the vault, never the raw string.
    const text = stateText(o.dir);
    expect(text).not.toContain(SECRET);
    expect(savedSettings(o.dir)).toMatchObject({ clientSecretSealed: plainVault.seal(SECRET), mode: 'account' });

    // A second start on the same data dir goes straight to the account.
    await o.app.stop();
    const again = await open({ dir: o.dir });
    expect(again.app.demoInfo()).toBeNull();
    const s2 = await snap(again);
    expect(s2.demo).toBe(false);
    expect(s2.todos.map((t) => t.title).sort()).toEqual([...ACCOUNT_TITLES].sort());
  });

  it('clearing the secret says so, and the account can no longer connect', async () => {
    const o = await open();
    await o.value('saveSettings', accountPatch());
    const cleared = await o.value<PublicSettings>('saveSettings', { clientSecret: '' });
    expect(cleared.clientSecretSet).toBe(false);
    expect(cleared.secretStorage).toBe('none');
    expect(savedSettings(o.dir).clientSecretSealed).toBe('');
    const s = await snap(o);
    expect(s.demo).toBe(false); // mode stays 'account': no silent fallback to demo data
    expect(s.status.state).toBe('config-missing');
  });
});

describe('reminders', () => {
  it('reach the host’s notifier and onReminder at the remind time, once', async () => {
    // Its own clock: moving the shared one would change what the demo simulator seeds.
    const own = new VirtualClock(T0);
    const o = await open({ clock: own });
    await o.value('saveSettings', accountPatch());
    o.reminders.length = 0; // the demo's overdue todos, delivered at start
    const events: ReminderEvent[] = [];
    o.app.onReminder((r) => events.push(r));
    const due = (await snap(o)).todos.find((t) => t.title === ACCOUNT_TITLES[2])!;
    expect(due.nextReminderAt).toBe(new Date(T0 + 30 * MIN).toISOString());

    const settle = async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    };
    await own.advanceAsync(30 * MIN - 1000, settle);
    expect(o.reminders).toEqual([]);
    await own.advanceAsync(1000, settle);
    expect(o.reminders.map((r) => [r.kind, r.todoIds, r.at])).toEqual([['single', [due.id], new Date(T0 + 30 * MIN).toISOString()]]);
    expect(o.reminders[0]!.title).toContain(ACCOUNT_TITLES[2]);
    expect(events).toEqual(o.reminders);
    record(events);

    // Done stops the repeats of this isAlways todo.
    await o.value('markDone', [due.id]);
    await own.advanceAsync(30 * MIN, settle);
    expect(o.reminders).toHaveLength(1);
  });
});

describe('a secret this vault cannot open', () => {
  /** Like the Electron shell's safeStorage vault: the plain vault cannot open what it sealed. */
  const otherVault: SecretVault = {
    storage: 'encrypted',
    seal: (plain) => `enc:${Buffer.from(plain).toString('hex')}`,
    open: (sealed) => Buffer.from(sealed.slice(4), 'hex').toString(),
  };

  it('fails the save that needs it with a config error, and a later save with a new secret still connects', async () => {
    const dir = tempDir();
    const desktop = await open({ dir, vault: otherVault, start: false });
    await desktop.value('saveSettings', { ...accountPatch(), mode: 'demo' });
    await desktop.app.stop();
    expect(stateText(dir)).not.toContain(SECRET);

    const o = await open({ dir });
    expect((await snap(o)).demo).toBe(true);
    const failed = await o.call('saveSettings', { mode: 'account' });
    expect(failed).toMatchObject({ ok: false, error: { kind: 'config', detail: expect.stringMatching(/cannot be decrypted/) } });

    const fixed = await o.call<PublicSettings>('saveSettings', { clientSecret: SECRET });
    expect(fixed).toMatchObject({ ok: true, value: { mode: 'account', clientSecretSet: true } });
    const s = await snap(o);
    expect(s.demo).toBe(false);
    expect(s.todos.map((t) => t.title).sort()).toEqual([...ACCOUNT_TITLES].sort());
  });
  it('does not keep the app from starting: it starts unconfigured and says which setting to enter', async () => {
    const dir = tempDir();
    const desktop = await open({ dir, vault: otherVault, start: false });
    await desktop.value('saveSettings', accountPatch());
    await desktop.app.stop();

    const o = await open({ dir });
    const s = await snap(o);
    expect(s.demo).toBe(false);
    expect(s.status.state).toBe('config-missing');
    expect(o.app.settings()).toMatchObject({ mode: 'account', clientSecretSet: true });
    const fixed = await o.call<PublicSettings>('saveSettings', { clientSecret: SECRET });
    expect(fixed.ok).toBe(true);
    expect((await snap(o)).todos.map((t) => t.title).sort()).toEqual([...ACCOUNT_TITLES].sort());
  });
});

describe('overrides (flags, environment)', () => {
  it('win over saved settings and are never saved', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const dir = tempDir();
    // Saved: an account that cannot work (nothing listens there, another staff code).
    const first = await open({ dir, start: false });
    await first.value('saveSettings', { baseUrl: dead, tokenUrl: `${dead}/connect/token`, clientId: 'saved-id', clientSecret: 'saved-secret', staffCode: 'b11' });
    await first.app.stop();

    const o = await open({
      dir,
      overrides: { baseUrl: account.url, tokenUrl: account.tokenUrl, clientId: account.credentials.clientId, clientSecret: SECRET, staffCode: 'b08' },
    });
    expect(o.app.settings()).toMatchObject({ baseUrl: account.url, clientId: account.credentials.clientId, staffCode: 'b08', clientSecretSet: true });
    const s = await snap(o);
    expect(s.status.state).toBe('ok');
    expect(s.staff).toBe('b08');
    expect(s.todos.map((t) => t.title).sort()).toEqual([...ACCOUNT_TITLES].sort());

    // Saving something else writes the saved values back, not the overrides.
    const after = await o.value<PublicSettings>('saveSettings', { pollIntervalSec: 30 });
    expect(after).toMatchObject({ baseUrl: account.url, staffCode: 'b08', pollIntervalSec: 30 });
    const onDisk = savedSettings(dir);
    expect(onDisk).toMatchObject({
      baseUrl: dead,
      clientId: 'saved-id',
      staffCode: 'b11',
      clientSecretSealed: plainVault.seal('saved-secret'),
      pollIntervalSec: 30,
    });
    expect(JSON.stringify(onDisk)).not.toContain(account.url);
    expect(stateText(dir)).not.toContain(plainVault.seal(SECRET));

    // Without the overrides, the saved (broken) account is what runs: nothing leaked in.
    await o.app.stop();
    const plain = await open({ dir });
    expect(plain.app.settings()).toMatchObject({ baseUrl: dead, clientId: 'saved-id', staffCode: 'b11' });
    const s2 = await snap(plain);
    expect(s2.demo).toBe(false);
    expect(s2.staff).toBe('b11');
    expect(s2.status.state).toBe('offline');
  });
});

describe('testConnection', () => {
  const stepOf = (r: DoctorReport, step: string) => r.steps.find((s) => s.step === step);

  it('passes every step for a good draft, without saving it', async () => {
    const o = await open();
    const r = await o.value<DoctorReport>('testConnection', accountPatch());
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([
      ['config', true],
      ['token', true],
      ['count', true],
      ['staff', true],
    ]);
    expect((await o.value<PublicSettings>('getSettings')).baseUrl).toBe('');
    expect((await snap(o)).demo).toBe(true);
  });

  it('a wrong secret fails the token step with kind auth', async () => {
    const o = await open();
    const r = await o.value<DoctorReport>('testConnection', accountPatch({ clientSecret: WRONG_SECRET }));
    expect(r.ok).toBe(false);
    expect(stepOf(r, 'config')?.ok).toBe(true);
    const token = stepOf(r, 'token');
    expect(token).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(r.steps.at(-1)).toBe(token);
  });

  it('an unknown staff code fails the staff step', async () => {
    const o = await open();
    const r = await o.value<DoctorReport>('testConnection', accountPatch({ staffCode: 'b99' }));
    expect(r.ok).toBe(false);
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([
      ['config', true],
      ['token', true],
      ['count', true],
      ['staff', false],
    ]);
    expect(stepOf(r, 'staff')?.error).toMatchObject({ kind: 'business', code: 200010 });
  });

  it('a draft without a secret fails at the config step', async () => {
    const o = await open();
    const r = await o.value<DoctorReport>('testConnection', accountPatch({ clientSecret: '' }));
    expect(r.ok).toBe(false);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ step: 'config', ok: false, error: { kind: 'config' } });
  });
});

describe('useDemo and per-scope done marks', () => {
  it('keeps the demo’s and the account’s done marks apart, across switches', async () => {
    const o = await open();
    const doneIn = (s: Snapshot, id: number) => s.todos.find((t) => t.id === id)?.local.done;

    // Demo: mark the id both servers use.
    await o.value('markDone', [sharedId]);
    const demo1 = await snap(o);
    expect(doneIn(demo1, sharedId)).toBe(true);
    expect(demo1.todos.find((t) => t.id === sharedId)?.local.doneAt).toBe(new Date(clock.now()).toISOString());

    // Account: the same id is another todo there, not done; mark another one done.
    await o.value('saveSettings', accountPatch());
    const acc1 = await snap(o);
    expect(acc1.demo).toBe(false);
    const shared = acc1.todos.find((t) => t.id === sharedId);
    expect(shared?.title).toBe(ACCOUNT_TITLES[0]);
    expect(shared?.local.done).toBe(false);
    const other = acc1.todos.find((t) => t.title === ACCOUNT_TITLES[1])!.id;
    await o.value('markDone', [other]);

    // Back to demo: a fresh demo simulator, the demo mark still there.
    await o.value('useDemo');
    expect(o.app.settings().mode).toBe('demo');
    expect(o.app.demoInfo()).not.toBeNull();
    const demo2 = await snap(o);
    expect(demo2.demo).toBe(true);
    expect(doneIn(demo2, sharedId)).toBe(true);
    expect(demo2.todos.filter((t) => t.local.done).map((t) => t.id)).toEqual([sharedId]);

    // And to the account again (mode 'account' with the saved credentials).
    await o.value('saveSettings', { mode: 'account' });
    const acc2 = await snap(o);
    expect(acc2.demo).toBe(false);
    expect(doneIn(acc2, sharedId)).toBe(false);
    expect(doneIn(acc2, other)).toBe(true);

    // All of it survives a restart.
    await o.app.stop();
    const again = await open({ dir: o.dir });
    expect(doneIn(await snap(again), other)).toBe(true);
    await again.value('useDemo');
    expect(doneIn(await snap(again), sharedId)).toBe(true);
  });
});

describe('dispatch validates every call', () => {
  const bad: [string, string, unknown][] = [
    ['an unknown method', 'deleteEverything', []],
    ['a method name from Object.prototype', 'toString', []],
    ['arguments that are not an array', 'getSnapshot', { 0: 1 }],
    ['extra arguments', 'getSnapshot', [1]],
    ['ids as strings', 'markDone', [['1']]],
    ['a non-array id list', 'markDone', [1]],
    ['an empty id list', 'undoDone', [[]]],
    ['a negative id', 'markDone', [[-3]]],
    ['an extra key in a settings patch', 'saveSettings', [{ pollIntervalSec: 30, isAdmin: true }]],
    ['a wrongly typed setting', 'saveSettings', [{ pollIntervalSec: '30' }]],
    ['a poll interval below the minimum', 'saveSettings', [{ pollIntervalSec: 5 }]],
    ['a non-http base URL', 'saveSettings', [{ baseUrl: 'file:///etc' }]],
    ['an extra key in a test-connection draft', 'testConnection', [{ clientSecret: 'x', proto: 1 }]],
    ['a snooze with a bad choice', 'snooze', [[1], 'yesterday']],
    ['a snooze without an offset', 'snooze', [[1], '2025-01-07T09:00:00']],
    ['a bad pause choice', 'pause', ['forever']],
    ['setPinned with a string', 'setPinned', ['yes']],
    ['openExternal with a file URL', 'openExternal', ['file:///etc/passwd']],
    ['openExternal with a javascript URL', 'openExternal', ['javascript:alert(1)']],
  ];

  it.each(bad)('rejects %s with invalid-request, without throwing', async (_what, method, args) => {
    const o = await open();
    const before = stateText(o.dir);
    const r = await o.app.dispatch(method, args);
    record(r);
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request', detail: expect.any(String) } });
    expect(o.opened).toEqual([]);
    expect(o.app.settings().pollIntervalSec).toBe(60);
    expect(stateText(o.dir)).toBe(before);
  });

  it('rejects a snooze to a time already passed (valid shape) with invalid-request', async () => {
    const o = await open();
    const id = (await snap(o)).todos[0]!.id;
    const r = await o.call('snooze', [id], new Date(clock.now() - HOUR).toISOString());
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect((await snap(o)).todos[0]!.local.snoozedUntil).toBeNull();
  });

  it('an unknown todo id is not-found; good calls go through', async () => {
    const o = await open();
    expect(await o.call('markDone', [999_999])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const id = (await snap(o)).todos[0]!.id;
    expect(await o.call('snooze', [id], '1h')).toEqual({ ok: true, value: null });
    expect((await snap(o)).todos[0]!.local.snoozedUntil).toBe(new Date(clock.now() + HOUR).toISOString());
    expect(await o.call('openExternal', 'https://example.com/help')).toEqual({ ok: true, value: null });
    expect(o.opened).toEqual(['https://example.com/help']);
  });
});

describe('a rejected setting is never saved (issue 12 item 6)', () => {
  it.each([
    [{ tenantId: '租户 1' }, 'tenantId', 'tenantId'],
    [{ baseUrl: 'https://api.example.com/?tenant=1' }, 'baseUrl', 'urlQuery'],
    [{ tokenUrl: 'ftp://sso.example.com/token' }, 'tokenUrl', 'url'],
    [{ staffCode: 'b 08' }, 'staffCode', 'staffCode'],
  ] as [SettingsPatch, string, string][])('%j is refused with its field and problem, and nothing reaches the disk', async (patch, field, problem) => {
    const o = await open({ start: false });
    await o.value('saveSettings', { theme: 'dark' });
    const before = stateText(o.dir);
    const r = await o.call('saveSettings', { ...patch, sound: false });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request', setting: { field, problem } } });
    expect(stateText(o.dir)).toBe(before);
    expect((await o.value<PublicSettings>('getSettings')).sound).toBe(true);
  });

  it('a hand-edited state file with a bad value falls back to the default for that setting only', async () => {
    const dir = tempDir();
    const first = await open({ dir, start: false });
    await first.value('saveSettings', { theme: 'dark' });
    await first.app.stop();
    const doc = JSON.parse(stateText(dir)) as { settings: Record<string, unknown> };
    doc.settings.pollIntervalSec = 5;
    doc.settings.tenantId = 'bad tenant';
    writeFileSync(join(dir, 'state.json'), JSON.stringify(doc));
    const o = await open({ dir, start: false });
    const s = await o.value<PublicSettings>('getSettings');
    expect([s.pollIntervalSec, s.tenantId, s.theme]).toEqual([60, '', 'dark']);
  });
});

describe('language "system" follows the OS locale', () => {
  it('an English desktop gets English reminder text, a Chinese one Chinese', async () => {
    const en = await open({ clock: new VirtualClock(T0), locales: ['en-US'] });
    expect(en.reminders.length).toBeGreaterThan(0);
    const enText = en.reminders.map((r) => r.title + r.body).join('\n');
    expect(enText).not.toMatch(/错过了|客户：|运营号：/);
    expect(enText).toMatch(/missed|Missed/);
    const zh = await open({ clock: new VirtualClock(T0), locales: ['zh-CN'] });
    expect(zh.reminders.map((r) => r.title + r.body).join('\n')).toMatch(/错过/);
  });
});
