/**
 * A stand-in `window.youmi` for `npm run bench:render` (and for looking at the window with
 * generated data). Runs in the page; bundled as an IIFE in front of the app's module script.
 *
 * ?data=bench  getSnapshot never answers; `__bench.run(n)` delivers n todos through onSnapshot
 *              and resolves with the time until the list is painted and the main thread is free.
 * ?data=demo   a small varied set at once (default). ?n=N for N generated todos at once.
 * ?lang=en|zh-CN|system  ?theme=light|dark|system  ?mode=unset|demo|account  ?state=offline|...
 */
import { diffSnapshots } from '../electron/main/app/snapshot-deltas';
import type { SnapshotMessage } from '../shared/contract/delta';
import { createSnapshotReceiver } from '../shared/contract/delta-apply';
import type { PublicSettings, Snapshot, SyncState, TodoView, YoumiBridge } from '../shared/contract/types';
import type { Result } from '../shared/errors';

interface PageGlobals {
  location: { search: string };
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): number;
  document: {
    querySelectorAll(selector: string): { length: number };
    querySelector(selector: string): { textContent: string | null } | null;
    body: { textContent: string | null };
  };
  youmi?: YoumiBridge;
  /** Present when chromium runs with --js-flags=--expose-gc. */
  gc?: () => void;
  __bench?: {
    run(n: number): Promise<{ ms: number; rows: number }>;
    update(full?: boolean): Promise<{ ms: number; bytes: number }>;
  };
}
const page = globalThis as unknown as PageGlobals;
const params = new URLSearchParams(page.location.search);
const MIN = 60_000;

const LEVELS = [
  { name: '紧急', color: '#ff0303' },
  { name: '重要', color: '#ff9900' },
  { name: '普通', color: '#2f6fe0' },
  { name: '低', color: '#8bc34a' },
  { name: null, color: null },
] as const;
const KINDS = ['wechat', 'wecom', 'official', 'miniprogram'] as const;
const COMPLETIONS = ['manual', 'contact', 'like-moments', 'comment-moments'] as const;
const TITLES = ['回访客户确认收货', '提醒客户续费会员', '跟进退款进度', '发送新品优惠券', '给客户朋友圈点赞', '确认安装预约时间'];

export function generateTodos(n: number, now: number): TodoView[] {
  const todos: TodoView[] = [];
  for (let i = 0; i < n; i++) {
    const id = 100_000 + i;
    const level = LEVELS[i % LEVELS.length] ?? LEVELS[0];
    const offsetMin = ((i * 7919) % (7 * 24 * 60)) - 2 * 24 * 60; // two days ago .. five days ahead
    const done = i % 23 === 5;
    todos.push({
      id,
      title: `${TITLES[i % TITLES.length]} #${i + 1}`,
      content: i % 3 === 0 ? null : `客户上次咨询了售后问题，需要在今天之内再次联系确认处理结果。编号 ${id}。`,
      remindAt: i % 17 === 3 ? null : new Date(now + offsetMin * MIN).toISOString(),
      isAlways: i % 7 === 0,
      state: 'open',
      stateCode: 0,
      recipients: ['b08'],
      customer: `wxid_c${(id * 2654435761) % 1e9}`,
      creator: 'b03',
      merchantId: '640462692',
      account: { id: 3430 + (i % 5), wechatNo: `kkk${368555 + (i % 5)}`, nick: `个微P0${(i % 5) + 1}`, kind: KINDS[i % KINDS.length] ?? 'wechat' },
      level: { name: level.name, color: level.color },
      completion: COMPLETIONS[i % COMPLETIONS.length] ?? 'manual',
      createdAt: new Date(now - 3 * 24 * 60 * MIN).toISOString(),
      local: { done, doneAt: done ? new Date(now - 10 * MIN).toISOString() : null, snoozedUntil: null },
      closed: i % 29 === 7 ? { reason: 'handled', at: new Date(now - 5 * MIN).toISOString() } : null,
      nextReminderAt: null,
    });
  }
  return todos;
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
  const v = params.get(name);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
};

const settings: PublicSettings = {
  baseUrl: 'https://api.example.com',
  tokenUrl: 'https://sso.yunshouzhi.net/connect/token',
  clientId: 'bench',
  clientSecretSet: true,
  secretStorage: 'encrypted',
  tenantId: '',
  staffCode: 'b08',
  pollIntervalSec: 60,
  repeatIntervalMin: 10,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  launchAtLogin: false,
  sound: true,
  language: pick('lang', ['system', 'zh-CN', 'en'] as const, 'system'),
  theme: pick('theme', ['system', 'light', 'dark'] as const, 'system'),
  mode: pick('mode', ['unset', 'demo', 'account'] as const, 'account'),
};

function snapshotOf(todos: TodoView[]): Snapshot {
  const now = Date.now();
  const state = pick<SyncState>('state', ['ok', 'syncing', 'offline', 'auth-failed', 'config-missing', 'error'], 'ok');
  return {
    todos,
    status: {
      state,
      lastSuccessAt: new Date(now - 2 * MIN).toISOString(),
      lastError: state === 'auth-failed' ? { kind: 'business', code: 10003, detail: 'token' } : state === 'ok' ? null : { kind: 'network', detail: 'down' },
      nextSyncAt: new Date(now + MIN).toISOString(),
    },
    reminders: { pausedUntil: params.has('paused') ? new Date(now + 30 * MIN).toISOString() : null, quietNow: false },
    demo: settings.mode === 'demo',
    staff: 'b08',
    generatedAt: new Date(now).toISOString(),
  };
}

const listeners = new Set<(s: Snapshot) => void>();
const benchMode = params.get('data') === 'bench';
const never = new Promise<never>(() => {});

const frame = (): Promise<void> => new Promise((resolve) => page.requestAnimationFrame(() => resolve()));
/** After the next frame is produced and any work queued behind it has run. */
const painted = (): Promise<void> => frame().then(() => new Promise((resolve) => setTimeout(resolve, 0)));

page.youmi = {
  getSnapshot: () => (benchMode ? never : ok(snapshotOf(generateTodos(Number(params.get('n') ?? 40), Date.now())))),
  markDone: () => ok(null),
  undoDone: () => ok(null),
  snooze: () => ok(null),
  refresh: () => ok(null),
  pause: () => ok(null),
  getSettings: () => ok(settings),
  saveSettings: (patch) => ok(Object.assign(settings, patch)),
  testConnection: () => ok({ ok: true, steps: [] }),
  listStaff: () => ok([]),
  useDemo: () => ok(null),
  useRelay: () => ok(settings),
  hideWindow: () => ok(null),
  setPinned: () => ok(null),
  openConversation: () => ok({ message: null }),
  followUp: () => ok({ id: 1 }),
  createTodo: () => ok({ id: 1 }),
  handOff: () => ok({ id: 1 }),
  getHistory: () => ok([]),
  listColleagues: () => ok([]),
  onSnapshot: (listener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  onReminder: () => () => {},
  onFocusTodo: () => () => {},
  onOpenSettings: () => () => {},
  onNewTodo: () => () => {},
};

let delivered: Snapshot | null = null;
let edits = 0;
/** The browser host's page side: a full snapshot per connection, then deltas (seq from 1). */
let seq = 0;
const receiver = createSnapshotReceiver(
  (s) => {
    for (const listener of listeners) listener(s);
  },
  () => {
    throw new Error('the bench page saw a gap in the snapshot sequence');
  },
);

page.__bench = {
  async run(n) {
    const snapshot = snapshotOf(generateTodos(n, Date.now()));
    delivered = snapshot;
    page.gc?.(); // the garbage left by generating the data is not part of its arrival
    await painted();
    const t0 = page.performance.now();
    receiver.reset();
    seq = 1;
    receiver.receive({ seq, full: snapshot });
    while (page.document.querySelectorAll('[role="row"][aria-level="2"]').length === 0) await frame();
    await painted();
    return { ms: page.performance.now() - t0, rows: page.document.querySelectorAll('[role="row"]').length };
  },
  /**
   * One todo of the list painted by run() changes its title (one on screen, so the paint is
   * seen), and the host sends what the browser host sends: the delta its feed computes
   * (app/snapshot-deltas.ts), as the socket frames it; with `full`, the whole snapshot as
   * before deltas (the reference). Timed from the message's arrival (its JSON.parse) to the
   * new title painted with a free main thread.
   */
  async update(full = false) {
    if (!delivered) throw new Error('update() before run()');
    const row = page.document.querySelector('[role="row"][aria-level="2"]');
    const index = Number(/#(\d+)/.exec(row?.textContent ?? '')?.[1] ?? Number.NaN) - 1;
    const target = delivered.todos[index];
    if (!target) throw new Error(`no todo behind the first row (${row?.textContent ?? 'none'})`);
    const title = `${target.title} 已改 ${++edits}`;
    const next: Snapshot = { ...delivered, todos: delivered.todos.map((t) => (t === target ? { ...t, title } : t)), generatedAt: new Date().toISOString() };
    seq += 1;
    const body: SnapshotMessage = full ? { seq, full: next } : { seq, delta: diffSnapshots(delivered, next)! };
    const message = JSON.stringify({ type: 'event', channel: 'snapshot', payload: body });
    delivered = next;
    page.gc?.();
    await painted();
    const t0 = page.performance.now();
    const { payload } = JSON.parse(message) as { payload: SnapshotMessage };
    receiver.receive(payload);
    while (!(page.document.body.textContent ?? '').includes(title)) await frame();
    await painted();
    return { ms: page.performance.now() - t0, bytes: message.length };
  },
};
