/**
 * bench:reminders — 10,000 open todos (2,000 isAlways, repeating every 10 min) over a
 * simulated 24 h on the virtual clock, through the whole service (scheduler, local state,
 * notification text). Figures, not a timed test.
 *
 * The todo source answers from memory and polls hourly, so the CPU figure is the reminder
 * engine's (bench/sync.ts measures polling). The store is in memory and does not
 * serialise: the number of state writes is printed, their cost per write is in
 * bench/sync.ts. Last line (parsed by scripts):
 *   reminders: <n> todos, <arms> timer arms, <k> notifications, cpu <ms> ms, max lateness <ms> ms
 */
import type { Todo } from '../shared/todo';
import type { TodoSource } from '../electron/main/service/ports';
import { createTodoService } from '../electron/main/service/todo-service';
import { VirtualClock } from '../electron/main/service/virtual-clock';
import { createMemoryStore } from '../electron/main/store/memory-store';

const N = 10_000;
const ALWAYS = 2_000;
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

function makeTodos(): Todo[] {
  const random = rng(20250106);
  const todos: Todo[] = [];
  for (let i = 1; i <= N; i++) {
    // Remind times spread over the day at whole seconds, as people pick them.
    const at = START + Math.floor(random() * (DAY / 1000)) * 1000;
    todos.push({
      id: i,
      title: `回访客户 ${i}`,
      content: '确认收货情况，提醒客户评价',
      remindAt: new Date(at).toISOString(),
      isAlways: i <= ALWAYS,
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

async function main(): Promise<void> {
  const todos = makeTodos();
  const source: TodoSource = {
    listMyOpenTodos: async () => ({ todos, skipped: 0 }),
    getTodo: async (id) => todos.find((t) => t.id === id) ?? null,
  };
  const clock = new VirtualClock(START);
  const store = createMemoryStore({ serialize: false });
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
  await service.start();
  await clock.advanceAsync(DAY, () => service.whenIdle());
  await service.stop();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const stats = service.stats();

  // The cost of the capped re-check when nothing is due: one wake-up a minute.
  const idle = new VirtualClock(START);
  idle.setTimer(() => {}, DAY + 1000);
  const idle0 = process.cpuUsage();
  idle.advance(DAY);
  const idleCpu = process.cpuUsage(idle0);
  const idleWakeups = idle.stats.rawFires;

  const expectedRepeats = todos
    .filter((t) => t.isAlways)
    .reduce((n, t) => n + Math.floor((START + DAY - Date.parse(t.remindAt!)) / 600_000) + 1, 0);
  console.log(`simulated 24 h in ${wallMs.toFixed(0)} ms wall`);
  console.log(
    `expected: ${N - ALWAYS} one-shot + ${expectedRepeats} isAlways occurrences = ${N - ALWAYS + expectedRepeats}; delivered ${stats.scheduler.delivered} (${summaries} summaries)`,
  );
  console.log(`clock: ${clock.stats.rawArms} underlying arms, ${clock.stats.rawFires} wake-ups (the 60 s re-check included)`);
  console.log(`state writes: ${store.stats.writes} (coalesced; in-memory store)`);
  console.log(
    `idle: ${idleWakeups} wake-ups per day when nothing is due, ${((idleCpu.user + idleCpu.system) / idleWakeups).toFixed(1)} µs cpu each`,
  );
  console.log(
    `reminders: ${N} todos, ${stats.scheduler.arms} timer arms, ${notifications} notifications, cpu ${cpuMs.toFixed(0)} ms, max lateness ${stats.scheduler.maxLatenessMs} ms`,
  );
}

await main();
