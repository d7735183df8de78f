/**
 * bench:reminders — open todos (a fifth isAlways, repeating every 10 min) over a simulated
 * 24 h on the virtual clock, through the whole service (scheduler, local state, notification
 * text), with the state on the real file store in a temporary directory: bytes and writes
 * are what a laptop's disk would see. Figures, not a timed test.
 *
 * Runs at 1,000 and then 10,000 todos (SIZES=1000,10000), and for each the same day with
 * the state in memory (no serialising) as the baseline in the same run: the difference is
 * what persisting costs. The todo source answers from memory and polls hourly (bench/sync.ts
 * measures polling). With the journal (service/state-journal.ts) a reminder appends what it
 * changed, so the bytes per reminder printed for each size should not depend on the size. A run stops early once it has written WRITE_BUDGET_MB (default 3000):
 * then the figures cover the simulated time reached, which the line before says.
 *
 * CPU time of the same day varies by ±20% from run to run on a shared 2-core VM, so each
 * day runs RUNS times (default 3), the baseline and the file store taking turns, and the
 * figures are those of the run with the median CPU; every run's CPU is printed too.
 * Last line (parsed by scripts):
 *   reminders: <n> todos, <arms> timer arms, <k> notifications, cpu <ms> ms, max lateness <ms> ms, written <MB> MB in <w> writes
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Todo } from '../shared/todo';
import type { TodoSource } from '../electron/main/service/ports';
import { createTodoService } from '../electron/main/service/todo-service';
import { VirtualClock } from '../electron/main/service/virtual-clock';
import { createFileStore } from '../electron/main/store/file-store';
import { createMemoryStore } from '../electron/main/store/memory-store';

const SIZES = (process.env.SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3));
const BUDGET = Number(process.env.WRITE_BUDGET_MB ?? 3000) * 1024 * 1024;
const STEP = 10 * 60_000;
const DAY = 24 * 3600_000;
const START = Date.parse('2025-01-06T00:00:00+08:00');

/** A small deterministic PRNG (mulberry32), so every run schedules the same day. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeTodos(n: number): Todo[] {
  const random = rng(20250106);
  const todos: Todo[] = [];
  const always = n / 5;
  for (let i = 1; i <= n; i++) {
    // Remind times spread over the day at whole seconds, as people pick them.
    const at = START + Math.floor(random() * (DAY / 1000)) * 1000;
    todos.push({
      id: i,
      title: `回访客户 ${i}`,
      content: '确认收货情况，提醒客户评价',
      remindAt: new Date(at).toISOString(),
      isAlways: i <= always,
      state: 'open',
      stateCode: 0,
      recipients: ['b08'],
      customer: `wxid_${i.toString(36)}`,
      creator: 'b03',
      merchantId: '640462692',
      account: { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' },
      level: { name: i % 3 === 0 ? '紧急' : '普通', color: '#ff0303' },
      completion: 'manual',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
  }
  return todos;
}

interface DayRun {
  n: number;
  cpuMs: number;
  wallMs: number;
  arms: number;
  delivered: number;
  notifications: number;
  summaries: number;
  maxLatenessMs: number;
  writes: number;
  bytes: number;
  /** Of the writes: whole documents (compactions), journal appends, cached-list files. */
  docWrites: number;
  appends: number;
  listWrites: number;
  /** Simulated ms covered (less than a day when the write budget stopped it). */
  covered: number;
  rawArms: number;
  rawFires: number;
}

async function day(n: number, persist: boolean): Promise<DayRun> {
  const todos = makeTodos(n);
  const byId = new Map(todos.map((t) => [t.id, t]));
  const source: TodoSource = {
    listMyOpenTodos: async () => ({ todos, skipped: 0 }),
    getTodo: async (id) => byId.get(id) ?? null,
  };
  const clock = new VirtualClock(START);
  const dir = persist ? fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-bench-reminders-')) : null;
  const store = dir ? createFileStore({ dataDir: dir }) : createMemoryStore({ serialize: false });
  let notifications = 0;
  let summaries = 0;
  const service = createTodoService({
    clock,
    notifier: {
      notify: (r) => {
        notifications++;
        if (r.kind === 'summary') summaries++;
      },
    },
    store,
    source,
    staff: 'b08',
    settings: { pollIntervalSec: 3600, repeatIntervalMin: 10 },
  });

  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let covered = 0;
  try {
    await service.start();
    while (covered < DAY && store.stats.bytesWritten < BUDGET) {
      await clock.advanceAsync(STEP, () => service.whenIdle());
      // The event loop turns between steps, so what the file system reported meanwhile
      // (the journal's watch sees every append) is handled, and counted, here too.
      await new Promise(setImmediate);
      covered += STEP;
    }
    await service.stop();
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  const cpu = process.cpuUsage(cpu0);
  const stats = service.stats();
  return {
    n,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wall0,
    arms: stats.scheduler.arms,
    delivered: stats.scheduler.delivered,
    notifications,
    summaries,
    maxLatenessMs: stats.scheduler.maxLatenessMs,
    writes: store.stats.writes,
    bytes: store.stats.bytesWritten,
    docWrites: 'docWrites' in store.stats ? store.stats.docWrites : store.stats.writes,
    appends: 'appends' in store.stats ? store.stats.appends : 0,
    listWrites: 'listWrites' in store.stats ? store.stats.listWrites : 0,
    covered,
    rawArms: clock.stats.rawArms,
    rawFires: clock.stats.rawFires,
  };
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** The run with the median CPU time (the upper one of an even count). */
function medianByCpu(runs: DayRun[]): DayRun {
  return [...runs].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)]!;
}

function expectedOccurrences(n: number): number {
  const todos = makeTodos(n);
  const repeats = todos
    .filter((t) => t.isAlways)
    .reduce((k, t) => k + Math.floor((START + DAY - Date.parse(t.remindAt!)) / 600_000) + 1, 0);
  return todos.filter((t) => !t.isAlways).length + repeats;
}

async function main(): Promise<void> {
  // The cost of the capped re-check when nothing is due: one wake-up a minute.
  const idle = new VirtualClock(START);
  idle.setTimer(() => {}, DAY + 1000);
  const idle0 = process.cpuUsage();
  idle.advance(DAY);
  const idleCpu = process.cpuUsage(idle0);
  console.log(
    `idle: ${idle.stats.rawFires} wake-ups per day when nothing is due, ${((idleCpu.user + idleCpu.system) / idle.stats.rawFires).toFixed(1)} µs cpu each`,
  );

  let last: DayRun | null = null;
  for (const n of SIZES) {
    const bases: DayRun[] = [];
    const runs: DayRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      bases.push(await day(n, false));
      runs.push(await day(n, true));
    }
    const base = medianByCpu(bases);
    const run = medianByCpu(runs);
    const cpus = (rs: DayRun[]) => rs.map((r) => r.cpuMs.toFixed(0)).join(', ');
    const hours = (run.covered / 3600_000).toFixed(run.covered % 3600_000 ? 2 : 0);
    console.log(`-- ${n} todos (median of ${RUNS} runs by CPU; baseline cpu ${cpus(bases)} ms, file store cpu ${cpus(runs)} ms)`);
    console.log(
      `baseline (state in memory, not serialised): 24 h in ${base.wallMs.toFixed(0)} ms wall, cpu ${base.cpuMs.toFixed(0)} ms; delivered ${base.delivered} of ${expectedOccurrences(n)} expected occurrences (${base.summaries} summaries); ${base.rawArms} underlying arms, ${base.rawFires} wake-ups`,
    );
    console.log(
      `file store: ${hours} h simulated${run.covered < DAY ? ` (stopped: over the ${mb(BUDGET)} MB write budget)` : ''} in ${run.wallMs.toFixed(0)} ms wall, cpu ${run.cpuMs.toFixed(0)} ms; ${run.writes} writes, ${mb(run.bytes)} MB, ${run.writes ? (run.bytes / run.writes / 1024).toFixed(1) : '0'} KB per write`,
    );
    console.log(
      `per reminder: ${(run.bytes / Math.max(1, run.delivered)).toFixed(0)} bytes written (${run.delivered} delivered; ${run.appends} journal appends, ${run.docWrites} documents, ${run.listWrites} list files)`,
    );
    last = run;
    console.log(
      `reminders: ${run.n} todos, ${run.arms} timer arms, ${run.notifications} notifications, cpu ${run.cpuMs.toFixed(0)} ms, max lateness ${run.maxLatenessMs} ms, written ${mb(run.bytes)} MB in ${run.writes} writes`,
    );
  }
  if (!last) throw new Error('SIZES is empty');
}

await main();
